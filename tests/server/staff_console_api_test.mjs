// Staff accounts, sessions and the help queue over real HTTP (issue 14): --add-staff, sign-in with
// cookie + CSRF or bearer, roles, lockout per account and per address, revocation and idle expiry,
// the append-only audit log, two dispatchers racing for one request, the staff stream (new, claimed,
// overdue SOS; nothing of it on the public stream), limits on every input, no secret in the log;
// community notices written, published, edited and withdrawn by staff.
//   node tests/server/staff_console_api_test.mjs SERVER_BINARY DEMO_DIR OPENAPI_YAML
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { chinaIso, client, dayInChina, laterTodayInChina } from './api_client.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';
import { addStaff, startServer, STAFF_PASSWORD, storeLocation, storeSql } from './server_process.mjs';
import { nextEvent, readEvents } from './sse_reader.mjs';

const [binary, demoDir, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-console-api-'));
const config = join(dir, 'config.json');
const db = join(dir, 'c.db');
const FEED = 'feed-key-5f2b9c0e7a4d4e1f8a3b6c9d2e5f8a1b4c7d0e3f6a9b2c5d';

// --add-staff: the password comes from standard input, and weak ones are refused.
{
  writeFileSync(join(dir, 'old.json'), JSON.stringify({ staff_token: 'x'.repeat(64) }));
  const old = spawnSync(binary, ['--config', join(dir, 'old.json'), '--db', storeLocation(db)], { encoding: 'utf8', timeout: 10000 });
  checks.check(old.status === 2 && old.stderr.includes('--add-staff'), 'a config with the old shared staff_token is refused, naming --add-staff', old.stderr.split('\n')[0]);
  const weak = spawnSync(binary, ['--db', storeLocation(db), '--add-staff', 'weakling', '--role', 'dispatcher'], { input: 'short\n', encoding: 'utf8' });
  const badRole = spawnSync(binary, ['--db', storeLocation(db), '--add-staff', 'x1', '--role', 'boss'], { input: STAFF_PASSWORD + '\n', encoding: 'utf8' });
  checks.check(weak.status === 1 && weak.stderr.includes('10') && badRole.status === 1 && badRole.stderr.includes('dispatcher'),
    '--add-staff refuses a short password and an unknown role, saying why');
}
writeFileSync(config, JSON.stringify({ alert_feed_key: FEED, trusted_proxies: ['127.0.0.1'], sos_claim_deadline_s: 2 }));
const args = ['--config', config, '--db', db, '--demo', '--dev-otp', '--demo-dir', demoDir];
addStaff(binary, args, { name: 'admin', roles: 'admin', display: '管理员' });
addStaff(binary, args, { name: 'zhang', roles: 'dispatcher', display: '张敏' });
addStaff(binary, args, { name: 'wang', roles: 'dispatcher,caseworker', display: '王强' });
addStaff(binary, args, { name: 'editor', roles: 'editor', display: '李编辑' });
addStaff(binary, args, { name: 'shen', roles: 'approver,editor', display: '沈审核' });
let server = await startServer(binary, args);
const api = client(server.url);
let address = 1;
const from = () => ({ 'X-Forwarded-For': `10.0.0.${address}` });  // each phase its own client address

async function signIn(name, { kind = 'cookie', password = STAFF_PASSWORD, headers = from() } = {}) {
  const res = await api.post('/api/v1/staff/sessions', { name, password, kind }, { headers });
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
  return { res, cookie, csrf: res.json?.csrf_token, token: res.json?.token };
}
// A console request: the cookie, and the CSRF token on changes.
const asConsole = (s, extra = {}) => ({ headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, ...from(), ...extra } });

const admin = await signIn('admin');
const zhang = await signIn('zhang');
const wang = await signIn('wang', { kind: 'bearer' });
const editor = await signIn('editor', { kind: 'bearer' });

await checks.each('sessions', [
  async function cookieAttributes() {
    const set = admin.res.headers.get('set-cookie');
    checks.check(admin.res.status === 201 && /HttpOnly/.test(set) && /SameSite=Strict/.test(set) && !/Secure/.test(set) && /Path=\//.test(set),
      'sign-in sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain http)', set);
    checks.check(admin.token === undefined && /^[0-9a-f]{64}$/.test(admin.csrf), 'a cookie sign-in answers the CSRF token, never the session token');
    const https = await signIn('admin', { headers: { ...from(), 'X-Forwarded-Proto': 'https' } });
    checks.check(/; Secure/.test(https.res.headers.get('set-cookie')), 'behind https the cookie is Secure');
    const me = await api.get('/api/v1/staff/session', { headers: { Cookie: zhang.cookie } });
    checks.check(me.status === 200 && me.json.staff.display_name === '张敏' && me.json.staff.roles.join() === 'dispatcher',
      'the session says who is signed in and with which roles');
  },
  async function csrf() {
    const sos = await residentSos('13800000021');
    const path = `/api/v1/staff/help-requests/${sos.id}/claim`;
    const none = await api.post(path, undefined, { headers: { Cookie: zhang.cookie, ...from() } });
    const wrong = await api.post(path, undefined, asConsole(zhang, { 'X-CSRF-Token': 'f'.repeat(64) }));
    const crossSite = await api.post(path, undefined, asConsole(zhang, { 'Sec-Fetch-Site': 'cross-site' }));
    const other = await api.post(path, undefined, asConsole(zhang, { 'X-CSRF-Token': admin.csrf }));
    checks.check([none, wrong, crossSite, other].every((r) => r.status === 403 && r.json.title.includes('CSRF')),
      "a change with the cookie but without this session's CSRF token is refused (none, wrong, another session's, cross-site)",
      [none, wrong, crossSite, other].map((r) => r.status).join());
    const ok = await api.post(path, undefined, asConsole(zhang));
    checks.check(ok.status === 200 && ok.json.claimed_by.display_name === '张敏', 'with the token the claim goes through');
    const read = await api.get('/api/v1/staff/help-requests', { headers: { Cookie: zhang.cookie } });
    checks.check(read.status === 200, 'reading needs no CSRF token');
  },
  async function roles() {
    const editorClaims = await api.get('/api/v1/staff/help-requests', { token: editor.token });
    const dispatcherAudit = await api.get('/api/v1/staff/audit', { token: wang.token });
    const dispatcherAccounts = await api.post('/api/v1/staff/accounts', { name: 'x2', display_name: 'x', roles: ['admin'], password: STAFF_PASSWORD }, { token: wang.token });
    checks.check(editorClaims.status === 403 && editorClaims.json.roles_needed.includes('dispatcher') && dispatcherAudit.status === 403 &&
      dispatcherAccounts.status === 403, 'each role reaches only its own work (editor: no queue; dispatcher: no audit, no accounts)');
    const resident = await api.signIn('13800000022');
    const residentAsStaff = await api.get('/api/v1/staff/help-requests', { token: resident });
    const nobody = await api.get('/api/v1/staff/help-requests');
    checks.check(residentAsStaff.status === 401 && nobody.status === 401, "a resident's token and no token are not staff");
  },
  async function feedKey() {
    const alert = await api.post('/api/v1/staff/alerts', feedAlert('feed-1'), { token: FEED });
    const queue = await api.get('/api/v1/staff/help-requests', { token: FEED });
    checks.check(alert.status === 201 && queue.status === 401, 'the alert feed key imports alerts and reaches nothing else');
  },
]);

function feedAlert(identifier) {
  return { identifier, msgType: 'Alert', colour_level: '蓝',
    info: [{ category: ['Met'], event: '大风', urgency: 'Expected', certainty: 'Likely', headline: '大风蓝色预警', area: [{ areaDesc: '幸福里社区' }] }] };
}

async function residentSos(phone, kind = 'sos') {
  const token = await api.signIn(phone);
  const res = await api.post('/api/v1/help-requests', { kind, message: kind === 'sos' ? '' : '楼道灯坏了' }, { token });
  if (res.status !== 201) throw new Error('help request: ' + res.status + JSON.stringify(res.json));
  return { ...res.json, token };
}

await checks.each('guessing', [
  async function lockPerAccount() {
    address = 2;
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await signIn('zhang', { password: 'not-the-password-' + i }));
    const unknown = await signIn('nobody-here', { password: 'whatever-it-is' });
    checks.check(wrong.every((w) => w.res.status === 401) && unknown.res.status === 401 && unknown.res.json.detail === wrong[0].res.json.detail,
      'a wrong password and an unknown name get the same answer');
    address = 3;
    const locked = await signIn('zhang');
    checks.check(locked.res.status === 429 && Number(locked.res.headers.get('retry-after')) > 800 && locked.res.json.detail.includes('锁定'),
      'after 5 wrong passwords the account is locked, even for the right password from elsewhere', `${locked.res.status} ${locked.res.json?.detail}`);
    const list = await api.get('/api/v1/staff/accounts', asConsole(admin));
    checks.check(list.json.items.find((m) => m.name === 'zhang').locked === true, 'admins see the account locked');
    const zhangId = list.json.items.find((m) => m.name === 'zhang').id;
    const unlock = await api.call('PATCH', `/api/v1/staff/accounts/${zhangId}`, { body: { unlock: true }, ...asConsole(admin) });
    const again = await signIn('zhang');
    checks.check(unlock.status === 200 && again.res.status === 201, 'an admin unlocks it and the right password works again');
  },
  async function slowPerAddress() {
    address = 4;
    const answers = [];
    // Guessing across names (none locks): the address itself is slowed down.
    for (let i = 0; i < 12; i++) answers.push((await signIn('guess' + i, { password: 'guess-number-' + i })).res);
    const waited = answers.filter((r) => r.status === 429);
    checks.check(waited.length > 0 && waited.every((r) => Number(r.headers.get('retry-after')) >= 1),
      'an address that keeps guessing is made to wait (429 with Retry-After) whatever the account', answers.map((r) => r.status).join());
    const right = await signIn('admin');
    checks.check(right.res.status === 429, 'while it waits, even a right password from that address waits (no oracle)', String(right.res.status));
    address = 5;
    checks.check((await signIn('admin')).res.status === 201, 'other addresses are not affected');
  },
  async function busyHashing() {
    address = 6;
    // 40 sign-ins at once: Argon2id runs on one worker with a short queue; the rest are told to come back.
    const burst = await Promise.all(Array.from({ length: 40 }, () => signIn('editor', { kind: 'bearer' })));
    const statuses = burst.map((b) => b.res.status);
    const busy = burst.filter((b) => b.res.status === 503);
    checks.check(statuses.every((s) => s === 201 || s === 503) && busy.length > 0 && busy.every((b) => b.res.headers.get('retry-after')),
      'a burst of sign-ins is queued a few at a time; the rest get 503 with Retry-After', statuses.join(''));
    const health = await api.get('/api/v1/health');
    checks.check(health.status === 200, 'the server answers after the burst');
  },
]);

await checks.each('limits', [
  async function inputLimits() {
    address = 7;
    const longName = await api.post('/api/v1/staff/sessions', { name: 'n'.repeat(65), password: 'x' }, { headers: from() });
    const longPassword = await api.post('/api/v1/staff/sessions', { name: 'admin', password: 'p'.repeat(257) }, { headers: from() });
    const notJson = await api.post('/api/v1/staff/sessions', 'name=admin', { headers: { ...from(), 'Content-Type': 'application/x-www-form-urlencoded' } });
    const badKind = await api.post('/api/v1/staff/sessions', { name: 'admin', password: STAFF_PASSWORD, kind: 'jwt' }, { headers: from() });
    checks.check(longName.status === 400 && longPassword.status === 400 && notJson.status === 415 && badKind.status === 400,
      'sign-in input has limits (name 64, password 256 bytes, JSON only, known kind)', [longName, longPassword, notJson, badKind].map((r) => r.status).join());
    const auditFilter = await api.get('/api/v1/staff/audit?action=' + 'a'.repeat(65), asConsole(admin));
    const queueState = await api.get('/api/v1/staff/help-requests?state=lost', { token: wang.token });
    const badCursor = await api.get('/api/v1/staff/help-requests?cursor=9_abc', { token: wang.token });
    const longUnit = await api.post('/api/v1/staff/help-requests/1/transfer', { unit: '单'.repeat(51) }, { token: wang.token });
    const badRoles = await api.post('/api/v1/staff/accounts', { name: 'ok.name', display_name: '某', roles: ['admin', 'root'], password: STAFF_PASSWORD }, asConsole(admin));
    const badName = await api.post('/api/v1/staff/accounts', { name: 'Bad Name', display_name: '某', roles: ['editor'], password: STAFF_PASSWORD }, asConsole(admin));
    const weak = await api.post('/api/v1/staff/accounts', { name: 'ok.name', display_name: '某', roles: ['editor'], password: 'short' }, asConsole(admin));
    checks.check([auditFilter, queueState, badCursor, longUnit, badRoles, badName, weak].every((r) => r.status === 400),
      'staff inputs have limits (filters, state, cursor, unit, roles, names, passwords)', [auditFilter, queueState, badCursor, longUnit, badRoles, badName, weak].map((r) => r.status).join());
    checks.check(weak.json.detail.includes('10'), 'a weak password is refused with a sentence that says why', weak.json.detail);
  },
]);

await checks.each('queue', [
  async function queueAndRace() {
    address = 8;
    const repair = await residentSos('13800000031', 'repair');
    const sosList = [];
    for (let i = 0; i < 10; i++) sosList.push(await residentSos('1380000004' + i));
    const page = await api.get('/api/v1/staff/help-requests?state=open&limit=100', { token: wang.token });
    const kinds = page.json.items.map((h) => h.kind);
    const firstOther = kinds.indexOf('repair');
    checks.check(firstOther > 0 && kinds.slice(0, firstOther).every((k) => k === 'sos') && kinds.slice(firstOther).every((k) => k !== 'sos'),
      'the queue shows open SOS first', kinds.join());
    const sosIds = page.json.items.filter((h) => h.kind === 'sos').map((h) => h.id);
    checks.check(sosIds.every((id, i) => i === 0 || id > sosIds[i - 1]), 'then the longest waiting first');
    // Two dispatchers press 认领 on the same ten requests at the same moment.
    const zhangNow = await signIn('zhang');
    const results = await Promise.all(sosList.map((s) => Promise.all([
      api.post(`/api/v1/staff/help-requests/${s.id}/claim`, undefined, asConsole(zhangNow)),
      api.post(`/api/v1/staff/help-requests/${s.id}/claim`, undefined, { token: wang.token }),
    ])));
    const clean = results.every(([a, b]) => {
      const won = [a, b].filter((r) => r.status === 200), lost = [a, b].filter((r) => r.status === 409);
      return won.length === 1 && lost.length === 1 && lost[0].json.detail.includes(won[0].json.claimed_by.display_name) &&
        lost[0].json.claimed_by.id === won[0].json.claimed_by.id;
    });
    checks.check(clean, 'of two dispatchers claiming at once, one wins and the other is told who', results.map(([a, b]) => `${a.status}/${b.status}`).join(' '));
    const audit = await api.get('/api/v1/staff/audit?action=help.claim&limit=200', asConsole(admin));
    const claimsOfThese = audit.json.items.filter((e) => sosList.some((s) => e.target === 'help:' + s.id));
    checks.check(claimsOfThese.length === 10, 'each request was claimed once in the audit log', String(claimsOfThese.length));
    // The resident sees who handles it.
    const winner = results[0].find((r) => r.status === 200).json.claimed_by.display_name;
    const mine = await api.get('/api/v1/help-requests', { token: sosList[0].token });
    checks.check(mine.json.items[0].status === 'accepted' && mine.json.items[0].handled_by === winner, "the resident's request shows 已受理 and who handles it", JSON.stringify(mine.json.items[0]));
    // Moving on: done needs an outcome; someone else's request needs take_over; reopen; transfer.
    const notMine = results[1].find((r) => r.status === 409);
    const loser = notMine === results[1][0] ? asConsole(zhangNow) : { token: wang.token };
    const blocked = await api.call('PATCH', `/api/v1/staff/help-requests/${sosList[1].id}`, { body: { status: 'in_progress' }, ...loser });
    const takeOver = await api.call('PATCH', `/api/v1/staff/help-requests/${sosList[1].id}`, { body: { status: 'in_progress', take_over: true }, ...loser });
    checks.check(blocked.status === 409 && takeOver.status === 200 && takeOver.json.history.some((h) => h.action === 'help.take_over'),
      "changing a colleague's request needs an explicit take-over, which the history shows");
    const noOutcome = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.id}`, { body: { status: 'done' }, token: wang.token });
    const done = await api.call('PATCH', `/api/v1/staff/help-requests/${repair.id}`, { body: { status: 'done', outcome: '电工已换灯泡', note: '灯已修好' }, token: wang.token });
    checks.check(noOutcome.status === 400 && noOutcome.json.detail.includes('处理结果') && done.status === 200 && done.json.outcome === '电工已换灯泡' && done.json.closed_at,
      'a request closes only with an outcome');
    const reopenOpen = await api.post(`/api/v1/staff/help-requests/${sosList[2].id}/reopen`, { reason: '再看看' }, { token: wang.token });
    const reopened = await api.post(`/api/v1/staff/help-requests/${repair.id}/reopen`, { reason: '居民说灯又坏了' }, { token: wang.token });
    const transferred = await api.post(`/api/v1/staff/help-requests/${repair.id}/transfer`, { unit: '物业服务中心', note: '已转物业上门' }, { token: wang.token });
    checks.check(reopenOpen.status === 409 && reopened.status === 200 && reopened.json.status === 'in_progress' && reopened.json.outcome === null &&
      transferred.status === 200 && transferred.json.unit === '物业服务中心',
      'a closed request can be reopened with a reason and transferred to a unit');
    const detail = await api.get(`/api/v1/staff/help-requests/${repair.id}`, { token: wang.token });
    checks.check(detail.json.household.phone === '13800000031' && detail.json.history.map((h) => h.action).join() === 'help.update,help.reopen,help.transfer',
      "the detail names the resident's phone and the request's history", detail.json.history.map((h) => h.action).join());
    await api.call('PATCH', `/api/v1/staff/help-requests/${sosList[3].id}`, { body: { status: 'done', outcome: '已上门，老人平安', take_over: true }, token: wang.token });
    const figures = await api.get('/api/v1/staff/help-figures', { token: wang.token });
    checks.check(figures.status === 200 && figures.json.claim_sos.count >= 10 && figures.json.close_all.count >= 1,
      'the figures count time to claim and to close', JSON.stringify(figures.json));
  },
  async function liveEvents() {
    address = 9;
    const me = await signIn('zhang');
    const staffStream = readEvents(server.url + '/api/v1/staff/stream', { Cookie: me.cookie, ...from() });
    const publicStream = readEvents(server.url + '/api/v1/alerts/stream');
    const anonymous = readEvents(server.url + '/api/v1/staff/stream');
    await anonymous.ready;
    checks.check(anonymous.status === 401, 'the staff stream needs a signed-in staff member', String(anonymous.status));
    await new Promise((r) => setTimeout(r, 300));  // both streams are live before the SOS
    const sos = await residentSos('13800000051');
    const created = await nextEvent(staffStream, (e) => e.kind === 'help' && e.data.id === sos.id && e.data.event === 'created');
    checks.check(created.data.kind === 'sos' && created.data.status === 'received', 'a new SOS reaches the staff stream at once');
    const overdue = await nextEvent(staffStream, (e) => e.kind === 'help' && e.data.id === sos.id && e.data.event === 'overdue', 15000);
    checks.check(overdue.data.overdue === true, 'an SOS nobody claims within the deadline (2 s here) is raised as overdue');
    checks.check(server.log.some((l) => l.includes('SOS not claimed in time') && l.includes(String(sos.id))), 'and the log says so');
    const list = await api.get('/api/v1/staff/help-requests?state=open&limit=100', asConsole(me));
    checks.check(list.json.items.find((h) => h.id === sos.id).overdue === true, 'the queue marks it overdue');
    await api.post(`/api/v1/staff/help-requests/${sos.id}/claim`, undefined, asConsole(me));
    await nextEvent(staffStream, (e) => e.kind === 'help' && e.data.id === sos.id && e.data.event === 'claimed' && e.data.claimed_by === '张敏');
    checks.check(true, 'a claim reaches every staff stream with who claimed it');
    await api.post('/api/v1/staff/alerts', feedAlert('feed-2'), { token: FEED });
    await nextEvent(publicStream, (e) => e.kind === 'alert');
    await nextEvent(staffStream, (e) => e.kind === 'alert');
    checks.check(publicStream.events.every((e) => e.kind !== 'help'), 'the public stream carries alerts but nothing of the help queue');
    staffStream.stop(); publicStream.stop();
  },
]);

await checks.each('content', [
  async function twoPersonRule() {
    address = 12;
    const shen = (await signIn('shen', { kind: 'bearer' })).token;
    const ed = (await signIn('editor', { kind: 'bearer' })).token;
    // Text pasted from a word processor: Windows line ends, full-width indents, NBSP, zero-width
    // characters, blank lines between paragraphs.
    const pasted = '\u3000\u3000第一条\u00a0为了方便老年人就医，社区卫生服务站每周三上午提供上门服务。\r\n\r\n\r\n' +
      '\u3000\u3000第二条\u200b 需要上门服务的居民，请提前一天预约。\u00ad\r\n\t\r\n\u3000\u3000第三条 本通知自发布之日起施行。\u200d\r\n';
    const fields = { category_id: 'yibao', title: '测试：上门医疗服务', summary: '社区卫生服务站每周三上门。', body: pasted,
      issuer: '幸福里社区卫生服务站', published_on: dayInChina(0) };
    const draft = await api.post('/api/v1/staff/drafts', { kind: 'policies', fields: { title: fields.title } }, { token: ed });
    checks.check(draft.status === 201 && draft.json.state === 'draft' && draft.json.problems.length >= 4,
      'an unfinished draft is saved, with what is still missing', JSON.stringify(draft.json.problems?.map((p) => p.name)));
    const saved = await api.call('PUT', `/api/v1/staff/drafts/${draft.json.id}`, { body: { fields }, token: ed });
    checks.check(saved.status === 200 && saved.json.problems.length === 0, 'the finished draft has no problems', JSON.stringify(saved.json.problems));
    const early = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: shen });
    checks.check(early.status === 409, 'a draft not yet submitted cannot be published');
    const submitted = await api.post(`/api/v1/staff/drafts/${draft.json.id}/submit`, undefined, { token: ed });
    const editorPublishes = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: ed });
    checks.check(submitted.json.state === 'submitted' && editorPublishes.status === 403, 'an editor cannot publish (the approver role is needed)');
    // Shen, an approver who also edits, writes and submits a draft of his own: someone else must publish it.
    const own = await api.post('/api/v1/staff/drafts', { kind: 'contacts', fields: { organisation: '幸福里社区居委会', role: '夜间值班',
      name: '值班室', phone: '010-6688 9999', hours: '每天 18:00-次日 8:00', address: '幸福里 1 号楼一层' } }, { token: shen });
    await api.post(`/api/v1/staff/drafts/${own.json.id}/submit`, undefined, { token: shen });
    const self = await api.post(`/api/v1/staff/drafts/${own.json.id}/publish`, undefined, { token: shen });
    checks.check(self.status === 403 && self.json.detail.includes('自己写的'), 'nobody publishes what they wrote themselves (two-person rule)', self.json?.detail);
    const reject = await api.post(`/api/v1/staff/drafts/${draft.json.id}/reject`, { note: '标题请写明是哪个社区' }, { token: shen });
    checks.check(reject.json.state === 'rejected' && reject.json.note === '标题请写明是哪个社区', 'an approver sends a draft back with a note');
    await api.call('PUT', `/api/v1/staff/drafts/${draft.json.id}`, { body: { fields: { ...fields, title: '测试：幸福里上门医疗服务' } }, token: ed });
    await api.post(`/api/v1/staff/drafts/${draft.json.id}/submit`, undefined, { token: ed });
    const published = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: shen });
    checks.check(published.status === 200 && published.json.state === 'published' && published.json.approver.display_name === '沈审核',
      'another person publishes it');
    const live = await api.get('/api/v1/policies/' + published.json.target_id);
    checks.check(live.json.title === '测试：幸福里上门医疗服务' && live.json.body ===
      '第一条 为了方便老年人就医，社区卫生服务站每周三上午提供上门服务。\n第二条 需要上门服务的居民，请提前一天预约。\n第三条 本通知自发布之日起施行。',
      'pasted text keeps its three paragraphs and loses the junk (indents, blank lines, invisible characters)', JSON.stringify(live.json.body));
    // Scheduled: published by itself when its time comes.
    const later = await api.post('/api/v1/staff/drafts', { kind: 'activities', fields: { title: '测试：重阳节茶话会', description: '社区活动室，欢迎参加。',
      place: '幸福里活动室', start: '2027-10-09T14:00:00+08:00', end: '2027-10-09T16:00:00+08:00', capacity: 40 } }, { token: ed });
    await api.post(`/api/v1/staff/drafts/${later.json.id}/submit`, undefined, { token: ed });
    const at = new Date(Date.now() + 3000).toISOString().replace(/\.\d+Z$/, '+00:00');
    const scheduled = await api.post(`/api/v1/staff/drafts/${later.json.id}/publish`, { publish_at: at }, { token: shen });
    const before = (await api.get('/api/v1/activities')).json.items.some((a) => a.title === '测试：重阳节茶话会');
    checks.check(scheduled.json.state === 'scheduled' && !before, 'a publication can be scheduled: nothing shows before its time');
    const stream = readEvents(server.url + '/api/v1/alerts/stream');
    const changed = await nextEvent(stream, (e) => e.kind === 'changed' && e.data.resource === 'activities', 15000);
    stream.stop();
    const after = (await api.get('/api/v1/activities')).json.items.some((a) => a.title === '测试：重阳节茶话会');
    checks.check(changed && after, 'at its time it goes live by itself and the apps are told (changed)');
    // Withdrawing a live guide: approvers only, with a reason; it leaves the public list.
    const guide = (await api.get('/api/v1/guides')).json.items[0];
    const byEditor = await api.post(`/api/v1/staff/content/guides/${guide.id}/withdraw`, { reason: '已过时' }, { token: ed });
    const noReason = await api.post(`/api/v1/staff/content/guides/${guide.id}/withdraw`, {}, { token: shen });
    const withdrawn = await api.post(`/api/v1/staff/content/guides/${guide.id}/withdraw`, { reason: '办理地点已搬迁' }, { token: shen });
    const gone = (await api.get('/api/v1/guides?limit=100')).json.items.every((g) => g.id !== guide.id) &&
      (await api.get('/api/v1/guides/' + guide.id)).status === 404;
    checks.check(byEditor.status === 403 && noReason.status === 400 && withdrawn.status === 204 && gone,
      'an approver withdraws a guide, with a reason; it leaves the public list');
    const edit = await api.post('/api/v1/staff/drafts', { kind: 'guides', target_id: guide.id }, { token: ed });
    checks.check(edit.status === 404, 'a withdrawn item cannot be edited');
    const search = await api.get('/api/v1/staff/content/policies?q=' + encodeURIComponent('上门医疗'), { token: ed });
    checks.check(search.json.items.length === 1 && search.json.items[0].title === '测试：幸福里上门医疗服务', 'editors search live content by title');
    const tooBig = await api.post('/api/v1/staff/drafts', { kind: 'policies', fields: { body: '长'.repeat(40000) } }, { token: ed });
    const unknownKind = await api.post('/api/v1/staff/drafts', { kind: 'secrets', fields: {} }, { token: ed });
    const unknownField = await api.call('PUT', `/api/v1/staff/drafts/${own.json.id}`, { body: { fields: { evil: 1 } }, token: ed });
    checks.check(tooBig.status === 400 && unknownKind.status === 400 && unknownField.status === 409,
      'drafts have limits (100 KB, known kinds) and a submitted draft cannot be changed', [tooBig.status, unknownKind.status, unknownField.status].join());
  },
  async function notices() {
    address = 15;
    const ed = (await signIn('editor', { kind: 'bearer' })).token;
    const shen = (await signIn('shen', { kind: 'bearer' })).token;
    const boss = (await signIn('admin', { kind: 'bearer' })).token;
    // The console builds its forms from the server's kinds: each kind and field has its words in both catalogues.
    const kinds = (await api.get('/api/v1/staff/content-kinds', { token: ed })).json.items;
    const notice = kinds.find((k) => k.name === 'notices');
    checks.check(JSON.stringify(notice?.fields.map((f) => [f.name, f.type, f.required, f.max])) ===
      JSON.stringify([['title', 'line', true, 60], ['body', 'text', true, 4000], ['pinned', 'flag', false, 1]]) && notice.title_field === 'title',
    'notices are a content kind: title (≤60), body (≤4000), pinned (optional flag)', JSON.stringify(notice));
    const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../web/staff/strings/${lang}.json`, import.meta.url), 'utf8'));
    const [zh, en] = [catalogue('zh-CN'), catalogue('en')];
    const words = kinds.flatMap((k) => ['kind.' + k.name, ...k.fields.map((f) => 'field.' + f.name)]);
    const missing = words.filter((w) => !zh[w] || !en[w]);
    checks.check(missing.length === 0 && zh['kind.notices'] === '社区公告', 'the console names every kind and field in Chinese and English (社区公告)', missing.join());

    // Limits: 400 with invalid_params naming each bad field; staff cannot set the published time.
    const tooLong = await api.post('/api/v1/staff/drafts', { kind: 'notices', fields: { title: '停'.repeat(61), body: '水'.repeat(4001), pinned: 'yes' } }, { token: ed });
    const tooLongSubmit = await api.post(`/api/v1/staff/drafts/${tooLong.json.id}/submit`, undefined, { token: ed });
    const named = (tooLongSubmit.json?.invalid_params || []).map((p) => p.name).sort().join();
    checks.check(tooLong.status === 201 && tooLongSubmit.status === 400 && tooLongSubmit.headers.get('content-type') === 'application/problem+json' &&
      named === 'body,pinned,title' && tooLongSubmit.json.invalid_params.find((p) => p.name === 'title').detail.includes('60'),
    'a notice with a 61-character title, a 4001-character body and a pinned that is not true/false cannot be submitted (400 naming each)',
    `${tooLongSubmit.status} ${JSON.stringify(tooLongSubmit.json?.invalid_params)}`);
    const stamped = await api.post('/api/v1/staff/drafts', { kind: 'notices', fields: { title: '测试', body: '测试', published: '2020-01-01T00:00:00+08:00' } }, { token: ed });
    checks.check(stamped.status === 201 && !('published' in stamped.json.fields) && stamped.json.problems.length === 0,
      'staff do not type the published time (not a field of a notice: a draft drops it)', JSON.stringify(stamped.json?.fields));

    // An editor drafts, an approver publishes; the apps are told and the list shows it with its time.
    const stream = readEvents(server.url + '/api/v1/alerts/stream');
    for (const end = Date.now() + 5000; !stream.opened && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
    const etag = (await api.get('/api/v1/notices')).headers.get('etag');
    const title = '测试：12 月 1 日社区服务中心暂停开放';
    const draft = await api.post('/api/v1/staff/drafts', { kind: 'notices', fields: { title, body: '\u3000\u3000因为线路检修，社区服务中心暂停开放一天。\r\n\r\n有急事请打 010-6688 1200。' } }, { token: ed });
    const submitted = await api.post(`/api/v1/staff/drafts/${draft.json.id}/submit`, undefined, { token: ed });
    const byEditor = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: ed });
    const published = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: shen });
    checks.check(draft.status === 201 && draft.json.problems.length === 0 && submitted.json.state === 'submitted' && byEditor.status === 403 &&
      published.status === 200 && published.json.state === 'published' && published.json.approver.display_name === '沈审核',
    'an editor drafts a notice (pinned may be left out) and an approver, not the editor, publishes it', `${draft.status} ${byEditor.status} ${published.status}`);
    const id = published.json.target_id;
    const live = await api.get('/api/v1/notices/' + id);
    checks.check(live.status === 200 && live.json.title === title && live.json.body === '因为线路检修，社区服务中心暂停开放一天。\n有急事请打 010-6688 1200。' &&
      live.json.pinned === false && /\+08:00$/.test(live.json.published) && Math.abs(Date.parse(live.json.published) - Date.now()) < 60e3,
    'the published notice reads back cleaned, not pinned, with published set by the server to now (China time)', JSON.stringify(live.json));
    const list = await api.get('/api/v1/notices?limit=100');
    checks.check(list.json.items.some((n) => n.id === id) && list.json.items.findIndex((n) => n.id === id) === list.json.items.filter((n) => n.pinned).length &&
      (await api.get('/api/v1/notices', { headers: { 'If-None-Match': etag } })).status === 200,
    'it is listed first after the pinned ones, and the list\'s old ETag no longer matches');
    await nextEvent(stream, (e) => e.kind === 'changed' && e.data.resource === 'notices');
    checks.check(true, 'publishing a notice tells the apps (changed: notices)');

    // An edit pins it: same id, the first published time kept, now first in the list.
    const edit = await api.post('/api/v1/staff/drafts', { kind: 'notices', target_id: id, fields: { pinned: true } }, { token: ed });
    checks.check(edit.status === 201 && edit.json.fields.title === title && edit.json.fields.pinned === true && edit.json.live?.pinned === false,
      'an edit starts from the live notice', JSON.stringify(edit.json?.fields));
    await api.post(`/api/v1/staff/drafts/${edit.json.id}/submit`, undefined, { token: ed });
    await new Promise((r) => setTimeout(r, 1100));  // a later second, so that a new stamp would show
    const republished = await api.post(`/api/v1/staff/drafts/${edit.json.id}/publish`, undefined, { token: shen });
    const edited = (await api.get('/api/v1/notices?limit=100')).json.items;
    checks.check(republished.json.target_id === id && edited[0].id === id && edited[0].pinned === true && edited[0].published === live.json.published,
      'a pinned edit goes first and keeps its published time', JSON.stringify(edited[0]));

    // Scheduled: nothing shows before its time; at its time it goes out, stamped then, not when approved.
    const later = await api.post('/api/v1/staff/drafts', { kind: 'notices', fields: { title: '测试：定时发布的公告', body: '到时间才发布。' } }, { token: ed });
    await api.post(`/api/v1/staff/drafts/${later.json.id}/submit`, undefined, { token: ed });
    const at = new Date(Date.now() + 2500).toISOString().replace(/\.\d+Z$/, '+00:00');
    const scheduled = await api.post(`/api/v1/staff/drafts/${later.json.id}/publish`, { publish_at: at }, { token: shen });
    const early = (await api.get('/api/v1/notices?limit=100')).json.items.some((n) => n.title === '测试：定时发布的公告');
    let due;
    for (const end = Date.now() + 15000; !due && Date.now() < end; await new Promise((r) => setTimeout(r, 250)))
      due = (await api.get('/api/v1/notices?limit=100')).json.items.find((n) => n.title === '测试：定时发布的公告');
    checks.check(scheduled.json.state === 'scheduled' && !early && due && Date.parse(due.published) >= Date.parse(at) - 1000,
      'a scheduled notice goes out by itself at its time, published then', `${scheduled.json.state} ${early} ${at} ${due?.published}`);

    // Withdrawn: approvers only, with a reason; 404 and off the list; the apps are told.
    const refused = await api.post(`/api/v1/staff/content/notices/${id}/withdraw`, { reason: '已恢复开放' }, { token: ed });
    const withdrawn = await api.post(`/api/v1/staff/content/notices/${id}/withdraw`, { reason: '已恢复开放' }, { token: shen });
    const gone = await api.get('/api/v1/notices/' + id);
    checks.check(refused.status === 403 && withdrawn.status === 204 && gone.status === 404 && gone.json.detail === '没有找到这条公告。' &&
      (await api.get('/api/v1/notices?limit=100')).json.items.every((n) => n.id !== id) &&
      (await api.get('/api/v1/staff/content/notices', { token: ed })).json.items.every((n) => n.id !== id),
    'an approver withdraws the notice: 404 (没有找到这条公告。) and gone from the public and staff lists', `${refused.status} ${withdrawn.status} ${gone.status}`);
    await nextEvent(stream, () => stream.events.filter((x) => x.kind === 'changed' && x.data.resource === 'notices').length >= 4);
    stream.stop();
    checks.check(true, 'the edit, the scheduled publication and the withdrawal tell the apps too');

    // The audit trail: every step, by whom.
    const trail = async (target) => (await api.get('/api/v1/staff/audit?limit=50&target=' + encodeURIComponent(target), { token: boss })).json.items;
    const steps = (await trail('draft:' + draft.json.id)).map((e) => `${e.action} ${e.staff}`).sort().join();
    const out = await trail('notices:' + id);
    checks.check(steps === 'draft.create editor,draft.publish shen,draft.submit editor' && out.length === 1 &&
      out[0].action === 'content.withdraw' && out[0].staff === 'shen' && out[0].after.reason === '已恢复开放' && out[0].before.title === title,
    'the audit log holds the notice\'s draft, submission, publication and withdrawal, each with who did it', `${steps} | ${JSON.stringify(out)}`);
  },
]);

await checks.each('devices', [
  async function devices() {
    address = 13;
    const a = await signIn('admin', { kind: 'bearer' });
    const registered = await api.post('/api/v1/devices', { kind: 'stb', serial: 'API-STB-7' }, { token: a.token });
    const box = registered.json.token;
    const find = async () => (await api.get('/api/v1/staff/devices?q=API-STB-7', { token: a.token })).json.items[0];
    const before = await find();
    checks.check(registered.status === 201 && before.last_seen === null && before.stream_connected === false && before.household === null,
      'an admin registers a box; the list shows it, never seen, not connected, unbound', JSON.stringify(before));
    await api.get('/api/v1/devices/me', { token: box });
    const stream = readEvents(server.url + '/api/v1/alerts/stream', { Authorization: 'Bearer ' + box });
    let live = await find();
    for (const end = Date.now() + 5000; !live.stream_connected && Date.now() < end;) live = await find();  // until the stream is set up
    checks.check(live.last_seen !== null && live.stream_connected === true, 'once the box has called in, the list shows its last contact and its live stream', JSON.stringify(live));
    stream.stop();
    const bound = await api.call('PUT', `/api/v1/staff/devices/${before.id}/household`, { body: { household_name: '6 号楼 101 赵家', phone: '13800000077' }, token: a.token });
    const unbound = await api.call('DELETE', `/api/v1/staff/devices/${before.id}/household`, { token: a.token });
    const me = await api.get('/api/v1/devices/me', { token: box });
    checks.check(bound.json.bound === true && unbound.status === 200 && unbound.json.bound === false && me.json.bound === false, 'an admin binds and unbinds a box');
    const revoked = await api.call('DELETE', `/api/v1/staff/devices/${before.id}/token`, { token: a.token });
    checks.check(revoked.status === 204 && (await api.get('/api/v1/devices/me', { token: box })).status === 401, "a revoked box's token stops working");
    const badKind = await api.get('/api/v1/staff/devices?kind=phone', { token: a.token });
    const longQ = await api.get('/api/v1/staff/devices?q=' + 'x'.repeat(101), { token: a.token });
    const dispatcher = await api.get('/api/v1/staff/devices', { token: (await signIn('zhang', { kind: 'bearer' })).token });
    checks.check(badKind.status === 400 && longQ.status === 400 && dispatcher.status === 403, 'the device list has limits and is for admins');
  },
]);

await checks.each('counter', [
  async function checkInAndClose() {
    address = 14;
    const desk = (await signIn('wang', { kind: 'bearer', password: STAFF_PASSWORD })).token || (await signIn('zhang', { kind: 'bearer' })).token;
    const ed = (await signIn('editor', { kind: 'bearer' })).token;
    const schedule = (await api.get('/api/v1/schedules')).json.items[0];
    // A slot later today and one in three days, opened by an editor; two residents book.
    const soon = await laterTodayInChina();
    const later = soon + 3 * 86400e3;
    const opened = await api.post(`/api/v1/staff/schedules/${schedule.id}/slots`, { slots: [
      { start: chinaIso(soon), end: chinaIso(soon + 1800e3), capacity: 3 },
      { start: chinaIso(later), end: chinaIso(later + 1800e3), capacity: 3 }] }, { token: ed });
    const [todaySlot, laterSlot] = opened.json.items;
    const book = async (phone, slot, key) => {
      const token = await api.signIn(phone);
      const res = await api.post('/api/v1/appointments', { slot_id: slot.id, name: '测试居民' + phone.slice(-2), phone, ...(schedule.needs_id_number ? { id_number: '11010519491231002X' } : {}) },
        { token, headers: { 'Idempotency-Key': key } });
      if (res.status !== 201) throw new Error('booking: ' + res.status + JSON.stringify(res.json));
      return { token, appointment: res.json };
    };
    const a = await book('13800000081', todaySlot, 'counter-a');
    const b = await book('13800000082', laterSlot, 'counter-b');
    const day = await api.get(`/api/v1/staff/appointments?schedule_id=${schedule.id}`, { token: desk });
    checks.check(day.json.items.some((x) => x.code === a.appointment.code && x.phone === '13800000081') && !day.json.items.some((x) => x.code === b.appointment.code),
      "the counter sees today's appointments with the phone to call, not other days'");
    const scanned = await api.post('/api/v1/staff/appointments/check-in', { code: `ELDER-APPOINTMENT:${a.appointment.id}:${a.appointment.code.toLowerCase()}` }, { token: desk });
    const twice = await api.post('/api/v1/staff/appointments/check-in', { code: a.appointment.code }, { token: desk });
    const otherDay = await api.post('/api/v1/staff/appointments/check-in', { code: b.appointment.code }, { token: desk });
    const unknown = await api.post('/api/v1/staff/appointments/check-in', { code: 'ZZZZZZ' }, { token: desk });
    checks.check(scanned.status === 200 && scanned.json.status === 'fulfilled', "a scanned ticket (its QR text) checks the resident in", `${scanned.status} ${scanned.json?.detail ?? ''}`);
    checks.check(twice.status === 409 && otherDay.status === 409 && otherDay.json.detail.includes(chinaIso(later).slice(0, 10)) && unknown.status === 404,
      'checking in twice, on the wrong day or with an unknown code is refused with a sentence', [twice.status, otherDay.status, unknown.status].join());
    const slots = await api.get(`/api/v1/staff/schedules/${schedule.id}/slots?days=7`, { token: ed });
    const withB = slots.json.items.find((x) => x.id === laterSlot.id);
    checks.check(withB && withB.appointments.some((x) => x.code === b.appointment.code), 'editors see who is booked in each slot');
    const byDesk = await api.post(`/api/v1/staff/slots/${laterSlot.id}/close`, { reason: 'x' }, { token: desk });
    const noReason = await api.post(`/api/v1/staff/slots/${laterSlot.id}/close`, {}, { token: ed });
    const closed = await api.post(`/api/v1/staff/slots/${laterSlot.id}/close`, { reason: '工作人员外出培训，请改约其他时间' }, { token: ed });
    checks.check(byDesk.status === 403 && noReason.status === 400 && closed.status === 200 && closed.json.cancelled_appointments === 1,
      'an editor closes a slot with a reason');
    const mine = (await api.get('/api/v1/appointments', { token: b.token })).json.items.find((x) => x.id === b.appointment.id);
    checks.check(mine.status === 'cancelled' && mine.cancel_reason === '工作人员外出培训，请改约其他时间', "the resident's 我的预约 shows it cancelled, and why", JSON.stringify(mine));
    const listed = (await api.get(`/api/v1/schedules/${schedule.id}/slots?from=${chinaIso(later).slice(0, 10)}&to=${chinaIso(later).slice(0, 10)}`)).json.items;
    const again = await api.post('/api/v1/appointments', { slot_id: laterSlot.id, name: '测试', phone: '13800000082', id_number: '11010519491231002X' },
      { token: b.token, headers: { 'Idempotency-Key': 'counter-c' } });
    checks.check(!listed.some((x) => x.id === laterSlot.id) && again.status === 409, 'a closed slot is no longer offered or bookable',
      `${listed.map((x) => x.id)} ${again.status} ${JSON.stringify(again.json)}`);
  },
]);

await checks.each('accounts', [
  async function revokeAndDisable() {
    address = 10;
    const a = await signIn('admin');
    const created = await api.post('/api/v1/staff/accounts', { name: 'chen', display_name: '陈芳', roles: ['caseworker'], password: STAFF_PASSWORD + '!' }, asConsole(a));
    const taken = await api.post('/api/v1/staff/accounts', { name: 'chen', display_name: '陈芳', roles: ['caseworker'], password: STAFF_PASSWORD + '!' }, asConsole(a));
    checks.check(created.status === 201 && taken.status === 409, 'admins create accounts; a name is used once');
    const chen = await signIn('chen', { kind: 'bearer', password: STAFF_PASSWORD + '!' });
    const ok = await api.get('/api/v1/staff/help-requests', { token: chen.token });
    const revoke = await api.call('DELETE', `/api/v1/staff/accounts/${created.json.id}/sessions`, asConsole(a));
    const afterRevoke = await api.get('/api/v1/staff/help-requests', { token: chen.token });
    checks.check(ok.status === 200 && revoke.status === 204 && afterRevoke.status === 401, 'an admin signs a colleague out everywhere');
    const chen2 = await signIn('chen', { kind: 'bearer', password: STAFF_PASSWORD + '!' });
    const disable = await api.call('PATCH', `/api/v1/staff/accounts/${created.json.id}`, { body: { active: false }, ...asConsole(a) });
    const afterDisable = await api.get('/api/v1/staff/help-requests', { token: chen2.token });
    const signInDisabled = await signIn('chen', { kind: 'bearer', password: STAFF_PASSWORD + '!' });
    checks.check(disable.status === 200 && afterDisable.status === 401 && signInDisabled.res.status === 403,
      'a disabled account loses its sessions and cannot sign in');
    const adminId = (await api.get('/api/v1/staff/accounts', asConsole(a))).json.items.find((m) => m.name === 'admin').id;
    const lastAdmin = await api.call('PATCH', `/api/v1/staff/accounts/${adminId}`, { body: { roles: ['dispatcher'] }, ...asConsole(a) });
    checks.check(lastAdmin.status === 409, 'the last admin cannot lose the admin role');
    const newPassword = await api.call('PUT', `/api/v1/staff/accounts/${adminId}/password`, { body: { password: 'a-new-password-2026' }, ...asConsole(a) });
    const oldSession = await api.get('/api/v1/staff/session', { headers: { Cookie: a.cookie } });
    checks.check(newPassword.status === 204 && oldSession.status === 401 && (await signIn('admin', { password: 'a-new-password-2026' })).res.status === 201,
      'a new password ends the old sessions');
    const out = await signIn('admin', { password: 'a-new-password-2026' });
    const signOut = await api.call('DELETE', '/api/v1/staff/session', asConsole(out));
    const gone = await api.get('/api/v1/staff/session', { headers: { Cookie: out.cookie } });
    checks.check(signOut.status === 204 && /Max-Age=0/.test(signOut.headers.get('set-cookie')) && gone.status === 401, 'sign-out ends the session and clears the cookie');
  },
  async function auditLog() {
    address = 11;
    const a = await signIn('admin', { password: 'a-new-password-2026' });
    const all = await api.get('/api/v1/staff/audit?limit=200', asConsole(a));
    const actions = new Set(all.json.items.map((e) => e.action));
    for (const action of ['appointment.fulfilled', 'slot.close', 'device.register', 'device.bind', 'device.unbind', 'device.revoke', 'draft.create', 'draft.update', 'draft.submit', 'draft.reject', 'draft.publish', 'draft.schedule', 'content.withdraw',
      'staff.create', 'session.sign_in', 'session.sign_in_failed', 'staff.locked', 'staff.unlock', 'help.claim', 'help.update',
      'help.reopen', 'help.transfer', 'alert.publish', 'staff.sign_out_everywhere', 'staff.update', 'staff.password', 'session.sign_out'])
      checks.check(actions.has(action), `the audit log records ${action}`);
    const feed = all.json.items.find((e) => e.action === 'alert.publish');
    checks.check(feed.staff === 'alert feed', 'an alert from the feed is recorded as the feed');
    const fromCli = all.json.items.find((e) => e.action === 'staff.create' && e.target === 'staff:zhang');
    checks.check(fromCli.staff === 'command line' && fromCli.after.roles.join() === 'dispatcher', 'accounts made with --add-staff are recorded too');
    const filtered = await api.get('/api/v1/staff/audit?staff=zhang&action=help.', asConsole(a));
    checks.check(filtered.json.items.length > 0 && filtered.json.items.every((e) => e.staff === 'zhang' && e.action.startsWith('help.')), 'admins filter it by person and action');
    const page1 = await api.get('/api/v1/staff/audit?limit=5', asConsole(a));
    const page2 = await api.get('/api/v1/staff/audit?limit=5&cursor=' + page1.json.next_cursor, asConsole(a));
    checks.check(page2.json.items[0].id < page1.json.items[4].id, 'and pages through it');
    const edit = await api.call('PUT', '/api/v1/staff/audit', { body: {}, ...asConsole(a) });
    const del = await api.call('DELETE', '/api/v1/staff/audit', asConsole(a));
    checks.check(edit.status === 405 && del.status === 405, 'the API has no way to change or delete the audit log');
    const sql = storeSql(db, "UPDATE audit_log SET staff_name = 'someone else'; DELETE FROM audit_log;");
    checks.check(sql.status !== 0 && sql.stderr.includes('append-only'), 'nor does the database allow it', sql.stderr.trim());
    const text = JSON.stringify(all.json);
    checks.check(!text.includes(STAFF_PASSWORD) && !text.includes('password_hash') && !text.includes('$argon2'), 'the audit log holds no password or hash');
  },
]);

await server.stop();
const log = server.log.join('\n');

// Idle expiry: the same database served with staff_idle_timeout_s 5 and a 1 s heartbeat. A session
// left alone ends; its stream is told (signed_out) and closes; one in use stays.
writeFileSync(config, JSON.stringify({ trusted_proxies: ['127.0.0.1'], staff_idle_timeout_s: 5, heartbeat_s: 1 }));
server = await startServer(binary, args);
const idleApi = client(server.url);
{
  const signInHere = async (name) => (await idleApi.post('/api/v1/staff/sessions', { name, password: STAFF_PASSWORD, kind: 'bearer' })).json.token;
  const idle = await signInHere('editor');
  const busy = await signInHere('zhang');
  const idleStream = readEvents(server.url + '/api/v1/staff/stream', { Authorization: 'Bearer ' + idle });
  const started = Date.now();
  let busyAnswers = [];
  while (Date.now() - started < 7000) {  // wang keeps working; editor does nothing
    busyAnswers.push((await idleApi.get('/api/v1/staff/help-requests?limit=1', { token: busy })).status);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await nextEvent(idleStream, (e) => e.kind === 'signed_out', 10000);
  await idleStream.ready;
  const after = await idleApi.get('/api/v1/staff/session', { token: idle });
  checks.check(after.status === 401 && idleStream.end === 'clean', 'a session left idle ends: its stream is told (signed_out) and closed, the API answers 401');
  checks.check(busyAnswers.every((s) => s === 200), 'a session in use does not expire', busyAnswers.join());
}
await server.stop();
checks.check(!log.includes(STAFF_PASSWORD) && !log.includes('a-new-password-2026') && !log.includes(admin.cookie.split('=')[1]) && !log.includes(wang.token),
  'no password and no session token reaches the server log');
checkContract(checks);
process.exit(checks.summary());
