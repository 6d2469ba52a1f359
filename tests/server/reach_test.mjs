// Nobody left behind (issue 18), over real HTTP: households staff keep; a severe alert published to
// 50 bound boxes (one household with two, one member signed in on a phone); receipts (shown,
// confirmed, idempotent; a household confirmed on one device is confirmed on the other); the reach
// figures; the call list after the site's time (a short one here, reached by moving the server's
// clock with --dev-clock rather than by waiting); outcomes (reached, needs help -> a help request,
// no answer -> visit -> emergency contact); everything kept across a restart; the daily check-in
// (报平安) with its deadline, a household away, and consent; roles and limits.
//   node tests/server/reach_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client } from './api_client.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';
import { addStaff, freePort, setSchemaVersionSql, startServer, staffToken, storeSql } from './server_process.mjs';
import { readEvents } from './sse_reader.mjs';

const [binary, demoDir, specPath] = process.argv.slice(2);
if (!specPath) {
  console.error('usage: node reach_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML');
  process.exit(2);
}
const checks = new Checks();
const checkContract = checkResponsesAgainst(specPath);
const dir = mkdtempSync(join(tmpdir(), 'elder-reach-'));
const CALL_AFTER_S = 120;
writeFileSync(join(dir, 'config.json'), JSON.stringify({ alert_call_after_s: CALL_AFTER_S }));
const args = ['--config', join(dir, 'config.json'), '--db', join(dir, 'reach.db'), '--demo', '--demo-dir', demoDir,
  '--dev-otp', '--dev-clock', '--quiet'];
addStaff(binary, args, { name: 'desk1', roles: 'dispatcher', display: '值班员小李' });
addStaff(binary, args, { name: 'writer1', roles: 'editor', display: '编辑小王' });
const port = await freePort();
let server = await startServer(binary, args, { staff: true, port });
const api = client(server.url);
let STAFF = server.staffToken;
let DESK = await staffToken(server.url, 'desk1');
let WRITER = await staffToken(server.url, 'writer1');
const signInStaff = async () => {
  STAFF = await staffToken(server.url, 'tester');
  DESK = await staffToken(server.url, 'desk1');
  WRITER = await staffToken(server.url, 'writer1');
};
const as = (token) => ({ token });
const put = (path, body, token) => api.call('PUT', path, { body, token });
const patch = (path, body, token) => api.call('PATCH', path, { body, token });
const del = (path, token) => api.call('DELETE', path, { token });
const advance = async (seconds) => {
  const moved = await api.post('/api/v1/dev/clock', { advance_s: seconds });
  if (moved.status !== 200) throw new Error('clock: ' + moved.status + ' ' + JSON.stringify(moved.json));
  return moved.json.now;
};

// 1. Households.
const made = await api.post('/api/v1/staff/households', {
  name: '王秀英', phone: '13800000001', address: '幸福里 3 号楼 2 单元 401', lives_alone: true,
  emergency_contact: { name: '王强', phone: '13900000001', relation: '儿子' }, members: [{ name: '王秀英', phone: '13800000001' }],
}, as(STAFF));
checks.check(made.status === 201 && made.json.lives_alone && made.json.members.length === 1 && made.json.emergency_contact.relation === '儿子',
  'staff create a household with a member, a flag and an emergency contact', JSON.stringify(made.json).slice(0, 300));
const first = made.json.id;
{
  const bad = await api.post('/api/v1/staff/households', { name: '', phone: '12', lives_alone: 'yes', members: [{ phone: '1' }] }, as(STAFF));
  const names = (bad.json?.invalid_params || []).map((p) => p.name);
  checks.check(bad.status === 400 && ['name', 'phone', 'lives_alone', 'members.phone'].every((n) => names.includes(n)),
    'every bad field is named in one answer', names.join(','));
  const tooMany = await api.post('/api/v1/staff/households', { name: 'x', phone: '010-12345678',
    members: Array.from({ length: 13 }, (_, i) => ({ name: 'm' + i })) }, as(STAFF));
  checks.check(tooMany.status === 400, 'a household holds at most 12 members', String(tooMany.status));
  const taken = await api.post('/api/v1/staff/households', { name: '另一户', phone: '010-12345678', members: [{ name: 'x', phone: '13800000001' }] }, as(STAFF));
  checks.check(taken.status === 409, 'a member\'s phone belongs to one household only', String(taken.status));
  checks.check((await api.post('/api/v1/staff/households', { name: 'x', phone: '010-12345678' }, as(WRITER))).status === 403,
    'an editor cannot create households');
  checks.check((await api.get('/api/v1/staff/households', as(WRITER))).status === 403, 'an editor cannot read households');
  checks.check((await api.get('/api/v1/staff/households')).status === 401, 'households need a staff sign-in');
  const read = await api.get(`/api/v1/staff/households/${first}`, as(DESK));
  checks.check(read.status === 200 && read.json.phone === '13800000001', 'the help desk reads a household (it calls them)');
  checks.check((await patch(`/api/v1/staff/households/${first}`, { note: 'x' }, DESK)).status === 403, 'a dispatcher does not change households');
  const changed = await patch(`/api/v1/staff/households/${first}`, { special_attention: true, note: '腿脚不便' }, STAFF);
  checks.check(changed.status === 200 && changed.json.special_attention && changed.json.lives_alone && changed.json.note === '腿脚不便',
    'a change keeps what it does not name');
  checks.check((await api.get('/api/v1/staff/households/99999', as(STAFF))).status === 404, 'an unknown household is 404');
  const audit = await api.get(`/api/v1/staff/audit?target=household:${first}`, as(STAFF));
  checks.check(audit.status === 200 && audit.json.items.some((e) => e.action === 'household.update'), 'changes are audited');
}

// 2. Fifty boxes in 49 households (the first has two), and a member signed in on a phone.
const boxes = [];
for (let i = 0; i < 50; i++) {
  const box = await api.post('/api/v1/devices', { kind: 'stb', serial: `REACH-${i}` }, as(STAFF));
  boxes.push(box.json);
}
const households = [first];
for (let i = 1; i < 49; i++) {
  const h = await api.post('/api/v1/staff/households', { name: `住户${i}`, phone: `1380000${String(1000 + i)}`,
    lives_alone: i % 10 === 0 }, as(STAFF));
  households.push(h.json.id);
}
for (let i = 0; i < 50; i++) {
  const household = i === 49 ? first : households[i];
  const bound = await put(`/api/v1/staff/devices/${boxes[i].id}/household`, { household_id: household }, STAFF);
  if (bound.status !== 200) checks.check(false, `box ${i} binds to household ${household}`, `${bound.status} ${JSON.stringify(bound.json)}`);
}
const archived = await api.post('/api/v1/staff/households', { name: '已搬走', phone: '13800009999', archived: true }, as(STAFF));
checks.check(archived.status === 201 && archived.json.archived, 'a household can be archived (moved away)');
const phone = await api.signIn('13800000001');  // 王秀英 herself, a member of the first household

// 3. A severe alert: who it is meant for, receipts, the reach figures.
const stream = readEvents(server.url + '/api/v1/staff/stream', { Authorization: 'Bearer ' + STAFF });
const published = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红',
  info: [{ category: ['Met'], event: '暴雨', headline: '暴雨红色预警', instruction: '请留在家中，不要外出' }] }, as(STAFF));
const alert = published.json.id;
const reachOf = async () => (await api.get(`/api/v1/staff/alerts/${alert}/reach`, as(STAFF))).json;
let reach = await reachOf();
const allHouseholds = (await api.get('/api/v1/staff/households?limit=200', as(STAFF))).json.items.length;
checks.check(reach.targeted === allHouseholds && reach.confirmed === 0 && reach.shown === 0,
  'a severe alert is meant for every household staff keep (not the archived one)', `${reach.targeted} of ${allHouseholds}`);
const receipt = (token, state) => api.post(`/api/v1/alerts/${alert}/receipts`, { state }, as(token));
// Box 49 (the first household's second box) and box 25 (a household that will not confirm) listen.
const boxStream = (i, headers = {}) => readEvents(server.url + '/api/v1/alerts/stream', { Authorization: 'Bearer ' + boxes[i].token, ...headers });
const second = boxStream(49), unrelated = boxStream(25);
await waitForEvent(second, () => false, 300);
// Boxes 0-29 show it; 0-19 confirm (box 0 twice); box 49 (the first household's second box) only shows.
for (let i = 0; i < 30; i++) await receipt(boxes[i].token, 'shown');
const confirmations = [];
for (let i = 0; i < 20; i++) confirmations.push(await receipt(boxes[i].token, 'confirmed'));
const again = await receipt(boxes[0].token, 'confirmed');
checks.check(confirmations.every((r) => r.status === 200 && r.json.household_confirmed) && again.status === 200,
  'receipts are accepted, and a repeat changes nothing');
const confirmedFor = (s) => s.events.filter((e) => e.kind === 'confirmed' && e.data.alert_id === alert);
checks.check(await waitForEvent(second, (e) => e.kind === 'confirmed' && e.data.alert_id === alert) && confirmedFor(second).length === 1,
  'the household\'s other box is told on its stream at once that the alert was confirmed (once)', JSON.stringify(second.events.map((e) => e.kind)));
checks.check(confirmedFor(unrelated).length === 0, 'another household\'s box is not told');
{
  const replay = boxStream(49, { 'Last-Event-ID': '0' });
  checks.check(await waitForEvent(replay, (e) => e.kind === 'confirmed' && e.data.alert_id === alert),
    'a box that was away gets the confirmation in the replay');
  const stranger = readEvents(server.url + '/api/v1/alerts/stream', { 'Last-Event-ID': '0' });
  await waitForEvent(stranger, (e) => e.kind === 'alert' && e.data.id === alert);
  checks.check(!stranger.events.some((e) => e.kind === 'confirmed'), 'an anonymous stream gets no household\'s events, live or replayed');
  replay.stop(); stranger.stop();
}
second.stop(); unrelated.stop();
const other = await receipt(boxes[49].token, 'shown');
checks.check(other.status === 200 && other.json.household_confirmed === true,
  'a household confirmed on one box: its other box is told so (and stops interrupting)', JSON.stringify(other.json));
const byPhone = await receipt(phone, 'confirmed');
checks.check(byPhone.status === 200 && byPhone.json.household_confirmed, 'a member signed in on a phone confirms for the household');
reach = await reachOf();
checks.check(reach.shown === 30 && reach.confirmed === 20 && reach.not_yet === reach.targeted - 20 && reach.devices.confirmed === 21 + 0,
  'the reach figures add up (households shown 30, confirmed 20; devices and the phone counted apart)', JSON.stringify({ ...reach, by_minute: reach.by_minute.length }));
checks.check(reach.by_minute.length >= 1 && reach.by_minute.at(-1).confirmed === 20, 'the plot ends at the figures of now');
{
  const bad = await api.post(`/api/v1/alerts/${alert}/receipts`, { state: 'read' }, as(boxes[0].token));
  checks.check(bad.status === 400, 'a receipt with an unknown state is refused', String(bad.status));
  checks.check((await api.post(`/api/v1/alerts/${alert}/receipts`, { state: 'shown' })).status === 401, 'a receipt needs a token');
  checks.check((await api.post('/api/v1/alerts/99999/receipts', { state: 'shown' }, as(boxes[0].token))).status === 404, 'an unknown alert is 404');
  checks.check((await api.get(`/api/v1/staff/alerts/${alert}/reach`, as(WRITER))).status === 403, 'an editor does not read the reach');
  checks.check((await api.get(`/api/v1/staff/alerts/${alert}/reach`, as(DESK))).status === 200, 'the help desk reads the reach');
}

// 4. The call list after the site's time.
const openList = async (query = '') => (await api.get('/api/v1/staff/follow-ups?kind=alert&alert_id=' + alert + query, as(DESK))).json.items;
checks.check((await openList()).length === 0, 'nobody is on the call list before the site\'s time');
await advance(CALL_AFTER_S - 30);
checks.check((await openList()).length === 0, 'nor 30 s before it');
await advance(31);
let list = await openList();
const unconfirmed = reach.targeted - 20;
checks.check(list.length === unconfirmed, 'after it, every household that did not confirm is on the call list', `${list.length} of ${unconfirmed}`);
const flagged = list.findIndex((f) => !f.household.lives_alone && !f.household.special_attention);
checks.check(flagged > 0 && list.slice(0, flagged).every((f) => f.household.lives_alone || f.household.special_attention) &&
  list.slice(flagged).every((f) => !f.household.lives_alone && !f.household.special_attention),
  'those living alone or flagged come first', list.slice(0, 6).map((f) => f.household.name).join(' '));
checks.check(list.every((f) => f.stage === 'call' && f.household.phone && f.alert_headline === '暴雨红色预警'), 'each row has the phone and the alert');
checks.check(!list.some((f) => f.household.id === first), 'a confirmed household is not on it');
checks.check(await waitForEvent(stream, (e) => e.kind === 'follow_up' && e.data.what === 'opened'), 'staff streams are told');
await advance(30);
checks.check((await openList()).length === unconfirmed, 'a second check adds nobody twice');

// 5. Outcomes.
const outcome = (id, body, token = DESK) => api.post(`/api/v1/staff/follow-ups/${id}/outcomes`, body, as(token));
const [fine, help, silent] = list.slice(0, 3);
const late = list[3];
{
  const r = await outcome(fine.id, { outcome: 'reached_fine', note: '在家，安全' });
  checks.check(r.status === 200 && r.json.outcome === 'reached_fine' && r.json.closed_at && r.json.attempts.length === 1 &&
    r.json.attempts[0].by === '值班员小李', 'reached and fine: the household leaves the list, the call is kept');
  const twice = await outcome(fine.id, { outcome: 'no_answer' });
  checks.check(twice.status === 409, 'a closed follow-up takes no more outcomes', String(twice.status));
  const needs = await outcome(help.id, { outcome: 'needs_help', note: '家里进水' });
  const queue = await api.get('/api/v1/staff/help-requests?limit=100', as(DESK));
  checks.check(needs.status === 200 && needs.json.help_request_id && queue.json.items.some((h) => h.id === needs.json.help_request_id),
    'reached and needs help: a help request is opened for the desk', JSON.stringify(needs.json).slice(0, 200));
  let step = await outcome(silent.id, { outcome: 'no_answer' });
  checks.check(step.status === 200 && step.json.stage === 'visit' && !step.json.closed_at, 'no answer: a visit is needed');
  step = await outcome(silent.id, { outcome: 'no_answer', note: '敲门无人应' });
  checks.check(step.json.stage === 'emergency_contact' && step.json.household.emergency_contact !== undefined,
    'nobody at the door: the emergency contact is next');
  step = await outcome(silent.id, { outcome: 'no_answer' });
  checks.check(step.json.stage === 'emergency_contact' && !step.json.closed_at && step.json.attempts.length === 3,
    'it stays on the list until someone is reached');
  const visits = (await api.get('/api/v1/staff/follow-ups?stage=emergency_contact', as(DESK))).json.items;
  checks.check(visits.some((f) => f.id === silent.id), 'the lists are filtered by step');
  await receipt(boxes[households.indexOf(late.household.id)].token, 'confirmed');
  const after = (await api.get(`/api/v1/staff/follow-ups/${late.id}`, as(DESK))).json;
  checks.check(after.answered_at && !after.closed_at, 'a late confirmation shows on the row; only an outcome closes it');
  checks.check((await outcome(late.id, { outcome: 'maybe' })).status === 400, 'an unknown outcome is refused');
  checks.check((await outcome(late.id, { outcome: 'reached_fine' }, WRITER)).status === 403, 'an editor records no outcomes');
}

// 6. A restart keeps everything.
const before = { reach: await reachOf(), open: (await openList()).length, closed: (await openList('&state=closed')).length };
await server.stop();
server = await startServer(binary, args, { port });
await signInStaff();
const afterRestart = { reach: await reachOf(), open: (await openList()).length, closed: (await openList('&state=closed')).length };
checks.check(JSON.stringify({ ...before.reach, by_minute: 0 }) === JSON.stringify({ ...afterRestart.reach, by_minute: 0 }) &&
  before.open === afterRestart.open && before.closed === afterRestart.closed && afterRestart.closed === 2,
  'after a restart the receipts, the figures and the lists are as they were', JSON.stringify({ before: before.open, after: afterRestart.open }));

// 7. The daily check-in. The clock goes to the next 08:00 in China, the deadline is 10:00.
{
  const now = await advance(0);
  const [h, m] = now.slice(11, 16).split(':').map(Number);
  await advance(((24 * 60 - (h * 60 + m) + 8 * 60) % (24 * 60) || 24 * 60) * 60);
  await signInStaff();
  const [a, b, c] = [households[10], households[11], households[12]];
  const noConsent = await put(`/api/v1/staff/households/${a}/check-in`, { deadline: '10:00' }, STAFF);
  checks.check(noConsent.status === 409, 'the check-in needs the household\'s consent first', String(noConsent.status));
  for (const id of [a, b, c]) {
    await api.post(`/api/v1/staff/households/${id}/consents`, { kind: 'check_in', given_by: '本人' }, as(STAFF));
    const plan = await put(`/api/v1/staff/households/${id}/check-in`, { deadline: '10:00' }, STAFF);
    if (plan.status !== 200) checks.check(false, 'check-in set up', `${plan.status} ${JSON.stringify(plan.json)}`);
  }
  const today = (await api.get('/api/v1/check-in', as(boxes[10].token))).json;
  await api.post(`/api/v1/staff/households/${c}/away`, { from: today.day, to: today.day, note: '去女儿家' }, as(STAFF));
  checks.check(today.enrolled && today.deadline === '10:00' && today.checked_in_at === null, 'a box sees today\'s check-in waiting');
  const pressed = await api.post('/api/v1/check-ins', {}, as(boxes[10].token));
  const again = await api.post('/api/v1/check-ins', {}, as(boxes[10].token));
  checks.check(pressed.status === 200 && pressed.json.checked_in_at && again.json.checked_in_at === pressed.json.checked_in_at,
    'one press checks the household in; a second changes nothing');
  checks.check((await api.post('/api/v1/check-ins', {}, as(boxes[20].token))).status === 409, 'a household not enrolled is told so');
  const loose = await api.post('/api/v1/devices', { kind: 'stb', serial: 'REACH-LOOSE' }, as(STAFF));
  checks.check((await api.post('/api/v1/check-ins', {}, as(loose.json.token))).status === 403, 'a box of no household cannot check in');
  const checkList = async () => (await api.get('/api/v1/staff/follow-ups?kind=check_in', as(DESK))).json.items;
  await advance(3600);
  checks.check((await checkList()).length === 0, 'nobody is listed before the deadline');
  await advance(3600 + 60);
  await signInStaff();  // two hours on the moved clock: the staff sessions have timed out
  const missed = await checkList();
  checks.check(missed.length === 1 && missed[0].household.id === b && missed[0].day === today.day,
    'at the deadline, the household that did not check in is listed; the one away and the one that did are not',
    missed.map((f) => f.household.name).join(','));
  const record = (await api.get(`/api/v1/staff/households/${b}`, as(DESK))).json;
  checks.check(record.check_in.days[0].day === today.day && record.check_in.days[0].checked_in_at === null, 'the missed day is kept in its history');
  const withdrawn = record.consents.find((x) => x.kind === 'check_in');
  const ended = await del(`/api/v1/staff/households/${b}/consents/${withdrawn.id}`, STAFF);
  checks.check(ended.status === 200 && ended.json.check_in === null, 'withdrawn consent ends the check-in', `${ended.status} ${JSON.stringify(ended.json).slice(0, 300)}`);
}

// 8. A box bound to a new household (a name and the resident's mobile): that phone is the household's
// member, so the resident signed in on a kiosk or a browser acts for the same household; a phone
// that is a member elsewhere is refused. A database from before (schema 14) gets the member too.
{
  const HOME = '13900000088';
  const box = (await api.post('/api/v1/devices', { kind: 'stb', serial: 'REACH-BIND-NEW' }, as(STAFF))).json;
  const bound = await put(`/api/v1/staff/devices/${box.id}/household`, { household_name: '赵家', phone: HOME }, STAFF);
  const home = (await api.get('/api/v1/staff/households?q=' + HOME, as(STAFF))).json.items[0];
  const record = home && (await api.get(`/api/v1/staff/households/${home.id}`, as(STAFF))).json;
  checks.check(bound.status === 200 && record && record.members.length === 1 && record.members[0].phone === HOME,
    'a box bound to a new household makes its phone the household\'s member', JSON.stringify(record?.members));
  const other = (await api.post('/api/v1/devices', { kind: 'stb', serial: 'REACH-BIND-TWICE' }, as(STAFF))).json;
  const twice = await put(`/api/v1/staff/devices/${other.id}/household`, { household_name: '赵家二', phone: HOME }, STAFF);
  checks.check(twice.status === 409 && /另一户/.test(twice.json.detail), 'a phone that is a member elsewhere is not made a second household',
    `${twice.status} ${JSON.stringify(twice.json)}`);
  await api.post(`/api/v1/staff/households/${home.id}/consents`, { kind: 'check_in', given_by: '本人' }, as(STAFF));
  await put(`/api/v1/staff/households/${home.id}/check-in`, { deadline: '10:00' }, STAFF);
  const resident = await api.signIn(HOME);
  const mine = await api.get('/api/v1/check-in', as(resident));
  checks.check(mine.status === 200 && mine.json.enrolled === true, 'the resident signed in with that phone belongs to the box\'s household',
    `${mine.status} ${JSON.stringify(mine.json)}`);
  await server.stop();
  const older = storeSql(join(dir, 'reach.db'),
    `DELETE FROM household_members WHERE phone = '${HOME}'; DROP TABLE staff_guard; DROP TABLE replicas; DROP TABLE device_streams; ${setSchemaVersionSql(14)}`);
  server = await startServer(binary, args, { port });
  await signInStaff();
  const upgraded = (await api.get(`/api/v1/staff/households/${home.id}`, as(STAFF))).json;
  checks.check(older.status === 0 && upgraded.members.length === 1 && upgraded.members[0].phone === HOME,
    'upgrading a database from before gives such a household its member', `${older.stderr} ${JSON.stringify(upgraded.members)}`);
}

stream.stop();
checkContract(checks);
await server.stop();
process.exit(checks.summary());

async function waitForEvent(subscription, predicate, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20)))
    if (subscription.events.some(predicate)) return true;
  return false;
}
