// Hostile load (issue 12): /api/v1/health latency on one descriptor-limited server process
// (ulimit -n 1024) while 2,000 slow-header sockets, 1,000 idle alert streams and a flood of bad
// requests (wrk, from another process) are held against it, against the same probe on the idle
// server as the baseline. Attackers come from 80 loopback addresses (127.0.1.x), the probe from
// 127.0.0.1 on a new connection per request, as a load balancer's health check does.
//   node tests/bench/hostile_load.mjs [PROBES=2000] [SLOW=2000] [STREAMS=1000]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/server_process.mjs';
import { figure, saveFigures } from './figures.mjs';

const probes = Number(process.argv[2] || 2000);
const slowCount = Number(process.argv[3] || 2000);
const streamCount = Number(process.argv[4] || 1000);
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'elder-hostile-'));
const server = await startServer(join(root, 'build/native/bin/elder-server'),
  ['--db', join(dir, 'h.db'), '--demo', '--demo-dir', join(root, 'assets/demo'), '--quiet'],
  { prefix: ['prlimit', '--nofile=1024:1024', '--'] });
const started = JSON.parse(server.log.find((l) => l.includes('"listening"')));
const { port } = new URL(server.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${started.pid}/status`, 'utf8'))[1]) / 1024;
const attacker = (i) => `127.0.1.${1 + (i % 80)}`;

// One health check on a new connection: milliseconds from connect to the whole answer, or null.
function probe() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let text = '';
    const s = connect({ host: '127.0.0.1', port: Number(port) }, () =>
      s.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    const timer = setTimeout(() => { s.destroy(); resolve(null); }, 10000);
    s.setEncoding('latin1');
    s.on('data', (d) => { text += d; });
    s.on('close', () => { clearTimeout(timer); resolve(text.startsWith('HTTP/1.1 200') ? performance.now() - t0 : null); });
    s.on('error', () => {});
  });
}
async function measure(label) {
  const times = [];
  let failed = 0;
  for (let i = 0; i < probes; i++) {
    const t = await probe();
    if (t === null) failed++; else times.push(t);
  }
  const r = { p50: pct(times, 0.5), p99: pct(times, 0.99), max: Math.max(...times), failed };
  console.log(`${label}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms, failed ${failed} of ${probes}`);
  return r;
}
function hold(localAddress, bytes) {
  const h = { closed: false, status: 0 };
  h.socket = connect({ host: '127.0.0.1', port: Number(port), localAddress }, () => h.socket.write(bytes));
  h.socket.on('data', (d) => { if (!h.status) h.status = Number(d.toString('latin1').split(' ')[1]); });
  h.socket.on('close', () => { h.closed = true; });
  h.socket.on('error', () => {});
  return h;
}

console.log(`## /health under hostile load: one server process, ulimit -n 1024 (max_connections ${started.max_connections}, max_streams ${started.max_streams})`);
const rssIdle = rss();
const baseline = await measure(`idle server (baseline), ${probes} probes`);

const slow = Array.from({ length: slowCount }, (_, i) => hold(attacker(i), 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: '));
await sleep(1500);
const slowHeld = slow.filter((h) => !h.closed).length;
const streams = Array.from({ length: streamCount }, (_, i) => hold(attacker(i + 7), 'GET /api/v1/alerts/stream HTTP/1.1\r\nHost: x\r\n\r\n'));
await sleep(2000);
const luaPath = join(dir, 'bad.lua');
writeFileSync(luaPath, [
  'local bad = { "GET /\\255 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n", "GET /api/v1/alerts?limit=%FF HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n",',
  '  "POST /api/v1/auth/otp HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: xchunked\\r\\n\\r\\n",',
  '  "GET /api/v1/policies/%C3 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n", "GARBAGE\\r\\n\\r\\n" }',
  'local i = 0',
  'request = function() i = i + 1; return bad[(i % #bad) + 1] end',
].join('\n'));
const flood = spawn('wrk', ['-t1', '-c20', '-d600s', '-s', luaPath, server.url + '/'], { stdio: ['ignore', 'pipe', 'ignore'] });
let floodOut = '';
flood.stdout.on('data', (d) => { floodOut += d; });
await sleep(1000);
const heldSlow = slow.filter((h) => !h.closed).length;
const liveStreams = streams.filter((h) => h.status === 200 && !h.closed).length;
const refusedStreams = streams.filter((h) => h.status === 503 || h.status === 429).length;
const rssAttacked = rss();
const attacked = await measure(`${slowCount} slow-header sockets + ${streamCount} streams + bad-request flood, ${probes} probes`);
flood.kill('SIGINT');
await new Promise((r) => flood.on('exit', r));
const floodRps = /Requests\/sec:\s+([\d.]+)/.exec(floodOut)?.[1] ?? '?';
console.log(`attackers: ${slowHeld} of ${slowCount} slow sockets held by the server, ${heldSlow} once the streams and 1 s of flood came (the longest waiting are let go for new connections), ${liveStreams} streams open, ${refusedStreams} refused (429/503); ` +
  `flood ${floodRps} bad requests/s (wrk, 1 thread, 20 connections)`);
console.log(`server RSS: ${rssIdle.toFixed(1)} MB idle, ${rssAttacked.toFixed(1)} MB under attack`);
console.log(`p99 under attack ${attacked.p99.toFixed(2)} ms (goal < 100 ms), ${(attacked.p99 / baseline.p99).toFixed(1)}x the baseline; failed probes ${attacked.failed}`);
figure({ name: '/health p99 under slow sockets, streams and a bad-request flood', value: attacked.p99, unit: 'ms',
  baseline: { name: 'the idle server', value: baseline.p99 }, goal: { at_most: 100 } });
figure({ name: '/health probes failed under that load', value: attacked.failed, unit: '', goal: { at_most: 0 } });
figure({ name: 'server RSS under that load', value: rssAttacked, unit: 'MB', baseline: { name: 'the idle server', value: rssIdle } });
for (const h of [...slow, ...streams]) h.socket.destroy();
const alive = await probe();
await server.stop();
saveFigures('hostile_load');
if (alive === null) throw new Error('the server did not answer after the attack');
process.exit(attacked.p99 < 100 && attacked.failed === 0 ? 0 : 1);
