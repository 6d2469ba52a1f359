// Three replicas of the server on one PostgreSQL database behind HAProxy (issue 19), all started
// here and torn down at the end: any replica answers any request; limits hold across replicas;
// an alert published through one reaches stream clients on the others; a client whose replica
// is killed resumes on another and misses nothing; kill -9 during a booking storm and a
// PostgreSQL restart lose nothing that was confirmed.
//   node tests/server/replicas_test.mjs SERVER_BINARY DEMO_DIR
// (The answers' shapes are checked against openapi.yaml by the same API tests on PostgreSQL; here
// some answers are HAProxy's own, a 502 while a replica is gone.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client, dayInChina } from './api_client.mjs';
import { startHaproxy } from './haproxy.mjs';
import { startCluster } from './pg_cluster.mjs';
import { startServer } from './server_process.mjs';
import { nextEvent, readEvents } from './sse_reader.mjs';

const [binary, demoDir] = process.argv.slice(2);
const checks = new Checks();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const dir = mkdtempSync(join(tmpdir(), 'elder-replicas-'));
const config = join(dir, 'config.json');
// HAProxy speaks for every client (X-Forwarded-For); the races stand for many residents at once.
writeFileSync(config, JSON.stringify({ trusted_proxies: ['127.0.0.1'], connections_per_address: 2000 }));

const cluster = await startCluster();
const replicas = [];
let lb;
try {
  const common = ['--config', config, '--db', cluster.url, '--dev-otp'];
  // The first replica creates the schema and the demo content; the others find them there.
  replicas.push(await startServer(binary, [...common, '--demo', '--demo-dir', demoDir], { staff: true }));
  const STAFF = replicas[0].staffToken;
  const others = await Promise.all([startServer(binary, common), startServer(binary, common)]);
  replicas.push(...others);
  lb = await startHaproxy(replicas.map((r) => r.url));
  const api = client(lb.url);
  const direct = replicas.map((r) => client(r.url));
  const requestsOn = (r, path) => r.log.filter((l) => l.includes('"msg":"request"') && l.includes(`"path":"${path}"`)).length;
  // Every replica healthy, and HAProxy sending to all of them again (a replica it marked down
  // needs two good checks, a second apart, to come back).
  const allHealthy = async () => {
    let last;
    for (const end = Date.now() + 20000; Date.now() < end; await sleep(250)) {
      const direct = await Promise.all(replicas.map((r) => fetch(r.url + '/api/v1/health').then((h) => h.status, () => 0)));
      if (direct.every((s) => s === 200) && replicas.every((r, i) => lb.isUp(i))) return true;
      last = direct;
    }
    console.log('not healthy:', last, lb.log().slice(-1500));
    return false;
  };
  const spread = (path, before) => replicas.map((r, i) => requestsOn(r, path) - (before?.[i] ?? 0));

  await checks.each('', [
    async function anyReplicaAnswersAnyRequest() {
      const health = await Promise.all(replicas.map((r) => fetch(r.url + '/api/v1/health')));
      checks.check(health.every((h) => h.status === 200), 'each replica is healthy on PostgreSQL');
      const lists = await Promise.all(Array.from({ length: 9 }, () => api.get('/api/v1/policies?limit=5')));
      checks.check(lists.every((l) => l.status === 200 && l.json.items.length === 5) && spread('/api/v1/policies').every((n) => n >= 2),
        'the load balancer spreads requests over all three, and each answers from the one database', JSON.stringify(spread('/api/v1/policies')));
      // A resident signed in on one replica is known to the others: sessions live in the database.
      const token = await direct[0].signIn('13700000001');
      const mine = await Promise.all(direct.map((d) => d.get('/api/v1/appointments', { token })));
      checks.check(mine.every((m) => m.status === 200), 'a token issued by one replica is honoured by every replica', mine.map((m) => m.status).join(' '));
      // One request id in the answer and in the replica's log line: HAProxy's, not made up again.
      const traced = await api.get('/api/v1/site');
      const id = traced.headers.get('x-request-id') ?? '';
      checks.check(/^lb-[0-9A-F]+$/.test(id) && replicas.filter((r) => r.log.some((l) => l.includes(`"request_id":"${id}"`))).length === 1,
        'the load balancer\'s request id comes back in X-Request-Id and is in the log line of the replica that answered', id);
    },

    async function oneTimeCodeGuessingHitsTheSameLimit() {
      const phone = '13700000002';
      checks.check((await direct[0].post('/api/v1/auth/otp', { phone })).status === 202, 'a code is sent');
      const before = spread('/api/v1/auth/token');
      const wrongs = [];
      for (let i = 0; i < 6; i++) wrongs.push(await api.post('/api/v1/auth/token', { phone, code: '000000' }));
      const { json: { code } } = await direct[0].get('/api/v1/dev/otp?phone=' + phone);
      const right = code === '000000' ? null : await api.post('/api/v1/auth/token', { phone, code });
      checks.check(spread('/api/v1/auth/token', before).every((n) => n >= 2), 'the guesses went to all three replicas',
        JSON.stringify(spread('/api/v1/auth/token', before)));
      checks.check(wrongs.slice(0, 4).every((r) => r.status === 401) && wrongs[4].status === 429 && right?.status === 429,
        'after five wrong codes over three replicas even the right one is refused, as on one', wrongs.map((r) => r.status).join(' '));
    },

    async function staffGuessingWaitsOnEveryReplica() {
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await api.get('/api/v1/staff/help-requests', { token: 'x'.repeat(43) })).status);
      const first = statuses.indexOf(429);
      checks.check(first === 11 && statuses.slice(0, 11).every((s) => s === 401),
        'a guessed staff token is made to wait after ten free failures, counted across replicas', statuses.join(' '));
      // The wait is for this address everywhere (here the test's own, which staff use next).
      const wait = (await api.get('/api/v1/staff/help-requests', { token: 'x'.repeat(43) })).json?.retry_after_s ?? 0;
      const elsewhere = await Promise.all(replicas.map((r) => fetch(r.url + '/api/v1/staff/help-requests', { headers: { Authorization: 'Bearer ' + STAFF } })));
      checks.check(wait > 0 && elsewhere.every((r) => r.status === 429), 'even the right staff token waits on every replica meanwhile',
        elsewhere.map((r) => r.status).join(' '));
      await sleep(wait * 1000 + 500);
    },

    async function bookingsRaceOverThreeReplicas() {
      const activity = (await api.get('/api/v1/activities?limit=100')).json.items.find((a) => a.capacity === 20);
      const day = activity.start.slice(0, 10);
      const slot = (await api.get(`/api/v1/schedules/${activity.schedule_id}/slots?from=${day}&to=${day}`)).json.items[0];
      const racers = await direct[0].residents('1370000', 100, 10);
      const before = spread('/api/v1/appointments');
      const results = await Promise.all(Array.from({ length: 500 }, (_, i) => {
        const r = racers[i % racers.length];
        return api.post('/api/v1/appointments', { slot_id: slot.id, name: `居民${i % racers.length}`, phone: r.phone },
          { token: r.token, headers: { 'Idempotency-Key': `race-key-${i}` } });
      }));
      const booked = results.filter((r) => r.status === 201).length;
      const refused = results.filter((r) => r.status === 409).length;
      checks.check(spread('/api/v1/appointments', before).every((n) => n >= 100), 'the 500 requests went to all three replicas',
        JSON.stringify(spread('/api/v1/appointments', before)));
      checks.check(booked === 20 && refused === 480, '500 racing requests for 20 seats over three replicas: exactly 20 booked, 480 refused',
        `${booked} booked, ${refused} refused, others ${JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).slice(0, 2).map((r) => [r.status, r.json]))}`);
      const lists = await Promise.all(racers.map((r) => api.get('/api/v1/appointments', { token: r.token })));
      checks.check(lists.every((l) => l.status === 200), 'each resident lists their appointments through the load balancer',
        JSON.stringify(lists.filter((l) => l.status !== 200).slice(0, 2).map((l) => [l.status, l.json])));
      const held = lists.map((l) => (l.json?.items ?? []).filter((a) => a.slot.id === slot.id && a.status === 'booked'));
      checks.check(held.flat().length === 20 && held.every((h) => h.length <= 1), 'no resident holds two of those seats');
      // An Idempotency-Key sent again to another replica gives the same booking, not a second one.
      const winner = results.findIndex((r) => r.status === 201);
      const r = racers[winner % racers.length];
      const again = await direct[(winner + 1) % 3].post('/api/v1/appointments', { slot_id: slot.id, name: `居民${winner % racers.length}`, phone: r.phone },
        { token: r.token, headers: { 'Idempotency-Key': `race-key-${winner}` } });
      checks.check(again.json?.id === results[winner].json.id, 'a retried request with its Idempotency-Key answers the same booking on another replica',
        `${again.status} ${again.json?.id} vs ${results[winner].json.id}`);
    },

    async function alertsReachStreamsOnEveryReplica() {
      const streams = replicas.map((r) => readEvents(r.url + '/api/v1/alerts/stream'));
      const viaLb = readEvents(lb.url + '/api/v1/alerts/stream');
      for (let i = 0; i < 100 && !(streams.every((s) => s.opened) && viaLb.opened); i++) await sleep(50);
      const published = await direct[0].post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红',
        info: [{ category: ['Met'], event: '暴雨', headline: '暴雨红色预警（多副本）', instruction: '请留在家中' }] }, { token: STAFF });
      checks.check(published.status === 201, 'an alert is published through replica A', `${published.status} ${JSON.stringify(published.json)}`);
      const got = await Promise.all([...streams, viaLb].map((s) => nextEvent(s, (e) => e.kind === 'alert' && e.data.id === published.json.id, 5000).catch(() => null)));
      checks.check(got.every(Boolean) && new Set(got.map((e) => e.id)).size === 1,
        'it reaches stream clients on A, B and C, and through the load balancer, under one event id',
        `${got.map((e) => e?.id).join(' ')} (streams ${[...streams, viaLb].map((s) => s.status).join(' ')})`);
      if (!viaLb.opened) {
        const res = await fetch(lb.url + '/api/v1/alerts/stream', { signal: AbortSignal.timeout(2000) }).catch((e) => null);
        console.log('stream through the load balancer:', res?.status, res && res.status !== 200 ? await res.text() : '', lb.log().slice(-2000));
      }
      for (const s of [...streams, viaLb]) s.stop();
    },

    async function staffSeeABoxConnectedWhicheverReplicaHoldsItsStream() {
      const box = (await direct[0].post('/api/v1/devices', { kind: 'stb', serial: 'PRESENCE-BOX' }, { token: STAFF })).json;
      const shownOnA = async () => (await direct[0].get('/api/v1/staff/devices?q=PRESENCE-BOX', { token: STAFF })).json?.items?.[0]?.stream_connected;
      const until = async (want) => {
        for (const end = Date.now() + 15000; Date.now() < end; await sleep(250)) if ((await shownOnA()) === want) return true;
        return false;
      };
      const before = await shownOnA();
      const stream = readEvents(replicas[2].url + '/api/v1/alerts/stream', { Authorization: 'Bearer ' + box.token });
      for (let i = 0; i < 100 && !stream.opened; i++) await sleep(50);
      const seen = await until(true);
      stream.stop();
      const gone = await until(false);
      checks.check(before === false && stream.opened && seen && gone,
        'the staff list on replica A shows a box connected while its stream is open on replica C, and not after', `${before} ${seen} ${gone}`);
    },

    async function aClientResumesOnAnotherReplicaAfterKill9() {
      const victim = replicas[1];
      const stream = readEvents(victim.url + '/api/v1/alerts/stream');
      for (let i = 0; i < 100 && !stream.opened; i++) await sleep(50);
      const first = await direct[0].post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '黄',
        info: [{ category: ['Met'], event: '大风', headline: '大风黄色预警（一）' }] }, { token: STAFF });
      const seen = await nextEvent(stream, (e) => e.kind === 'alert' && e.data.id === first.json.id, 5000);
      await victim.stop('SIGKILL');
      await sleep(300);
      // Published while the client has no stream: it must get these on its next one, once each.
      const missed = [];
      for (const n of ['二', '三']) {
        missed.push((await direct[0].post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '黄',
          info: [{ category: ['Met'], event: '大风', headline: `大风黄色预警（${n}）` }] }, { token: STAFF })).json.id);
      }
      const resumed = readEvents(lb.url + '/api/v1/alerts/stream', { 'Last-Event-ID': String(seen.id) });
      const last = await nextEvent(resumed, (e) => e.kind === 'alert' && e.data.id === missed[1], 8000).catch(() => null);
      await sleep(500);  // anything sent twice would arrive by now
      const alerts = resumed.events.filter((e) => e.kind === 'alert');
      const ids = resumed.events.map((e) => e.id);
      checks.check(last && JSON.stringify(alerts.map((e) => e.data.id)) === JSON.stringify(missed) &&
        new Set(ids).size === ids.length && ids.every((id, i) => i === 0 || id > ids[i - 1]) && ids[0] > seen.id,
        'after kill -9 of its replica a client resumes through the load balancer with what it missed, once each, in order',
        JSON.stringify(resumed.events.map((e) => [e.id, e.kind, e.data.id])));
      resumed.stop();
      stream.stop();
      replicas[1] = await startServer(binary, common, { port: Number(new URL(victim.url).port) });
    },

    async function kill9DuringABookingStormLosesNothing() {
      const activities = (await api.get('/api/v1/activities?limit=100')).json.items.filter((a) => a.capacity !== 20);
      const slots = [];
      for (const a of activities) {
        const day = a.start.slice(0, 10);
        slots.push((await api.get(`/api/v1/schedules/${a.schedule_id}/slots?from=${day}&to=${day}`)).json.items[0]);
      }
      const stormers = await direct[0].residents('1360000', 60, 11);
      const pairs = stormers.flatMap((r) => slots.map((slot) => ({ r, slot })));
      const confirmed = [];
      const failed = [];
      let next = 0;
      const worker = async () => {
        while (next < pairs.length) {
          const { r, slot } = pairs[next++];
          const res = await api.post('/api/v1/appointments', { slot_id: slot.id, name: '风暴测试', phone: r.phone },
            { token: r.token, headers: { 'Idempotency-Key': `storm-${r.phone}-${slot.id}` } }).catch((e) => ({ status: 0, e }));
          if (res.status === 201) confirmed.push(res.json);
          else if (res.status !== 409) failed.push(res.status === 0 ? String(res.e?.cause ?? res.e) : `${res.status} ${JSON.stringify(res.json)}`);
        }
      };
      const workers = Array.from({ length: 16 }, () => worker());
      for (const end = Date.now() + 10000; confirmed.length < 10 && Date.now() < end;) await sleep(10);
      const victim = replicas[2];
      await victim.stop('SIGKILL');
      const killedAt = confirmed.length;
      // And the database restarts while the storm goes on.
      for (const end = Date.now() + 10000; confirmed.length < killedAt + 10 && Date.now() < end;) await sleep(10);
      cluster.restart();
      await Promise.all(workers);
      replicas[2] = await startServer(binary, common, { port: Number(new URL(victim.url).port) });
      checks.check(await allHealthy(), 'the replicas and the load balancer are serving again');
      const lists = await Promise.all(stormers.map((r) => api.get('/api/v1/appointments', { token: r.token })));
      const all = lists.flatMap((l) => l.json?.items ?? []);
      const byId = new Map(all.map((a) => [a.id, a]));
      const lost = confirmed.filter((c) => !byId.has(c.id) || byId.get(c.id).code !== c.code);
      checks.check(killedAt > 0 && confirmed.length > killedAt, 'bookings were confirmed before and after the kill', `${killedAt} then ${confirmed.length}`);
      checks.check(lists.every((l) => l.status === 200) && lost.length === 0,
        'after kill -9 of a replica and a PostgreSQL restart every confirmed booking is there', `${confirmed.length} confirmed, ${lost.length} lost`);
      checks.check(new Set(all.map((a) => a.code)).size === all.length && all.every((a) => a.status === 'booked'), 'no appointment appears twice');
      checks.check(failed.every((s) => /^50[23] |^SocketError: other side closed/.test(s)), 'what failed meanwhile failed as unavailable (502, 503, a closed connection), never as a wrong answer',
        [...new Set(failed)].join(' | ') + '\n' + replicas.flatMap((r) => r.log.filter((l) => l.includes('"level":"error"'))).slice(0, 10).join('\n'));
      let consistent = true;
      for (const s of slots) {
        const day = s.start.slice(0, 10);
        const now = (await api.get(`/api/v1/schedules/${s.schedule_id}/slots?from=${day}&to=${day}`)).json.items.find((x) => x.id === s.id);
        if (now.capacity - now.seats_left !== all.filter((a) => a.slot.id === s.id).length) consistent = false;
      }
      checks.check(consistent, 'seat counts match the appointments on every slot');
    },

    async function aDatabaseRestartIsA503ThenRecovery() {
      cluster.stopServer();
      const during = await Promise.all(replicas.map((r) => fetch(r.url + '/api/v1/health')));
      const booking = await direct[0].post('/api/v1/appointments', { slot_id: 1, name: '王秀英', phone: '13700000001' });
      checks.check(during.every((h) => h.status === 503 && Number(h.headers.get('retry-after')) > 0),
        'with PostgreSQL down each replica\'s health answers 503 with Retry-After (the load balancer stops sending)', during.map((h) => h.status).join(' '));
      checks.check(booking.status === 503 || booking.status === 401, 'a write meanwhile is answered, not hung', String(booking.status));
      const cached = await Promise.all(replicas.map((r) => fetch(r.url + '/api/v1/policies?limit=5')));
      checks.check(cached.every((c) => c.status === 503 || c.status === 200), 'public lists answer 503 or from the cache', cached.map((c) => c.status).join(' '));
      cluster.startServer();
      const healthy = await allHealthy();
      const after = await api.get('/api/v1/policies?limit=5');
      checks.check(healthy && after.status === 200, 'when it is back every replica recovers by itself');
    },
  ]);
} finally {
  lb?.stop();
  for (const r of replicas) await r.stop('SIGKILL').catch(() => {});
  cluster.stop();
}

process.exit(checks.summary());
