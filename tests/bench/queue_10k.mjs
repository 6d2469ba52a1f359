// The help queue with 10,000 open requests (issue 14), in Chromium at 1280x800: how long the queue
// page takes to show its first 100 rows; whether scrolling through them stalls (frame gaps while the
// page scrolls and the waits tick every second); how long each further 100 take (显示更多) up to
// 1,000, and scrolling through those. Baseline: the same page and steps with 10 open requests.
//   node tests/bench/queue_10k.mjs [REQUESTS=10000]     (after scripts/build.sh)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../e2e/browser.mjs';
import { STAFF_PASSWORD, startServer } from '../server/server_process.mjs';
import { figure, saveFigures } from './figures.mjs';

const requests = Number(process.argv[2] || 10000);
const root = new URL('../..', import.meta.url).pathname;
const binary = join(root, 'build/native/bin/elder-server');
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

// A server whose database holds `count` open requests (one in 20 an SOS), written straight into
// SQLite: the API's own quotas would (rightly) refuse 10,000 requests in an hour.
async function queueOf(count) {
  const dir = mkdtempSync(join(tmpdir(), 'elder-queue-bench-'));
  const args = ['--db', join(dir, 'q.db'), '--demo', '--demo-dir', join(root, 'assets/demo'), '--web-root', join(root, 'build/wasm/site'), '--quiet'];
  await (await startServer(binary, args, { staff: true })).stop();  // creates, migrates, adds the staff accounts
  const seed = spawnSync('sqlite3', [join(dir, 'q.db'), `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    INSERT INTO help_requests (ticket, owner, kind, message, status, note, created, updated)
    SELECT 'B' || printf('%07d', i), 'r:' || (i % 500 + 1), CASE WHEN i % 20 = 0 THEN 'sos' ELSE 'repair' END, '楼道的灯坏了，晚上看不见路，请派人来修',
      'received', '', strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now', '+8 hours', '-' || i || ' seconds'),
      strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now', '+8 hours', '-' || i || ' seconds') FROM n;`], { encoding: 'utf8' });
  if (seed.status !== 0) throw new Error('seeding failed: ' + seed.stderr);
  return startServer(binary, args);
}

// Scrolls from top to bottom 100 px a frame; returns every frame's gap (ms).
function scrollThrough(page) {
  return page.evaluate(() => new Promise((resolve) => {
    window.scrollTo(0, 0);
    const out = [];
    let last = performance.now();
    const step = (now) => {
      out.push(now - last);
      last = now;
      if (window.scrollY + window.innerHeight >= document.body.scrollHeight - 1 || out.length > 5000) return resolve(out.slice(1));
      window.scrollBy(0, 100);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }));
}

async function measure(browser, server, pages) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + '/staff/');
  await page.getByLabel('登录名').fill('tester');
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#queue[aria-busy="false"]').waitFor();
  await page.reload();  // signed in: now time a visit from its start
  await page.waitForFunction(() => document.querySelector('#queue[aria-busy="false"]') && document.querySelectorAll('#queue tbody tr').length > 0,
    null, { timeout: 60000, polling: 'raf' });
  const firstMs = await page.evaluate(() => performance.now());
  const firstGaps = await scrollThrough(page);
  const moreMs = [];
  for (let i = 1; i < pages; i++) {
    const button = page.getByRole('button', { name: /显示更多/ });
    if (!(await button.count())) break;
    const started = Date.now();
    await button.click();
    await page.waitForFunction((n) => document.querySelectorAll('#queue tbody tr').length >= n && document.querySelector('#queue[aria-busy="false"]'),
      (i + 1) * 100, { timeout: 30000, polling: 'raf' });
    moreMs.push(Date.now() - started);
  }
  const rows = await page.locator('#queue tbody tr').count();
  const gaps = await scrollThrough(page);
  await page.close();
  return { firstMs, firstGaps, moreMs, rows, gaps };
}

const browser = await launch();
const big = await queueOf(requests);
const small = await queueOf(10);
try {
  const b = await measure(browser, big, 10);
  const s = await measure(browser, small, 10);
  console.log(`## The help queue page with ${requests} open requests (baseline: 10), Chromium 1280x800`);
  console.log(`first rows on screen after navigation start: ${Math.round(b.firstMs)} ms (baseline ${Math.round(s.firstMs)} ms)`);
  console.log(`显示更多, 100 rows at a time up to ${b.rows}: median ${pct(b.moreMs, 50)} ms, max ${Math.max(...b.moreMs)} ms`);
  console.log(`scrolling through the first 100 rows: gap p50 ${pct(b.firstGaps, 50).toFixed(1)} ms, max ${Math.max(...b.firstGaps).toFixed(1)} ms ` +
    `(baseline max ${Math.max(...s.firstGaps).toFixed(1)} ms)`);
  console.log(`scrolling through ${b.rows} rows (${s.rows} in the baseline): ${b.gaps.length} frames, gap p50 ${pct(b.gaps, 50).toFixed(1)} ms, ` +
    `p99 ${pct(b.gaps, 99).toFixed(1)} ms, max ${Math.max(...b.gaps).toFixed(1)} ms (baseline max ${Math.max(...s.gaps).toFixed(1)} ms)`);
  figure({ name: `queue page, first rows, ${requests.toLocaleString('en-US')} open requests`, value: b.firstMs, unit: 'ms',
    baseline: { name: '10 open requests', value: s.firstMs } });
  figure({ name: `queue page, 100 more rows (显示更多), slowest of ${b.moreMs.length}`, value: Math.max(...b.moreMs), unit: 'ms' });
  // A stall is a frame that waits longer than a tenth of a second: people see the page stick.
  figure({ name: 'queue page as it opens (100 rows), longest frame while scrolling', value: Math.max(...b.firstGaps), unit: 'ms',
    baseline: { name: `scrolling ${s.rows} rows`, value: Math.max(...s.firstGaps) }, goal: { at_most: 100 } });
  figure({ name: `queue page, longest frame while scrolling ${b.rows} rows`, value: Math.max(...b.gaps), unit: 'ms',
    baseline: { name: `scrolling ${s.rows} rows`, value: Math.max(...s.gaps) } });
  saveFigures('queue_10k');
} finally {
  await browser.close();
  await big.stop();
  await small.stop();
}
