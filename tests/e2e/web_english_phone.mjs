// The web app in English, on a phone, and its past alerts, in Debian's Chromium against the
// reference server (its own, on a free port):
// - English end to end: sign in, book and see the ticket with the English catalogue (lang=en),
//   with no Chinese on any screen except the server's own words (service names, places);
// - a phone (390x844, touch events): the whole booking journey by taps and swipes, and on every
//   step each target at least the browser's 60x60 CSS px and nothing off the screen sideways;
// - 以往的提醒: alerts that staff published and called off are listed newest first, and one opens
//   (read aloud, which is what opening an alert row does).
//   node tests/e2e/web_english_phone.mjs SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { mkdirSync } from 'node:fs';
import { client } from '../server/api_client.mjs';
import { Checks, launch, report, serveForScenarios, waitForState, waitReady } from './browser.mjs';
import { bookCancelAndUndo, fill, signIn } from '../journeys/booking_journey.mjs';
import { activate, confirmAlerts, expectScreen, goHome, node, waitFor } from '../journeys/journeys.mjs';
import { webDriver } from '../journeys/web_driver.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const server = await serveForScenarios(serverBinary, siteDir, demoDir);
const STAFF = server.staffToken;  // a signed-in staff member's bearer token
const api = client(server.url);
const checks = new Checks();
const browser = await launch();
const MIN_TARGET = 60;  // ACCESSIBILITY.md: browser targets >= 60x60 CSS px

// A page with a recording speech backend (what it asks the browser to say) and its uncaught errors.
// `watch(page)`: listeners to attach before the page loads.
async function open(contextOptions, query, watch = () => {}) {
  const context = await browser.newContext(contextOptions);
  await context.addInitScript(() => {
    window.__spoken = [];
    if (window.speechSynthesis) window.speechSynthesis.speak = (u) => { window.__spoken.push(u.text); };
  });
  const page = await context.newPage();
  watch(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/?${query}`);
  await waitReady(page);
  checks.check(await waitForState(page, () => {
    const r = window.elder.report().data.resources;
    return r.alerts.freshness === 'current' && r.site.freshness === 'current';
  }, null, 20000), `${query}: the data has arrived`);
  return { context, page, errors };
}

// ---- English end to end ----

// Han characters, kana, CJK punctuation and full-width forms: what must not be left in an English screen.
const CJK = /[\u2E80-\u33FF\u3400-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]+/gu;

function collectStrings(value, into) {
  if (typeof value === 'string') into.add(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, into);
}

async function englishEndToEnd() {
  // Everything the server sent: its words may stay Chinese (names of services, places, alerts).
  const fromServer = new Set();
  const reading = [];
  const { context, page, errors } = await open({ viewport: { width: 1280, height: 800 } }, 'surface=browser&lang=en', (p) =>
    p.on('response', (res) => {
      if (!new URL(res.url()).pathname.startsWith('/api/') || !(res.headers()['content-type'] || '').includes('json')) return;
      reading.push(res.json().then((j) => collectStrings(j, fromServer), () => {}));
    }));
  const driver = await webDriver(page, { name: 'english', mode: 'keyboard', checks, outDir, serverUrl: server.url, phone: '13800000021' });
  const english = async (step) => {
    await Promise.all(reading);
    const r = await driver.report();
    const left = r.nodes.filter((n) => (n.label.match(CJK) || []).some((run) => ![...fromServer].some((s) => s.includes(run))));
    checks.check(r.nodes.length > 3 && left.length === 0, `English: ${step}: every word on the screen is English or the server's own`,
      left.slice(0, 6).map((n) => `${n.id}: ${n.label}`).join(' | '));
    await driver.shot(step);
  };
  try {
    await page.locator('canvas').focus();
    checks.check((await driver.report()).settings.language === 'en', 'English: lang=en picks the English catalogue');
    await confirmAlerts(driver);
    await english('home');
    await activate(driver, 'tile.appointments');
    await expectScreen(driver, 'appointments', undefined, 'opens the bookings page');
    await waitFor(driver, (r) => node(r, 'booking.service.1'));
    await english('services');
    await activate(driver, 'booking.service.1');
    const days = await waitFor(driver, (r) => r.screen === 'book_date' && r.nodes.some((n) => n.id.startsWith('booking.day.') && n.focusable));
    await english('days');
    await activate(driver, days.nodes.find((n) => n.id.startsWith('booking.day.') && n.focusable).id);
    const times = await waitFor(driver, (r) => r.screen === 'book_slot' && r.nodes.some((n) => /^booking\.slot\.[0-9]+$/.test(n.id) && n.focusable));
    await english('times');
    const slot = times.nodes.find((n) => /^booking\.slot\.[0-9]+$/.test(n.id) && n.focusable).id;
    await activate(driver, slot);
    await expectScreen(driver, 'sign_in', undefined, 'asks who you are first');
    await english('sign-in');
    await signIn(driver, api);
    await expectScreen(driver, 'book_who', slot.split('.').pop(), 'signed in, back on the booking');
    await fill(driver, 'name', 'Wang Xiuying');
    await fill(driver, 'id_number', '11010519491231002X');
    await english('who');
    await activate(driver, 'booking.next');
    await expectScreen(driver, 'book_review', slot.split('.').pop(), 'the review');
    await english('review');
    await activate(driver, 'booking.confirm');
    const ticket = await waitFor(driver, (r) => r.screen === 'ticket' && node(r, 'ticket.code'), 10000);
    checks.check(ticket !== null, 'English: booked, the ticket');
    if (!ticket) return;
    await english('ticket');
    const code = node(ticket, 'ticket.code').label.split(' ').pop();
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('elder.account')).token);
    const mine = (await api.get('/api/v1/appointments', { token })).json.items;
    checks.check(mine.some((a) => a.code === code && a.status === 'booked'), 'English: the server holds the appointment on the ticket', code);
    checks.check(errors.length === 0, 'English: no uncaught errors', errors.join(' | '));
  } finally {
    await context.close();
  }
}

// ---- the phone ----

// On every step: targets big enough for a finger, and the page fits the screen's width.
function phoneLayout(page, width) {
  return async (step) => {
    const r = await report(page);
    const small = r.nodes.filter((n) => n.focusable && n.visible && (n.rect[2] < MIN_TARGET - 0.5 || n.rect[3] < MIN_TARGET - 0.5));
    checks.check(small.length === 0, `phone: ${step}: every target is at least ${MIN_TARGET}x${MIN_TARGET} CSS px`,
      small.map((n) => `${n.id} ${n.rect.slice(2).map(Math.round).join('x')}`).join(', '));
    const outside = r.nodes.filter((n) => n.rect[0] < -0.5 || n.rect[0] + n.rect[2] > width + 0.5);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    checks.check(outside.length === 0 && pageWidth <= width, `phone: ${step}: nothing off the screen sideways`,
      `${outside.map((n) => `${n.id} x ${Math.round(n.rect[0])}..${Math.round(n.rect[0] + n.rect[2])}`).join(', ')} page ${pageWidth} px`);
  };
}

// Alerts staff published and then called off, oldest first.
async function pastAlerts() {
  const made = [];
  for (const headline of ['测试：三号楼停水（已结束）', '测试：电梯检修（已结束）']) {
    const alert = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '蓝',
      info: [{ category: ['Infra'], event: '通知', headline, instruction: '请留意' }] }, { token: STAFF });
    if (alert.status !== 201) throw new Error(`publishing an alert: ${alert.status} ${JSON.stringify(alert.json)}`);
    const a = alert.json;
    const cancel = await api.post('/api/v1/staff/alerts', { msgType: 'Cancel', references: [`${a.sender},${a.identifier},${a.sent}`] }, { token: STAFF });
    if (cancel.status !== 201) throw new Error(`calling an alert off: ${cancel.status}`);
    made.push({ id: a.id, headline });
  }
  return made;
}

async function phone() {
  const viewport = { width: 390, height: 844 };
  const { context, page, errors } = await open({ viewport, hasTouch: true, isMobile: true }, 'surface=browser');
  const driver = await webDriver(page, { name: 'phone', mode: 'touch', checks, outDir, serverUrl: server.url, staffToken: STAFF,
    phone: '13800000022', afterShot: phoneLayout(page, viewport.width) });
  try {
    checks.check(await page.evaluate(() => navigator.maxTouchPoints > 0 && matchMedia('(pointer: coarse)').matches),
      'phone: a touch screen, as the page sees it');
    await confirmAlerts(driver);
    await driver.shot('home');
    await bookCancelAndUndo(driver);

    // 以往的提醒 on the phone.
    const [older, newer] = await pastAlerts();
    await goHome(driver);
    await activate(driver, 'tile.alerts');
    await expectScreen(driver, 'alerts', undefined, 'opens 通知提醒');
    const listed = await waitFor(driver, (r) => node(r, 'alert.past.' + older.id) && node(r, 'alert.past.' + newer.id), 10000);
    checks.check(listed !== null, 'past alerts: both alerts that were called off are under 以往的提醒');
    if (!listed) return;
    const past = listed.nodes.filter((n) => /^alert\.past\.[0-9]+$/.test(n.id)).sort((a, b) => a.rect[1] - b.rect[1]);
    const ids = past.map((n) => Number(n.id.split('.').pop()));
    checks.check(ids.every((id, i) => i === 0 || id < ids[i - 1]) && ids.indexOf(newer.id) < ids.indexOf(older.id),
      'past alerts: newest first', ids.join(' > '));
    const before = (await page.evaluate(() => window.__spoken)).length;
    await activate(driver, 'alert.past.' + newer.id);
    const spoken = await waitForState(page, ([n, h]) => window.__spoken.slice(n).some((t) => t.includes(h)), [before, newer.headline], 5000);
    checks.check(spoken, 'past alerts: opening one reads it out, headline and all', (await page.evaluate(() => window.__spoken)).slice(before).join(' / '));
    await driver.shot('past-alerts');
    checks.check(errors.length === 0, 'phone: no uncaught errors', errors.join(' | '));
  } finally {
    await context.close();
  }
}

try {
  await checks.each('', [englishEndToEnd, phone]);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(checks.summary());
