// Booking on every surface against the reference server, as residents do it: a service, a day, a
// time; signing in (kiosk: keypad taps, browser: typing; the TV is a box bound by staff); who is
// coming; the review; a slot that fills up meanwhile gives a clear message and other times; the
// ticket; cancel with its confirmation, and undo. The server is asked over HTTP whether the seat
// was really taken and given back.
//   driver (see journeys.mjs) plus: serverUrl, phone (this surface's resident), type(text)
import { decodeQr } from '../e2e/qr.mjs';
import { client } from '../server/api_client.mjs';
import { activate, expectFocus, expectScreen, goHome, node, showOnScreen, waitFor } from './journeys.mjs';

const seatsLeft = async (api, slot, date) =>
  (await api.get(`/api/v1/schedules/1/slots?from=${date}&to=${date}`)).json.items.find((s) => s.id === slot).seats_left;

// Types into a form field the surface's way: the kiosk's keypad for digits, otherwise the
// browser's input (a real keyboard, or the kiosk's system keyboard for names).
export async function fill(driver, field, text) {
  await activate(driver, 'field.' + field);
  // Digits on a kiosk go through its keypad; a phone types them with its own keyboard.
  if (driver.mode === 'touch' && /^[0-9X]+$/.test(text) && (await driver.report()).surface === 'kiosk') {
    await activate(driver, 'keypad.clear');
    for (const c of text) await activate(driver, 'keypad.' + (c === 'X' ? 'x' : c));
  } else if (driver.mode !== 'remote') {
    await waitFor(driver, (r) => r.editing_field === field, 3000);
    await driver.type(text);
    await driver.key('ok');  // Enter closes the input
    await waitFor(driver, (r) => !r.editing, 3000);
  }
  const r = await waitFor(driver, (x) => x.account.form.fields[field] === text, 3000);
  driver.checks.check(r !== null, `${driver.name}: ${field} filled in`, r ? '' : JSON.stringify((await driver.report()).account.form));
}

// Five wrong codes void the code, in a plain sentence; the right code is refused after that.
async function wrongCodesLock(driver, api) {
  const phone = driver.phone.slice(0, 10) + '9';
  await fill(driver, 'phone', phone);
  await activate(driver, 'sign_in.send_code');
  const code = await codeFor(api, phone);
  const wrong = code === '000000' ? '111111' : '000000';
  let last = null;
  for (let i = 0; i < 5; i++) {
    await fill(driver, 'code', wrong);
    await activate(driver, 'sign_in.submit');
    last = await waitFor(driver, (r) => !r.account.form.busy && r.account.form.error !== '' && r.account.form.fields.code === '', 5000);
  }
  driver.checks.check(last && last.account.form.error.includes('作废'), `${driver.name}: five wrong codes lock, said plainly`,
    last ? last.account.form.error : 'no answer');
  await driver.shot('wrong-codes');
  await fill(driver, 'code', code);
  await activate(driver, 'sign_in.submit');
  const refused = await waitFor(driver, (r) => !r.account.form.busy && r.account.form.error !== '' && r.account.form.fields.code === '', 5000);
  driver.checks.check(refused && !refused.account.signed_in, `${driver.name}: after the lock even the right code is refused`,
    refused ? refused.account.form.error : '');
}

// The code as the resident's phone receives it (the demo server's development endpoint).
export async function codeFor(api, phone) {
  for (let i = 0; i < 100; i++) {
    const res = await api.get('/api/v1/dev/otp?phone=' + phone);
    if (res.status === 200) return res.json.code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no code was sent to ' + phone);
}

export async function signIn(driver, api) {
  await fill(driver, 'phone', driver.phone);
  await activate(driver, 'sign_in.send_code');
  const code = await codeFor(api, driver.phone);
  const sent = await waitFor(driver, (r) => r.account.form.notice === 'sign_in.code_sent' && !r.account.form.busy, 5000);
  driver.checks.check(sent !== null, `${driver.name}: 获取验证码 sends a code and says so`);
  await fill(driver, 'code', code);
  await driver.shot('sign-in');
  await activate(driver, 'sign_in.submit');
}

// Neighbours take every seat left in `slot` (while our resident is on the review page), each for
// their own phone (phones `${prefix}0000`, `${prefix}0001`, ...), as the server only books that.
async function fillUp(api, slot, date, prefix) {
  const left = await seatsLeft(api, slot, date);
  const neighbours = await api.residents(prefix, left, 20);
  for (let i = 0; i < left; i++) {
    const res = await api.post('/api/v1/appointments',
      { slot_id: slot, name: '邻居', phone: neighbours[i].phone, id_number: '11010519491231002X' },
      { token: neighbours[i].token, headers: { 'Idempotency-Key': `filler-${slot}-${i}-${Date.now()}` } });
    if (res.status !== 201) throw new Error(`filling slot ${slot}: ${res.status} ${JSON.stringify(res.json)}`);
  }
}

export async function bookCancelAndUndo(driver) {
  const api = client(driver.serverUrl);
  await goHome(driver);
  await activate(driver, 'tile.appointments');
  await expectScreen(driver, 'appointments', undefined, 'opens 预约办理');
  await waitFor(driver, (r) => node(r, 'booking.service.1'));
  await activate(driver, 'booking.service.1');
  await expectScreen(driver, 'book_date', '1', 'opens the days of 养老金资格认证');
  const days = await waitFor(driver, (r) => r.nodes.some((n) => n.id.startsWith('booking.day.') && n.focusable));
  await expectFocus(driver, 'booking.day.*', 'the days open on the first day that can be booked');
  await driver.shot('days');
  const day = days.nodes.find((n) => n.id.startsWith('booking.day.') && n.focusable);
  const greyed = days.nodes.filter((n) => /^booking\.day\.[0-9-]+$/.test(n.id) && !n.focusable);
  driver.checks.check(greyed.length > 0 && greyed.every((n) => /不办理|约满|下班|当天不能预约/.test(n.label)),
    `${driver.name}: days that cannot be booked are dimmed and say why`, greyed.map((n) => n.label).join(' / '));
  await activate(driver, day.id);
  const date = day.id.slice('booking.day.'.length);
  await expectScreen(driver, 'book_slot', '1/' + date, 'opens the times of the day');
  const times = await waitFor(driver, (r) => r.nodes.some((n) => n.id.startsWith('booking.slot.') && n.focusable));
  const time = times.nodes.filter((n) => /^booking\.slot\.[0-9]+$/.test(n.id) && n.focusable);
  // The first free time will fill up under our resident: the second is where they end up.
  const [slot, other] = time.map((n) => Number(n.id.slice('booking.slot.'.length)));
  await activate(driver, 'booking.slot.' + slot);

  if (driver.mode !== 'remote') {
    await expectScreen(driver, 'sign_in', undefined, 'asks who you are first');
    if (driver.name === 'kiosk') await wrongCodesLock(driver, api);
    await signIn(driver, api);
    await expectScreen(driver, 'book_who', String(slot), 'signed in, back on the booking');
    await fill(driver, 'name', '王秀英');
    await fill(driver, 'id_number', '11010519491231002X');
  } else {
    const who = await waitFor(driver, (r) => node(r, 'booking.who.name'), 8000);
    driver.checks.check(who && node(who, 'booking.who.name').label.includes('王家'), `${driver.name}: the bound box books for its household`);
  }
  await driver.shot('who');
  await activate(driver, 'booking.next');
  await expectScreen(driver, 'book_review', String(slot), 'shows the review');
  await expectFocus(driver, 'booking.confirm', 'the review opens on 确认预约');
  await driver.shot('review');

  await fillUp(api, slot, date, '137' + (driver.phone || '0000').slice(-4));
  await activate(driver, 'booking.confirm');
  const full = await waitFor(driver, (r) => node(r, 'form.error') && r.nodes.some((n) => n.id.startsWith('review.alternative.')), 8000);
  driver.checks.check(full && node(full, 'form.error').label.includes('约满'), `${driver.name}: a full slot says so plainly and offers other times`,
    full ? node(full, 'form.error').label : '');
  driver.checks.check(full && /约满/.test(node(full, 'review.time').label) && !node(full, 'booking.confirm'),
    `${driver.name}: the full time is struck out of the summary`, full ? node(full, 'review.time').label : '');
  await expectFocus(driver, 'review.alternative.*', 'a full slot puts the focus on the first new time');
  await driver.shot('slot-full');
  await activate(driver, 'review.alternative.' + other);
  await expectScreen(driver, 'book_review', String(other), 'another time chosen');
  const again = await waitFor(driver, (r) => node(r, 'booking.confirm') && !/约满/.test(node(r, 'review.time').label), 3000);
  driver.checks.check(again !== null, `${driver.name}: back on the review with the new time and 确认预约`);
  await expectFocus(driver, 'booking.confirm', 'back on the review, the focus is on 确认预约');
  await driver.shot('new-time');
  const before = await seatsLeft(api, other, date);
  await activate(driver, 'booking.confirm');
  const ticket = await waitFor(driver, (r) => r.screen === 'ticket' && node(r, 'ticket.code'), 8000);
  driver.checks.check(ticket !== null, `${driver.name}: booked: the ticket shows the appointment code`, ticket ? node(ticket, 'ticket.code').label : '');
  if (!ticket) return;
  const code = node(ticket, 'ticket.code').label.split(' ').pop();
  driver.checks.check(/^[0-9]{6}$/.test(code) && node(ticket, 'ticket.headline').label === '预约成功',
    `${driver.name}: the ticket says 预约成功 and its code is six digits to read out`, code);
  await expectFocus(driver, 'ticket.done', 'the ticket opens on 完成, not on 取消预约');
  const taken = await seatsLeft(api, other, date);
  driver.checks.check(taken === before - 1, `${driver.name}: the server has taken one seat`, `${before} -> ${taken}`);
  await showOnScreen(driver, 'ticket.qr');
  const decoded = decodeQr(await driver.shot('ticket'));
  driver.checks.check(decoded === `ELDER-APPOINTMENT:${ticket.arg}:${code}`, `${driver.name}: the ticket's QR code carries the code`,
    `decoded "${decoded}"`);

  await activate(driver, 'ticket.cancel');
  await expectScreen(driver, 'cancel_confirm', ticket.arg, 'cancelling asks first');
  await driver.shot('cancel-question');
  await activate(driver, 'cancel.confirm');
  const cancelled = await waitFor(driver, (r) => r.screen === 'ticket' && node(r, 'ticket.restore'), 8000);
  driver.checks.check(cancelled !== null && (await seatsLeft(api, other, date)) === before &&
    node(cancelled, 'ticket.headline').label === '已取消' && /^恢复预约（[0-9]{2}:[0-9]{2} 前）$/.test(node(cancelled, 'ticket.restore').label),
    `${driver.name}: cancelled, the seat is given back, 已取消 heads the page, and 恢复预约 is offered with its deadline`,
    cancelled ? node(cancelled, 'ticket.restore').label : '');
  await expectFocus(driver, 'ticket.done', 'the cancelled ticket keeps the focus on 完成, not on 恢复预约');
  await driver.shot('cancelled');
  await activate(driver, 'ticket.restore');
  const restored = await waitFor(driver, (r) => r.screen === 'ticket' && node(r, 'ticket.cancel'), 8000);
  driver.checks.check(restored !== null && (await seatsLeft(api, other, date)) === before - 1,
    `${driver.name}: undo books it again`);
  await expectFocus(driver, 'ticket.done', 'the restored ticket opens on 完成, not on 取消预约');
  await driver.shot('restored');
}

// 紧急求助 in two deliberate steps; the request number; staff move it on and 我的求助 shows it.
export async function askForHelp(driver) {
  const api = client(driver.serverUrl);
  await goHome(driver);
  await activate(driver, 'tile.sos');
  await expectScreen(driver, 'sos', undefined, 'opens 紧急求助');
  const page = await waitFor(driver, (r) => node(r, 'help.number.ambulance') && node(r, 'sos.start'), 8000);
  driver.checks.check(page && /120/.test(node(page, 'help.number.ambulance').label), `${driver.name}: whom to call is on the page`);
  await activate(driver, 'sos.start');
  if (driver.mode !== 'remote' && (await driver.report()).screen === 'sign_in') {
    const r = await driver.report();
    driver.checks.check(false, `${driver.name}: still signed in from booking`, r.screen);
    return;
  }
  await expectScreen(driver, 'sos_confirm', undefined, 'SOS asks once more');
  await driver.shot('sos-question');
  await activate(driver, 'sos.confirm');
  const sent = await waitFor(driver, (r) => r.screen === 'help_sent' && node(r, 'help.ticket'), 8000);
  driver.checks.check(sent !== null, `${driver.name}: SOS sent: a request number`, sent ? node(sent, 'help.ticket').label : '');
  if (!sent) return;
  await driver.shot('sos-sent');
  const ticket = node(sent, 'help.ticket').label.split(' ').pop();
  const staff = (await api.get('/api/v1/staff/help-requests', { token: driver.staffToken })).json.items.find((h) => h.ticket === ticket);
  driver.checks.check(staff && staff.kind === 'sos', `${driver.name}: staff see the SOS`, staff ? staff.status : 'not found');
  if (!staff) return;
  await api.call('PATCH', '/api/v1/staff/help-requests/' + staff.id, { token: driver.staffToken, body: { status: 'accepted', note: '工作人员正在赶来' } });
  await activate(driver, 'help.mine');
  const mine = await waitFor(driver, (r) => r.screen === 'my_requests' && r.nodes.some((n) => n.id === `request.${staff.id}.1` && n.label.includes('已受理')), 8000);
  driver.checks.check(mine !== null, `${driver.name}: 我的求助 shows it accepted, with the staff's note`);
  await driver.shot('my-requests');
}
