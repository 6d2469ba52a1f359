// Abuse of identity and sign-in (issue 12), over real HTTP: a weak alert feed key and the retired
// staff_token refused at start, guessing staff bearer tokens, passwords or enrolment codes,
// squatting serials, locking residents out of one-time codes (trusted proxies, limits by phone and
// address together, a kiosk's own allowance, wrong guesses counted against the guesser),
// Content-Type parsed as a media type, and revoking tokens.
//   node tests/server/abuse_auth_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client } from './api_client.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';
import { problemOf, rawRequest } from './raw_http.mjs';
import { STAFF_PASSWORD, startServer } from './server_process.mjs';
import { readEvents } from './sse_reader.mjs';

const [binary, demoDir, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-abuse-'));
const CRLF = '\r\n';
// What a server refuses to start with: the error it exits with ('' when it started).
async function refusedStart(config) {
  writeFileSync(join(dir, 'refused.json'), JSON.stringify(config));
  let started = null;
  let error = '';
  try {
    started = await startServer(binary, ['--config', join(dir, 'refused.json'), '--db', join(dir, 'refused.db'), '--quiet']);
  } catch (e) { error = String(e.message); }
  if (started) await started.stop();
  return started ? '' : error;
}

// --- A weak alert feed key (the one machine key left) is refused at start, with a sentence that says why
for (const [weak, why] of [['1', 'one character'], ['a'.repeat(40), 'one character repeated'], ['0123456789abcdef01234567', '24 hex digits (96 bits)']]) {
  const error = await refusedStart({ alert_feed_key: weak });
  checks.check(error.includes('alert_feed_key is too weak') && error.includes('openssl rand'),
    `an alert feed key of ${why} is refused at start with a clear sentence`, error.split('\n').find((l) => l.includes('weak')) ?? error.slice(0, 200));
}
// --- The shared staff token is gone: a config that still sets one is refused, and says what replaced it
{
  const error = await refusedStart({ staff_token: 'a-staff-token-from-before-0123456789abcdef' });
  checks.check(error.includes('staff_token is gone') && error.includes('--add-staff') && error.includes('alert_feed_key'),
    'a config with staff_token is refused at start, pointing to --add-staff and alert_feed_key',
    error.split('\n').find((l) => l.includes('staff_token')) ?? error.slice(0, 200));
}

writeFileSync(join(dir, 'config.json'), JSON.stringify({ trusted_proxies: ['127.0.0.1'] }));
const server = await startServer(binary, ['--config', join(dir, 'config.json'), '--db', join(dir, 'a.db'), '--demo', '--dev-otp',
  '--demo-dir', demoDir, '--quiet'], { staff: true });
// A signed-in staff member's bearer token (account "tester", every role).
const STAFF = server.staffToken;
const api = client(server.url);
// A request as if from `address`: the test's 127.0.0.1 is the trusted proxy that says who asked.
const from = (address, options = {}) => ({ ...options, headers: { ...(options.headers || {}), 'X-Forwarded-For': address } });
const askCode = (phone, address, options = {}) => api.post('/api/v1/auth/otp', { phone }, from(address, options));
const peek = async (phone) => (await api.get('/api/v1/dev/otp?phone=' + phone)).json.code;
const exchange = (phone, code, address, options = {}, extra = {}) =>
  api.post('/api/v1/auth/token', { phone, code, ...extra }, from(address, options));
const wrongCode = (code) => String((Number(code) + 1) % 1000000).padStart(6, '0');
async function signIn(phone, address, options = {}, extra = {}) {
  const sent = await askCode(phone, address, options);
  if (sent.status !== 202) throw new Error(`otp for ${phone} from ${address}: ${sent.status} ${JSON.stringify(sent.json)}`);
  return exchange(phone, await peek(phone), address, options, extra);
}
// A raw request from another loopback address (a peer that is not a trusted proxy).
const rawFrom = (localAddress, method, path, { token, body, headers = {} } = {}) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  const head = [`${method} ${path} HTTP/1.1`, 'Host: x', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ...(token ? [`Authorization: Bearer ${token}`] : []), ...(body === undefined ? [] : ['Content-Type: application/json']),
    `Content-Length: ${Buffer.byteLength(text)}`];
  return rawRequest(server.url, Buffer.from(head.join(CRLF) + CRLF + CRLF + text), { localAddress });
};

// --- Guessing staff bearer tokens: slowed, then refused (429, Retry-After), for that address only.
// The guesses look like real session tokens (64 hex digits), so each one is looked up.
{
  const guess = () => randomBytes(32).toString('hex');
  const statuses = [];
  for (let i = 0; i < 12; i++) statuses.push((await api.get('/api/v1/staff/help-requests', from('10.9.0.1', { token: guess() }))).status);
  const refused = await api.get('/api/v1/staff/help-requests', from('10.9.0.1', { token: guess() }));
  checks.check(statuses.slice(0, 11).every((s) => s === 401) && statuses[11] === 429,
    'after 10 free wrong staff bearer tokens an address is made to wait', statuses.join(','));
  checks.check(refused.status === 429 && Number(refused.headers.get('retry-after')) >= 1 && refused.json.retry_after_s >= 1 &&
    /请稍等/.test(refused.json.detail), 'the wait is a 429 with Retry-After and a sentence', `${refused.status} ${refused.headers.get('retry-after')}`);
  const rightButBlocked = await api.get('/api/v1/staff/help-requests', from('10.9.0.1', { token: STAFF }));
  checks.check(rightButBlocked.status === 429, 'while it waits even a signed-in staff token is refused there (no oracle)', `${rightButBlocked.status}`);
  const signIn = await api.post('/api/v1/staff/sessions', { name: 'tester', password: STAFF_PASSWORD, kind: 'bearer' }, from('10.9.0.1'));
  checks.check(signIn.status === 429 && !signIn.json.token, 'and signing in with the right password waits there too', `${signIn.status}`);
  const elsewhere = await api.get('/api/v1/staff/help-requests', from('10.9.0.2', { token: STAFF }));
  checks.check(elsewhere.status === 200, 'staff at another address are not locked out', `${elsewhere.status}`);
  // Wrong passwords are guesses too, counted against the same address allowance.
  const passwords = [];
  for (let i = 0; i < 11; i++)
    passwords.push((await api.post('/api/v1/staff/sessions', { name: 'nobody-' + i, password: 'wrong-password-' + i, kind: 'bearer' }, from('10.9.0.3'))).status);
  const afterPasswords = await api.get('/api/v1/staff/help-requests', from('10.9.0.3', { token: STAFF }));
  checks.check(passwords.slice(0, 10).every((s) => s === 401) && passwords[10] === 401 && afterPasswords.status === 429,
    'wrong staff passwords from an address count toward the same wait as wrong tokens', `${passwords.join(',')} -> ${afterPasswords.status}`);
}

// --- Enrolment: registering a device needs a signed-in admin or a one-time enrolment code
{
  const squat = [];
  for (let i = 0; i < 20; i++) squat.push((await api.post('/api/v1/devices', { kind: 'stb', serial: 'REAL-BOX-1' }, from('10.8.0.1'))).status);
  const told = await api.post('/api/v1/devices', { kind: 'stb', serial: 'REAL-BOX-1' }, from('10.8.0.1'));
  checks.check(squat.every((s) => s === 401) && told.json.detail.includes('登记码') && told.json.detail.includes('工作人员'),
    'nobody can squat a serial without authorisation; the box is told to ask staff for an enrolment code', squat.slice(0, 3).join(','));
  const notStaff = await api.post('/api/v1/staff/enrolment-codes', undefined, from('10.8.0.1'));
  const issued = await api.post('/api/v1/staff/enrolment-codes', { valid_hours: 2 }, from('10.8.0.9', { token: STAFF }));
  const hoursLeft = (Date.parse(issued.json?.expires_at) - Date.now()) / 3600e3;
  checks.check(notStaff.status === 401 && issued.status === 201 && /^[2-9AC-HK-NP-RT-Y]{12}$/.test(issued.json.code) && hoursLeft > 1.9 && hoursLeft <= 2,
    'staff issue a one-time enrolment code valid for the hours asked', JSON.stringify(issued.json));
  const real = await api.post('/api/v1/devices', { kind: 'stb', serial: 'REAL-BOX-1', enrolment_code: issued.json.code.toLowerCase() }, from('10.8.0.2'));
  checks.check(real.status === 201 && real.json.token, 'the real box registers its own serial with the code', `${real.status}`);
  const reused = await api.post('/api/v1/devices', { kind: 'stb', serial: 'OTHER-BOX', enrolment_code: issued.json.code }, from('10.8.0.2'));
  checks.check(reused.status === 403 && reused.json.detail.includes('登记码'), 'a code registers one device only', `${reused.status}`);
  const byStaff = await api.post('/api/v1/devices', { kind: 'kiosk', serial: 'KIOSK-STAFF-1' }, from('10.8.0.9', { token: STAFF }));
  checks.check(byStaff.status === 201, 'a signed-in admin may register a device without a code', `${byStaff.status}`);
  const guesses = [];
  for (let i = 0; i < 12; i++)
    guesses.push((await api.post('/api/v1/devices', { kind: 'stb', serial: 'GUESS-' + i, enrolment_code: 'ABCDEFGHJK' + (20 + i) }, from('10.8.0.3'))).status);
  checks.check(guesses.slice(0, 10).every((s) => s === 403) && guesses[11] === 429, 'guessing enrolment codes is slowed like staff tokens', guesses.join(','));
}

// --- Trusted proxies: X-Forwarded-For only from a trusted peer, the right-most untrusted hop
{
  const statuses = [];
  for (let i = 0; i < 31; i++) statuses.push((await askCode(`1370000${String(i).padStart(4, '0')}`, '10.0.0.1')).status);
  checks.check(statuses.slice(0, 30).every((s) => s === 202) && statuses[30] === 429, 'one client address gets 30 codes an hour', statuses.slice(28).join(','));
  const neighbour = await askCode('13700009999', '10.0.0.2');
  checks.check(neighbour.status === 202, 'another client behind the same trusted proxy has its own allowance', `${neighbour.status}`);
  const prepended = await askCode('13700009998', '10.0.0.2, 10.0.0.1');
  const proxied = await askCode('13700009997', '10.0.0.1, 127.0.0.1');
  checks.check(prepended.status === 429 && proxied.status === 429,
    'the client is the right-most address that is not a trusted proxy (what a client writes to its left is ignored)', `${prepended.status} ${proxied.status}`);
  const spoofed = [];
  for (let i = 0; i < 31; i++)
    spoofed.push((await rawFrom('127.0.0.2', 'POST', '/api/v1/auth/otp', { body: { phone: `1360000${String(i).padStart(4, '0')}` }, headers: { 'X-Forwarded-For': `10.5.0.${i}` } })).status);
  checks.check(spoofed.slice(0, 30).every((s) => s === 202) && spoofed[30] === 429,
    'X-Forwarded-For from a peer that is not trusted is ignored', spoofed.slice(28).join(','));
}

// --- Nobody can lock a resident out of signing in
{
  const victim = '13900001111';
  const attacker = '10.1.0.66';
  const first = await askCode(victim, attacker);
  const wrong = [];
  for (let i = 0; i < 5; i++) wrong.push((await exchange(victim, String(100000 + i), attacker)).status);
  checks.check(first.status === 202 && wrong.slice(0, 4).every((s) => s === 401) && wrong[4] === 429, 'an attacker burns the code it asked for', wrong.join(','));
  const owner = await askCode(victim, '10.1.0.1');
  checks.check(owner.status === 202, 'the owner gets a new code right after (no per-phone wait from elsewhere)', `${owner.status} ${owner.json?.detail}`);
  const ownerCode = await peek(victim);
  const more = await askCode(victim, '10.1.0.67');  // a second attacker address asks again: the owner's code stays
  const burn = [];
  for (let i = 0; i < 5; i++) burn.push((await exchange(victim, wrongCode(ownerCode), '10.1.0.67')).status);
  const signedIn = await exchange(victim, ownerCode, '10.1.0.1');
  checks.check(more.status === 202 && burn[4] === 429 && signedIn.status === 200 && signedIn.json.token,
    "requests and wrong guesses from elsewhere neither replace nor burn the owner's live code", `${burn.join(',')} -> ${signedIn.status}`);
  // The guessing address, not the phone, is stopped after 10 wrong guesses an hour.
  const other = '13900002222';
  await askCode(other, attacker);
  const otherCode = await peek(other);
  for (let i = 0; i < 5; i++) await exchange(other, wrongCode(otherCode), attacker);
  const third = '13900003333';
  await askCode(third, attacker);
  const blocked = await exchange(third, await peek(third), attacker);
  checks.check(blocked.status === 429 && blocked.json.detail.includes('输错') && Number(blocked.headers.get('retry-after')) > 0,
    'after 10 wrong guesses the guessing address waits, even with a right code', `${blocked.status} ${blocked.json?.detail}`);
  const victimAgain = await signIn(other, '10.1.0.2');
  checks.check(victimAgain.status === 200, 'the phones it guessed at still sign in from their own addresses', `${victimAgain.status}`);
}

// --- A kiosk's own allowance, and kiosk sign-ins that live minutes
{
  const code = (await api.post('/api/v1/staff/enrolment-codes', undefined, { token: STAFF })).json.code;
  const kiosk = (await api.post('/api/v1/devices', { kind: 'kiosk', serial: 'KIOSK-NAT-1', enrolment_code: code })).json.token;
  const box = (await api.post('/api/v1/devices', { kind: 'stb', serial: 'STB-NAT-1' }, { token: STAFF })).json.token;
  const nat = '10.2.0.1';
  for (let i = 0; i < 30; i++) await askCode(`1350000${String(i).padStart(4, '0')}`, nat);
  const plain = await askCode('13500009999', nat);
  const asBox = await askCode('13500009999', nat, { token: box });
  const asKiosk = await askCode('13500009999', nat, { token: kiosk });
  checks.check(plain.status === 429 && asBox.status === 429 && asKiosk.status === 202,
    "a registered kiosk counts against its own allowance, not the NAT address it shares", `${plain.status} ${asBox.status} ${asKiosk.status}`);
  const kioskToken = await exchange('13500009999', await peek('13500009999'), nat, { token: kiosk });
  const minutes = (Date.parse(kioskToken.json?.expires_at) - Date.now()) / 60e3;
  checks.check(kioskToken.status === 200 && minutes > 10 && minutes <= 15, "a sign-in through a kiosk's device token lives 15 minutes", `${minutes}`);
  const flagged = await signIn('13500008888', '10.2.0.2', {}, { kiosk: true });
  const flaggedMinutes = (Date.parse(flagged.json?.expires_at) - Date.now()) / 60e3;
  const home = await signIn('13500007777', '10.2.0.3');
  const homeDays = (Date.parse(home.json?.expires_at) - Date.now()) / 86400e3;
  checks.check(flagged.status === 200 && flaggedMinutes > 10 && flaggedMinutes <= 15 && homeDays > 29,
    'a sign-in the kiosk app marks as kiosk lives minutes; one at home 30 days', `${flaggedMinutes} ${homeDays}`);
  const badFlag = await exchange('13500007777', '123456', '10.2.0.3', {}, { kiosk: 'yes' });
  checks.check(badFlag.status === 400, 'kiosk must be true or false', `${badFlag.status}`);
}

// --- Content-Type is a media type, not a substring
{
  const send = (type, address) => {
    const body = JSON.stringify({ phone: '13300000001' });
    const head = ['POST /api/v1/auth/otp HTTP/1.1', 'Host: x', 'Connection: close', `X-Forwarded-For: ${address}`,
      ...(type === null ? [] : [`Content-Type: ${type}`]), `Content-Length: ${body.length}`];
    return rawRequest(server.url, Buffer.from(head.join(CRLF) + CRLF + CRLF + body));
  };
  const refused = [];
  for (const [i, type] of ['text/plain; x=application/json', 'text/plain;application/json', 'application/jsonp', 'application/json-seq',
    'x-application/json', null, 'application/x-www-form-urlencoded'].entries()) {
    const res = await send(type, `10.3.0.${i}`);
    const p = problemOf(res);
    refused.push(res.status === 415 && p && p.status === 415 && p.detail.includes('JSON') ? 'ok' : `${type}: ${res.status}`);
  }
  checks.check(refused.every((r) => r === 'ok'), 'a body that is not application/json is refused with 415 problem+json', refused.join(' | '));
  const accepted = [];
  for (const [i, type] of ['application/json', 'Application/JSON; charset=utf-8', ' application/json ;charset=UTF-8'].entries())
    accepted.push((await send(type, `10.4.0.${i}`)).status);
  checks.check(accepted.every((s) => s === 202), 'application/json in any case, with parameters, is accepted', accepted.join(','));
  const fetched = await api.post('/api/v1/auth/otp', '{"phone":"13300000002"}', from('10.4.0.9', { headers: { 'Content-Type': 'text/plain; x=application/json' } }));
  checks.check(fetched.status === 415, 'the CORS-safelisted text/plain cannot pass for JSON', `${fetched.status}`);
}

// --- Revoking tokens: everywhere at once, by staff, and a device's token
{
  const phone = '13200001111';
  const a = (await signIn(phone, '10.6.0.1')).json.token;
  const b = (await signIn(phone, '10.6.0.2')).json.token;
  const other = (await signIn('13200002222', '10.6.0.3')).json.token;
  const all = await api.post('/api/v1/auth/logout/all', undefined, { token: a });
  const stillA = await api.get('/api/v1/appointments', { token: a });
  const stillB = await api.get('/api/v1/appointments', { token: b });
  const stillOther = await api.get('/api/v1/appointments', { token: other });
  checks.check(all.status === 204 && stillA.status === 401 && stillB.status === 401 && stillOther.status === 200,
    "signing out everywhere ends every sign-in of that resident and nobody else's", `${all.status} ${stillA.status} ${stillB.status} ${stillOther.status}`);
  const c = (await signIn(phone, '10.6.0.4')).json.token;
  const notStaff = await api.post('/api/v1/staff/residents/sign-out', { phone }, { token: c });
  const byStaff = await api.post('/api/v1/staff/residents/sign-out', { phone }, { token: STAFF });
  const unknown = await api.post('/api/v1/staff/residents/sign-out', { phone: '13200009999' }, { token: STAFF });
  checks.check(notStaff.status === 401 && byStaff.status === 204 && (await api.get('/api/v1/appointments', { token: c })).status === 401 &&
    unknown.status === 404, "staff end a resident's sign-ins", `${notStaff.status} ${byStaff.status} ${unknown.status}`);
  const reg = await api.post('/api/v1/devices', { kind: 'stb', serial: 'STOLEN-BOX' }, { token: STAFF });
  const before = await api.get('/api/v1/devices/me', { token: reg.json.token });
  const stream = readEvents(server.url + '/api/v1/alerts/stream', { Authorization: 'Bearer ' + reg.json.token });
  for (let i = 0; i < 100 && !stream.opened; i++) await new Promise((r) => setTimeout(r, 50));
  const revoked = await api.call('DELETE', `/api/v1/staff/devices/${reg.json.id}/token`, { token: STAFF });
  for (let i = 0; i < 100 && !stream.end; i++) await new Promise((r) => setTimeout(r, 50));
  checks.check(stream.opened && stream.end !== null, "a revoked box's open stream (its household's events) is ended", `${stream.opened} ${stream.end}`);
  stream.stop();
  const after = await api.get('/api/v1/devices/me', { token: reg.json.token });
  const missing = await api.call('DELETE', '/api/v1/staff/devices/99999/token', { token: STAFF });
  checks.check(before.status === 200 && revoked.status === 204 && after.status === 401 && missing.status === 404,
    "staff revoke a device's token", `${before.status} ${revoked.status} ${after.status} ${missing.status}`);
}

checks.check(!server.log.some((l) => /13[0-9]{9}/.test(l) && !l.includes('one-time code')),
  'no log line but the code sender names a phone');
checkContract(checks);
await server.stop();
process.exit(checks.summary());
