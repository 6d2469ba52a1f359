// The web build's platform services in Debian's Chromium, against the reference server behind the
// fault proxy: fetch (data arrives and is saved to localStorage), EventSource (a published alert
// appears, and again after an outage), speechSynthesis (focus moves are read in Chinese), the
// offline copy (a reload during an outage shows the saved data at once), recovery within 5 s, and
// the settings from config.json and URL parameters.
//   node tests/e2e/kiosk_data.mjs SERVER SITE_DIR DEMO_DIR
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, confirmAlerts, launch, openPage, report, waitForState, waitReady } from './browser.mjs';
import { startServer } from '../server/server_process.mjs';
import { client } from '../server/api_client.mjs';
import { startFaultProxy } from '../fault/fault_proxy.mjs';

const [serverBinary, siteDir, demoDir] = process.argv.slice(2);
const STAFF = 'staff-token-for-web-tests-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'elder-web-data-'));
// The site as deployed, plus a config.json that switches read-aloud on.
const site = join(dir, 'site');
cpSync(siteDir, site, { recursive: true });
writeFileSync(join(site, 'config.json'), JSON.stringify({ voice: true }));
writeFileSync(join(dir, 'server.json'), JSON.stringify({ staff_token: STAFF }));
const server = await startServer(serverBinary, ['--config', join(dir, 'server.json'), '--db', join(dir, 'w.db'),
  '--demo', '--demo-dir', demoDir, '--web-root', site, '--quiet']);
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
}, { token: STAFF });

// Records what the page asks speechSynthesis to say (the real engine still gets it).
const recordSpeech = () => {
  window.spoken = [];
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (u) => { window.spoken.push({ text: u.text, lang: u.lang }); speak(u); };
};

const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
await context.addInitScript(recordSpeech);
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
try {
  await page.goto(proxy.url + '/');
  await waitReady(page);
  checks.check(await waitForState(page, allCurrent, null, 15000), 'fetch: every list arrives and the EventSource opens');
  const online = await report(page);
  const expected = counts(online);
  checks.check(expected.policies === 22 && expected.alerts === 3 && expected.site === 1, 'fetch: the demo content is whole',
    JSON.stringify(expected));
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('elder.cache.')).length);
  checks.check(saved === 7, `storage: ${saved} lists saved in localStorage`);
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

  // EventSource: a published alert shows up.
  let t = Date.now();
  checks.check((await publish()).status === 201, 'staff publish an alert');
  checks.check(await waitForState(page, alertCount, 4, 5000), `EventSource: the alert reached the page in ${Date.now() - t} ms`);

  // A short outage without a reload: the EventSource reconnects with ?last_event_id= and the server
  // replays what was published meanwhile.
  proxy.setMode('drop');
  checks.check(await waitForState(page, () => !window.elder.report().data.stream_open, null, 5000), 'EventSource: the drop is noticed');
  checks.check((await publish()).status === 201, 'staff publish while the page is cut off');
  const seenBefore = proxy.seen.length;
  proxy.setMode('none');
  checks.check(await waitForState(page, alertCount, 5, 8000), 'EventSource: the missed alert arrives after the outage');
  const resumed = proxy.seen.slice(seenBefore).find((u) => u.startsWith('/api/v1/alerts/stream?last_event_id='));
  checks.check(resumed !== undefined, 'EventSource: it resumed from the last event id', resumed);

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
  await page.waitForTimeout(3000);
  const during = await report(page);
  checks.check(Object.values(during.data.resources).every((r) => r.error === 'offline' && r.count > 0),
    'offline: each list says offline and keeps its data');
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

  // A garbled answer never replaces good data.
  proxy.setMode('garbage');
  await page.reload();
  await waitReady(page);
  await page.waitForTimeout(1500);
  const garbled = await report(page);
  checks.check(Object.values(garbled.data.resources).every((r) => r.error === 'bad_answer' && r.freshness === 'cached'),
    'garbage: every list reports a bad answer and keeps the saved copy');
  checks.check(JSON.stringify(counts(garbled)) === JSON.stringify({ ...expected, alerts: 6 }), 'garbage: nothing lost');
  proxy.setMode('none');
  checks.check(await waitForState(page, allCurrent, null, 10000), 'garbage: recovered after the fault');

  // URL parameters win over config.json.
  await page.goto(proxy.url + '/?voice=off');
  await waitReady(page);
  await page.locator('canvas').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(500);
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
