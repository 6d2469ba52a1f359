// Server benchmark: wrk on loopback for the policy list (200 and 304) against /health as the
// baseline, then N idle alert-stream clients: publish -> received by every client (p50, p99),
// against a single client as the baseline, and the server's memory.
//   node tests/bench/server_bench.mjs [STREAM_CLIENTS=5000] [WRK_SECONDS=10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { startServer } from '../server/server_process.mjs';
import { figure, saveFigures } from './figures.mjs';
import { openStreams } from './raw_streams.mjs';

const clients = Number(process.argv[2] || 5000);
const seconds = Number(process.argv[3] || 10);
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'elder-bench-'));
// The stream clients stand for thousands of boxes; here they all come from 127.0.0.1.
writeFileSync(join(dir, 'config.json'), JSON.stringify({ connections_per_address: 100000, streams_per_address: 100000 }));
const server = await startServer(join(root, 'build/native/bin/elder-server'),
  ['--config', join(dir, 'config.json'), '--db', join(dir, 'bench.db'), '--demo', '--demo-dir', join(root, 'assets/demo'), '--quiet'],
  { staff: true });
const api = client(server.url);
const pid = Number(execFileSync('pgrep', ['-n', '-f', join(dir, 'bench.db')], { encoding: 'utf8' }).trim());
const rss = () => { const s = readFileSync(`/proc/${pid}/status`, 'utf8'); return Number(/VmRSS:\s+(\d+)/.exec(s)[1]) / 1024; };
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

function wrk(path, headers = []) {
  const args = ['-t2', '-c50', `-d${seconds}s`, '--latency', ...headers.flatMap((h) => ['-H', h]), server.url + path];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u]);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]), p99: unit(p99[1], p99[2]), non2xx: /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] || 0 };
}

console.log(`## HTTP on loopback: wrk, 2 threads, 50 connections, ${seconds} s each (server: 1 I/O thread)`);
const list = '/api/v1/policies?limit=20';
const etag = (await api.get(list)).headers.get('etag');
const check = await api.get(list, { headers: { 'If-None-Match': etag } });
if (check.status !== 304) throw new Error('expected 304 for the ETag, got ' + check.status);
const health = wrk('/api/v1/health');
const ok = wrk(list);
const notModified = wrk(list, [`If-None-Match: ${etag}`]);
for (const [name, r] of [['GET /health (baseline)', health], ['GET policies, 200', ok], ['GET policies, 304', notModified]])
  console.log(`${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(2)} ms` + (r.non2xx ? `, ${r.non2xx} non-2xx/3xx` : ''));
console.log(`ratios to baseline: 200 ${(ok.rps / health.rps).toFixed(2)}x, 304 ${(notModified.rps / health.rps).toFixed(2)}x`);
const healthBase = { name: 'GET /health', value: health.rps };
// Issue 19: a list's 200 is built once per change, so it runs at 0.3x of /health or better.
figure({ name: 'GET policies?limit=20, 200 (goal: 0.3x /health)', value: ok.rps, unit: 'req/s', baseline: healthBase,
  goal: { at_least: Math.round(0.3 * health.rps) } });
figure({ name: 'GET policies?limit=20, 304', value: notModified.rps, unit: 'req/s', baseline: healthBase, goal: { at_least: 5000 } });

async function deliver(streams, label) {
  const identifier = `bench-${label}-${Date.now()}`;
  const sent = performance.now();
  const res = await api.post('/api/v1/staff/alerts', { identifier, msgType: 'Alert', colour_level: '黄',
    info: [{ category: ['Other'], event: '压力测试', headline: '压力测试' }] }, { token: server.staffToken });
  if (res.status !== 201) throw new Error('publish failed: ' + res.status);
  const deadline = Date.now() + 30000;
  while (streams.some((s) => !s.received.has(identifier)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const latencies = streams.map((s) => (s.received.has(identifier) ? s.received.get(identifier) - sent : Infinity));
  return { p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), max: Math.max(...latencies), missed: latencies.filter((x) => x === Infinity).length };
}

console.log(`\n## Alert stream: publish -> received by every client`);
const rssBefore = rss();
const one = await openStreams(1, [server.url]);
const base = [];
for (let i = 0; i < 5; i++) base.push((await deliver(one, 'one' + i)).p50);
console.log(`1 client (baseline): median ${pct(base, 0.5).toFixed(1)} ms over 5 publishes`);
const t0 = performance.now();
const many = await openStreams(clients, [server.url]);
const rssWith = rss();
console.log(`${clients} clients connected in ${((performance.now() - t0) / 1000).toFixed(1)} s; server RSS ${rssBefore.toFixed(1)} MB before, ${rssWith.toFixed(1)} MB with them`);
figure({ name: `server RSS with ${clients} idle streams`, value: rssWith, unit: 'MB', baseline: { name: 'the same server before them', value: rssBefore } });
figure({ name: 'server memory per idle stream', value: ((rssWith - rssBefore) * 1024) / clients, unit: 'KB' });
const runs = [];
for (let i = 0; i < 5; i++) runs.push(await deliver(many, 'many' + i));
for (const [i, r] of runs.entries())
  console.log(`publish ${i + 1}: p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, missed ${r.missed}`);
const worstP99 = Math.max(...runs.map((r) => r.p99));
console.log(`worst p99 ${worstP99.toFixed(0)} ms (goal <= 1000 ms); ratio to 1 client ${(pct(runs.map((r) => r.p50), 0.5) / pct(base, 0.5)).toFixed(1)}x at p50`);
figure({ name: `alert to ${clients} streams, worst p99 of 5 publishes`, value: worstP99, unit: 'ms',
  baseline: { name: '1 stream, median', value: pct(base, 0.5) }, goal: { at_most: 1000 } });
figure({ name: `alerts missed by ${clients} streams`, value: runs.reduce((n, r) => n + r.missed, 0), unit: '', goal: { at_most: 0 } });
saveFigures('server_bench');
for (const s of [...one, ...many]) s.socket.destroy();
await server.stop();
