// A new box's first day, on the real TV app under Xvfb with remote keys:
// 1. first start with no network and nothing saved (the server is not up, the data directory is
//    empty): home is drawn, says in a plain Chinese sentence what is wrong and what will happen, and
//    a list page offers 再试一次; when the server comes up the app recovers by itself, no key pressed;
// 2. its registration (with the installer's enrolment code) failed offline and is tried again when
//    紧急求助 or a booking page opens; the box is then registered but not bound to a household:
//    the 紧急求助 page and the booking step that needs a household say so in plain words with the
//    box's number; staff bind it (staff API) and 已经绑定好了，再查一次 makes booking and help work,
//    without a restart (the app has no push for a binding: it asks when a booking or help page
//    opens, or when that button is pressed).
//   node tests/tv/tv_first_start.mjs TVAPP SERVER DEMO_DIR OUTPUT_DIR
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { decodePng, pixelStats } from '../e2e/png.mjs';
import { activate, confirmAlerts, focusOn, node, waitFor } from '../journeys/journeys.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, serverBinary, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-first-'));
const checks = new Checks();
const strings = JSON.parse(readFileSync(new URL('../../assets/strings/zh-CN.json', import.meta.url), 'utf8'));
const hanzi = (text) => (text.match(/[\u4e00-\u9fa5]/g) || []).length;

// The installer got an enrolment code from staff; then the server is down when the box first starts.
let community = await startCommunity(serverBinary, demoDir, dir);
const code = await community.enrolmentCode();
const { port } = community;
await community.server.stop();
community = null;
const xvfb = await startXvfb();
const screenshot = join(dir, 'frame.png');
const app = startTvApp(tvapp, ['--server', `http://127.0.0.1:${port}`, '--device', 'FIRST-STB-1', '--enrolment-code', code,
  '--data-dir', join(dir, 'empty-data'), '--screenshot', screenshot, '--screenshot-every-frame'],
{ display: xvfb.display, report: join(dir, 'report.json') });
const tv = remoteDriver(app, checks);
// The remote's Home key, and home drawn.
async function home() {
  await tv.key('home');
  if (!(await waitFor(tv, (r) => r.screen === 'home', 5000))) throw new Error('Home did not return to the home page');
}
const shot = (name) => {
  const file = join(outDir, `tv-first-start-${name}.png`);
  copyFileSync(screenshot, file);
  return pixelStats(decodePng(readFileSync(file)));
};

try {
  // 1. Nothing to show and no server.
  const offline = await waitFor(tv, (r) => r.screen === 'home' && !r.data.online && node(r, 'home.offline'), 20000);
  const sentence = offline ? node(offline, 'home.offline').label : '';
  // Not "showing what was saved last time": there is nothing saved.
  checks.check(offline !== null && sentence === strings['status.offline_nothing_saved'] && hanzi(sentence) >= 10,
    'first start offline: home says in a Chinese sentence that nothing is saved yet and that it will come by itself', sentence);
  checks.check(offline && offline.nodes.filter((n) => n.focusable).length >= 8 && node(offline, 'home.offline').visible,
    'home is drawn with its functions, not a blank screen');
  const drawn = shot('offline-home');
  checks.check(drawn.colours > 50 && drawn.nonBackground > 0.2, 'the screenshot is not blank', JSON.stringify(drawn));
  await activate(tv, 'tile.policies');
  const list = await waitFor(tv, (r) => r.screen === 'policies' && node(r, 'page.notice') && node(r, 'page.retry'), 10000);
  checks.check(list && node(list, 'page.notice').label === strings['state.offline_empty'] && node(list, 'page.retry').focusable,
    'a list page says nothing is saved yet and offers 再试一次', list ? node(list, 'page.notice').label : 'no notice');
  shot('offline-policies');

  // The server comes up on the same address; no key is pressed.
  community = await startCommunity(serverBinary, demoDir, dir, { port });
  await waitFor(tv, (r) => r.data.online && r.data.resources.alerts.freshness === 'current', 30000);
  await confirmAlerts(tv);  // the demo's severe alert arrives with the data and covers the page first
  const back = await waitFor(tv, (r) => r.screen === 'policies' && r.data.resources.policies.count > 0 &&
    r.nodes.some((n) => /^category\.\w+$/.test(n.id)) && !node(r, 'page.notice'), 10000);
  checks.check(back !== null, 'the server came up: the page shows the policies by itself',
    back ? `${back.data.resources.policies.count} policies` : JSON.stringify((await tv.report()).data));
  shot('recovered-policies');

  // 2. Its registration failed offline; opening 紧急求助 (or a booking page) tries again, with the
  // enrolment code, and the box is registered but not bound.
  await home();
  await activate(tv, 'tile.sos');
  const registered = await waitFor(tv, (r) => r.account.device.id > 0, 15000);
  checks.check(registered && registered.account.device.registered && !registered.account.device.bound,
    'the box registered itself with its enrolment code, not yet bound', JSON.stringify((await tv.report()).account.device));
  const deviceId = registered ? registered.account.device.id : 0;
  const sos = await waitFor(tv, (r) => r.screen === 'sos' && node(r, 'help.unbound'), 10000);
  checks.check(sos && node(sos, 'help.unbound').label === strings['help.unbound'] && !node(sos, 'sos.start'),
    '紧急求助 on an unbound box: says in plain words it must be bound first, and whom to call', sos && node(sos, 'help.unbound').label);
  const ambulance = sos && node(sos, 'help.number.ambulance');
  checks.check(sos && hanzi(node(sos, 'help.hotline').label) > 0 && ambulance && ambulance.label === strings['help.number.ambulance'],
    '紧急求助 still shows the phone numbers to call', ambulance && ambulance.label);
  shot('unbound-sos');
  // Booking: service, day and time can be chosen; the step that books for the household explains.
  await home();
  await activate(tv, 'tile.appointments');
  const services = await waitFor(tv, (r) => r.nodes.some((n) => /^booking\.service\.\d+$/.test(n.id)), 10000);
  await activate(tv, services.nodes.find((n) => /^booking\.service\.\d+$/.test(n.id)).id);
  const days = await waitFor(tv, (r) => r.screen === 'book_date' && r.nodes.some((n) => /^booking\.day\.[\d-]+$/.test(n.id) && n.focusable), 10000);
  await activate(tv, days.nodes.find((n) => /^booking\.day\.[\d-]+$/.test(n.id) && n.focusable).id);
  const slots = await waitFor(tv, (r) => r.screen === 'book_slot' && r.nodes.some((n) => /^booking\.slot\.\d+$/.test(n.id) && n.focusable), 10000);
  await activate(tv, slots.nodes.find((n) => /^booking\.slot\.\d+$/.test(n.id) && n.focusable).id);
  const who = await waitFor(tv, (r) => r.screen === 'book_who' && node(r, 'device.notice') && !node(r, 'device.notice').label.startsWith('正在'), 10000);
  const notice = who ? node(who, 'device.notice').label : '';
  checks.check(notice.startsWith(strings['device.unbound'].split('{')[0]) && notice.includes(`设备编号 ${deviceId}`) &&
    !node(who, 'booking.next'),
    'booking on an unbound box: says it must be bound first, how, and the box number', notice);
  shot('unbound-booking');

  // Staff bind it; 再查一次 picks the binding up, no restart.
  const bound = await community.bind(deviceId, { household_name: '5 号楼 302 李家', phone: '13800000012' });
  checks.check(bound.status === 200, 'staff bind the box to a household', String(bound.status));
  await focusOn(tv, 'device.refresh');
  await tv.key('ok');
  const ready = await waitFor(tv, (r) => r.screen === 'book_who' && node(r, 'booking.who.name') && node(r, 'booking.next'), 10000);
  checks.check(ready && node(ready, 'booking.who.name').label.includes('5 号楼 302 李家') && ready.account.device.bound,
    'after 再查一次 the booking step shows the household and 下一步', ready ? node(ready, 'booking.who.name').label : 'still unbound');
  shot('bound-booking');
  await home();
  await activate(tv, 'tile.sos');
  const help = await waitFor(tv, (r) => r.screen === 'sos' && node(r, 'sos.start'), 10000);
  checks.check(help && !node(help, 'help.unbound'), '紧急求助 now offers help, the same running app');
} catch (e) {
  checks.check(false, 'first start', e.stack);
} finally {
  await app.stop();
  if (community) await community.server.stop();
  xvfb.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
