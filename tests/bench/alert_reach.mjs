// Nobody left behind at scale (issue 18): 5,000 bound boxes confirming one severe alert within 60 s.
// Each box sends POST /api/v1/alerts/{id}/receipts "shown", then "confirmed" (我知道了); staff read
// GET /api/v1/staff/alerts/{id}/reach. Two runs over the same 5,000 boxes, one alert each:
//   paced      every box on its own loopback address (127.1.x.y, as 5,000 homes) and a new
//              connection per receipt: "shown" at a moment in the first sixth of the window (the
//              stream delivers the alert to all boxes in about 0.1 s, server_bench; boxes wake, draw
//              and send), "confirmed" 1/20 to 3/4 of the window later (the person presses OK), so
//              the last confirmation is planned at 11/12 of the window. Seeded, the same every run.
//   ceiling    as fast as the server takes them: IN_FLIGHT requests in flight on kept-alive
//              connections, each box "shown" then "confirmed".
// Measured: receipts accepted per second, latency p50/p99, receipts lost (refused, failed, or
// missing from the final reach), the last confirmation's time after publication, and the time from
// the last accepted receipt until GET reach reports the final counts (polled). Baseline, same run:
// GET /api/v1/health sent the same way (the paced schedule from the same addresses; IN_FLIGHT in
// flight). Setup (registering and binding the boxes over HTTP, IN_FLIGHT/4 at a time) is timed apart.
// Also: the disk's fdatasync time and where the server's one I/O thread spends the runs (sampled).
// Goals: every box confirmed within the window, none lost; receipt p99 (paced) and the reach being
// current within 1 s; the ceiling at least twice the rate the window needs (docs/PERFORMANCE.md).
//   node tests/bench/alert_reach.mjs [DEVICES=5000] [WINDOW_S=60] [IN_FLIGHT=64]     (after scripts/build.sh)
// On PostgreSQL (issue 19): node tests/server/on_postgres.mjs tests/bench/alert_reach.mjs ... runs it on a
// throwaway cluster of its own (fsync on), one replica; its figures go to alert_reach_postgresql.json.
// ELDER_SERVER_BINARY picks another server binary; ALERT_REACH_DB_DIR another folder for the database
// (default: the system's temporary folder, on the machine's disk: every commit waits for fsync).
import { spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, storeKind } from '../server/server_process.mjs';
import { figure, saveFigures } from './figures.mjs';

const devices = Number(process.argv[2] || 5000);
const windowS = Number(process.argv[3] || 60);
const inFlight = Number(process.argv[4] || 64);
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(process.env.ALERT_REACH_DB_DIR || tmpdir(), 'elder-reach-bench-'));
const db = join(dir, 'reach.db');
// No --demo: the households of the run are the only ones, so every severe alert targets exactly them.
// No limit is raised: the paced boxes come from 5,000 addresses, the rest stays under 100 per address.
const server = await startServer(process.env.ELDER_SERVER_BINARY || join(root, 'build/native/bin/elder-server'),
  ['--db', db, '--quiet'], { staff: true });
const port = Number(new URL(server.url).port);
const staff = server.staffToken;
const pid = server.pid;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const median = (xs) => pct(xs, 50);

// What the server process has used so far: CPU seconds, bytes written, and its main thread's (the
// I/O thread's) voluntary context switches.
function usage() {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = 100;  // USER_HZ on Linux
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpu: (Number(stat[11]) + Number(stat[12])) / ticks,
    written: Number(/write_bytes:\s+(\d+)/.exec(io)[1]),
    switches: Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)[1]),
    at: performance.now(),
  };
}
const between = (a, b) => ({ cpu: b.cpu - a.cpu, written: b.written - a.written, switches: b.switches - a.switches, wall: (b.at - a.at) / 1000 });

// Where the server's one I/O thread (its main thread) is, sampled every 2 ms by another process:
// R running or waiting for a core, D waiting for the disk (fdatasync), S waiting for work (epoll).
// Every 100 ms also: connections the kernel completed that the server has not accepted yet (the
// listening socket's queue in /proc/net/tcp), and the server's open descriptors (connections it
// holds). stop() gives the share of samples in each state and the largest of each count.
function sampleThread() {
  const code = `const fs = require('fs'); const n = {}; let queue = 0, open = 0; const file = '/proc/${pid}/task/${pid}/stat';
    const listening = '0100007F:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A';
    const t = setInterval(() => { try { const st = fs.readFileSync(file, 'utf8').split(') ')[1][0]; n[st] = (n[st] || 0) + 1; } catch {} }, 2);
    const u = setInterval(() => { try {
      const line = fs.readFileSync('/proc/net/tcp', 'utf8').split('\\n').find((l) => l.includes(listening));
      if (line) queue = Math.max(queue, parseInt(line.trim().split(/\\s+/)[4].split(':')[1], 16));
      open = Math.max(open, fs.readdirSync('/proc/${pid}/fd').length);
    } catch {} }, 100);
    process.stdin.on('end', () => { clearInterval(t); clearInterval(u); process.stdout.write(JSON.stringify({ n, queue, open })); }); process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const before = listenCounters();
  return {
    stop: () => new Promise((resolve) => {
      child.on('exit', () => {
        const { n = {}, queue = 0, open = 0 } = JSON.parse(out || '{}');
        const total = Object.values(n).reduce((a, b) => a + b, 0) || 1;
        const after = listenCounters();
        resolve({ running: (n.R || 0) / total, disk: (n.D || 0) / total, waiting: (n.S || 0) / total, samples: total,
          queue, open, overflows: after.overflows - before.overflows });
      });
      child.stdin.end();
    }),
  };
}
// The kernel's count of connections refused because a listening socket's queue was full (all of
// this machine's servers; the client's SYN is then sent again after 1 s, 3 s, 7 s ...).
function listenCounters() {
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:')).map((l) => l.split(/\s+/));
  return { overflows: Number(values[names.indexOf('ListenOverflows')]) };
}
const shares = (t) => `running ${(100 * t.running).toFixed(0)} %, waiting for the disk (D) ${(100 * t.disk).toFixed(0)} %, ` +
  `waiting for requests ${(100 * t.waiting).toFixed(0)} % (${t.samples} samples); at most ${t.queue} connections waiting to be ` +
  `accepted and ${t.open} descriptors open; ${t.overflows} connections dropped for a full accept queue`;

// The database's disk: every commit waits for fdatasync (WAL, synchronous=FULL) on the server's one
// I/O thread. 4 KB written and synced, one after the other, in the database's folder, 200 times.
function probeDisk() {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const ms = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    writeSync(fd, page, 0, page.length, (i % 16) * 4096);
    fdatasyncSync(fd);
    ms.push(performance.now() - t);
  }
  closeSync(fd);
  rmSync(file);
  console.log(`the disk: 4 KB write + fdatasync in ${dir}: p50 ${median(ms).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms ` +
    `(at most ${(1000 / median(ms)).toFixed(0)} synced commits a second, one after the other)`);
  return median(ms);
}

// One request; never throws. `agent: false` is a new connection (Connection: close), as a box that
// wakes to send one receipt; `localAddress` is the home it comes from.
function send({ method = 'GET', path, token, body, agent = false, localAddress }) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = {};
    if (token) headers.Authorization = 'Bearer ' + token;
    if (data !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    const started = performance.now();
    let connected = started;  // when TCP connected (a kept-alive connection: at once)
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, started, connected, ended: performance.now() });
      });
      res.on('error', (e) => resolve({ status: 0, error: e.code || e.message, started, ended: performance.now() }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message, started, ended: performance.now() }));
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', () => { connected = performance.now(); });
      else connected = performance.now();
    });
    req.end(data);
  });
}

// `count` jobs, `width` at a time.
async function pool(width, count, job) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    for (let i = next++; i < count; i = next++) await job(i);
  }));
}

const staffAgent = new Agent({ keepAlive: true, maxSockets: 4 });
async function staffCall(method, path, body) {
  const res = await send({ method, path, body, token: staff, agent: staffAgent });
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: ${res.status} ${res.error || JSON.stringify(res.json)}`);
  return res;
}

// 1. Setup: register each box as staff do, and bind it to a new household of its own.
const setupWidth = Math.max(1, Math.ceil(inFlight / 4));
console.log(`## Setup: ${devices} boxes registered and bound to ${devices} households over HTTP, ${setupWidth} at a time`);
const boxes = new Array(devices);
const setupStart = usage();
await pool(setupWidth, devices, async (i) => {
  const made = (await staffCall('POST', '/api/v1/devices', { kind: 'stb', serial: `REACH-BENCH-${i}` })).json;
  await staffCall('PUT', `/api/v1/staff/devices/${made.id}/household`,
    { household_name: `基准住户 ${i}`, phone: '139' + String(i).padStart(8, '0') });
  boxes[i] = { id: made.id, token: made.token, address: `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}` };
});
const setup = between(setupStart, usage());
console.log(`${devices} boxes in ${setup.wall.toFixed(1)} s (${(2 * devices / setup.wall).toFixed(0)} staff requests/s; ` +
  `server CPU ${setup.cpu.toFixed(1)} s, ${(setup.written / 1e6).toFixed(0)} MB written)`);
figure({ name: `setup: ${devices} boxes registered and bound over HTTP (2 staff requests each)`, value: setup.wall, unit: 's' });

// 2. The paced schedule: when each box shows the alert and when its person confirms (ms after publication).
let seed = 18;
const random = () => {  // mulberry32: the same schedule every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const W = windowS * 1000;
const schedule = boxes.map(() => {
  const shown = random() * (W / 6);
  return { shown, confirmed: shown + W / 20 + random() * (W * 3 / 4 - W / 20) };
});
const plannedLast = Math.max(...schedule.map((s) => s.confirmed));
// The schedule's busiest second (receipts planned in it): a server slower than this queues them.
const perSecond = new Map();
for (const plan of schedule) for (const t of [plan.shown, plan.confirmed]) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) || 0) + 1);
const peak = Math.max(...perSecond.values());

// Runs the schedule: `requestFor(i, state)` gives the request; a box sends "confirmed" only after its
// "shown" was answered (in order, as a box's queue does). Returns every answer with its box and state.
async function runSchedule(requestFor) {
  const t0 = performance.now();
  const answers = [];
  let lateMax = 0, held = 0;  // the client's own timer lateness; confirmations held behind their "shown"
  await Promise.all(schedule.map(async (plan, i) => {
    for (const state of ['shown', 'confirmed']) {
      const due = t0 + plan[state];
      const wait = due - performance.now();
      if (wait > 0) {
        await sleep(wait);
        lateMax = Math.max(lateMax, performance.now() - due);
      } else if (state === 'confirmed') held++;
      const res = await send({ ...requestFor(i, state), localAddress: boxes[i].address });
      answers.push({ ...res, box: i, state, at: res.ended - t0 });
    }
  }));
  return { t0, answers, lateMax, held, wall: (performance.now() - t0) / 1000 };
}

async function publishSevere(headline) {
  const res = await staffCall('POST', '/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红',
    info: [{ category: ['Met'], event: '暴雨', headline, instruction: '请留在家中，不要外出' }] });
  return res.json.id;
}
const reachOf = async (alert) => staffCall('GET', `/api/v1/staff/alerts/${alert}/reach`);
const receipt = (alert, i, state) => ({ method: 'POST', path: `/api/v1/alerts/${alert}/receipts`, token: boxes[i].token,
  body: { state } });
const accepted = (a) => a.status === 200 && a.json?.alert_id !== undefined && (a.state !== 'confirmed' || a.json.household_confirmed === true);
function describeFailures(answers) {
  const kinds = new Map();
  for (const a of answers.filter((x) => !accepted(x))) {
    const key = a.status ? `HTTP ${a.status}` : a.error;
    kinds.set(key, (kinds.get(key) || 0) + 1);
  }
  return [...kinds].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}

// From the last accepted receipt until GET reach shows every box's household shown and confirmed.
async function reachCurrent(alert, lastAccepted) {
  for (let polls = 1; ; polls++) {
    const res = await reachOf(alert);
    const r = res.json;
    if (r.shown === devices && r.confirmed === devices && r.devices.confirmed === devices)
      return { ms: res.ended - lastAccepted, polls, reach: r };
    if (res.ended - lastAccepted > 10000) return { ms: res.ended - lastAccepted, polls, reach: r };  // never current: reported as is
    await sleep(10);
  }
}

// 3. Paced, against GET /health on the same schedule from the same addresses.
const offered = (2 * devices) / (plannedLast / 1000);
console.log(`\n## Paced: ${devices} boxes, "shown" in the first ${(W / 6000).toFixed(0)} s, "confirmed" ${(W / 20000).toFixed(0)}` +
  `-${(W * 3 / 4000).toFixed(0)} s later, the last planned at ${(plannedLast / 1000).toFixed(1)} s (on average ${offered.toFixed(0)} receipts/s, ` +
  `${peak} in the busiest second), a new connection each`);
let before = usage();
const bare = await runSchedule(() => ({ path: '/api/v1/health' }));
const bareUse = between(before, usage());
const bareOk = bare.answers.filter((a) => a.status === 200);
const bareLat = bare.answers.map((a) => a.ended - a.started);
console.log(`GET /health (baseline): ${bareOk.length} of ${bare.answers.length} answered 200, p50 ${median(bareLat).toFixed(1)} ms, ` +
  `p99 ${pct(bareLat, 99).toFixed(1)} ms, max ${Math.max(...bareLat).toFixed(0)} ms; client timers late by up to ${bare.lateMax.toFixed(0)} ms; ` +
  `server CPU ${bareUse.cpu.toFixed(1)} s`);

const first = await publishSevere('暴雨红色预警（基准测试：按节奏确认）');
{
  const r = (await reachOf(first)).json;
  if (r.targeted !== devices) throw new Error(`the alert targets ${r.targeted} households, not ${devices}`);
}
// Staff watching the reach meanwhile (the console refreshes every 15 s; here every 5 s).
const watching = { stop: false, ms: [] };
const watcher = (async () => {
  while (!watching.stop) {
    const res = await reachOf(first);
    watching.ms.push(res.ended - res.started);
    await sleep(5000);
  }
})();
const diskPaced = probeDisk();
before = usage();
let sampler = sampleThread();
const paced = await runSchedule((i, state) => receipt(first, i, state));
const pacedThread = await sampler.stop();
const pacedUse = between(before, usage());
watching.stop = true;
const ok = paced.answers.filter(accepted);
const lastAccepted = paced.t0 + Math.max(...ok.map((a) => a.at));
const pacedCurrent = await reachCurrent(first, lastAccepted);
await watcher;
const lat = paced.answers.map((a) => a.ended - a.started);
const confirmedAt = ok.filter((a) => a.state === 'confirmed').map((a) => a.at);
const lastConfirmation = Math.max(0, ...confirmedAt) / 1000;  // of those accepted; the rest are counted as lost
const missingFromReach = devices - pacedCurrent.reach.confirmed;
const pacedLost = paced.answers.length - ok.length + Math.max(0, missingFromReach);
const pacedRate = ok.length / (Math.max(...ok.map((a) => a.at)) / 1000);
console.log(`receipts: ${ok.length} of ${paced.answers.length} accepted (failures: ${describeFailures(paced.answers)}), ` +
  `p50 ${median(lat).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(0)} ms; ` +
  `client timers late by up to ${paced.lateMax.toFixed(0)} ms; ${paced.held} confirmation(s) sent after their moment, ` +
  `the box's "shown" still unanswered`);
{
  const connect = paced.answers.map((a) => (a.connected ?? a.started) - a.started);
  const bareConnect = bare.answers.map((a) => (a.connected ?? a.started) - a.started);
  console.log(`of which TCP connect: p50 ${median(connect).toFixed(1)} ms, p99 ${pct(connect, 99).toFixed(1)} ms, max ${Math.max(...connect).toFixed(0)} ms ` +
    `(GET /health on the same schedule: p99 ${pct(bareConnect, 99).toFixed(1)} ms, max ${Math.max(...bareConnect).toFixed(0)} ms)`);
}
console.log(`last confirmation accepted ${lastConfirmation.toFixed(1)} s after publication (planned ${(plannedLast / 1000).toFixed(1)} s); ` +
  `${pacedRate.toFixed(0)} receipts/s accepted on average`);
console.log(`reach: ${JSON.stringify({ ...pacedCurrent.reach, by_minute: pacedCurrent.reach.by_minute.map((m) => `${m.minute}:${m.shown}/${m.confirmed}`) })}`);
console.log(`reach current ${pacedCurrent.ms.toFixed(1)} ms after the last accepted receipt (${pacedCurrent.polls} poll(s)); ` +
  `the staff's reach reads during the run took p50 ${median(watching.ms).toFixed(1)} ms, max ${Math.max(...watching.ms).toFixed(1)} ms`);
console.log(`server: CPU ${pacedUse.cpu.toFixed(1)} s in ${pacedUse.wall.toFixed(1)} s (${(pacedUse.cpu * 1000 / paced.answers.length).toFixed(2)} ms a receipt; ` +
  `GET /health on the same schedule: ${(bareUse.cpu * 1000 / bare.answers.length).toFixed(2)} ms a request), ` +
  `${(pacedUse.written / 1e6).toFixed(0)} MB written (${(pacedUse.written / paced.answers.length / 1024).toFixed(1)} KB a receipt), ` +
  `${pacedUse.switches} voluntary context switches`);
console.log(`server's I/O thread: ${shares(pacedThread)}`);

const bareRate = bareOk.length / (Math.max(...bareOk.map((a) => a.at)) / 1000);
figure({ name: `paced: ${devices} boxes, last confirmation accepted, after publication`, value: lastConfirmation, unit: 's',
  baseline: { name: 'the schedule\'s last confirmation', value: plannedLast / 1000 }, goal: { at_most: windowS } });
figure({ name: `paced: receipts lost (refused, failed or missing from the reach) of ${2 * devices}`, value: pacedLost, unit: '', goal: { at_most: 0 } });
figure({ name: 'paced: households confirmed in the final reach', value: pacedCurrent.reach.confirmed, unit: '',
  baseline: { name: 'households targeted', value: pacedCurrent.reach.targeted }, goal: { at_least: devices } });
figure({ name: `paced: receipts accepted per second (on average; offered ${Math.round(offered)}/s)`, value: pacedRate, unit: '/s',
  baseline: { name: 'GET /health, same schedule', value: bareRate } });
figure({ name: 'paced: receipt latency p50, new connection each', value: median(lat), unit: 'ms',
  baseline: { name: 'GET /health, same schedule', value: median(bareLat) } });
// Goal: within the second, the one issue 3 set for an alert to reach a screen; a receipt is what
// tells a household's other screens to stop interrupting.
figure({ name: 'paced: receipt latency p99, new connection each', value: pct(lat, 99), unit: 'ms',
  baseline: { name: 'GET /health, same schedule', value: pct(bareLat, 99) }, goal: { at_most: 1000 } });

// 4. The ceiling: as fast as possible, IN_FLIGHT at a time on kept-alive connections.
console.log(`\n## Ceiling: ${inFlight} requests in flight on kept-alive connections from 127.0.0.1`);
async function saturate(requestFor) {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const answers = [];
  const t0 = performance.now();
  await pool(inFlight, devices, async (i) => {
    for (const state of ['shown', 'confirmed']) {
      const res = await send({ ...requestFor(i, state), agent });
      answers.push({ ...res, box: i, state, at: res.ended - t0 });
    }
  });
  const wall = (performance.now() - t0) / 1000;
  agent.destroy();
  return { t0, answers, wall };
}
before = usage();
const bareMax = await saturate(() => ({ path: '/api/v1/health' }));
const bareMaxUse = between(before, usage());
const bareMaxLat = bareMax.answers.map((a) => a.ended - a.started);
const bareMaxRate = bareMax.answers.filter((a) => a.status === 200).length / bareMax.wall;
console.log(`GET /health (baseline): ${bareMaxRate.toFixed(0)} req/s, p50 ${median(bareMaxLat).toFixed(2)} ms, p99 ${pct(bareMaxLat, 99).toFixed(2)} ms; ` +
  `server CPU ${(bareMaxUse.cpu * 1000 / bareMax.answers.length).toFixed(3)} ms a request`);

const second = await publishSevere('暴雨红色预警（基准测试：尽快确认）');
const diskFast = probeDisk();
before = usage();
sampler = sampleThread();
const fast = await saturate((i, state) => receipt(second, i, state));
const fastThread = await sampler.stop();
const fastUse = between(before, usage());
const fastOk = fast.answers.filter(accepted);
const fastCurrent = await reachCurrent(second, fast.t0 + Math.max(...fastOk.map((a) => a.at)));
const fastLat = fast.answers.map((a) => a.ended - a.started);
const fastRate = fastOk.length / fast.wall;
const fastLost = fast.answers.length - fastOk.length + Math.max(0, devices - fastCurrent.reach.confirmed);
console.log(`receipts: ${fastOk.length} of ${fast.answers.length} accepted in ${fast.wall.toFixed(1)} s (failures: ${describeFailures(fast.answers)}): ` +
  `${fastRate.toFixed(0)} receipts/s, p50 ${median(fastLat).toFixed(1)} ms, p99 ${pct(fastLat, 99).toFixed(1)} ms, max ${Math.max(...fastLat).toFixed(0)} ms`);
console.log(`reach current ${fastCurrent.ms.toFixed(1)} ms after the last accepted receipt (${fastCurrent.polls} poll(s)); ` +
  `confirmed ${fastCurrent.reach.confirmed} of ${fastCurrent.reach.targeted}`);
console.log(`server: CPU ${fastUse.cpu.toFixed(1)} s in ${fastUse.wall.toFixed(1)} s (${(100 * fastUse.cpu / fastUse.wall).toFixed(0)} % of a core; ` +
  `${(fastUse.cpu * 1000 / fast.answers.length).toFixed(2)} ms a receipt), ${(fastUse.written / 1e6).toFixed(0)} MB written ` +
  `(${(fastUse.written / fast.answers.length / 1024).toFixed(1)} KB a receipt), ${fastUse.switches} voluntary context switches ` +
  `(${(fastUse.switches / fast.answers.length).toFixed(1)} a receipt)`);
console.log(`server's I/O thread: ${shares(fastThread)}`);

// Goal: the paced schedule's busiest second (the "shown" of the first sixth of the window and the
// first confirmations), not its average: below it, receipts queue and the paced p99 grows by seconds.
figure({ name: `${inFlight} in flight: receipts accepted per second`, value: fastRate, unit: '/s',
  baseline: { name: `GET /health, ${inFlight} in flight`, value: bareMaxRate }, goal: { at_least: peak } });
figure({ name: `${inFlight} in flight: receipt latency p50`, value: median(fastLat), unit: 'ms',
  baseline: { name: `GET /health, ${inFlight} in flight`, value: median(bareMaxLat) } });
figure({ name: `${inFlight} in flight: receipt latency p99`, value: pct(fastLat, 99), unit: 'ms',
  baseline: { name: `GET /health, ${inFlight} in flight`, value: pct(bareMaxLat, 99) } });
figure({ name: `${inFlight} in flight: receipts lost of ${2 * devices}`, value: fastLost, unit: '', goal: { at_most: 0 } });
figure({ name: `${inFlight} in flight: server CPU per receipt`, value: (fastUse.cpu * 1000) / fast.answers.length, unit: 'ms',
  baseline: { name: 'per GET /health', value: (bareMaxUse.cpu * 1000) / bareMax.answers.length } });
figure({ name: `${inFlight} in flight: share of the server's I/O thread waiting for the disk`, value: 100 * fastThread.disk, unit: '%' });
figure({ name: 'the database\'s disk: 4 KB write + fdatasync, p50 of 200, the slower of the probes before the two runs',
  value: Math.max(diskPaced, diskFast), unit: 'ms' });

// 5. The reach's own cost, against one bare request: both alone, sequential, kept alive.
const single = async (path) => {
  const ms = [];
  for (let i = 0; i < 21; i++) { const r = await send({ path, token: staff, agent: staffAgent }); ms.push(r.ended - r.started); }
  return median(ms);
};
const healthOne = await single('/api/v1/health');
const reachOne = await single(`/api/v1/staff/alerts/${first}/reach`);
console.log(`\nGET reach of ${devices} households alone: median ${reachOne.toFixed(2)} ms; GET /health alone ${healthOne.toFixed(2)} ms`);
// Goal: within the second (the console itself refreshes every 15 s).
for (const [label, c] of [['paced', pacedCurrent], [`${inFlight} in flight`, fastCurrent]])
  figure({ name: `${label}: reach current after the last accepted receipt`, value: c.ms, unit: 'ms',
    baseline: { name: 'GET /health alone, median', value: healthOne }, goal: { at_most: 1000 } });
figure({ name: `GET reach of ${devices} households, median of 21`, value: reachOne, unit: 'ms',
  baseline: { name: 'GET /health alone, median', value: healthOne } });

saveFigures(storeKind === 'postgresql' ? 'alert_reach_postgresql' : 'alert_reach');
staffAgent.destroy();
await server.stop();
