// Requests for help, a sign-in that expires mid-booking, and a first start without a network, in
// Debian's Chromium against the reference server (its own, on a free port):
// - a kiosk's first start with the server unreachable (the fault proxy drops every API request)
//   and nothing saved: plain Chinese sentences and 再试一次, then, the server reachable again, the
//   page recovers by itself;
// - repair, complaint and callback requests filed on a kiosk by touch: staff see each one, answer
//   it through the staff API, and 我的求助 shows the new status and the staff's note;
// - a browser whose sign-in staff end between choosing a time and 确认预约: the app says so in plain
//   words, asks for a new code, and the same resident comes back to the review with everything
//   chosen and typed, and books.
//   node tests/e2e/requests_signin_offline.mjs SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { startFaultProxy } from '../fault/fault_proxy.mjs';
import { Checks, launch, serveForScenarios, waitForState, waitReady } from './browser.mjs';
import { codeFor, fill, signIn } from '../journeys/booking_journey.mjs';
import { activate, confirmAlerts, expectScreen, goHome, node, waitFor } from '../journeys/journeys.mjs';
import { webDriver } from '../journeys/web_driver.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const root = new URL('../..', import.meta.url).pathname;
const zh = JSON.parse(readFileSync(join(root, 'assets/strings/zh-CN.json'), 'utf8'));
const server = await serveForScenarios(serverBinary, siteDir, demoDir);
const api = client(server.url);
const staff = { token: server.staffToken };
const checks = new Checks();
const browser = await launch();

async function openWeb(name, url, contextOptions, mode, init = []) {
  const context = await browser.newContext(contextOptions);
  for (const script of init) await context.addInitScript(script);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await waitReady(page);
  await page.locator('canvas').focus();
  const driver = await webDriver(page, { name, mode, checks, outDir, serverUrl: server.url, staffToken: server.staffToken });
  return { context, page, errors, driver };
}

const waitData = (page) => waitForState(page, () => {
  const d = window.elder.report().data;
  return d.online && d.resources.policies.freshness === 'current' && d.resources.alerts.freshness === 'current';
}, null, 20000);

// ---- a first start with no network and nothing saved ----
async function firstStartOffline() {
  const proxy = await startFaultProxy(server.url);
  proxy.setMode('drop');
  const { context, page, errors, driver } = await openWeb('offline', proxy.url + '/?surface=kiosk',
    { viewport: { width: 1080, height: 1920 }, hasTouch: true }, 'touch');
  try {
    const home = await waitFor(driver, (r) => r.screen === 'home' && node(r, 'home.offline') &&
      r.data.resources.policies.error === 'offline', 20000);
    checks.check(home !== null && node(home, 'home.offline').label === zh['status.offline_nothing_saved'],
      'offline first start: home says in plain Chinese that the network is out and nothing is saved yet', home ? node(home, 'home.offline').label : '');
    checks.check(home && home.nodes.filter((n) => n.focusable && n.visible).length >= 8, 'offline first start: the home tiles are there to use');
    await activate(driver, 'tile.policies');
    const empty = await waitFor(driver, (r) => r.screen === 'policies' && node(r, 'page.notice') && node(r, 'page.retry'), 10000);
    checks.check(empty !== null && node(empty, 'page.notice').label === zh['state.offline_empty'] && node(empty, 'page.retry').label === zh['state.retry'],
      'offline first start: a page with nothing saved says so plainly and offers 再试一次', empty ? node(empty, 'page.notice').label : '');
    await driver.shot('offline-first-start');
    proxy.setMode('none');  // the server is reachable: nobody touches anything
    const arrived = await waitFor(driver, (r) => r.data.online && r.data.resources.categories.freshness === 'current' &&
      r.data.resources.alerts.freshness === 'current', 30000);
    checks.check(arrived !== null, 'offline first start: the data arrives by itself once the server answers');
    await confirmAlerts(driver);  // the demo's severe alert, which could not arrive before
    const back = await waitFor(driver, (r) => r.screen === 'policies' && !node(r, 'page.notice') && !node(r, 'page.retry') &&
      node(r, 'category.yanglao') && node(r, 'category.yanglao').visible, 10000);
    const now = await driver.report();
    checks.check(back !== null, 'offline first start: the page it was left on shows the policies, the sentence gone',
      back ? '' : `${now.screen} online ${now.data.online}: ${now.nodes.map((n) => n.id).join(' ')} ${JSON.stringify(now.data.resources.categories)}`);
    await driver.shot('offline-recovered');
    const saved = await page.evaluate(() => localStorage.getItem('elder.cache.policies') !== null);
    checks.check(saved, 'offline first start: what arrived is saved for the next start');
    checks.check(errors.length === 0, 'offline first start: no uncaught errors', errors.join(' | '));
  } finally {
    await context.close();
    proxy.close();
  }
}

// ---- repair, complaint and callback ----
const REQUESTS = [
  { kind: 'repair', message: '厨房水龙头漏水', status: 'accepted', note: '师傅明天上午来修' },
  { kind: 'complaint', message: '楼道灯晚上不亮', status: 'in_progress', note: '已经通知物业更换' },
  // Closing a request takes a word on how it ended (the resident sees the note).
  { kind: 'callback', message: '想问问助餐怎么报名', status: 'done', note: '已经回电说明', outcome: '电话说明了助餐报名办法' },
];

async function requests() {
  const { context, page, errors, driver } = await openWeb('kiosk', server.url + '/?surface=kiosk',
    { viewport: { width: 1080, height: 1920 }, hasTouch: true }, 'touch');
  driver.phone = '13800000041';
  try {
    checks.check(await waitData(page), 'kiosk: the data has arrived');
    await confirmAlerts(driver);
    for (const [i, r] of REQUESTS.entries()) {
      await goHome(driver);
      await activate(driver, 'tile.sos');
      await expectScreen(driver, 'sos', undefined, 'opens 紧急求助');
      await activate(driver, 'help.' + r.kind);
      if (i === 0) {
        await expectScreen(driver, 'sign_in', undefined, `${r.kind}: asks who you are first`);
        await signIn(driver, api);
      }
      await expectScreen(driver, 'help_form', r.kind, `${r.kind}: the form`);
      await fill(driver, 'message', r.message);
      await activate(driver, 'help.send');
      const sent = await waitFor(driver, (x) => x.screen === 'help_sent' && node(x, 'help.ticket'), 10000);
      checks.check(sent !== null, `${r.kind}: sent, with a request number`, sent ? node(sent, 'help.ticket').label : '');
      if (!sent) continue;
      await driver.shot(`${r.kind}-sent`);
      const ticket = node(sent, 'help.ticket').label.split(' ').pop();
      const seen = (await api.get('/api/v1/staff/help-requests?limit=100', staff)).json.items.find((h) => h.ticket === ticket);
      checks.check(seen && seen.kind === r.kind && seen.message === r.message && seen.status === 'received',
        `${r.kind}: staff see it, with the resident's words`, seen ? `${seen.kind} ${seen.status} ${seen.message}` : 'not found');
      if (!seen) continue;
      const answered = await api.call('PATCH', `/api/v1/staff/help-requests/${seen.id}`, { ...staff, body: { status: r.status, note: r.note, ...(r.outcome ? { outcome: r.outcome } : {}) } });
      checks.check(answered.status === 200, `${r.kind}: staff answer it`, String(answered.status));
      await activate(driver, 'help.mine');
      const mine = await waitFor(driver, (x) => x.screen === 'my_requests' && node(x, `request.${seen.id}.1`)?.label.includes(zh['help.status.' + r.status]) &&
        node(x, `request.${seen.id}.1`).label.includes(r.note), 10000);
      checks.check(mine !== null, `${r.kind}: 我的求助 shows 「${zh['help.status.' + r.status]}」 and the staff's note`,
        JSON.stringify(node(await driver.report(), `request.${seen.id}.1`)?.label));
      await driver.shot(`${r.kind}-answered`);
    }
    checks.check(errors.length === 0, 'kiosk: no uncaught errors', errors.join(' | '));
  } finally {
    await context.close();
  }
}

// ---- a sign-in that expires between choosing a time and confirming ----
async function expiringSignIn() {
  const phone = '13800000042';
  // Signed in on an earlier visit (the browser keeps the sign-in); asked from another loopback
  // address, so that signing in again below is this address's first code for the phone.
  const token = await api.signInFrom('127.0.0.2', phone);
  const signedIn = { content: `localStorage.setItem('elder.account', ${JSON.stringify(JSON.stringify({ token, phone }))})` };
  const { context, page, errors, driver } = await openWeb('expiry', server.url + '/?surface=browser',
    { viewport: { width: 1280, height: 800 } }, 'keyboard', [signedIn]);
  driver.phone = phone;
  try {
    checks.check(await waitData(page), 'browser: the data has arrived');
    await confirmAlerts(driver);
    checks.check((await driver.report()).account.signed_in, 'expiry: signed in from an earlier visit');
    await activate(driver, 'tile.appointments');
    await waitFor(driver, (r) => node(r, 'booking.service.1'));
    await activate(driver, 'booking.service.1');
    const days = await waitFor(driver, (r) => r.screen === 'book_date' && r.nodes.some((n) => n.id.startsWith('booking.day.') && n.focusable));
    await activate(driver, days.nodes.find((n) => n.id.startsWith('booking.day.') && n.focusable).id);
    const times = await waitFor(driver, (r) => r.screen === 'book_slot' && r.nodes.some((n) => /^booking\.slot\.[0-9]+$/.test(n.id) && n.focusable));
    const slot = times.nodes.find((n) => /^booking\.slot\.[0-9]+$/.test(n.id) && n.focusable).id.split('.').pop();
    await activate(driver, 'booking.slot.' + slot);
    await expectScreen(driver, 'book_who', slot, 'signed in, straight to who is coming');
    await fill(driver, 'name', '王秀英');
    await fill(driver, 'id_number', '11010519491231002X');
    await activate(driver, 'booking.next');
    await expectScreen(driver, 'book_review', slot, 'the review');

    const out = await api.post('/api/v1/staff/residents/sign-out', { phone }, staff);
    checks.check(out.status === 204 && (await api.get('/api/v1/appointments', { token })).status === 401,
      'expiry: staff end the sign-in on the server', String(out.status));
    await activate(driver, 'booking.confirm');
    const asked = await waitFor(driver, (r) => r.screen === 'sign_in' && node(r, 'form.error'), 10000);
    checks.check(asked !== null && node(asked, 'form.error').label.includes(zh['sign_in.expired']),
      'expiry: the app says the sign-in has expired, in plain words, on the sign-in page', asked ? node(asked, 'form.error').label : '');
    checks.check(asked && node(asked, 'sign_in.send_code') && asked.nodes.filter((n) => n.visible).length > 5 && errors.length === 0,
      'expiry: a whole page, no crash');
    checks.check(asked && asked.account.form.fields.phone === phone, 'expiry: the phone number is filled in already: only a new code is needed');
    await driver.shot('expired');

    await activate(driver, 'sign_in.send_code');
    // The new code, once the page says it was sent (the phone's earlier code is spent).
    checks.check(await waitFor(driver, (r) => r.account.form.notice === 'sign_in.code_sent' && !r.account.form.busy, 5000) !== null,
      'expiry: a new code is sent');
    await fill(driver, 'code', await codeFor(api, phone));
    await activate(driver, 'sign_in.submit');
    const review = await waitFor(driver, (r) => r.screen === 'book_review' && r.arg === slot && node(r, 'review.name'), 10000);
    checks.check(review !== null && node(review, 'review.name').label.includes('王秀英') && node(review, 'review.id_number'),
      'expiry: signed in again, back on the review with the time, the name and the ID number',
      review ? node(review, 'review.name').label : JSON.stringify((await driver.report()).account));
    await driver.shot('back-on-review');
    await activate(driver, 'booking.confirm');
    const ticket = await waitFor(driver, (r) => r.screen === 'ticket' && node(r, 'ticket.code'), 10000);
    const fresh = await page.evaluate(() => JSON.parse(localStorage.getItem('elder.account')).token);
    const mine = ticket ? (await api.get('/api/v1/appointments', { token: fresh })).json.items : [];
    checks.check(ticket !== null && mine.some((a) => a.slot.id === Number(slot) && a.name === '王秀英' && a.status === 'booked'),
      'expiry: booked, for the time chosen before the sign-in expired');
    checks.check(errors.length === 0, 'expiry: no uncaught errors', errors.join(' | '));
  } finally {
    await context.close();
  }
}

try {
  await checks.each('', [firstStartOffline, requests, expiringSignIn]);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(checks.summary());
