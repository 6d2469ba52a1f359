// Alert latency for docs/PERFORMANCE.md: an alert published through the staff API, until it is on
// screen (the frame that shows it has been drawn and reported) on a running TV app (Xvfb) and a
// running kiosk page (Chromium). Baseline: a bare event-stream client in this script.
//   node tests/bench/alert_latency.mjs [ALERTS=20]     (after scripts/build.sh)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, report, waitForState, waitReady, confirmAlerts } from '../e2e/browser.mjs';
import { client } from '../server/api_client.mjs';
import { startServer } from '../server/server_process.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';
import { figure, saveFigures } from './figures.mjs';

const count = Number(process.argv[2] || 20);
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'elder-alert-bench-'));
const server = await startServer(join(root, 'build/native/bin/elder-server'), ['--db', join(dir, 'a.db'), '--demo',
  '--demo-dir', join(root, 'assets/demo'), '--web-root', join(root, 'build/wasm/site'), '--quiet'], { staff: true });
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
      { token: server.staffToken });
    if (res.status !== 201) throw new Error('publish failed: ' + res.status);
    // An alert that never arrives is a failure of the run, not a 10 s sample.
    const [tvDone, webDone] = await Promise.all([
      tv.waitFor((r) => r.data.resources.alerts.count > before.tv, 10000).then((r) => {
        if (!r) throw new Error(`alert ${i} did not reach the TV app within 10 s`);
        return Date.now();
      }),
      waitForState(page, (n) => window.elder.report().data.resources.alerts.count > n, before.web, 10000).then((ok) => {
        if (!ok) throw new Error(`alert ${i} did not reach the kiosk page within 10 s`);
        return Date.now();
      }),
    ]);
    tvMs.push(tvDone - t0);
    webMs.push(webDone - t0);
    if (!seen.has(String(i))) throw new Error(`alert ${i} did not reach the bare stream client by the time both apps showed it`);
    rawMs.push(seen.get(String(i)) - t0);
    await sleep(300);
  }
  const line = (name, xs) => console.log(`${name.padEnd(36)} p50 ${pct(xs, 50)} ms   p99 ${pct(xs, 99)} ms   max ${Math.max(...xs)} ms   (${xs.length})`);
  console.log(`## Publish -> on screen, ${count} alerts (the report of the frame that shows it; polled every 25-50 ms)`);
  line('bare event-stream client (baseline)', rawMs);
  line('TV app under Xvfb', tvMs);
  line('kiosk page in Chromium', webMs);
  // Goal: the 1 s that issue 3 set for an alert to reach every stream, held here to the drawn screen.
  const bare = { name: 'a bare event-stream client, p99', value: pct(rawMs, 99) };
  figure({ name: `alert publish -> on screen, TV app, p99 of ${count}`, value: pct(tvMs, 99), unit: 'ms', baseline: bare, goal: { at_most: 1000 } });
  figure({ name: `alert publish -> on screen, kiosk page, p99 of ${count}`, value: pct(webMs, 99), unit: 'ms', baseline: bare, goal: { at_most: 1000 } });
  saveFigures('alert_latency');
} finally {
  controller.abort();
  await browser.close();
  await tv.stop();
  xvfb.stop();
  await server.stop();
}
