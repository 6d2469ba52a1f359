// Midnight passing while the TV app runs. The app is started with its clock at 23:59 China time
// (--clock-start, a test-only option; the box set to UTC, the community's clock is China time) and left alone, no key pressed:
// 1. on home, the header's date and clock move on to the next day at 00:00;
// 2. on a service's date page, the 14 booking days move on a day: 今天 and 明天 name the new
//    today and tomorrow, and the new last day is there.
// Dates are worded with the app's own catalogue.
//   node tests/tv/tv_midnight.mjs TVAPP SERVER DEMO_DIR
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { activate, confirmAlerts, node, waitFor } from '../journeys/journeys.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, serverBinary, demoDir] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-midnight-'));
const checks = new Checks();
const strings = JSON.parse(readFileSync(new URL('../../assets/strings/zh-CN.json', import.meta.url), 'utf8'));
const BOOKING_DAYS = 14;
const community = await startCommunity(serverBinary, demoDir, dir);
const xvfb = await startXvfb();

// "2026-11-25" n days on, and its words as the catalogue writes them.
const dayAfter = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400e3).toISOString().slice(0, 10);
function words(format, iso) {
  const d = new Date(iso + 'T00:00:00Z');
  const fields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: strings['weekday.' + d.getUTCDay()] };
  return strings[format].replace(/\{(\w+)\}/g, (_, k) => String(fields[k]));
}
// Today in China, whatever the machine's zone: the day the test's midnight ends.
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const tomorrow = dayAfter(today, 1);

// The app with its clock at `hhmmss` tonight; a new data directory each time.
function startAt(hhmmss, name) {
  rmSync(join(dir, 'report.json'), { force: true });
  return startTvApp(tvapp, ['--server', community.url, '--data-dir', join(dir, name), '--clock-start', `${today}T${hhmmss}+08:00`],
    { display: xvfb.display, report: join(dir, 'report.json'), env: { TZ: 'UTC' } });  // the box's own zone plays no part
}

// The date page's rows: [{ date, label }] in the order shown.
const dayRows = (r) => r.nodes.filter((n) => /^booking\.day\.[\d-]+$/.test(n.id)).map((n) => ({ date: n.id.slice(12), label: n.label }));
function checkDays(r, first, when) {
  const rows = r ? dayRows(r) : [];
  const expected = Array.from({ length: BOOKING_DAYS }, (_, i) => dayAfter(first, i));
  checks.check(JSON.stringify(rows.map((x) => x.date)) === JSON.stringify(expected), `${when}: the ${BOOKING_DAYS} booking days start on ${first}`,
    rows.map((x) => x.date).join(' '));
  if (rows.length < 3) return;
  checks.check(rows[0].label.startsWith(`${strings['booking.today']} ${words('time.day', first)}`) &&
    rows[1].label.startsWith(`${strings['booking.tomorrow']} ${words('time.day', dayAfter(first, 1))}`) &&
    rows[2].label.startsWith(words('time.day', dayAfter(first, 2))), `${when}: 今天 and 明天 name ${first} and the day after`,
    rows.slice(0, 3).map((x) => x.label).join(' | '));
}

let app = null;
try {
  // 1. Home at midnight.
  app = startAt('23:59:30', 'home');
  let tv = remoteDriver(app, checks);
  await waitFor(tv, (r) => r.screen === 'home' && r.data.resources.alerts.freshness === 'current', 15000);
  await confirmAlerts(tv);  // the demo's severe alert covers home until confirmed
  const before = await waitFor(tv, (r) => r.screen === 'home' && r.interruption === null && node(r, 'home.date'), 5000);
  checks.check(before && node(before, 'home.date').label === `${words('date.format', today)}  晚上11:59`,
    'home before midnight: the header says today, 晚上11:59', before && node(before, 'home.date').label);
  const after = await waitFor(tv, (r) => node(r, 'home.date') && !node(r, 'home.date').label.endsWith('晚上11:59'), 60000);
  checks.check(after && node(after, 'home.date').label === `${words('date.format', tomorrow)}  凌晨12点`,
    'home after midnight, no key pressed: the header says the next day, 凌晨12点', after && node(after, 'home.date').label);
  await app.stop();

  // 2. The date page at midnight.
  app = startAt('23:59:25', 'booking');
  tv = remoteDriver(app, checks);
  await waitFor(tv, (r) => r.screen === 'home' && r.data.resources.alerts.freshness === 'current', 15000);
  await confirmAlerts(tv);
  await activate(tv, 'tile.appointments');
  const services = await waitFor(tv, (r) => r.nodes.some((n) => /^booking\.service\.\d+$/.test(n.id)), 10000);
  if (!services) throw new Error('the booking page lists no services');
  await activate(tv, services.nodes.find((n) => /^booking\.service\.\d+$/.test(n.id)).id);
  const tonight = await waitFor(tv, (r) => r.screen === 'book_date' && dayRows(r).length === BOOKING_DAYS, 10000);
  checks.check(tonight !== null, 'the date page is open before midnight', tonight ? '' : `on ${(await tv.report()).screen}`);
  checkDays(tonight, today, 'before midnight');
  const moved = await waitFor(tv, (r) => r.screen === 'book_date' && dayRows(r)[0] && dayRows(r)[0].date === tomorrow, 60000);
  checkDays(moved, tomorrow, 'after midnight, no key pressed');
  // The new last day has its slots asked for, not only a label: the page is not left loading.
  const settled = await waitFor(tv, (r) => !node(r, 'page.notice'), 10000);
  checks.check(settled !== null, 'after midnight the days are loaded, no notice left on the page');
  await tv.key('home');
  const home = await waitFor(tv, (r) => r.screen === 'home', 5000);
  checks.check(home && node(home, 'home.date').label.startsWith(words('date.format', tomorrow)),
    'back home, the header says the next day', home && node(home, 'home.date').label);
} catch (e) {
  checks.check(false, 'midnight while running', e.stack);
} finally {
  if (app) await app.stop();
  await community.server.stop();
  xvfb.stop();
}
process.exit(checks.summary());
