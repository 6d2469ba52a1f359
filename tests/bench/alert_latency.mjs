// Alert latency for docs/PERFORMANCE.md: an alert published through the staff API, until it is on
// screen (the frame that shows it has been drawn and reported) on a running TV app (Xvfb) and a
// running kiosk page (Chromium). Baseline: a bare event-stream client in this script.
//   node tests/bench/alert_latency.mjs [ALERTS=20]     (after scripts/build.sh)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, report, waitForState, waitReady, confirmAlerts } from '../e2e/browser.mjs';
import { client } from '../server/api_client.mjs';
import { startServer } from '../server/server_process.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';

const count = Number(process.argv[2] || 20);
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'elder-alert-bench-'));
const STAFF = 'staff-token-for-the-latency-benchmark';
writeFileSync(join(dir, 'server.json'), JSON.stringify({ staff_token: STAFF }));
const server = await startServer(join(root, 'build/native/bin/elder-server'), ['--config', join(dir, 'server.json'),
  '--db', join(dir, 'a.db'), '--demo', '--demo-dir', join(root, 'assets/demo'), '--web-root', join(root, 'build/wasm/site'), '--quiet']);
const api = client(server.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

// The baseline: a plain SSE reader that notes when each alert event arrives.
const seen = new Map();
const controller = new AbortController();
fetch(server.url + '/api/v1/alerts/stream', { signal: controller.signal }).then(async (res) => {
  const reader = res.body.getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true }));
    if (done) return;
    buffer += Buffer.from(value).toString('utf8');
    for (const m of buffer.matchAll(/"headline":"延迟测试 (\d+)"/g)) if (!seen.has(m[1])) seen.set(m[1], Date.now());
    buffer = buffer.slice(-2000);
  }
});

const xvfb = await startXvfb();
const tv = startTvApp(join(root, 'build/native/bin/elder-tvapp'), ['--server', server.url, '--data-dir', join(dir, 'data')],
  { display: xvfb.display, report: join(dir, 'report.json') });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
try {
  await page.goto(server.url + '/');
  await waitReady(page);
  await confirmAlerts(page);
  await tv.waitFor((r) => r.data.stream_open && r.data.resources.alerts.freshness === 'current', 20000);
  tv.press('Return');  // confirm the demo's severe alert
  await tv.waitFor((r) => r.interruption === null, 5000);
  await waitForState(page, () => window.elder.report().data.stream_open, null, 10000);

  const tvMs = [], webMs = [], rawMs = [];
  for (let i = 1; i <= count; i++) {
    const before = { tv: tv.readReport().data.resources.alerts.count, web: (await report(page)).data.resources.alerts.count };
    const t0 = Date.now();
    const res = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', info: [{ category: ['Safety'], event: '测试',
      severity: 'Minor', urgency: 'Future', certainty: 'Likely', headline: `延迟测试 ${i}`, description: '基准测试。' }] },
      { token: STAFF });
    if (res.status !== 201) throw new Error('publish failed: ' + res.status);
    const [tvDone, webDone] = await Promise.all([
      tv.waitFor((r) => r.data.resources.alerts.count > before.tv, 10000).then(() => Date.now()),
      waitForState(page, (n) => window.elder.report().data.resources.alerts.count > n, before.web, 10000).then(() => Date.now()),
    ]);
    tvMs.push(tvDone - t0);
    webMs.push(webDone - t0);
    if (seen.has(String(i))) rawMs.push(seen.get(String(i)) - t0);
    await sleep(300);
  }
  const line = (name, xs) => console.log(`${name.padEnd(36)} p50 ${pct(xs, 50)} ms   p99 ${pct(xs, 99)} ms   max ${Math.max(...xs)} ms   (${xs.length})`);
  console.log(`## Publish -> on screen, ${count} alerts (the report of the frame that shows it; polled every 25-50 ms)`);
  line('bare event-stream client (baseline)', rawMs);
  line('TV app under Xvfb', tvMs);
  line('kiosk page in Chromium', webMs);
} finally {
  controller.abort();
  await browser.close();
  await tv.stop();
  xvfb.stop();
  await server.stop();
}
