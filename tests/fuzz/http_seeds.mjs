#!/usr/bin/env node
// Seeds for fuzz_http: raw requests, as bytes arrive on a connection, for every route of the server
// with good and hostile input, including the cases of issue 12 that once stopped the server.
// @RESIDENT@, @DEVICE@ and @STAFF@ are replaced by the fuzzer with live tokens.
//   http_seeds.mjs CORPUS_DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const seeds = [];
const add = (bytes) => seeds.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'));

const request = (method, target, { token, body, type = 'application/json', headers = '' } = {}) => {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    (token ? `Authorization: Bearer @${token}@\r\n` : '') +
    (body !== undefined ? `Content-Type: ${type}\r\nContent-Length: ${payload.length}\r\n` : '') + headers + '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
};

// Every route, as a client that means well calls it.
const slot = { slot_id: 1, name: '王秀兰', phone: '13800000001', id_number: '11010519491231002X' };
for (const [method, target, options] of [
  ['GET', '/api/v1/health'], ['GET', '/api/v1/site'], ['GET', '/api/v1/policy-categories'],
  ['GET', '/api/v1/policies?limit=5'], ['GET', '/api/v1/policies?category=yanglao&cursor=2026-01-01_3'],
  ['GET', '/api/v1/policies?since=1'], ['GET', '/api/v1/policies/1'], ['GET', '/api/v1/guides'], ['GET', '/api/v1/guides/1'],
  ['GET', '/api/v1/contacts'], ['GET', '/api/v1/activities'], ['GET', '/api/v1/activities/1'],
  ['GET', '/api/v1/notices?limit=2'], ['GET', '/api/v1/notices?limit=2&cursor=12026-11-24T16%3A30%3A00%2B08%3A00_1'],
  ['GET', '/api/v1/notices/1', { headers: 'If-None-Match: "notice-1-22"\r\n' }],
  ['GET', '/api/v1/schedules'], ['GET', '/api/v1/schedules/1/slots?from=2026-11-25&to=2026-12-09'],
  ['GET', '/api/v1/alerts'], ['GET', '/api/v1/alerts?history=true&limit=10'], ['GET', '/api/v1/alerts/1'],
  ['GET', '/api/v1/alerts/stream?last_event_id=1'], ['POST', '/api/v1/alerts/1/ack', { token: 'RESIDENT' }],
  ['POST', '/api/v1/auth/otp', { body: { phone: '13800000001' } }],
  ['POST', '/api/v1/auth/token', { body: { phone: '13800000001', code: '123456' } }],
  ['POST', '/api/v1/auth/logout', { token: 'RESIDENT' }], ['GET', '/api/v1/dev/otp?phone=13800000001'],
  ['POST', '/api/v1/devices', { body: { kind: 'stb', serial: 'STB-1' } }],
  ['POST', '/api/v1/devices', { body: { kind: 'kiosk', serial: 'K-1', enrolment_code: 'ABCDEFGHJKLM' } }],
  ['POST', '/api/v1/devices', { token: 'STAFF', body: { kind: 'stb', serial: 'STB-2' } }],
  ['POST', '/api/v1/staff/enrolment-codes', { token: 'STAFF', body: { valid_hours: 2 } }],
  ['DELETE', '/api/v1/staff/devices/1/token', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/residents/sign-out', { token: 'STAFF', body: { phone: '13800000001' } }],
  ['POST', '/api/v1/auth/logout/all', { token: 'RESIDENT' }], ['GET', '/api/v1/devices/me', { token: 'DEVICE' }],
  ['PUT', '/api/v1/staff/devices/1/household', { token: 'STAFF', body: { household_name: '3 号楼 201', phone: '13800000009' } }],
  ['POST', '/api/v1/appointments', { token: 'RESIDENT', body: slot, headers: 'Idempotency-Key: fuzz-key-0001\r\n' }],
  ['GET', '/api/v1/appointments', { token: 'RESIDENT' }], ['GET', '/api/v1/appointments/1', { token: 'RESIDENT' }],
  ['POST', '/api/v1/appointments/1/cancel', { token: 'RESIDENT' }], ['POST', '/api/v1/appointments/1/restore', { token: 'RESIDENT' }],
  ['PATCH', '/api/v1/staff/appointments/1', { token: 'STAFF', body: { status: 'fulfilled' } }],
  ['POST', '/api/v1/help-requests', { token: 'RESIDENT', body: { kind: 'sos', message: '摔倒了' } }],
  ['GET', '/api/v1/help-requests', { token: 'DEVICE' }], ['GET', '/api/v1/staff/help-requests', { token: 'STAFF' }],
  ['PATCH', '/api/v1/staff/help-requests/1', { token: 'STAFF', body: { status: 'done', note: '已上门', outcome: '已上门扶起，无大碍' } }],
  ['PATCH', '/api/v1/staff/help-requests/1', { token: 'STAFF', body: { status: 'in_progress', take_over: true } }],
  ['GET', '/api/v1/staff/help-requests/1', { token: 'STAFF' }], ['GET', '/api/v1/staff/help-requests?state=open&limit=5', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/help-requests/1/claim', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/help-requests/1/transfer', { token: 'STAFF', body: { unit: '物业', note: '已转物业' } }],
  ['POST', '/api/v1/staff/help-requests/1/reopen', { token: 'STAFF', body: { reason: '老人说还没修好' } }],
  ['GET', '/api/v1/staff/help-figures?days=7', { token: 'STAFF' }],
  // Staff sessions and accounts. Not the ones that hash a password (sign-in, a new account, a new
  // password): Argon2id takes a tenth of a second a call on purpose. The fuzzer's own account is 1:
  // an input that signs it out or changes it is undone before the next input that needs it.
  ['GET', '/api/v1/staff/session', { token: 'STAFF' }], ['DELETE', '/api/v1/staff/session', { token: 'STAFF' }],
  ['GET', '/api/v1/staff/accounts', { token: 'STAFF' }], ['PATCH', '/api/v1/staff/accounts/1', { token: 'STAFF', body: { display_name: '值班员', roles: ['dispatcher'] } }],
  ['DELETE', '/api/v1/staff/accounts/1/sessions', { token: 'STAFF' }], ['GET', '/api/v1/staff/audit?limit=5', { token: 'STAFF' }],
  ['GET', '/api/v1/staff/stream', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/drafts', { token: 'STAFF', body: { kind: 'policies', fields: { category_id: 'yanglao', title: 't', summary: 's', body: '\u3000\u3000b\r\n\r\nc\u200b', issuer: 'i', published_on: '2026-11-25', tags: [] } } }],
  ['POST', '/api/v1/staff/drafts', { token: 'STAFF', body: { kind: 'activities', target_id: 1 } }],
  ['POST', '/api/v1/staff/drafts', { token: 'STAFF', body: { kind: 'notices', fields: { title: '停水通知', body: '明天\u3000上午停水。\r\n\r\n请接好水。', pinned: true } } }],
  ['PUT', '/api/v1/staff/drafts/1', { token: 'STAFF', body: { fields: { title: 't', start: '2026-11-25T10:00:00+08:00', end: '2026-11-25T09:00:00+08:00', capacity: 5 } } }],
  ['POST', '/api/v1/staff/drafts/1/submit', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/drafts/1/publish', { token: 'STAFF', body: { publish_at: '2026-11-25T10:00:00+08:00' } }],
  ['POST', '/api/v1/staff/drafts/1/reject', { token: 'STAFF', body: { note: 'n' } }],
  ['GET', '/api/v1/staff/drafts', { token: 'STAFF' }],
  ['GET', '/api/v1/staff/content/guides?q=%E5%85%BB', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/content/policies/2/withdraw', { token: 'STAFF', body: { reason: 'r' } }],
  ['POST', '/api/v1/staff/content/notices/2/withdraw', { token: 'STAFF', body: { reason: 'r' } }],
  ['GET', '/api/v1/staff/content-kinds', { token: 'STAFF' }],
  ['GET', '/api/v1/staff/appointments?date=2026-11-25&schedule_id=1', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/appointments/check-in', { token: 'STAFF', body: { code: 'ELDER-APPOINTMENT:1:ABCDEF' } }],
  ['GET', '/api/v1/staff/schedules/1/slots?from=2026-11-25&days=7', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/slots/1/close', { token: 'STAFF', body: { reason: 'r' } }],
  ['GET', '/api/v1/staff/devices?kind=stb&q=1&limit=5', { token: 'STAFF' }],
  ['DELETE', '/api/v1/staff/devices/1/household', { token: 'STAFF' }],
  // Issue 18: households, receipts, reach, the call list and the daily check-in.
  ['POST', '/api/v1/staff/households', { token: 'STAFF', body: { name: '王秀英', phone: '010-12345678', lives_alone: true,
    emergency_contact: { name: '王强', phone: '13900000001', relation: '儿子' }, members: [{ name: '王秀英', phone: '13800000001' }] } }],
  ['GET', '/api/v1/staff/households?q=%E7%8E%8B&limit=5', { token: 'STAFF' }], ['GET', '/api/v1/staff/households/1', { token: 'STAFF' }],
  ['PATCH', '/api/v1/staff/households/1', { token: 'STAFF', body: { special_attention: true, emergency_contact: null } }],
  ['PUT', '/api/v1/staff/households/1/members', { token: 'STAFF', body: { members: [{ name: '李', phone: '13800000002' }] } }],
  ['POST', '/api/v1/staff/households/1/consents', { token: 'STAFF', body: { kind: 'check_in', given_by: '本人' } }],
  ['DELETE', '/api/v1/staff/households/1/consents/1', { token: 'STAFF' }],
  ['PUT', '/api/v1/staff/households/1/check-in', { token: 'STAFF', body: { deadline: '10:00' } }],
  ['DELETE', '/api/v1/staff/households/1/check-in', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/households/1/away', { token: 'STAFF', body: { from: '2026-12-01', to: '2026-12-03', note: '探亲' } }],
  ['DELETE', '/api/v1/staff/households/1/away/1', { token: 'STAFF' }],
  ['PUT', '/api/v1/staff/devices/1/household', { token: 'STAFF', body: { household_id: 1 } }],
  ['POST', '/api/v1/alerts/1/receipts', { token: 'DEVICE', body: { state: 'shown' } }],
  ['POST', '/api/v1/alerts/1/receipts', { token: 'RESIDENT', body: { state: 'confirmed' } }],
  ['GET', '/api/v1/staff/alerts/1/reach', { token: 'STAFF' }],
  ['GET', '/api/v1/check-in', { token: 'DEVICE' }], ['POST', '/api/v1/check-ins', { token: 'DEVICE' }],
  ['GET', '/api/v1/staff/follow-ups?kind=alert&stage=call&state=open&alert_id=1&limit=5', { token: 'STAFF' }],
  ['GET', '/api/v1/staff/follow-ups/1', { token: 'STAFF' }],
  ['POST', '/api/v1/staff/follow-ups/1/outcomes', { token: 'STAFF', body: { outcome: 'no_answer', note: '无人接听' } }],
  ['POST', '/api/v1/staff/schedules/1/slots', { token: 'STAFF', body: { slots: [{ start: '2026-12-20T09:00:00+08:00', end: '2026-12-20T10:00:00+08:00', capacity: 5 }] } }],
  ['POST', '/api/v1/staff/alerts', { token: 'STAFF', body: { msgType: 'Alert', colour_level: '橙', info: [{ event: '暴雨', headline: '暴雨橙色预警', area: [{ areaDesc: '幸福里' }] }] } }],
  ['GET', '/'], ['GET', '/index.html'], ['HEAD', '/kiosk.js'], ['OPTIONS', '/api/v1/site'],
]) add(request(method, target, options));

// CAP messages from the shared test data, imported by staff.
const cap = join(here, '../../../shared/testdata/cap');
for (const sub of ['valid', 'invalid']) {
  let files = [];
  try { files = readdirSync(join(cap, sub)).filter((f) => f.endsWith('.xml')).slice(0, 6); } catch { /* checked below */ }
  for (const f of files) add(request('POST', '/api/v1/staff/alerts/cap', { token: 'STAFF', type: 'application/cap+xml', body: readFileSync(join(cap, sub, f), 'utf8') }));
}

// Hostile input (issue 12): each of these once ended the process or misread a request.
add(Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
add(Buffer.concat([Buffer.from('POST /'), Buffer.from([0xc3]), Buffer.from(' HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n')]));
add(Buffer.concat([Buffer.from('GET /api/v1/alerts?limit='), Buffer.from([0xff]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
add('GET /api/v1/alerts?limit=%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n');
add(Buffer.concat([Buffer.from('GET /api/v1/alerts/stream?last_event_id='), Buffer.from([0xe4, 0xb8]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
add(Buffer.concat([Buffer.from('GET /api/v1/alerts/stream HTTP/1.1\r\nHost: x\r\nLast-Event-ID: '), Buffer.from([0xff, 0xfe]), Buffer.from('\r\n\r\n')]));
add('POST /api/v1/help-requests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Type: application/json\r\n\r\n5\r\n{"a":\r\n0\r\n\r\nGET /api/v1/health HTTP/1.1\r\n\r\n');
add('POST /api/v1/auth/otp HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\nContent-Type: application/json\r\n\r\n13\r\n{"phone":"13800000001"}\r\n0\r\n\r\n');
add('POST /api/v1/auth/otp HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n17\r\n{"phone":"13800000001"}\r\n0\r\n\r\n');
add('POST /api/v1/auth/otp HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain; x=application/json\r\nContent-Length: 23\r\n\r\n{"phone":"13800000001"}');
add('POST /api/v1/auth/otp HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
add('POST /api/v1/auth/otp HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.1, ::ffff:10.0.0.2, not-an-address\r\nX-Forwarded-For: fe80::1%eth0\r\nContent-Type: Application/JSON ; charset=utf-8\r\nContent-Length: 23\r\n\r\n{"phone":"13800000001"}');
add('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a'.repeat(17000) + '\r\n\r\n');
add('POST /api/v1/auth/otp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{');
add('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/site HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
add('GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n');
add('GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n');
add('GET /api/v1/policies/99999999999999999999 HTTP/1.1\r\nHost: x\r\n\r\n');
add('GET /api/v1/policies?cursor=' + 'x_'.repeat(2000) + ' HTTP/1.1\r\nHost: x\r\n\r\n');
add('GET /api/v1/notices?cursor=' + '1'.repeat(4000) + '_1&limit=99999999999999999999 HTTP/1.1\r\nHost: x\r\n\r\n');
add('POST /api/v1/staff/alerts/cap HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer @STAFF@\r\nContent-Type: application/cap+xml\r\nContent-Length: 60\r\n\r\n<!DOCTYPE a [<!ENTITY b "c">]><alert xmlns="x">&b;</alert>');
add(request('POST', '/api/v1/staff/alerts/cap', { token: 'STAFF', type: 'application/cap+xml',
  body: '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">' + '<info>'.repeat(200) + '</info>'.repeat(200) + '</alert>' }));
add(Buffer.concat([request('POST', '/api/v1/staff/alerts/cap', { token: 'STAFF', type: 'application/cap+xml',
  body: '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>' }).subarray(0, 200), Buffer.from([0xc3, 0x28])]));

seeds.forEach((bytes, i) => writeFileSync(join(out, `seed-${String(i).padStart(3, '0')}`), bytes));
if (seeds.length < 60) throw new Error(`only ${seeds.length} seeds: the CAP test data is missing`);
