// Alerts while the TV app runs (under Xvfb, remote keys), with a kiosk page open in Chromium:
// 1. a staff alert posted as JSON and one imported as CAP interrupt the running app, each with the
//    chime (SDL's disk driver records what the box plays; the new samples must hold the tones);
// 2. the server is killed and started again on the same port with the same database, with TV and
//    kiosk connected: alerts published before the kill and right after the restart are all shown,
//    none twice, and both streams came back with the last event they had (the server's log shows
//    where each stream resumed: Last-Event-ID natively, ?last_event_id= in the browser). Both reach
//    the server through a pass-through proxy that keeps them out until the new alerts are
//    published, so those can only reach the streams by the resumption, whatever the timing.
//   node tests/tv/tv_alerts_live.mjs TVAPP SERVER DEMO_DIR SITE_DIR
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, confirmAlerts as confirmOnKiosk, launch, openPage, report, waitForState, waitReady } from '../e2e/browser.mjs';
import { confirmAlerts, node, waitFor } from '../journeys/journeys.mjs';
import { startFaultProxy } from '../fault/fault_proxy.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, serverBinary, demoDir, siteDir] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-alerts-'));
const checks = new Checks();
if (!existsSync(join(siteDir, 'index.html'))) {
  console.log(`FAIL: the kiosk site is not built in ${siteDir} (cmake --preset wasm && cmake --build --preset wasm)`);
  process.exit(1);
}
// Not quiet: the log says where each alert stream resumed.
const serverOptions = { quiet: false, args: ['--web-root', siteDir] };
let community = await startCommunity(serverBinary, demoDir, dir, serverOptions);
const proxy = await startFaultProxy(community.url);
const xvfb = await startXvfb();
const sound = join(dir, 'sound.raw');
const app = startTvApp(tvapp, ['--server', proxy.url, '--device', 'ALERT-STB-1', '--enrolment-code', await community.enrolmentCode(),
  '--data-dir', join(dir, 'data')], { display: xvfb.display, report: join(dir, 'report.json'),
  env: { SDL_AUDIODRIVER: 'disk', SDL_DISKAUDIOFILE: sound } });
const tv = remoteDriver(app, checks);
const browser = await launch();

// China time, as the server and CAP documents write it.
const chinaTime = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';
const soundBytes = () => (existsSync(sound) ? readFileSync(sound) : Buffer.alloc(0));
// Seconds of loud samples (16-bit mono at 22,050 Hz) recorded after byte `from`, and the peak.
function loudness(from) {
  const s = soundBytes();
  let peak = 0, loud = 0;
  for (let i = from - (from % 2); i + 1 < s.length; i += 2) {
    const v = Math.abs(s.readInt16LE(i));
    peak = Math.max(peak, v);
    if (v > 4000) loud++;
  }
  return { peak, seconds: loud / 22050 };
}
// The chime is two tones, 0.6 s at amplitude 12,000: well over 0.3 s of loud samples.
const chimed = (l) => l.peak > 8000 && l.seconds > 0.3;

// The TV is interrupted by `alert` and chimes; OK confirms it.
async function interruptsWithChime(alert, how) {
  const mark = soundBytes().length;
  const shown = await waitFor(tv, (r) => r.interruption === alert.id, 15000);
  const headline = shown && node(shown, 'interrupt.headline');
  checks.check(headline && headline.label === alert.info[0].headline,
    `${how}: the running TV app is interrupted by the alert`, headline ? headline.label : 'no interruption');
  let heard = loudness(mark);
  for (let i = 0; i < 100 && !chimed(heard); i++) {
    await new Promise((r) => setTimeout(r, 100));
    heard = loudness(mark);
  }
  checks.check(chimed(heard), `${how}: the chime is in the recorded sound`, `peak ${heard.peak}, ${heard.seconds.toFixed(2)} s loud`);
  await tv.key('ok');
  checks.check(await waitFor(tv, (r) => r.interruption === null, 5000) !== null, `${how}: OK confirms it`);
}

// The alert events the server holds, replayed from the start: [{ id, kind, alert }].
async function serverEvents(untilAlertId) {
  const controller = new AbortController();
  const res = await fetch(community.url + '/api/v1/alerts/stream', { headers: { 'Last-Event-ID': '0' }, signal: controller.signal });
  const reader = res.body.getReader();
  const events = [];
  let text = '';
  while (!events.some((e) => e.alert === untilAlertId)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
    for (let end; (end = text.indexOf('\n\n')) >= 0; text = text.slice(end + 2)) {
      const fields = Object.fromEntries(text.slice(0, end).split('\n').map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
      if (fields.id) events.push({ id: Number(fields.id), kind: fields.event, alert: JSON.parse(fields.data).id });
    }
  }
  controller.abort();
  return events;
}

const severe = (headline) => ({ msgType: 'Alert', colour_level: '红',
  info: [{ category: ['Met'], event: '暴雨', headline, instruction: '请留在家中，不要外出。' }] });
const notice = (headline) => ({ msgType: 'Alert', info: [{ category: ['Infra'], event: '停水', severity: 'Moderate',
  urgency: 'Expected', certainty: 'Likely', headline, description: '管道检修。' }] });
const capAlert = (headline) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>tv-live-cap-${Date.now()}</identifier>
  <sender>weather@community.example.cn</sender>
  <sent>${chinaTime(Date.now())}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>${chinaTime(Date.now() + 2 * 3600e3)}</expires>
    <headline>${headline}</headline>
    <instruction>请关好门窗，不要在广告牌下停留。</instruction>
    <area><areaDesc>本社区</areaDesc></area>
  </info>
</alert>`;

const allCurrent = (r) => r.data.online && r.data.stream_open &&
  Object.values(r.data.resources).every((v) => v.freshness === 'current' && v.phase === 'idle');

let kiosk = null;
try {
  checks.check(await waitFor(tv, allCurrent, 20000) !== null, 'the TV app is current and its alert stream open');
  await confirmAlerts(tv);  // the demo's severe alert, before the staff's
  const registered = await waitFor(tv, (r) => r.account.device.id > 0 && r.data.stream_open, 10000);
  checks.check(registered !== null, 'the box registered itself');
  const device = registered ? `device:${registered.account.device.id}` : 'device:?';
  kiosk = await openPage(browser, proxy.url + '/', { viewport: { width: 1080, height: 1920 } });
  await waitReady(kiosk.page);
  await confirmOnKiosk(kiosk.page);
  checks.check(await waitForState(kiosk.page, () => window.elder.report().data.stream_open, null, 15000),
    'the kiosk page is open with its alert stream');

  // 1. Staff alerts interrupt the running app, with the chime.
  const tones = await kiosk.page.evaluate(() => window.__tones);
  const json = await community.publish(severe('测试：暴雨红色预警，请留在家中'));
  checks.check(json.status === 201, 'staff publish a severe alert as JSON', String(json.status));
  await interruptsWithChime(json.json, 'JSON alert');
  checks.check(await waitForState(kiosk.page, ([id, n]) => window.elder.report().interruption === id && window.__tones > n,
    [json.json.id, tones], 10000), 'the kiosk page is interrupted too, with its chime');
  const cap = await community.importCap(capAlert('测试：大风橙色预警，请关好门窗'));
  checks.check(cap.status === 201 && cap.json.info[0].severity === 'Severe', 'staff import a severe alert as CAP',
    `${cap.status} ${cap.json && (cap.json.detail || cap.json.info[0].severity)}`);
  if (cap.status === 201) await interruptsWithChime(cap.json, 'CAP alert');
  await confirmOnKiosk(kiosk.page);  // both, one after the other
  checks.check((await report(kiosk.page)).interruption === null, 'the kiosk confirms both alerts with 我知道了');

  // 2. A server restart with both connected.
  const before = await community.publish(notice('测试：重启前的停水通知'));
  checks.check(await waitFor(tv, (r) => r.data.resources.alerts.count === 6, 10000) !== null &&
    await waitForState(kiosk.page, () => window.elder.report().data.resources.alerts.count === 6, null, 10000),
    'TV and kiosk show the alert published before the kill (6 active)');
  const seen = (await serverEvents(before.json.id)).filter((e) => e.alert === before.json.id).pop();
  const { port } = community;
  await community.server.stop('SIGKILL');
  proxy.setMode('drop');  // the apps' retries find nobody until the new alerts are out
  checks.check(await waitFor(tv, (r) => !r.data.stream_open, 15000) !== null &&
    await waitForState(kiosk.page, () => !window.elder.report().data.stream_open, null, 15000),
    'both notice that the stream is gone');
  community = await startCommunity(serverBinary, demoDir, dir, { ...serverOptions, port });
  const after = [await community.publish(severe('测试：重启后的暴雨红色预警')), await community.publish(notice('测试：重启后的停电通知'))];
  checks.check(after.every((a) => a.status === 201), 'staff publish two alerts right after the restart');
  proxy.setMode('none');
  const published = [json.json, cap.json, before.json, ...after.map((a) => a.json)].map((a) => a.id);

  // The TV: interrupted once by the new severe alert, then every alert on its page exactly once.
  await interruptsWithChime(after[0].json, 'after the restart');
  const active = (await community.api.get('/api/v1/alerts')).json.items.map((a) => a.id);
  checks.check(active.length === 8 && published.every((id) => active.includes(id)), 'the server holds 8 active alerts after the restart',
    active.join(','));
  const tvCurrent = await waitFor(tv, (r) => allCurrent(r) && r.data.resources.alerts.count === active.length && r.interruption === null, 15000);
  checks.check(tvCurrent !== null, 'the TV is current again with every active alert, and no confirmed alert interrupts again',
    JSON.stringify((await tv.report()).data.resources.alerts));
  await tv.key('4');  // 通知提醒
  const tvPage = await waitFor(tv, (r) => r.screen === 'alerts' && active.every((id) => node(r, 'alert.' + id)), 5000);
  const tvIds = tvPage ? tvPage.nodes.filter((n) => /^alert\.\d+$/.test(n.id)).map((n) => Number(n.id.slice(6))) : [];
  checks.check(tvIds.length === active.length && new Set(tvIds).size === tvIds.length && active.every((id) => tvIds.includes(id)),
    'TV: every active alert is on 通知提醒 once, none missed', tvIds.join(','));
  checks.check(tvPage && node(tvPage, 'alert.' + before.json.id).label.includes('重启前的停水通知') &&
    node(tvPage, 'alert.' + after[1].json.id).label.includes('重启后的停电通知'), 'TV: the alerts from before the kill and after the restart are both there');

  // The kiosk: interrupted by the new severe alert, the same alerts once each.
  checks.check(await waitForState(kiosk.page, (id) => window.elder.report().interruption === id, after[0].json.id, 15000),
    'kiosk: the severe alert published after the restart interrupts');
  const ack = node(await report(kiosk.page), 'interrupt.ack');
  await kiosk.page.mouse.click(ack.rect[0] + ack.rect[2] / 2, ack.rect[1] + ack.rect[3] / 2);
  checks.check(await waitForState(kiosk.page, () => window.elder.report().interruption === null, null, 5000),
    'kiosk: one 我知道了 and no confirmed alert interrupts again');
  const kioskCurrent = await waitForState(kiosk.page, (n) => window.elder.report().data.stream_open &&
    window.elder.report().data.resources.alerts.count === n, active.length, 15000);
  // Home drawn again without the interruption (the tree is the last drawn frame's).
  await waitForState(kiosk.page, () => window.elder.report().nodes.some((n) => n.id === 'tile.alerts'), null, 5000);
  const home = await report(kiosk.page);
  const tile = node(home, 'tile.alerts');
  await kiosk.page.mouse.click(tile.rect[0] + tile.rect[2] / 2, tile.rect[1] + tile.rect[3] / 2);
  // The tree is the last drawn frame's: wait for a frame of 通知提醒, not only for its name.
  await waitForState(kiosk.page, () => {
    const r = window.elder.report();
    return r.screen === 'alerts' && r.nodes.some((n) => /^alert\.\d+$/.test(n.id));
  }, null, 5000);
  const kioskIds = (await report(kiosk.page)).nodes.filter((n) => /^alert\.\d+$/.test(n.id)).map((n) => Number(n.id.slice(6)));
  checks.check(kioskCurrent && kioskIds.length === active.length && new Set(kioskIds).size === kioskIds.length &&
    active.every((id) => kioskIds.includes(id)), 'kiosk: every active alert is on 通知提醒 once, none missed', kioskIds.join(','));

  // Both streams resumed where they were: the server saw the last event each had before the kill.
  const opened = community.server.log.filter((l) => l.includes('"stream opened"')).map((l) => JSON.parse(l));
  const tvStream = opened.find((e) => e.principal === device);
  const kioskStream = opened.find((e) => e.principal === '');
  checks.check(seen && tvStream && tvStream.resume_after === seen.id, 'TV: its stream resumed with Last-Event-ID = the last event before the kill',
    `${tvStream ? tvStream.resume_after : 'no stream'} vs ${seen && seen.id}`);
  checks.check(seen && kioskStream && kioskStream.resume_after === seen.id, 'kiosk: its stream resumed with ?last_event_id= = the last event before the kill',
    `${kioskStream ? kioskStream.resume_after : 'no stream'} vs ${seen && seen.id}`);
  // While the server was away the browser logs each failed request; nothing else may go wrong.
  const errors = kiosk.errors.filter((e) => !/^Failed to load resource: net::ERR_(EMPTY_RESPONSE|CONNECTION_(RESET|CLOSED|REFUSED))$/.test(e));
  checks.check(errors.length === 0, 'kiosk: no errors in the page but the failed requests while the server was away', errors.join(' | '));
} catch (e) {
  checks.check(false, 'alerts while running', e.stack);
} finally {
  await browser.close();
  await app.stop();
  await proxy.close();
  await community.server.stop();
  xvfb.stop();
}
process.exit(checks.summary());
