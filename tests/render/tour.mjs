// The screens issue 13 asks to be measured, reached the way a resident reaches them (remote keys,
// taps or a keyboard through the journeys' helpers): the severe-alert interruption, home, a policy,
// a guide, the booking review, the ticket and the SOS question. At each, driver.look(name, words)
// measures the screenshot; `words` maps node ids to what OCR must read there.
//   driver: journeys.mjs's driver (touch drivers with swipeUp/swipeDown), plus look(name, words),
//   serverUrl, staffToken, strings (zh-CN catalogue), signIn() and fillWho() (web: who is booking;
//   the TV is a box bound to a household)
import { client } from '../server/api_client.mjs';
import { activate, confirmAlerts, expectScreen, goHome, node, waitFor } from '../journeys/journeys.mjs';

// By touch, an item below (or above) the screen is first brought into view with a swipe, as a
// finger would; arrow keys scroll the page themselves as the focus moves.
export async function use(driver, id) {
  for (let i = 0; driver.mode === 'touch' && i < 20; i++) {
    const r = await driver.report();
    const n = node(r, id);
    const [, top, , height] = r.viewport;
    if (!n || (n.rect[1] >= top && n.rect[1] + n.rect[3] <= top + height)) break;
    const below = n.rect[1] + n.rect[3] > top + height;
    if (below ? r.scroll >= r.max_scroll : r.scroll <= 0) break;
    await (below ? driver.swipeUp() : driver.swipeDown());
  }
  // A page still settling (a list that arrived, a notice that went) moves its items: tap where the
  // item stays, seen at the same place in two reports 100 ms apart.
  for (let i = 0, last = ''; i < 20; i++) {
    const n = node(await driver.report(), id);
    const here = n ? n.rect.join() : '';
    if (here && here === last) break;
    last = here;
    await new Promise((r) => setTimeout(r, 100));
  }
  await activate(driver, id);
}

// The first item of a list: `prefix` and then its key (a number, a date), nothing after.
const first = (r, prefix) => r.nodes.find((n) => n.focusable && n.id.startsWith(prefix) && /^[0-9-]+$/.test(n.id.slice(prefix.length)));

export async function interruption(driver) {
  const r = await waitFor(driver, (x) => x.interruption !== null && node(x, 'interrupt.headline'), 20000);
  driver.checks.check(r !== null, `${driver.name}: a severe alert interrupts`);
  if (!r) return;
  const alert = (await client(driver.serverUrl).get(`/api/v1/alerts/${r.interruption}`)).json;
  await driver.look('alert', { 'interrupt.headline': alert.info[0].headline });
  // Taller than the screen (large text on a small one): the rest is one Down key or swipe away.
  if ((await driver.report()).max_scroll > 0) {
    if (driver.mode === 'touch') await driver.swipeUp();
    else await driver.key('down');
    const end = await waitFor(driver, (x) => x.scroll > 0 && x.interruption === r.interruption, 10000);
    if (driver.checks.check(end !== null, `${driver.name}: the alert scrolls on to its end`)) await driver.look('alert-end');
  }
  await confirmAlerts(driver);
}

export async function home(driver) {
  await goHome(driver);
  await waitFor(driver, (r) => r.screen === 'home' && node(r, 'tile.policies'));
  await driver.look('home');
}

export async function policy(driver) {
  await goHome(driver);
  await use(driver, 'tile.policies');
  await expectScreen(driver, 'policies', undefined, 'opens 政策资讯');
  await waitFor(driver, (r) => node(r, 'category.yanglao'));
  await use(driver, 'category.yanglao');
  const list = await waitFor(driver, (r) => r.screen === 'policy_list' && first(r, 'policy.'));
  await use(driver, first(list, 'policy.').id);
  const page = await waitFor(driver, (r) => r.screen === 'policy_detail' && node(r, 'policy.body.0'), 10000);
  driver.checks.check(page !== null, `${driver.name}: a policy opens`);
  if (!page) return;
  const title = (await client(driver.serverUrl).get(`/api/v1/policies/${page.arg}`)).json.title;
  await driver.look('policy', { 'page.title': title });
}

export async function guide(driver) {
  await goHome(driver);
  await use(driver, 'tile.guides');
  const themes = await waitFor(driver, (r) => r.screen === 'guides' && node(r, 'theme.0'));
  if (!driver.checks.check(themes !== null, `${driver.name}: 办事指南 shows its themes`)) return;
  await use(driver, 'theme.0');
  const list = await waitFor(driver, (r) => r.screen === 'guide_list' && first(r, 'guide.'));
  await use(driver, first(list, 'guide.').id);
  const page = await waitFor(driver, (r) => r.screen === 'guide_detail' && node(r, 'guide.what.0'), 10000);
  if (driver.checks.check(page !== null, `${driver.name}: a guide opens`)) await driver.look('guide');
}

// Books the `nth` free time of the first bookable day: the review, then the ticket.
export async function booking(driver, nth) {
  await goHome(driver);
  await use(driver, 'tile.appointments');
  await waitFor(driver, (r) => node(r, 'booking.service.1'));
  await use(driver, 'booking.service.1');
  const days = await waitFor(driver, (r) => r.screen === 'book_date' && first(r, 'booking.day.'), 20000);
  if (!driver.checks.check(days !== null, `${driver.name}: the days to book`, (await driver.report()).screen)) return;
  await use(driver, first(days, 'booking.day.').id);
  const times = await waitFor(driver, (r) => r.screen === 'book_slot' && first(r, 'booking.slot.'), 20000);
  if (!driver.checks.check(times !== null, `${driver.name}: the times of the first day`, (await driver.report()).screen)) return;
  const slot = times.nodes.filter((n) => n.focusable && /^booking\.slot\.[0-9]+$/.test(n.id))[nth];
  if (!driver.checks.check(slot !== undefined, `${driver.name}: a free time to book`)) return;
  await use(driver, slot.id);
  if ((await waitFor(driver, (r) => r.screen !== 'book_slot')).screen === 'sign_in') await driver.signIn();
  await expectScreen(driver, 'book_who', slot.id.slice('booking.slot.'.length), 'asks who is coming');
  await driver.fillWho();
  await use(driver, 'booking.next');
  const review = await waitFor(driver, (r) => r.screen === 'book_review' && node(r, 'booking.confirm'));
  if (!driver.checks.check(review !== null, `${driver.name}: the booking review`)) return;
  await driver.look('review');
  await use(driver, 'booking.confirm');
  const ticket = await waitFor(driver, (r) => r.screen === 'ticket' && node(r, 'ticket.code'), 10000);
  if (!driver.checks.check(ticket !== null, `${driver.name}: booked, the ticket`)) return;
  const code = node(ticket, 'ticket.code').label.split(' ').pop();  // the code the app holds, in the catalogue's words
  await driver.look('ticket', { 'ticket.code': driver.strings['ticket.code'].replace('{code}', code) });
}

export async function sosQuestion(driver) {
  await goHome(driver);
  await use(driver, 'tile.sos');
  await waitFor(driver, (r) => r.screen === 'sos' && node(r, 'sos.start'));
  await use(driver, 'sos.start');
  const r = await waitFor(driver, (x) => x.screen === 'sos_confirm' && node(x, 'sos.question'));
  if (!driver.checks.check(r !== null, `${driver.name}: 紧急求助 asks once more`)) return;
  await driver.look('sos-question', { 'sos.question': driver.strings['help.sos_question'] });
  await use(driver, 'sos.cancel');
  // The next step starts from where the cancel leads, not from the question still on screen.
  const left = await waitFor(driver, (x) => x.screen !== 'sos_confirm', 5000);
  driver.checks.check(left !== null, `${driver.name}: 取消 leaves the question`);
}

// The resident changes the text size and the contrast on the settings page.
export async function chooseSettings(driver, textSize, highContrast) {
  await goHome(driver);
  await use(driver, 'tile.settings');
  await expectScreen(driver, 'settings', undefined, 'opens 设置');
  await use(driver, 'settings.size.' + textSize);
  await waitFor(driver, (r) => r.settings.text_size === textSize);
  await use(driver, 'settings.contrast.' + (highContrast ? 'on' : 'off'));
  const set = await waitFor(driver, (r) => r.settings.text_size === textSize && r.settings.high_contrast === highContrast);
  driver.checks.check(set !== null, `${driver.name}: text size ${textSize}, high contrast ${highContrast ? 'on' : 'off'} chosen`);
}

// Staff publish a red (Extreme) alert: it interrupts whatever is on screen.
export async function publishAlert(driver, headline) {
  const res = await client(driver.serverUrl).post('/api/v1/staff/alerts', {
    msgType: 'Alert', colour_level: '红', info: [{ category: ['Met'], event: '暴雨', headline, instruction: '请留在家中，远离河道。' }],
  }, { token: driver.staffToken });
  if (res.status !== 201) throw new Error('publishing an alert: ' + res.status);
}

// Every screen of the tour once; `nth` picks a different time to book on each pass.
export async function tour(driver, nth) {
  await interruption(driver);
  await home(driver);
  await policy(driver);
  await guide(driver);
  await booking(driver, nth);
  await sosQuestion(driver);
}

// The tour twice: as the app opens (标准 text, default colours), then after the resident chooses 特大
// and high contrast and staff publish a red alert that interrupts. `setPass(name)` names each pass
// (its screenshots and checks).
export async function tourInBothSettings(driver, setPass) {
  setPass('default');
  await tour(driver, 0);
  setPass('largest-high-contrast');
  await chooseSettings(driver, 2, true);
  await publishAlert(driver, '暴雨红色预警：今晚有特大暴雨');
  await tour(driver, 1);
}
