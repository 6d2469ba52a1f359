// Staff and help over real HTTP: help requests (privacy, SOS first, status, who handles it, an
// outcome to close one, roles), publishing, editing and withdrawing policies (lists, ETags and
// `since` follow), opening slots, expired tokens. Staff are real accounts (--add-staff) signed in
// for bearer tokens.
//   node tests/server/staff_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client, dayInChina } from './api_client.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';
import { addStaff, startServer, staffToken } from './server_process.mjs';
import { publishContent, withdrawContent } from './staff_content.mjs';

const [binary, demoDir, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-staff-'));
writeFileSync(join(dir, 'config.json'), JSON.stringify({ resident_token_ttl_s: 3, heartbeat_s: 1 }));
const args = ['--config', join(dir, 'config.json'), '--db', join(dir, 's.db'), '--demo', '--dev-otp', '--demo-dir', demoDir, '--quiet'];
// An editor, who writes content but does not answer the help queue (besides "tester", who holds every role).
addStaff(binary, args, { name: 'editor1', roles: 'editor', display: '编辑小王' });
const server = await startServer(binary, args, { staff: true });
const api = client(server.url);
const staff = { token: server.staffToken };
const editor = { token: await staffToken(server.url, 'editor1') };

// Help requests
const alice = await api.signIn('13800000011');
const bob = await api.signIn('13800000012');
const bobSignedInAt = Date.now();
{
  const repair = await api.post('/api/v1/help-requests', { kind: 'repair', message: '厨房水管漏水' }, { token: alice });
  const sos = await api.post('/api/v1/help-requests', { kind: 'sos' }, { token: bob });
  checks.check(repair.status === 201 && /^H[2-9AC-HK-NP-RT-Y]{7}$/.test(repair.json.ticket) && repair.json.status === 'received', 'a help request gets a ticket number');
  const mine = (await api.get('/api/v1/help-requests', { token: alice })).json.items;
  checks.check(mine.length === 1 && mine[0].id === repair.json.id, "a resident sees only their own requests");
  const all = (await api.get('/api/v1/staff/help-requests', staff)).json.items;
  checks.check(all.length === 2 && all[0].kind === 'sos', 'staff see every request, SOS first');
  const done = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.json.id}`, { body: { status: 'in_progress', note: '师傅下午 3 点上门' }, ...staff });
  const seen = (await api.get('/api/v1/help-requests', { token: alice })).json.items[0];
  checks.check(done.status === 200 && seen.status === 'in_progress' && seen.note === '师傅下午 3 点上门',
    'the resident sees the status and the note staff wrote', JSON.stringify(seen));
  checks.check(seen.handled_by === '测试员' && done.json.claimed_by?.display_name === '测试员',
    'the staff member who answered holds the request, and the resident sees who by display name', `${seen.handled_by} ${JSON.stringify(done.json.claimed_by)}`);
  const bobs = (await api.get('/api/v1/help-requests', { token: bob })).json.items[0];
  checks.check(bobs.handled_by === null, 'a request nobody has taken on shows nobody handling it', JSON.stringify(bobs.handled_by));
  const noOutcome = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.json.id}`, { body: { status: 'done' }, ...staff });
  const blankOutcome = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.json.id}`, { body: { status: 'done', outcome: '' }, ...staff });
  checks.check(noOutcome.status === 400 && noOutcome.json.invalid_params?.some((p) => p.name === 'outcome') && blankOutcome.status === 400 &&
    (await api.get('/api/v1/help-requests', { token: alice })).json.items[0].status === 'in_progress',
    'closing a request needs an outcome (400 without one, and it stays open)', `${noOutcome.status} ${blankOutcome.status} ${noOutcome.json?.detail}`);
  const closed = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.json.id}`, { body: { status: 'done', outcome: '已换水管' }, ...staff });
  checks.check(closed.status === 200 && closed.json.status === 'done' && closed.json.outcome === '已换水管' &&
    (await api.get('/api/v1/help-requests', { token: alice })).json.items[0].status === 'done', 'with an outcome staff close it',
    `${closed.status} ${closed.json?.status} ${closed.json?.outcome}`);
  const order = (await api.get('/api/v1/staff/help-requests', staff)).json.items.map((h) => h.id);
  checks.check(order.join() === [sos.json.id, repair.json.id].join(), 'the open SOS stays ahead of the closed request', order.join());
  const editorQueue = await api.get('/api/v1/staff/help-requests', editor);
  const editorPatch = await api.call('PATCH', `/api/v1/staff/help-requests/${sos.json.id}`, { body: { status: 'accepted' }, ...editor });
  checks.check(editorQueue.status === 403 && editorQueue.json.roles_needed?.includes('dispatcher') && editorPatch.status === 403,
    'a staff member without a help-desk role is refused the queue (403, naming the roles needed)',
    `${editorQueue.status} ${JSON.stringify(editorQueue.json?.roles_needed)} ${editorPatch.status}`);
  const bad = await api.post('/api/v1/help-requests', { kind: 'party' }, { token: alice });
  const long = await api.post('/api/v1/help-requests', { kind: 'complaint', message: '很'.repeat(501) }, { token: alice });
  const anon = await api.post('/api/v1/help-requests', { kind: 'sos' });
  const residentAsStaff = await api.get('/api/v1/staff/help-requests', { token: alice });
  const badStatus = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.json.id}`, { body: { status: 'lost' }, ...staff });
  checks.check(bad.status === 400 && long.status === 400 && anon.status === 401 && residentAsStaff.status === 401 && badStatus.status === 400,
    'bad help input, missing sign-in and non-staff callers are refused');
}

// Policies: publish, edit, withdraw
{
  const before = await api.get('/api/v1/policies?limit=5');
  const seq = before.json.seq;
  const input = { category_id: 'yanglao', title: '测试：助浴服务上线', summary: '社区开始提供上门助浴服务。', body: '每周二、周四上门。',
    issuer: '幸福里街道办事处', published_on: dayInChina(0), tags: ['助浴'] };
  const people = { editor: server.staffToken, approver: server.reviewerToken };
  const created = { json: { id: await publishContent(api, people, 'policies', input) } };
  const first = (await api.get('/api/v1/policies?limit=5')).json.items[0];
  checks.check(first.id === created.json.id && first.title === input.title, 'a published policy heads the list');
  checks.check((await api.get('/api/v1/policies?limit=5', { headers: { 'If-None-Match': before.headers.get('etag') } })).status === 200,
    'the old ETag no longer matches');
  const edited = await publishContent(api, people, 'policies', { title: '测试：助浴服务（已更新）' }, created.json.id);
  checks.check(edited === created.json.id && (await api.get('/api/v1/policies/' + created.json.id)).json.title === '测试：助浴服务（已更新）',
    'a published edit shows at once, on the same policy');
  const gone = await withdrawContent(api, server.reviewerToken, 'policies', created.json.id);
  checks.check(gone.status === 204 && (await api.get('/api/v1/policies/' + created.json.id)).status === 404, 'a withdrawn policy is gone');
  const changes = (await api.get('/api/v1/policies?since=' + seq)).json.items;
  checks.check(changes.length === 1 && changes[0].deleted === true && changes[0].id === created.json.id, '`since` carries a tombstone for it');
  const badDraft = await api.post('/api/v1/staff/drafts', { kind: 'policies', fields: { ...input, category_id: 'nope', published_on: '2026-13-01' } }, staff);
  const badSubmit = await api.post(`/api/v1/staff/drafts/${badDraft.json.id}/submit`, undefined, staff);
  checks.check(badDraft.status === 201 && badDraft.json.problems.length === 2 && badSubmit.status === 400 && badSubmit.json.invalid_params.length === 2,
    'an unfinished draft is kept, and names each bad field; it cannot be submitted');
  checks.check((await api.post('/api/v1/staff/drafts', { kind: 'policies', fields: input }, { token: alice })).status === 401, 'residents cannot write drafts');
  const byEditor = await publishContent(api, { editor: editor.token, approver: server.reviewerToken }, 'policies', { ...input, title: '测试：编辑写的政策' });
  checks.check(byEditor > 0, "an editor's policy goes out once an approver publishes it");
  await withdrawContent(api, server.reviewerToken, 'policies', byEditor);
}

// Opening slots
{
  const schedule = (await api.get('/api/v1/schedules')).json.items[0];
  const day = dayInChina(20);
  const made = await api.post(`/api/v1/staff/schedules/${schedule.id}/slots`,
    { slots: [{ start: `${day}T09:00:00+08:00`, end: `${day}T10:00:00+08:00`, capacity: 8 }] }, staff);
  const listed = (await api.get(`/api/v1/schedules/${schedule.id}/slots?from=${day}&to=${day}`)).json.items;
  checks.check(made.status === 201 && listed.length === 1 && listed[0].seats_left === 8, 'staff open a slot and it is bookable');
  const backwards = await api.post(`/api/v1/staff/schedules/${schedule.id}/slots`,
    { slots: [{ start: `${day}T10:00:00+08:00`, end: `${day}T09:00:00+08:00`, capacity: 8 }] }, staff);
  checks.check(backwards.status === 400, 'a slot ending before it starts is refused');
}

// Appointment outcomes recorded by staff
{
  const token = await api.signIn('13800000015');
  const guide = (await api.get('/api/v1/guides?limit=100')).json.items.find((g) => g.bookable);
  const slot = (await api.get(`/api/v1/schedules/${guide.schedule_id}/slots?from=${dayInChina(0)}&to=${dayInChina(14)}`)).json.items[0];
  const booked = await api.post('/api/v1/appointments', { slot_id: slot.id, name: '李大爷', phone: '13800000015', id_number: '11010519491231002X' },
    { token, headers: { 'Idempotency-Key': 'staff-test-booking-1' } });
  const came = await api.call('PATCH', `/api/v1/staff/appointments/${booked.json.id}`, { body: { status: 'fulfilled' }, ...staff });
  const again = await api.call('PATCH', `/api/v1/staff/appointments/${booked.json.id}`, { body: { status: 'noshow' }, ...staff });
  const cancel = await api.post(`/api/v1/appointments/${booked.json.id}/cancel`, undefined, { token });
  checks.check(came.status === 200 && came.json.status === 'fulfilled' && again.status === 409 && cancel.status === 409,
    'staff mark an appointment fulfilled; it can then be neither changed nor cancelled');
}

// The alert stream sends heartbeats (this server: every second)
{
  const controller = new AbortController();
  const res = await fetch(server.url + '/api/v1/alerts/stream', { signal: controller.signal });
  const reader = res.body.getReader();
  let text = '';
  const until = Date.now() + 3000;
  while (!text.includes(': heartbeat') && Date.now() < until) text += Buffer.from((await reader.read()).value || []).toString();
  controller.abort();
  checks.check(res.headers.get('content-type') === 'text/event-stream' && text.includes(': heartbeat'), 'the alert stream sends heartbeats');
}

// Expired tokens (this server gives residents 3-second tokens)
{
  const token = bob;
  // Time passing is what is tested: nothing to await but the token's expiry.
  await new Promise((r) => setTimeout(r, Math.max(0, bobSignedInAt + 3500 - Date.now())));
  const expired = await api.get('/api/v1/appointments', { token });
  checks.check(expired.status === 401 && expired.json.detail.includes('登录'), 'an expired token gives 401 and says to sign in');
  const fresh = await api.signIn('13800000014');
  const logout = await api.post('/api/v1/auth/logout', undefined, { token: fresh });
  checks.check(logout.status === 204 && (await api.get('/api/v1/appointments', { token: fresh })).status === 401, 'signing out revokes the token');
}

// One-time codes are rate-limited per address too (30 an hour)
{
  let refusedAt = 0;
  for (let i = 0; i < 40 && !refusedAt; i++) {
    const res = await api.post('/api/v1/auth/otp', { phone: `1390000${String(i).padStart(4, '0')}` });
    if (res.status === 429) refusedAt = i;
  }
  checks.check(refusedAt > 0 && refusedAt <= 30, 'one address cannot ask for codes for many phones', `refused after ${refusedAt} more`);
}

checkContract(checks);
await server.stop();
process.exit(checks.summary());
