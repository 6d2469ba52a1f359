// The web build's platform services in Debian's Chromium, against the reference server behind the
// fault proxy: fetch (data arrives and is saved to localStorage), the event stream (a published alert
// appears, and again after an outage), speechSynthesis (focus moves are read in Chinese), the
// offline copy (a reload during an outage shows the saved data at once), recovery within 5 s, every
// fault of the proxy (delay, 500, garbage, truncation, drop: the saved copy, a sentence saying so,
// pages that still open; on a first visit a sentence and 再试一次), and the settings from
// config.json and URL parameters.
//   node tests/e2e/kiosk_data.mjs SERVER SITE_DIR DEMO_DIR
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, confirmAlerts, launch, press, report, settled, waitForState, waitReady } from './browser.mjs';
import { decodePng, pixelStats } from './png.mjs';
import { startServer } from '../server/server_process.mjs';
import { client } from '../server/api_client.mjs';
import { startFaultProxy } from '../fault/fault_proxy.mjs';

const [serverBinary, siteDir, demoDir] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'elder-web-data-'));
// The site as deployed, plus a config.json that switches read-aloud on.
const site = join(dir, 'site');
cpSync(siteDir, site, { recursive: true });
writeFileSync(join(site, 'config.json'), JSON.stringify({ voice: true }));
const server = await startServer(serverBinary, ['--db', join(dir, 'w.db'),
  '--demo', '--demo-dir', demoDir, '--web-root', site, '--quiet'], { staff: true });
const proxy = await startFaultProxy(server.url);
const api = client(server.url);
const checks = new Checks();
const browser = await launch();

const allCurrent = () => {
  const d = window.elder.report().data;
  return d.online && d.stream_open && Object.values(d.resources).every((r) => r.freshness === 'current' && r.phase === 'idle');
};
const counts = (rep) => Object.fromEntries(Object.entries(rep.data.resources).map(([k, v]) => [k, v.count]));
const alertCount = (n) => window.elder.report().data.resources.alerts.count === n;
let serial = 0;
const publish = () => api.post('/api/v1/staff/alerts', {
  msgType: 'Alert', info: [{ category: ['Infra'], event: '停水', severity: 'Moderate', urgency: 'Expected',
    certainty: 'Likely', headline: `测试停水通知 ${++serial}`, description: '管道检修。' }],
}, { token: server.staffToken });

// Records what the page asks speechSynthesis to say (the real engine still gets it).
const recordSpeech = () => {
  window.spoken = [];
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (u) => { window.spoken.push({ text: u.text, lang: u.lang }); speak(u); };
};

// What each fault looks like in the store while it lasts, and the sentence on home that says the
// saved copy is shown.
const FAULTS = {
  error500: { error: 'server_error', notice: 'home.server_error', words: '服务器暂时出了问题，显示的是上次保存的内容，正在自动重试。' },
  garbage: { error: 'bad_answer', notice: 'home.server_error', words: '服务器暂时出了问题，显示的是上次保存的内容，正在自动重试。' },
  truncate: { error: 'offline', notice: 'home.offline', words: '网络连接中断，显示的是上次保存的内容，正在自动重新连接。' },
  drop: { error: 'offline', notice: 'home.offline', words: '网络连接中断，显示的是上次保存的内容，正在自动重新连接。' },
  // An answer that never ends is cut at the app's limit (16 MB) and is no answer.
  flood: { error: 'offline', notice: 'home.offline', words: '网络连接中断，显示的是上次保存的内容，正在自动重新连接。' },
};
const resourcesOf = (rep) => Object.values(rep.data.resources);
const node = (rep, id) => rep.nodes.find((n) => n.id === id);

// A screenshot of what the resident sees: drawn, not blank. `minShare`: the least share of pixels
// that must differ from the page background (a page of one sentence and a button draws little).
async function looksDrawn(p, what, minShare = 0.2) {
  const stats = pixelStats(decodePng(await p.screenshot()));
  checks.check(stats.nonBackground > minShare && stats.colours > 50, `${what}: the screen is drawn, not blank`,
    `${(stats.nonBackground * 100).toFixed(0)}% drawn, ${stats.colours} colours`);
}

// Reloads the page during `mode` and checks what the resident sees, then ends the fault.
async function livesWith(mode, saved) {
  proxy.setMode(mode);
  await page.reload();
  await waitReady(page);
  const first = await report(page);
  checks.check(resourcesOf(first).every((r) => r.freshness === 'cached') && JSON.stringify(counts(first)) === JSON.stringify(saved),
    `${mode}: the first frames show the saved copy, whole`, JSON.stringify(counts(first)));
  if (mode === 'delay') {
    // Requests held for 10 s: nothing is an error yet, and the page is not in the way meanwhile.
    checks.check(await waitForState(page, () => Object.values(window.elder.report().data.resources)
      .every((r) => r.phase === 'running' && r.error === 'none'), null, 10000) && proxy.counts.delay > 0,
    'delay: the requests wait and nothing is called an error', JSON.stringify(resourcesOf(await report(page)).map((r) => r.phase + '/' + r.error)));
  } else {
    const fault = FAULTS[mode];
    const failed = await waitForState(page, (e) => Object.values(window.elder.report().data.resources)
      .every((r) => r.error === e && r.freshness === 'cached' && r.count > 0), fault.error, 15000);
    checks.check(failed, `${mode}: every list reports ${fault.error} and keeps the saved copy`,
      JSON.stringify(resourcesOf(await report(page)).map((r) => r.error + '/' + r.freshness)));
    const home = await report(page);
    const notice = node(home, fault.notice);
    checks.check(home.screen === 'home' && notice && notice.visible && notice.label === fault.words,
      `${mode}: home says plainly that this is the saved copy and that it retries by itself`, notice ? notice.label : 'no notice');
  }
  // The saved policies open by touch and show their items, during the fault.
  await press(page, node(await report(page), 'tile.policies'));
  const list = await waitForState(page, () => {
    const r = window.elder.report();
    return r.screen === 'policies' && r.nodes.some((n) => n.id.startsWith('category.') && n.visible);
  }, null, 5000);
  checks.check(list, `${mode}: 政策资讯 opens with the saved categories`);
  await looksDrawn(page, `${mode}: 政策资讯`);
  const back = node(await report(page), 'page.back');
  if (back) await press(page, back);
  proxy.setMode('none');
  checks.check(await waitForState(page, allCurrent, null, 15000), `${mode}: current again when the fault ends`);
  const after = await report(page);
  checks.check(!node(after, 'home.offline') && !node(after, 'home.server_error'), `${mode}: the notice goes with the fault`);
  checks.check(errors.length === 0, `${mode}: no uncaught errors`, errors.join(' | '));
}

// A page opened for the first time (nothing saved) while the fault lasts: the list's sentence and a
// 再试一次 button that asks again.
async function firstVisitDuring(mode, key, words) {
  const fresh = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const p = await fresh.newPage();
  const pageErrors = [];
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  proxy.setMode(mode);
  await p.goto(proxy.url + '/?open=policies');
  await waitReady(p);
  const shown = await waitForState(p, () => {
    const r = window.elder.report();
    return r.screen === 'policies' && r.nodes.some((n) => n.id === 'page.retry');
  }, null, 15000);
  const r = await report(p);
  const notice = node(r, 'page.notice');
  checks.check(shown && notice && notice.label.startsWith(words), `first visit during ${mode}: a plain sentence (${key})`,
    notice ? notice.label : r.nodes.map((n) => n.id).join(' '));
  const retry = node(r, 'page.retry');
  checks.check(retry && retry.visible && retry.role === 'button' && retry.label === '再试一次',
    `first visit during ${mode}: a way forward, the 再试一次 button`);
  await looksDrawn(p, `first visit during ${mode}`, 0.01);
  proxy.setMode('none');
  const came = await waitForState(p, () => window.elder.report().data.resources.categories.freshness === 'current', null, 15000);
  await confirmAlerts(p);  // with the data comes the demo's severe alert, which interrupts first
  checks.check(came && (await report(p)).nodes.some((n) => n.id.startsWith('category.') && n.visible),
    `first visit during ${mode}: the categories come when the fault ends`);
  checks.check(pageErrors.length === 0, `first visit during ${mode}: no uncaught errors`, pageErrors.join(' | '));
  await fresh.close();
}

const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
await context.addInitScript(recordSpeech);
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
try {
  await page.goto(proxy.url + '/');
  await waitReady(page);
  checks.check(await waitForState(page, allCurrent, null, 15000), 'fetch: every list arrives and the event stream opens');
  const online = await report(page);
  const expected = counts(online);
  checks.check(expected.policies === 22 && expected.alerts === 3 && expected.site === 1, 'fetch: the demo content is whole',
    JSON.stringify(expected));
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('elder.cache.')).length);
  checks.check(saved === 8, `storage: ${saved} lists saved in localStorage`);  // the 8 fetched at start (the alert history and the services wait for their pages)
  await confirmAlerts(page);  // the demo's severe alert interrupts; confirmed once, it stays confirmed
  checks.check(await page.evaluate(() => localStorage.getItem('elder.ack.alerts') !== null), 'the confirmation is kept in localStorage');

  // Speech, switched on by config.json: the newly focused tile is read in Chinese.
  await page.locator('canvas').focus();
  await page.keyboard.press('ArrowRight');
  const spokenOk = await waitForState(page, () => window.spoken.length > 0, null, 5000);
  const focused = (await report(page)).nodes.find((n) => n.focused);
  const spoken = await page.evaluate(() => window.spoken);
  checks.check(spokenOk && spoken.at(-1).text === focused.label && spoken.at(-1).lang === 'zh-CN',
    'speech: config.json turned read-aloud on; the focused tile is spoken in zh-CN', JSON.stringify(spoken));

  // The event stream: a published alert shows up.
  let t = Date.now();
  checks.check((await publish()).status === 201, 'staff publish an alert');
  checks.check(await waitForState(page, alertCount, 4, 5000), `event stream: the alert reached the page in ${Date.now() - t} ms`);

  // A short outage without a reload: the stream reconnects with Last-Event-ID and the server
  // replays what was published meanwhile.
  proxy.setMode('drop');
  checks.check(await waitForState(page, () => !window.elder.report().data.stream_open, null, 5000), 'event stream: the drop is noticed');
  checks.check((await publish()).status === 201, 'staff publish while the page is cut off');
  const seenBefore = proxy.resumes.length;
  proxy.setMode('none');
  checks.check(await waitForState(page, alertCount, 5, 8000), 'event stream: the missed alert arrives after the outage');
  const resumed = proxy.resumes.slice(seenBefore).find((r) => r.url === '/api/v1/alerts/stream' && /^[0-9]+$/.test(r.lastEventId));
  checks.check(resumed !== undefined, 'event stream: it resumed from the last event id (Last-Event-ID)', JSON.stringify(proxy.resumes.slice(seenBefore)));

  // An outage: reload while every API call is dropped. The saved copy is shown at once.
  proxy.setMode('drop');
  await page.reload();
  await waitReady(page);
  const offline = await report(page);
  checks.check(Object.values(offline.data.resources).every((r) => r.freshness === 'cached'),
    'offline: after a reload the first frames show the saved copy');
  checks.check(JSON.stringify(counts(offline)) === JSON.stringify({ ...expected, alerts: 5 }),
    'offline: the saved copy is whole, the live alerts included', JSON.stringify(counts(offline)));
  checks.check(await waitForState(page, () => !window.elder.report().data.online, null, 5000), 'offline: the page knows it is offline');
  checks.check(await waitForState(page, () => Object.values(window.elder.report().data.resources)
    .every((r) => r.error === 'offline' && r.count > 0), null, 15000), 'offline: each list says offline and keeps its data',
  JSON.stringify(resourcesOf(await report(page)).map((r) => r.error + '/' + r.count)));
  const offlineNotice = node(await report(page), FAULTS.drop.notice);
  checks.check(offlineNotice && offlineNotice.visible && offlineNotice.label === FAULTS.drop.words,
    'offline: home says plainly that this is the saved copy and that it reconnects by itself', offlineNotice ? offlineNotice.label : 'no notice');
  // Published during the outage: a fresh page has no event id to resume from, so the list fetched
  // on recovery must bring it.
  checks.check((await publish()).status === 201, 'staff publish during the outage');

  proxy.setMode('none');
  t = Date.now();
  const back = await waitForState(page, allCurrent, null, 10000);
  const recovery = Date.now() - t;
  checks.check(back && recovery <= 5000, `recovery: current again ${recovery} ms after the outage ended`);
  checks.check(await waitForState(page, alertCount, 6, 5000), 'recovery: the alert published during the outage arrived');
  const after = await report(page);
  // Never near a network wait (seconds); see fault_tv_test.mjs for why not tighter.
  checks.check(after.loop.longest_update_ms < 1000, `the longest update step took ${after.loop.longest_update_ms.toFixed(2)} ms`);

  // Every other fault the proxy makes (delays, 500s, garbage, truncated answers, answers that never
  // end), each met on a
  // reload as a resident would meet it: the saved copy at once and whole, a plain sentence that it is
  // the saved copy and that the page retries by itself, a page that still opens and draws, and
  // the current data back when the fault ends.
  for (const mode of ['delay', 'error500', 'garbage', 'truncate', 'flood']) await livesWith(mode, { ...expected, alerts: 6 });

  // A first visit during a fault has no saved copy: a sentence and a 再试一次 button, never a blank.
  await firstVisitDuring('error500', 'state.error', '服务器暂时出了问题');
  await firstVisitDuring('drop', 'state.offline_empty', '现在连不上网络');

  // URL parameters win over config.json.
  await page.goto(proxy.url + '/?voice=off');
  await waitReady(page);
  await page.locator('canvas').focus();
  await page.keyboard.press('ArrowRight');
  // The focus has moved and the frames after it are drawn: what read-aloud would say, it has said.
  await waitForState(page, () => window.elder.report().focus === 1, null, 5000);
  await settled(page);
  checks.check((await page.evaluate(() => window.spoken.length)) === 0, 'settings: ?voice=off overrides config.json');
  // A deep link, as the QR code on a guide opens it on a phone: straight to the guide, home one Back away.
  await page.goto(proxy.url + '/?surface=browser&open=guide_detail/1');
  await waitReady(page);
  checks.check(await waitForState(page, () => {
    const r = window.elder.report();
    return r.screen === 'guide_detail' && r.arg === '1' && r.nodes.some((n) => n.id === 'guide.steps.0');
  }, null, 10000), 'deep link: ?open=guide_detail/1 starts on that guide with its steps');
  await page.locator('canvas').focus();
  await page.keyboard.press('Escape');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'home', null, 5000), 'deep link: Back leads home');
  await page.goto(proxy.url + '/?voice=maybe');
  await waitReady(page);
  checks.check((await report(page)).screen === 'home', 'settings: a bad URL parameter still starts the app');
  checks.check(errors.length === 0, 'no uncaught errors', errors.join(' | '));

  // A full localStorage (quota exceeded): the page still shows current data and says why nothing
  // was saved, on the console for the operator.
  const full = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  await full.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const fullPage = await full.newPage();
  const warnings = [];
  const fullErrors = [];
  fullPage.on('console', (m) => { if (m.text().includes('not saved')) warnings.push(m.text()); });
  fullPage.on('pageerror', (e) => fullErrors.push(String(e)));
  await fullPage.goto(proxy.url + '/');
  await waitReady(fullPage);
  checks.check(await waitForState(fullPage, allCurrent, null, 15000), 'quota: with storage full every list is still shown');
  checks.check(warnings.length >= 7 && fullErrors.length === 0, `quota: ${warnings.length} "not saved" warnings, no errors`,
    warnings[0]);
  await full.close();
} finally {
  await browser.close();
  await proxy.close();
  await server.stop();
}
process.exit(checks.summary());
