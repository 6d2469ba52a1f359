// Sign-in, devices and booking over real HTTP: one-time codes with tries and rate limits, privacy
// between residents, idempotent atomic booking, 409 with alternatives, cancel, 500 requests racing
// for 20 seats, and kill -9 during a booking storm.
//   node tests/server/booking_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML
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
writeFileSync(config, JSON.stringify({ staff_token: 'staff-test-token-0123456789' }));
const args = ['--config', config, '--db', join(dir, 'test.db'), '--demo', '--demo-dir', demoDir, '--quiet'];
let server = await startServer(binary, args);
let api = client(server.url);
const STAFF = 'staff-test-token-0123456789';

// A guide whose schedule needs an ID number, and one of its slots.
const guides = (await api.get('/api/v1/guides?limit=100')).json.items;
const certification = guides.find((g) => g.bookable);
const schedule = (await api.get('/api/v1/schedules?guide_id=' + certification.id)).json.items[0];
const slots = (await api.get(`/api/v1/schedules/${schedule.id}/slots?from=${dayInChina(0)}&to=${dayInChina(14)}`)).json.items;
const ID = '11010519491231002X';
let keyNo = 0;
const key = () => `test-key-${Date.now()}-${keyNo++}`;
const bookingBody = (slot, phone, extra = {}) => ({ slot_id: slot.id, name: '王秀英', phone, id_number: ID, ...extra });

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
  checks.check(first.status === 201 && first.json.status === 'booked' && /^[A-Z0-9]{6}$/.test(first.json.code), 'a booking returns a ticket code');
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

// --- A full slot: 409 with other times the same day
{
  const slot = slots[2];
  for (let i = 0; i < slot.seats_left; i++)
    await api.post('/api/v1/appointments', bookingBody(slot, `1370000${String(i).padStart(4, '0')}`), { token: alice, headers: { 'Idempotency-Key': key() } });
  const full = await api.post('/api/v1/appointments', bookingBody(slot, '13711112222'), { token: alice, headers: { 'Idempotency-Key': key() } });
  checks.check(full.status === 409 && full.json.detail.includes('约满') && full.json.alternatives.length > 0 &&
    full.json.alternatives.every((s) => s.start.slice(0, 10) === slot.start.slice(0, 10) && s.seats_left > 0),
    'a full slot gives 409 and offers other times that day');
}

// --- Devices: an unbound box reads but cannot book; staff binding makes it act for the household
{
  const reg = await api.post('/api/v1/devices', { kind: 'stb', serial: 'STB-0001' });
  checks.check(reg.status === 201 && reg.json.bound === false && reg.json.token, 'a set-top box registers');
  const dup = await api.post('/api/v1/devices', { kind: 'stb', serial: 'STB-0001' });
  checks.check(dup.status === 409, 'a serial cannot be registered twice');
  const unbound = await api.post('/api/v1/appointments', bookingBody(slots[3], '13800000009'), { token: reg.json.token, headers: { 'Idempotency-Key': key() } });
  checks.check(unbound.status === 403 && unbound.json.detail.includes('绑定'), 'an unbound box is told how to get bound');
  const noStaff = await api.call('PUT', `/api/v1/staff/devices/${reg.json.id}/household`, { body: { household_name: '3 号楼 201', phone: '13800000009' }, token: alice });
  checks.check(noStaff.status === 401, 'a resident cannot bind boxes');
  const bound = await api.call('PUT', `/api/v1/staff/devices/${reg.json.id}/household`, { body: { household_name: '3 号楼 201', phone: '13800000009' }, token: STAFF });
  checks.check(bound.status === 200 && bound.json.bound && bound.json.household_name === '3 号楼 201', 'staff bind a box to a household');
  const booked = await api.post('/api/v1/appointments', bookingBody(slots[3], '13800000009'), { token: reg.json.token, headers: { 'Idempotency-Key': key() } });
  checks.check(booked.status === 201 && (await api.get('/api/v1/appointments', { token: reg.json.token })).json.items.length === 1,
    'a bound box books for its household without typing a code');
}

// --- 500 simultaneous requests for a slot with 20 seats
const activity = (await api.get('/api/v1/activities?limit=100')).json.items.find((a) => a.capacity === 20);
const activitySlot = (await api.get(`/api/v1/schedules/${activity.schedule_id}/slots?from=${activity.start.slice(0, 10)}&to=${activity.start.slice(0, 10)}`)).json.items[0];
{
  const results = await Promise.all(Array.from({ length: 500 }, (_, i) =>
    api.post('/api/v1/appointments', { slot_id: activitySlot.id, name: `居民${i}`, phone: `1360000${String(i).padStart(4, '0')}` },
      { token: alice, headers: { 'Idempotency-Key': key() } })));
  const booked = results.filter((r) => r.status === 201).length;
  const refused = results.filter((r) => r.status === 409).length;
  checks.check(booked === 20 && refused === 480, '500 racing requests for 20 seats: exactly 20 booked, 480 refused', `${booked} booked, ${refused} refused`);
  const slotAfter = (await api.get(`/api/v1/schedules/${activity.schedule_id}/slots?from=${activity.start.slice(0, 10)}&to=${activity.start.slice(0, 10)}`)).json.items[0];
  const mine = (await api.get('/api/v1/appointments', { token: alice })).json.items.filter((a) => a.slot.id === activitySlot.id && a.status === 'booked');
  checks.check(slotAfter.seats_left === 0 && mine.length === 20 && new Set(mine.map((a) => a.code)).size === 20,
    'the slot shows 0 seats and 20 distinct appointments');
}

// --- kill -9 during a booking storm: every confirmed booking survives, none twice
{
  // Activity slots hold 24-100 seats each: the storm is still booking when the server dies.
  const stormSlots = [];
  for (const a of (await api.get('/api/v1/activities?limit=100')).json.items.filter((x) => x.id !== activity.id)) {
    const day = a.start.slice(0, 10);
    stormSlots.push((await api.get(`/api/v1/schedules/${a.schedule_id}/slots?from=${day}&to=${day}`)).json.items[0]);
  }
  const confirmed = [];
  let stop = false;
  const worker = async (w) => {
    for (let i = 0; !stop && i < 200; i++) {
      const slot = stormSlots[(w + i) % stormSlots.length];
      try {
        const res = await api.post('/api/v1/appointments',
          { slot_id: slot.id, name: '风暴测试', phone: `135${String(w).padStart(2, '0')}${String(i).padStart(6, '0')}` },
          { token: alice, headers: { 'Idempotency-Key': key() } });
        if (res.status === 201) confirmed.push(res.json);
      } catch { return; }  // the server died under us
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 250));
  await server.stop('SIGKILL');
  stop = true;
  await Promise.all(workers);
  server = await startServer(binary, args);
  api = client(server.url);
  const all = (await api.get('/api/v1/appointments', { token: alice })).json.items;
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
  await server.stop();
}

checkContract(checks);
process.exit(checks.summary());
