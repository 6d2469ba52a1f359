// What staff do reaches every device while it runs: a kiosk page and a resident's browser in
// Debian's Chromium and a TV box (the real binary under Xvfb, remote keys by xdotool), against the
// reference server (its own, on a free port).
// - A severe alert posted as JSON, then one imported as CAP XML, interrupts the running kiosk page
//   where it stands, with the chime: two tones through Web Audio that reach the speakers of a
//   running audio context and are played out.
// - A household: the TV box bound to a resident and that resident's browser (issue 18: one
//   confirmation per household). A severe alert confirmed on the browser stops interrupting on the
//   box by itself, and the box's alert list says it was confirmed at home; one confirmed on the box
//   stops interrupting on the browser, which hears it through its own stream (signed in).
// - A policy staff withdraw leaves every device: the kiosk's list drops it, and the copies open on
//   the browser and the TV say that it was withdrawn instead of showing it as current.
//   node tests/e2e/alerts_everywhere.mjs SERVER TVAPP SITE_DIR DEMO_DIR OUTPUT_DIR
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, dayInChina } from '../server/api_client.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';
import { Checks, launch, serveForScenarios, waitForState, waitReady } from './browser.mjs';
import { activate, confirmAlerts, goHome, node, waitFor } from '../journeys/journeys.mjs';
import { webDriver } from '../journeys/web_driver.mjs';
import { publishContent, withdrawContent } from '../server/staff_content.mjs';

const [serverBinary, tvBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const root = new URL('../..', import.meta.url).pathname;
const zh = JSON.parse(readFileSync(join(root, 'assets/strings/zh-CN.json'), 'utf8'));
const RESIDENT = '13800000031';
const server = await serveForScenarios(serverBinary, siteDir, demoDir);
const api = client(server.url);
const staff = { token: server.staffToken };
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-everywhere-'));

// Web Audio as the page uses it, watched: every oscillator started, where it is connected, and
// whether its context's clock ran past its end (a suspended context plays nothing and stands still).
function watchAudio() {
  window.__oscillators = [];
  const connect = AudioNode.prototype.connect;
  AudioNode.prototype.connect = function (target, ...rest) {
    (this.__targets ||= []).push(target);
    return connect.call(this, target, ...rest);
  };
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    const osc = create.call(this);
    const start = osc.start.bind(osc), stop = osc.stop.bind(osc);
    osc.start = (when = 0) => { window.__oscillators.push(osc); return start(when); };
    osc.stop = (when = 0) => { osc.__end = when; return stop(when); };
    return osc;
  };
  window.__sounds = (from) => window.__oscillators.slice(from).map((o) => {
    const reaches = (n, depth) => n === o.context.destination || (depth < 4 && (n.__targets || []).some((t) => reaches(t, depth + 1)));
    return { hz: o.frequency.value, running: o.context.state === 'running', speakers: reaches(o, 0),
      played: o.__end !== undefined && o.context.currentTime > o.__end };
  });
}

// The chime since `from` oscillators: two falling tones, to the speakers, played out.
async function chimed(page, from, what) {
  const done = await waitForState(page, (n) => { const s = window.__sounds(n); return s.length >= 2 && s.every((x) => x.played); }, from, 10000);
  const sounds = await page.evaluate((n) => window.__sounds(n), from);
  checks.check(done && sounds.length === 2 && sounds[0].hz > sounds[1].hz && sounds.every((s) => s.running && s.speakers && s.played),
    `${what}: the chime sounds (two tones through a running audio context to its speakers)`, JSON.stringify(sounds));
}

async function openWeb(browser, name, query, contextOptions, mode, init = []) {
  const context = await browser.newContext(contextOptions);
  for (const script of init) await context.addInitScript(script);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/?${query}`);
  await waitReady(page);
  checks.check(await waitForState(page, () => window.elder.report().data.resources.alerts.freshness === 'current' &&
    window.elder.report().data.stream_open, null, 20000), `${name}: the alerts have arrived and the stream is open`);
  await page.locator('canvas').focus();
  const driver = await webDriver(page, { name, mode, checks, outDir, serverUrl: server.url });
  await confirmAlerts(driver);
  return { context, page, errors, driver };
}

// A set-top box bound by staff to the resident's household, showing `open` (a policy).
async function startBox(open) {
  const xvfb = await startXvfb();
  const enrolment = await api.post('/api/v1/staff/enrolment-codes', {}, staff);
  if (enrolment.status !== 201) throw new Error('no enrolment code: ' + enrolment.status);
  const tv = startTvApp(tvBinary, ['--server', server.url, '--device', 'EVERYWHERE-STB-1', '--enrolment-code', enrolment.json.code,
    '--data-dir', join(dir, 'tv-data'), '--query', 'open=' + open], { display: xvfb.display, report: join(dir, 'tv-report.json'),
    env: { SDL_AUDIODRIVER: 'dummy' } });
  const registered = await tv.waitFor((r) => r.account.device.id > 0, 20000);
  if (!registered) throw new Error('the box did not register: ' + tv.log());
  const bound = await api.call('PUT', `/api/v1/staff/devices/${registered.account.device.id}/household`,
    { ...staff, body: { household_name: '李家', phone: RESIDENT } });
  checks.check(bound.status === 200, 'household: staff bind the box to the resident', String(bound.status));
  // The demo's severe alert greets it: confirmed with OK, as at home.
  await tv.waitFor((r) => r.data.resources.alerts.freshness === 'current' && r.data.stream_open, 20000);
  for (let i = 0; i < 5 && tv.readReport().interruption !== null; i++) {
    const shown = tv.readReport().interruption;
    tv.press('Return');
    await tv.waitFor((r) => r.interruption !== shown, 5000);
  }
  return { tv, xvfb };
}

const severe = (headline) => ({ msgType: 'Alert', colour_level: '红',
  info: [{ category: ['Met'], event: '暴雨', headline, instruction: '请留在家中，不要外出' }] });

function capSevere(identifier, headline) {
  const sent = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';
  return '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">' +
    `<identifier>${identifier}</identifier><sender>qixiangtai@example.cn</sender><sent>${sent}</sent>` +
    '<status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>zh-CN</language>' +
    '<category>Met</category><event>大风</event><urgency>Immediate</urgency><severity>Severe</severity>' +
    `<certainty>Observed</certainty><headline>${headline}</headline><instruction>请关好门窗，收好阳台上的东西</instruction>` +
    '<area><areaDesc>幸福里社区</areaDesc></area></info></alert>';
}

// The alert interrupts a device where it stands: its headline over the page, the page kept underneath.
async function interrupted(name, waitFor, id, headline, screen) {
  const r = await waitFor((x) => x.interruption === id, 15000);
  checks.check(r !== null && node(r, 'interrupt.headline')?.label === headline && r.screen === screen,
    `${name}: the alert interrupts, and the page (${screen}) waits underneath`, r ? `${r.screen}: ${node(r, 'interrupt.headline')?.label}` : 'no interruption');
  return r !== null;
}

const browser = await launch(['--autoplay-policy=no-user-gesture-required']);  // as kiosks run it
let box = null;
try {
  const P = await publishContent(api, { editor: server.staffToken, approver: server.reviewerToken }, 'policies', {
    category_id: 'yanglao', title: '测试：上门助浴服务', summary: '社区开始提供上门助浴服务。', body: '每周二、周四上门。\n请提前一天预约。',
    issuer: '幸福里街道办事处', published_on: dayInChina(0), tags: ['助浴'] });
  box = await startBox(`policy_detail/${P}`);
  const { tv } = box;
  const kiosk = await openWeb(browser, 'kiosk', 'surface=kiosk', { viewport: { width: 1080, height: 1920 }, hasTouch: true }, 'touch', [watchAudio]);
  const token = await api.signIn(RESIDENT);
  // The resident signed in on this browser on an earlier visit (the browser keeps the sign-in).
  const signedIn = { content: `localStorage.setItem('elder.account', ${JSON.stringify(JSON.stringify({ token, phone: RESIDENT }))})` };
  const home = await openWeb(browser, 'browser', `surface=browser&open=policy_detail/${P}`, { viewport: { width: 1280, height: 800 } },
    'keyboard', [signedIn]);
  checks.check((await home.driver.report()).account.signed_in, 'household: the resident is signed in on the browser');

  // Every device shows the policy: the kiosk in its list, the browser and the box open on it.
  await activate(kiosk.driver, 'tile.policies');
  await activate(kiosk.driver, 'category.yanglao');
  checks.check(await waitForState(kiosk.page, (id) => !!window.elder.report().nodes.find((n) => n.id === id), `policy.${P}`, 10000),
    'withdrawal: the kiosk lists the new policy');
  checks.check(await waitForState(home.page, () => !!window.elder.report().nodes.find((n) => n.id === 'policy.body.0'), null, 10000),
    'withdrawal: the browser shows it, open');
  checks.check(await tv.waitFor((r) => r.screen === 'policy_detail' && node(r, 'policy.body.0'), 10000) !== null,
    'withdrawal: the box shows it, open');

  // A severe alert posted as JSON: on the kiosk, and on both devices of the household.
  const tones = await kiosk.page.evaluate(() => window.__oscillators.length);
  const json = await api.post('/api/v1/staff/alerts', severe('测试：暴雨红色预警'), staff);
  if (json.status !== 201) throw new Error('posting an alert: ' + json.status);
  const onKiosk = (pred, ms) => waitFor(kiosk.driver, pred, ms);
  const onBrowser = (pred, ms) => waitFor(home.driver, pred, ms);
  const onBox = (pred, ms) => tv.waitFor(pred, ms);
  if (await interrupted('JSON alert on the kiosk', onKiosk, json.json.id, '测试：暴雨红色预警', 'policy_list')) {
    await chimed(kiosk.page, tones, 'JSON alert on the kiosk');
    await kiosk.driver.shot('json-alert');
  }
  await interrupted('household browser', onBrowser, json.json.id, '测试：暴雨红色预警', 'policy_detail');
  await interrupted('household box', onBox, json.json.id, '测试：暴雨红色预警', 'policy_detail');
  await activate(home.driver, 'interrupt.ack');
  checks.check(await onBrowser((x) => x.interruption === null && x.screen === 'policy_detail', 5000) !== null,
    'household: 我知道了 on the browser confirms it there, back on the policy');
  // The household has confirmed: the box stops interrupting without a key, back on its policy.
  checks.check(await onBox((r) => r.interruption === null && r.screen === 'policy_detail', 10000) !== null,
    'household: confirmed on the browser, the box stops interrupting by itself, back on the policy');
  checks.check(tv.readReport().reach.confirmed_elsewhere.includes(json.json.id), 'household: the box knows it was confirmed elsewhere');
  await activate(kiosk.driver, 'interrupt.ack');
  checks.check(await onKiosk((x) => x.interruption === null && x.screen === 'policy_list' && node(x, `policy.${P}`), 5000) !== null,
    'JSON alert on the kiosk: 我知道了, and the kiosk is back on its list');

  // A severe alert imported as CAP XML.
  const before = await kiosk.page.evaluate(() => window.__oscillators.length);
  const cap = await api.call('POST', '/api/v1/staff/alerts/cap',
    { ...staff, body: capSevere('EVERYWHERE-CAP-1', '测试：大风橙色预警'), headers: { 'Content-Type': 'application/cap+xml' } });
  if (cap.status !== 201) throw new Error(`importing CAP: ${cap.status} ${JSON.stringify(cap.json)}`);
  if (await interrupted('CAP alert on the kiosk', onKiosk, cap.json.id, '测试：大风橙色预警', 'policy_list')) {
    await chimed(kiosk.page, before, 'CAP alert on the kiosk');
    await kiosk.driver.shot('cap-alert');
  }
  for (const [name, on, confirm] of [['kiosk', onKiosk, () => activate(kiosk.driver, 'interrupt.ack')], ['box', onBox, () => tv.press('Return')]]) {
    await on((x) => x.interruption === cap.json.id, 15000);
    if (name === 'box') {
      // The browser shows it too and has told the server so (its receipt's answer said nothing yet):
      // from here it can hear of the box's confirmation only through its own stream.
      const shown = await onBrowser((x) => x.interruption === cap.json.id && x.reach.outbox === 0 && x.reach.stream_for === 'resident', 15000);
      checks.check(shown !== null, 'CAP alert: the signed-in browser shows it, its receipt sent, its stream speaking for the resident',
        JSON.stringify((await home.driver.report()).reach));
    }
    await confirm();
    checks.check(await on((x) => x.interruption === null, 5000) !== null, `CAP alert: confirmed on the ${name}`);
  }
  const quiet = await onBrowser((x) => x.interruption === null && x.reach.confirmed_elsewhere.includes(cap.json.id), 10000);
  checks.check(quiet !== null, 'household: confirmed on the box, the browser stops interrupting by itself (its stream brought the news)');
  await home.driver.shot('confirmed-elsewhere');

  // Staff withdraw the policy: it leaves every device.
  const policiesOnBox = tv.readReport().data.resources.policies.count;
  const gone = await withdrawContent(api, server.reviewerToken, 'policies', P);
  checks.check(gone.status === 204, 'withdrawal: staff withdraw the policy', String(gone.status));
  const dropped = await onKiosk((x) => x.screen === 'policy_list' && !node(x, `policy.${P}`) && x.nodes.some((n) => /^policy\.[0-9]+$/.test(n.id)), 15000);
  checks.check(dropped !== null, "withdrawal: the kiosk's list drops it, the others stay");
  await kiosk.driver.shot('withdrawn-list');
  const says = (x) => x.screen === 'policy_detail' && node(x, 'page.notice')?.label === zh['policies.withdrawn'] &&
    !x.nodes.some((n) => n.id.startsWith('policy.body.') || n.id === 'policy.end');
  checks.check(await onBrowser(says, 15000) !== null, 'withdrawal: the copy open on the browser says it was withdrawn, its text gone');
  await home.driver.shot('withdrawn-open');
  const boxSays = await onBox((x) => says(x) && x.data.resources.policies.count === policiesOnBox - 1, 15000);
  checks.check(boxSays !== null, 'withdrawal: the box says so too and its list has one policy fewer',
    JSON.stringify(tv.readReport().nodes.filter((n) => n.id.startsWith('page.') || n.id.startsWith('policy.')).map((n) => n.id)));
  const stored = await home.page.evaluate((id) => localStorage.getItem('elder.cache.policy.' + id), P);
  checks.check(stored === null, "withdrawal: the browser's offline copy of it is gone");
  // The browser's alert list says why the box's confirmation was enough.
  await goHome(home.driver);
  await activate(home.driver, 'tile.alerts');
  const listed = await onBrowser((x) => x.screen === 'alerts' && node(x, `alert.${cap.json.id}`), 8000);
  const card = listed ? node(listed, `alert.${cap.json.id}`).label : '';
  checks.check(card.includes(zh['alerts.confirmed_elsewhere']), 'household: the browser\'s alert list says it was confirmed on another screen at home', card);
  await home.driver.shot('alerts-confirmed-elsewhere');
  checks.check(kiosk.errors.length === 0 && home.errors.length === 0, 'no uncaught errors in the pages', [...kiosk.errors, ...home.errors].join(' | '));
} finally {
  await browser.close();
  if (box) { await box.tv.stop(); box.xvfb.stop(); }
  await server.stop();
}
process.exit(checks.summary());
