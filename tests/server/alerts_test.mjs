// Alerts over real HTTP: staff publishing, the live stream (delivery, heartbeat-free resume with
// Last-Event-ID), Update and Cancel, expiry, acknowledgement, and CAP 1.2 XML import of every
// third-party test file (the XXE file must open nothing). Staff publish with a signed-in account
// (role approver); an alert feed publishes with the machine key `alert_feed_key`, which opens
// nothing else.
//   node tests/server/alerts_test.mjs SERVER_BINARY DEMO_DIR CAP_TESTDATA_DIR OPENAPI_YAML
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client } from './api_client.mjs';
import { addStaff, startServer, staffToken } from './server_process.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';
import { readEvents } from './sse_reader.mjs';

const [binary, demoDir, capDir, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-alerts-'));
// The alert feed's machine key (64 hex digits, as `openssl rand -hex 32` makes one).
const FEED_KEY = 'c4f1a9e07b3d5628e1f04a7c9b2d6e8130a5f7c2d9e4b61f8a3c0e57d2b9f461';
writeFileSync(join(dir, 'config.json'), JSON.stringify({ alert_feed_key: FEED_KEY }));
const args = ['--config', join(dir, 'config.json'), '--db', join(dir, 'a.db'), '--demo', '--dev-otp', '--demo-dir', demoDir, '--quiet'];
// A dispatcher answers the help desk but does not publish alerts (that is the approver's).
addStaff(binary, args, { name: 'desk1', roles: 'dispatcher', display: '值班员小李' });
const server = await startServer(binary, args, { staff: true });
const STAFF = server.staffToken;
const api = client(server.url);

// The alert stream, as a new client or resuming after `lastEventId`; `viaQuery`: resume as
// browsers do, with ?last_event_id= instead of the header.
function subscribe(lastEventId, viaQuery = false) {
  const resume = lastEventId !== undefined;
  const query = resume && viaQuery ? '?last_event_id=' + lastEventId : '';
  return readEvents(server.url + '/api/v1/alerts/stream' + query, resume && !viaQuery ? { 'Last-Event-ID': String(lastEventId) } : {});
}
const waitFor = async (pred, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (pred()) return true;
  return false;
};
const publish = (body) => api.post('/api/v1/staff/alerts', body, { token: STAFF });

// Demo alerts: three, of different severities
{
  const active = (await api.get('/api/v1/alerts')).json.items;
  checks.check(active.length === 3 && new Set(active.map((a) => a.colour_level)).size === 3, 'three active demo alerts of different levels',
    active.map((a) => a.colour_level).join(''));
  checks.check(active.every((a, i) => i === 0 || ['红', '橙', '黄', '蓝'].indexOf(a.colour_level) >= ['红', '橙', '黄', '蓝'].indexOf(active[i - 1].colour_level)),
    'the most severe comes first');
}

// Publish -> every subscriber receives it
const live = subscribe();
const second = subscribe();
checks.check(await waitFor(() => live.opened && second.opened), 'two clients subscribe to the stream');
const storm = await publish({ msgType: 'Alert', colour_level: '红', info: [{ category: ['Met'], event: '暴雨', headline: '暴雨红色预警', instruction: '请留在家中' }] });
checks.check(storm.status === 201 && storm.json.colour_level === '红' && storm.json.info[0].severity === 'Extreme', '红 maps to Extreme');
checks.check(await waitFor(() => live.events.some((e) => e.kind === 'alert' && e.data.id === storm.json.id) &&
  second.events.some((e) => e.data.id === storm.json.id)), 'a published alert reaches every stream subscriber');

// Update replaces, Cancel withdraws
const ref = (a) => `${a.sender},${a.identifier},${a.sent}`;
const update = await publish({ msgType: 'Update', references: [ref(storm.json)], colour_level: '橙', info: [{ category: ['Met'], event: '暴雨', headline: '暴雨橙色预警（降级）' }] });
const afterUpdate = (await api.get('/api/v1/alerts')).json.items;
checks.check(update.status === 201 && afterUpdate.some((a) => a.id === update.json.id) && !afterUpdate.some((a) => a.id === storm.json.id),
  'an Update replaces the alert it references');
checks.check((await api.get('/api/v1/alerts/' + storm.json.id)).json.replaced_by === update.json.id, 'the old alert points to its replacement');
checks.check(await waitFor(() => live.events.some((e) => e.kind === 'cancel' && e.data.id === storm.json.id)), 'the stream tells clients to remove the replaced alert');
const cancel = await publish({ msgType: 'Cancel', references: [ref(update.json)] });
checks.check(cancel.status === 201 && !(await api.get('/api/v1/alerts')).json.items.some((a) => a.id === update.json.id), 'a Cancel withdraws the alert');
checks.check(await waitFor(() => live.events.some((e) => e.kind === 'cancel' && e.data.id === update.json.id)), 'the cancel is streamed');

// Resume with Last-Event-ID: a client that was away gets exactly what it missed
{
  const seen = live.events.find((e) => e.data.id === storm.json.id && e.kind === 'alert').id;
  const resumed = subscribe(seen);
  checks.check(await waitFor(() => resumed.events.length >= 3), 'a reconnecting client receives the missed events');
  checks.check(resumed.events.every((e) => e.id > seen) && resumed.events[0].id === seen + 1, 'replay starts right after Last-Event-ID');
  resumed.stop();
  const byQuery = subscribe(seen, true);
  checks.check(await waitFor(() => byQuery.events.length >= 3) && byQuery.events[0].id === seen + 1,
    'a browser resuming with ?last_event_id= receives the same missed events');
  byQuery.stop();
  const badQuery = await fetch(server.url + '/api/v1/alerts/stream?last_event_id=-1');
  checks.check(badQuery.status === 400, 'a malformed last_event_id gives 400');
  const bad = await fetch(server.url + '/api/v1/alerts/stream', { headers: { 'Last-Event-ID': 'abc' } });
  checks.check(bad.status === 400 && (await bad.json()).detail.length > 0, 'a malformed Last-Event-ID gives 400');
}
live.stop();
second.stop();

// Expiry: an alert past its expires leaves the active list but stays in history
{
  const soon = new Date(Date.now() + 8 * 3600e3 + 2000).toISOString().slice(0, 19) + '+08:00';
  const short = await publish({ msgType: 'Alert', colour_level: '蓝', info: [{ category: ['Other'], event: '测试', headline: '两秒后过期', expires: soon }] });
  checks.check((await api.get('/api/v1/alerts')).json.items.some((a) => a.id === short.json.id), 'a fresh alert is active');
  // Time passing is what is tested here: nothing to await but the alert's expiry, 2 s away.
  await new Promise((r) => setTimeout(r, 2500));
  checks.check(!(await api.get('/api/v1/alerts')).json.items.some((a) => a.id === short.json.id), 'an expired alert leaves the active list');
  checks.check((await api.get('/api/v1/alerts?history=true&limit=100')).json.items.some((a) => a.id === short.json.id && !a.active), 'history keeps it, inactive');
}

// Acknowledgement by a device
{
  const device = (await api.post('/api/v1/devices', { kind: 'kiosk', serial: 'KIOSK-1' }, { token: STAFF })).json;
  const id = (await api.get('/api/v1/alerts')).json.items[0].id;
  const ack = await api.post(`/api/v1/alerts/${id}/ack`, undefined, { token: device.token });
  const again = await api.post(`/api/v1/alerts/${id}/ack`, undefined, { token: device.token });
  checks.check(ack.status === 204 && again.status === 204, 'a device acknowledges an alert (repeatable)');
  checks.check((await api.post('/api/v1/alerts/99999/ack', undefined, { token: device.token })).status === 404, 'acknowledging an unknown alert gives 404');
  checks.check((await api.post(`/api/v1/alerts/${id}/ack`)).status === 401, 'acknowledging needs a token');
}

// Bad staff input
{
  checks.check((await api.post('/api/v1/staff/alerts', { msgType: 'Alert', info: [] })).status === 401, 'publishing needs a staff sign-in');
  const noInfo = await publish({ msgType: 'Alert', info: [] });
  const badColour = await publish({ msgType: 'Alert', colour_level: '紫', info: [{ category: ['Met'], event: 'x' }] });
  const noRefs = await publish({ msgType: 'Update', info: [{ category: ['Met'], event: 'x', severity: 'Minor' }] });
  checks.check([noInfo, badColour, noRefs].every((r) => r.status === 400 && r.json.detail.startsWith('预警')), 'incomplete alerts are refused in plain words',
    [noInfo, badColour, noRefs].map((r) => r.json?.detail).join(' | '));
}

// Who may publish: an approver (the tester holds every role), the alert feed key, not a dispatcher;
// the feed key opens nothing but alert publishing.
{
  const desk = await staffToken(server.url, 'desk1');
  const byDesk = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '蓝', info: [{ category: ['Other'], event: '通知', headline: '值班员发的通知' }] },
    { token: desk });
  checks.check(byDesk.status === 403 && byDesk.json.roles_needed?.includes('approver'),
    'a staff member without the approver role cannot publish (403, naming the role)', `${byDesk.status} ${JSON.stringify(byDesk.json?.roles_needed)}`);
  const fed = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '黄',
    info: [{ category: ['Met'], event: '大雾', headline: '大雾黄色预警（信息源）' }] }, { token: FEED_KEY });
  checks.check(fed.status === 201 && (await api.get('/api/v1/alerts')).json.items.some((a) => a.id === fed.json.id),
    'the alert feed key publishes an alert (JSON)', `${fed.status} ${fed.json?.detail ?? ''}`);
  const fedCap = await api.call('POST', '/api/v1/staff/alerts/cap', { token: FEED_KEY, headers: { 'Content-Type': 'application/cap+xml' },
    body: '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>feed-key-1</identifier><sender>feed@example.cn</sender>' +
      '<sent>2026-11-25T10:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info>' +
      '<category>Met</category><event>大风</event><urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty>' +
      '<headline>大风蓝色预警（信息源）</headline></info></alert>' });
  checks.check(fedCap.status === 201 && fedCap.json.identifier === 'feed-key-1', 'the alert feed key imports a CAP alert', `${fedCap.status} ${fedCap.json?.detail ?? ''}`);
  const feed = { token: FEED_KEY };
  const queue = await api.get('/api/v1/staff/help-requests', feed);
  const code = await api.post('/api/v1/staff/enrolment-codes', undefined, feed);
  const device = await api.post('/api/v1/devices', { kind: 'kiosk', serial: 'FEED-KIOSK' }, feed);
  const policy = await api.post('/api/v1/staff/drafts', { kind: 'policies', fields: { category_id: 'yanglao', title: 't' } }, feed);
  checks.check(queue.status === 401 && code.status === 401 && device.status === 401 && policy.status === 401,
    'the alert feed key gets 401 everywhere else (help queue, enrolment codes, devices, policies)',
    `${queue.status} ${code.status} ${device.status} ${policy.status}`);
  const wrongKey = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', info: [{ category: ['Met'], event: 'x' }] }, { token: FEED_KEY.replace(/.$/, '0') });
  checks.check(wrongKey.status === 401, 'a key one digit off publishes nothing', String(wrongKey.status));
}

// CAP 1.2 XML import of every third-party file
{
  const post = (xml) => api.call('POST', '/api/v1/staff/alerts/cap', { body: xml, token: STAFF, headers: { 'Content-Type': 'application/cap+xml' } });
  const valid = readdirSync(join(capDir, 'valid')).sort();
  // Import in date order so that Updates and Cancels meet the alerts they reference.
  const expected = JSON.parse(readFileSync(join(capDir, 'valid_expected_fields.json'), 'utf8'));
  let imported = 0;
  const failures = [];
  for (const e of [...expected].sort((a, b) => Date.parse(a.sent) - Date.parse(b.sent))) {
    const res = await post(readFileSync(join(capDir, e.file)));
    if (res.status === 201 && res.json.identifier === e.identifier && res.json.msgType === e.msgType) imported++;
    else failures.push(`${e.file}: ${res.status} ${res.json?.detail}`);
  }
  checks.check(imported === valid.length, `all ${valid.length} valid CAP files import over HTTP`, failures.join(' | '));
  const again = await post(readFileSync(join(capDir, 'valid', valid[0])));
  checks.check(again.status === 409, 'importing the same message twice gives 409');

  // The XXE file points at localhost:8080; a trap on a port of our own stands in for it (the
  // file's URLs are pointed there), and must see no connection at all.
  let connections = 0;
  const trap = createServer((socket) => { connections++; socket.destroy(); });
  await new Promise((resolve, reject) => { trap.once('error', reject); trap.listen(0, '127.0.0.1', resolve); });
  const trapAt = `127.0.0.1:${trap.address().port}`;
  const xxeFile = 'xxe_external_entity_attack.xml';
  for (const file of readdirSync(join(capDir, 'invalid'))) {
    let xml = readFileSync(join(capDir, 'invalid', file), 'utf8');
    if (file === xxeFile) {
      if (!xml.includes('localhost:8080')) throw new Error(`${xxeFile} no longer points at localhost:8080: the trap would catch nothing`);
      xml = xml.replaceAll('localhost:8080', trapAt);
    }
    const res = await post(Buffer.from(xml));
    checks.check(res.status === 400 && res.json.detail.startsWith('CAP 文件不能导入'), `invalid/${file} is refused clearly`, res.json?.detail);
  }
  // The trap itself works: a connection to it is counted (the server answered the XXE file before
  // this, so anything it had opened would already be counted).
  await new Promise((resolve) => connect(trap.address().port, '127.0.0.1').on('close', resolve).on('error', resolve));
  checks.check(connections === 1, 'the XXE file made the server open nothing', `${connections - 1} connections to ${trapAt} from the server`);
  trap.close();
  const wrapped = await post(readFileSync(join(capDir, 'wrapped', readdirSync(join(capDir, 'wrapped'))[0])));
  checks.check(wrapped.status === 201, 'a CAP alert inside an EDXL-DE envelope is imported');
}

// Hostile CAP documents (issue 12): bounded work on the I/O thread, 400 and never 500.
{
  const post = (xml) => api.call('POST', '/api/v1/staff/alerts/cap', { body: xml, token: STAFF, headers: { 'Content-Type': 'application/cap+xml' } });
  const nest = (n, name) => `<${name}>`.repeat(n) + `</${name}>`.repeat(n);
  const alert = (note, headline) => '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>hostile-1</identifier>' +
    '<sender>test@example.cn</sender><sent>2026-11-25T10:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType>' +
    `<scope>Public</scope>${note}<info><category>Met</category><event>大风</event><urgency>Expected</urgency>` +
    `<severity>Moderate</severity><certainty>Likely</certainty><headline>${headline}</headline></info></alert>`;
  // The document that once held the only I/O thread for 32.8 s: 60,000 nested <alert> elements.
  const deep = await post('<EDXLDistribution>' + nest(60000, 'alert') + '</EDXLDistribution>');
  checks.check(deep.status === 400 && deep.json.detail === 'CAP 文件不能导入：elements are nested more than 32 deep; CAP alerts need far fewer',
    '60,000 nested elements are refused by the depth limit', `${deep.status} ${deep.json?.detail}`);
  const many = await post(alert('<note>' + '<x/>'.repeat(5001) + '</note>', '大风'));
  checks.check(many.status === 400 && many.json.detail === 'CAP 文件不能导入：the document has more than 5000 elements; a CAP alert needs far fewer',
    'more than 5,000 elements are refused', `${many.status} ${many.json?.detail}`);
  const [before, after] = alert('', 'HEADLINE').split('HEADLINE');
  const badText = await post(Buffer.concat([Buffer.from(before), Buffer.from([0xe5, 0xa4]), Buffer.from(after)]));  // a cut-off 大
  checks.check(badText.status === 400 && badText.json.detail === 'CAP 文件不能导入：the document is not valid UTF-8 (in <headline>)',
    'a headline that is not UTF-8 gives 400, not 500', `${badText.status} ${badText.json?.detail}`);
  const health = await api.get('/api/v1/health');
  checks.check(health.status === 200, 'the server still answers after the hostile documents', String(health.status));
}

// Stopping with streams open: SIGTERM while two clients listen. The server exits 0 and each
// client sees its stream end cleanly (the body ends with the connection), rather than hang.
{
  const listeners = [subscribe(), subscribe()];
  checks.check(await waitFor(() => listeners.every((l) => l.opened)), 'two streams are open before the stop');
  const stillRunning = new Promise((r) => setTimeout(() => r({ code: 'none: still running 10 s after SIGTERM' }), 10000));
  const stopped = await Promise.race([server.stop(), stillRunning]);
  checks.check(stopped.code === 0, 'the server stops cleanly with streams open', `exit code ${stopped.code}, signal ${stopped.signal}`);
  const ended = await waitFor(() => listeners.every((l) => l.end !== null));
  checks.check(ended && listeners.every((l) => l.end === 'clean'), 'every open stream sees the end of the stream',
    listeners.map((l) => l.end ?? 'still open').join(', '));
  for (const l of listeners) l.stop();
}
checkContract(checks);
process.exit(checks.summary());
