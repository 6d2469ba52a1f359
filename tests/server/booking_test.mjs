// Sign-in, devices and booking over real HTTP: one-time codes with tries and rate limits, privacy
// between residents, idempotent atomic booking, 409 with alternatives, cancel and its undo window,
// what a box learns about itself, 500 requests from 100 residents racing for 20 seats, and kill -9
// during a booking storm of 60 residents.
//   node tests/server/booking_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client, dayInChina } from './api_client.mjs';
import { startServer } from './server_process.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';

const [binary, demoDir, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-booking-'));
const config = join(dir, 'config.json');
// A short undo window, so that the test can wait past it.
const UNDO_S = 3;
// The races below stand for hundreds of residents at once; here they all come from 127.0.0.1.
writeFileSync(config, JSON.stringify({ undo_window_s: UNDO_S, connections_per_address: 1000 }));
const args = ['--config', config, '--db', join(dir, 'test.db'), '--demo', '--dev-otp', '--demo-dir', demoDir, '--quiet'];
let server = await startServer(binary, args, { staff: true });
let api = client(server.url);
// A staff member's bearer session (account "tester", with every role).
const STAFF = server.staffToken;

// A guide whose schedule needs an ID number, and one of its slots.
const guides = (await api.get('/api/v1/guides?limit=100')).json.items;
const certification = guides.find((g) => g.bookable);
const schedule = (await api.get('/api/v1/schedules?guide_id=' + certification.id)).json.items[0];
const slots = (await api.get(`/api/v1/schedules/${schedule.id}/slots?from=${dayInChina(0)}&to=${dayInChina(14)}`)).json.items;
const ID = '11010519491231002X';
let keyNo = 0;
const key = () => `test-key-${Date.now()}-${keyNo++}`;
const bookingBody = (slot, phone, extra = {}) => ({ slot_id: slot.id, name: '王秀英', phone, id_number: ID, ...extra });
const book = (slot, phone, token) => api.post('/api/v1/appointments', bookingBody(slot, phone), { token, headers: { 'Idempotency-Key': key() } });
const seatsLeft = async (slot) => (await api.get(`/api/v1/schedules/${slot.schedule_id}/slots?from=${slot.start.slice(0, 10)}&to=${slot.start.slice(0, 10)}`))
  .json.items.find((s) => s.id === slot.id).seats_left;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- One-time codes
{
  const bad = await api.post('/api/v1/auth/otp', { phone: '12345' });
  checks.check(bad.status === 400 && bad.json.detail.includes('手机号码'), 'a bad phone number is refused in plain Chinese');
  const again = await api.post('/api/v1/auth/otp', { phone: '13900000001' });
  const tooSoon = await api.post('/api/v1/auth/otp', { phone: '13900000001' });
  checks.check(again.status === 202 && tooSoon.status === 429 && tooSoon.json.retry_after_s > 0, 'a second code within a minute is refused with 429');
  const wrongs = [];
  for (let i = 0; i < 5; i++) wrongs.push(await api.post('/api/v1/auth/token', { phone: '13900000001', code: '000000' }));
  const { json: { code } } = await api.get('/api/v1/dev/otp?phone=13900000001');
  const right = code === '000000' ? null : await api.post('/api/v1/auth/token', { phone: '13900000001', code });
  checks.check(wrongs.slice(0, 4).every((r) => r.status === 401) && wrongs[3].json.detail.includes('1 次'),
    'wrong codes say how many tries are left');
  checks.check(wrongs[4].status === 429 && right && right.status === 429, 'after five wrong codes even the right one is refused');
  const none = await api.post('/api/v1/auth/token', { phone: '13900000002', code: '123456' });
  checks.check(none.status === 401, 'a code never requested is refused');
  const malformed = await api.post('/api/v1/auth/token', '{"phone": ', {});
  checks.check(malformed.status === 400, 'malformed JSON gives 400');
  const wrongType = await api.post('/api/v1/auth/token', { phone: 13900000001, code: 123456 });
  checks.check(wrongType.status === 400 && wrongType.json.invalid_params.length === 2, 'wrong types name each field');
}

const alice = await api.signIn('13800000001');
const bob = await api.signIn('13800000002');
checks.check(/^[0-9a-f]{64}$/.test(alice), 'tokens are 256 random bits');

// --- Booking
{
  const slot = slots[0];
  const k = key();
  const first = await api.post('/api/v1/appointments', bookingBody(slot, '13800000001'), { token: alice, headers: { 'Idempotency-Key': k } });
  const retry = await api.post('/api/v1/appointments', bookingBody(slot, '13800000001'), { token: alice, headers: { 'Idempotency-Key': k } });
  checks.check(first.status === 201 && first.json.status === 'booked' && /^[0-9]{6}$/.test(first.json.code), 'a booking returns a ticket code of six digits (read out at the counter, no look-alike letters)');
  checks.check(retry.status === 201 && retry.json.id === first.json.id, 'a retried request returns the same appointment');
  const seats = (await api.get(`/api/v1/schedules/${schedule.id}/slots?from=${slot.start.slice(0, 10)}&to=${slot.start.slice(0, 10)}`))
    .json.items.find((s) => s.id === slot.id).seats_left;
  checks.check(seats === slot.seats_left - 1, 'the retry took no second seat', `${seats} left`);
  const twice = await api.post('/api/v1/appointments', bookingBody(slot, '13800000001'), { token: alice, headers: { 'Idempotency-Key': key() } });
  checks.check(twice.status === 409, 'the same person cannot book the same slot twice');
  const reused = await api.post('/api/v1/appointments', bookingBody(slots[1], '13800000001'), { token: alice, headers: { 'Idempotency-Key': k } });
  checks.check(reused.status === 409, 'a key reused for another request is refused');

  const bobsView = await api.get('/api/v1/appointments/' + first.json.id, { token: bob });
  const bobsList = await api.get('/api/v1/appointments', { token: bob });
  const bobsCancel = await api.post(`/api/v1/appointments/${first.json.id}/cancel`, undefined, { token: bob });
  checks.check(bobsView.status === 404 && bobsList.json.items.length === 0 && bobsCancel.status === 404,
    "one resident cannot see or cancel another's appointment");
  checks.check((await api.get('/api/v1/appointments', { token: alice })).json.items.length === 1, 'a resident sees their own appointment');

  const cancel = await api.post(`/api/v1/appointments/${first.json.id}/cancel`, undefined, { token: alice });
  const cancelAgain = await api.post(`/api/v1/appointments/${first.json.id}/cancel`, undefined, { token: alice });
  const after = (await api.get(`/api/v1/schedules/${schedule.id}/slots?from=${slot.start.slice(0, 10)}&to=${slot.start.slice(0, 10)}`))
    .json.items.find((s) => s.id === slot.id).seats_left;
  checks.check(cancel.json.status === 'cancelled' && cancelAgain.status === 200 && after === slot.seats_left,
    'cancelling frees the seat, once');

  // Bad input
  const cases = [
    [{ token: null, body: bookingBody(slot, '13800000001') }, 401, 'booking without signing in'],
    [{ token: 'f'.repeat(64), body: bookingBody(slot, '13800000001') }, 401, 'booking with a wrong token'],
    [{ token: alice, body: bookingBody(slot, '13800000001'), noKey: true }, 400, 'booking without an Idempotency-Key'],
    [{ token: alice, body: bookingBody(slot, '1380000') }, 400, 'a bad phone number'],
    [{ token: alice, body: bookingBody(slot, '13800000001', { id_number: '110105194912310021' }) }, 400, 'a wrong ID check digit'],
    [{ token: alice, body: bookingBody(slot, '13800000001', { id_number: undefined }) }, 400, 'a missing ID number where needed'],
    [{ token: alice, body: bookingBody(slot, '13800000001', { name: '' }) }, 400, 'an empty name'],
    [{ token: alice, body: { ...bookingBody(slot, '13800000001'), slot_id: 'x' } }, 400, 'a slot id of the wrong type'],
    [{ token: alice, body: bookingBody({ id: 999999 }, '13800000001') }, 404, 'an unknown slot'],
  ];
  for (const [c, status, what] of cases) {
    const res = await api.post('/api/v1/appointments', c.body, { token: c.token, headers: c.noKey ? {} : { 'Idempotency-Key': key() } });
    checks.check(res.status === status && typeof res.json?.detail === 'string', `${what} gives ${status}`, `${res.status} ${res.json?.detail}`);
  }
}

// Residents of their own (a booking is for the signed-in phone), signed in from other loopback addresses.
const crowd = await api.residents('1370000', 12, 9);

// --- A full slot: 409 with other times the same day
{
  const slot = slots[2];
  for (const r of crowd.slice(0, slot.seats_left)) await book(slot, r.phone, r.token);
  const full = await book(slot, '13800000001', alice);
  checks.check(full.status === 409 && full.json.detail.includes('约满') && full.json.alternatives.length > 0 &&
    full.json.alternatives.every((s) => s.start.slice(0, 10) === slot.start.slice(0, 10) && s.seats_left > 0),
    'a full slot gives 409 and offers other times that day');
}

// --- Devices: an unbound box reads but cannot book; staff binding makes it act for the household
{
  const code = (await api.post('/api/v1/staff/enrolment-codes', undefined, { token: STAFF })).json.code;
  const reg = await api.post('/api/v1/devices', { kind: 'stb', serial: 'STB-0001', enrolment_code: code });
  checks.check(reg.status === 201 && reg.json.bound === false && reg.json.token, 'a set-top box registers with an enrolment code');
  const dup = await api.post('/api/v1/devices', { kind: 'stb', serial: 'STB-0001' }, { token: STAFF });
  checks.check(dup.status === 409, 'a serial cannot be registered twice');
  const unbound = await api.post('/api/v1/appointments', bookingBody(slots[3], '13800000009'), { token: reg.json.token, headers: { 'Idempotency-Key': key() } });
  checks.check(unbound.status === 403 && unbound.json.detail.includes('绑定'), 'an unbound box is told how to get bound');
  const meBefore = await api.get('/api/v1/devices/me', { token: reg.json.token });
  checks.check(meBefore.status === 200 && meBefore.json.id === reg.json.id && meBefore.json.serial === 'STB-0001' &&
    meBefore.json.kind === 'stb' && meBefore.json.bound === false && meBefore.json.household_name === null &&
    meBefore.json.household_phone === null, 'an unbound box learns that it is not bound yet', JSON.stringify(meBefore.json));
  const meResident = await api.get('/api/v1/devices/me', { token: alice });
  const meNobody = await api.get('/api/v1/devices/me');
  const meWrong = await api.get('/api/v1/devices/me', { token: 'f'.repeat(64) });
  checks.check(meResident.status === 401 && meResident.json.detail === '这个接口只供登记过的设备使用。',
    "a resident's token is not a device's", `${meResident.status} ${meResident.json?.detail}`);
  checks.check(meNobody.status === 401 && meWrong.status === 401 && meNobody.json.detail === '这个接口只供登记过的设备使用。',
    'devices/me without a valid device token gives 401', `${meNobody.status} ${meWrong.status}`);
  const noStaff = await api.call('PUT', `/api/v1/staff/devices/${reg.json.id}/household`, { body: { household_name: '3 号楼 201', phone: '13800000009' }, token: alice });
  checks.check(noStaff.status === 401, 'a resident cannot bind boxes');
  const bound = await api.call('PUT', `/api/v1/staff/devices/${reg.json.id}/household`, { body: { household_name: '3 号楼 201', phone: '13800000009' }, token: STAFF });
  checks.check(bound.status === 200 && bound.json.bound && bound.json.household_name === '3 号楼 201', 'staff bind a box to a household');
  const meAfter = await api.get('/api/v1/devices/me', { token: reg.json.token });
  checks.check(meAfter.status === 200 && meAfter.json.id === reg.json.id && meAfter.json.bound === true &&
    meAfter.json.household_name === '3 号楼 201' && meAfter.json.household_phone === '13800000009',
    'a bound box learns the household name and phone to book with', JSON.stringify(meAfter.json));
  // A remote types no ID number: the household was checked when staff bound the box.
  const booked = await api.post('/api/v1/appointments', bookingBody(slots[3], '13800000009', { id_number: undefined }),
    { token: reg.json.token, headers: { 'Idempotency-Key': key() } });
  checks.check(booked.status === 201 && (await api.get('/api/v1/appointments', { token: reg.json.token })).json.items.length === 1,
    'a bound box books for its household without typing a code or an ID number', `${booked.status} ${booked.json?.detail ?? ''}`);
  const boxCancel = await api.post(`/api/v1/appointments/${booked.json.id}/cancel`, undefined, { token: reg.json.token });
  const aliceRestores = await api.post(`/api/v1/appointments/${booked.json.id}/restore`, undefined, { token: alice });
  const boxRestore = await api.post(`/api/v1/appointments/${booked.json.id}/restore`, undefined, { token: reg.json.token });
  checks.check(boxCancel.json.status === 'cancelled' && aliceRestores.status === 404 && boxRestore.status === 200 &&
    boxRestore.json.status === 'booked', "a box takes back its household's cancellation; a resident cannot",
    `${aliceRestores.status} ${boxRestore.status}`);
}

// --- Undo a cancellation: within the window (UNDO_S seconds here) the seat is taken again
{
  const late = (await book(slots[6], '13800000001', alice)).json;  // cancelled first, restored after the window
  await api.post(`/api/v1/appointments/${late.id}/cancel`, undefined, { token: alice });
  const lateCancelledAt = Date.now();

  const slot = slots[4];
  const first = await book(slot, '13800000001', alice);
  const seatsBooked = await seatsLeft(slot);
  const cancel = await api.post(`/api/v1/appointments/${first.json.id}/cancel`, undefined, { token: alice });
  const seatsCancelled = await seatsLeft(slot);
  const bobs = await api.post(`/api/v1/appointments/${first.json.id}/restore`, undefined, { token: bob });
  const anonymous = await api.post(`/api/v1/appointments/${first.json.id}/restore`);
  const stillCancelled = (await api.get('/api/v1/appointments/' + first.json.id, { token: alice })).json.status;
  checks.check(bobs.status === 404 && bobs.json.detail === '没有找到这个预约。' && stillCancelled === 'cancelled',
    "one resident cannot restore another's appointment", `${bobs.status} ${stillCancelled}`);
  checks.check(anonymous.status === 401, 'restoring without signing in gives 401', String(anonymous.status));
  const restored = await api.post(`/api/v1/appointments/${first.json.id}/restore`, undefined, { token: alice });
  const seatsRestored = await seatsLeft(slot);
  checks.check(cancel.json.status === 'cancelled' && seatsCancelled === seatsBooked + 1 && restored.status === 200 &&
    restored.json.status === 'booked' && restored.json.cancelled_at === null && restored.json.code === first.json.code &&
    seatsRestored === seatsBooked, 'a restore within the window books the same appointment and takes the seat again',
    `${restored.status} ${restored.json?.status}; seats ${seatsBooked} -> ${seatsCancelled} -> ${seatsRestored}`);
  const again = await api.post(`/api/v1/appointments/${first.json.id}/restore`, undefined, { token: alice });
  checks.check(again.status === 200 && again.json.status === 'booked' && again.json.code === first.json.code &&
    (await seatsLeft(slot)) === seatsBooked, 'restoring again changes nothing and takes no second seat', String(again.status));

  // The slot fills up between the cancel and the restore: 409 with the day's other free times.
  const full = slots[5];
  const mine = await book(full, '13800000001', alice);
  await api.post(`/api/v1/appointments/${mine.json.id}/cancel`, undefined, { token: alice });
  const others = await Promise.all(crowd.slice(0, await seatsLeft(full)).map((r) => book(full, r.phone, r.token)));
  const taken = await api.post(`/api/v1/appointments/${mine.json.id}/restore`, undefined, { token: alice });
  checks.check(others.every((r) => r.status === 201) && taken.status === 409 &&
    taken.json.detail === '这个时间段已经被别人约走了，请重新预约。' && taken.json.alternatives.length > 0 &&
    taken.json.alternatives.every((s) => s.start.slice(0, 10) === full.start.slice(0, 10) && s.seats_left > 0 && s.id !== full.id),
    'a restore into a slot that filled up meanwhile gives 409 with other times that day', `${taken.status} ${taken.json?.detail}`);
  const afterFull = (await api.get('/api/v1/appointments/' + mine.json.id, { token: alice })).json;
  checks.check(afterFull.status === 'cancelled' && (await seatsLeft(full)) === 0, 'a refused restore changes nothing');

  // The same phone booked the slot again by hand: restoring the old one would be a second seat.
  const rebook = slots[7];
  const old = await book(rebook, '13800000001', alice);
  await api.post(`/api/v1/appointments/${old.json.id}/cancel`, undefined, { token: alice });
  const fresh = await book(rebook, '13800000001', alice);
  const twice = await api.post(`/api/v1/appointments/${old.json.id}/restore`, undefined, { token: alice });
  checks.check(fresh.status === 201 && twice.status === 409 && twice.json.detail === '这个时间段您已经重新约上了，不用再撤销。' &&
    (await seatsLeft(rebook)) === rebook.seats_left - 1, 'restoring a slot the same phone booked again gives 409 and no second seat',
    `${twice.status} ${twice.json?.detail}`);

  // What happened at the counter cannot be undone.
  const done = await book(slots[8], '13800000001', alice);
  await api.call('PATCH', `/api/v1/staff/appointments/${done.json.id}`, { body: { status: 'fulfilled' }, token: STAFF });
  const fulfilled = await api.post(`/api/v1/appointments/${done.json.id}/restore`, undefined, { token: alice });
  checks.check(fulfilled.status === 409 && fulfilled.json.detail === '这个预约已经办理过，不能撤销。',
    'a fulfilled appointment cannot be restored', `${fulfilled.status} ${fulfilled.json?.detail}`);

  // Past the window (with a second to spare: cancellation times are whole seconds). Time passing is
  // what is tested: nothing to await but the window's end.
  await sleep(Math.max(0, lateCancelledAt + (UNDO_S + 1.5) * 1000 - Date.now()));
  const seatsLate = await seatsLeft(slots[6]);
  const tooLate = await api.post(`/api/v1/appointments/${late.id}/restore`, undefined, { token: alice });
  const lateNow = (await api.get('/api/v1/appointments/' + late.id, { token: alice })).json;
  checks.check(tooLate.status === 409 && tooLate.json.detail === `取消已经超过 ${UNDO_S} 秒，不能撤销了，请重新预约。` &&
    lateNow.status === 'cancelled' && (await seatsLeft(slots[6])) === seatsLate,
    'after the undo window a restore gives 409 and changes nothing', `${tooLate.status} ${tooLate.json?.detail}`);
}

// --- The undo window's command-line option: a bad value stops the server with a sentence
{
  const bad = spawnSync(binary, ['--undo-window-s', '-1'], { encoding: 'utf8' });
  checks.check(bad.status === 2 && bad.stderr.includes('--undo-window-s needs'), 'a bad --undo-window-s is refused', `${bad.status}`);
}

// --- 500 simultaneous requests from 100 residents (5 each) for a slot with 20 seats
const activity = (await api.get('/api/v1/activities?limit=100')).json.items.find((a) => a.capacity === 20);
const activitySlot = (await api.get(`/api/v1/schedules/${activity.schedule_id}/slots?from=${activity.start.slice(0, 10)}&to=${activity.start.slice(0, 10)}`)).json.items[0];
{
  const racers = await api.residents('1360000', 100, 10);
  const results = await Promise.all(Array.from({ length: 500 }, (_, i) => {
    const r = racers[i % racers.length];
    return api.post('/api/v1/appointments', { slot_id: activitySlot.id, name: `居民${i % racers.length}`, phone: r.phone },
      { token: r.token, headers: { 'Idempotency-Key': key() } });
  }));
  const booked = results.filter((r) => r.status === 201).length;
  const refused = results.filter((r) => r.status === 409).length;
  checks.check(booked === 20 && refused === 480, '500 racing requests for 20 seats: exactly 20 booked, 480 refused', `${booked} booked, ${refused} refused`);
  const slotAfter = (await api.get(`/api/v1/schedules/${activity.schedule_id}/slots?from=${activity.start.slice(0, 10)}&to=${activity.start.slice(0, 10)}`)).json.items[0];
  const lists = await Promise.all(racers.map((r) => api.get('/api/v1/appointments', { token: r.token })));
  const held = lists.map((l) => l.json.items.filter((a) => a.slot.id === activitySlot.id && a.status === 'booked'));
  checks.check(slotAfter.seats_left === 0 && held.flat().length === 20 && new Set(held.flat().map((a) => a.code)).size === 20 &&
    held.every((h) => h.length <= 1), 'the slot shows 0 seats and 20 distinct appointments, at most one per resident');
}

// --- kill -9 during a booking storm: every confirmed booking survives, none twice
{
  // Activity slots hold 24-100 seats each: the storm is still booking when the server dies.
  const stormSlots = [];
  for (const a of (await api.get('/api/v1/activities?limit=100')).json.items.filter((x) => x.id !== activity.id)) {
    const day = a.start.slice(0, 10);
    stormSlots.push((await api.get(`/api/v1/schedules/${a.schedule_id}/slots?from=${day}&to=${day}`)).json.items[0]);
  }
  // Every resident of the storm books every storm slot once: more bookings than seats.
  const stormers = await api.residents('1350000', 60, 11);
  const pairs = stormers.flatMap((r) => stormSlots.map((slot) => ({ r, slot })));
  const confirmed = [];
  let stop = false;
  let next = 0;
  const worker = async () => {
    while (!stop && next < pairs.length) {
      const { r, slot } = pairs[next++];
      try {
        const res = await api.post('/api/v1/appointments', { slot_id: slot.id, name: '风暴测试', phone: r.phone },
          { token: r.token, headers: { 'Idempotency-Key': key() } });
        if (res.status === 201) confirmed.push(res.json);
      } catch { return; }  // the server died under us
    }
  };
  const workers = Array.from({ length: 16 }, () => worker());
  // The storm is under way (bookings are being confirmed) when the server is killed.
  for (const end = Date.now() + 10000; confirmed.length < 5 && Date.now() < end;) await sleep(10);
  await server.stop('SIGKILL');
  stop = true;
  await Promise.all(workers);
  server = await startServer(binary, [...args, '--undo-window-s', '600']);  // the flag wins over the file's 3 s
  api = client(server.url);
  const lists = await Promise.all(stormers.map((r) => api.get('/api/v1/appointments', { token: r.token })));
  const all = lists.flatMap((l) => l.json.items);
  const ownerOf = new Map(lists.flatMap((l, i) => l.json.items.map((a) => [a.id, stormers[i]])));
  const byId = new Map(all.map((a) => [a.id, a]));
  const lost = confirmed.filter((c) => !byId.has(c.id) || byId.get(c.id).code !== c.code);
  const seats = stormSlots.reduce((n, x) => n + x.capacity, 0);
  checks.check(confirmed.length > 0 && confirmed.length < seats, 'the server was killed in the middle of the storm', `${confirmed.length} of ${seats} seats booked`);
  checks.check(lost.length === 0, 'after kill -9 every confirmed booking is there', `${confirmed.length} confirmed, ${lost.length} lost`);
  const keys = all.filter((a) => a.status === 'booked').map((a) => `${a.slot.id}/${a.name}/${a.code}`);
  checks.check(new Set(all.map((a) => a.code)).size === all.length, 'no appointment appears twice');
  let consistent = true;
  for (const s of stormSlots) {
    const day = s.start.slice(0, 10);
    const now = (await api.get(`/api/v1/schedules/${s.schedule_id}/slots?from=${day}&to=${day}`)).json.items.find((x) => x.id === s.id);
    const count = all.filter((a) => a.slot.id === s.id && a.status === 'booked').length;
    if (now.capacity - now.seats_left !== count) consistent = false;
  }
  checks.check(consistent && keys.length > 0, 'seat counts match the appointments after the crash');

  const one = all.find((a) => a.status === 'booked');
  const owner = ownerOf.get(one.id).token;
  await api.post(`/api/v1/appointments/${one.id}/cancel`, undefined, { token: owner });
  await sleep((UNDO_S + 1.5) * 1000);  // past the file's window, within the flag's: time passing is what is tested
  const longer = await api.post(`/api/v1/appointments/${one.id}/restore`, undefined, { token: owner });
  checks.check(longer.status === 200 && longer.json.status === 'booked', '--undo-window-s overrides undo_window_s from the config file',
    `${longer.status} ${longer.json?.detail ?? ''}`);
  await server.stop();
}

checkContract(checks);
process.exit(checks.summary());
