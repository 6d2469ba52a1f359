// Issue 19's figures: the policy list (200 and 304) with one and three replicas on PostgreSQL
// against one replica on SQLite, each against /health on the same setup; then alert streams held
// across three replicas behind HAProxy against the same number on one replica: publish -> received
// (p50, p99) and misses. Everything runs on this machine: its cores are shared by wrk, HAProxy,
// PostgreSQL and the replicas, which the figures say.
// Last, alert receipts from bound boxes through one replica and through three (writes side by side).
//   node tests/bench/replicas_bench.mjs [STREAM_CLIENTS=6000] [WRK_SECONDS=8] [BOXES=2000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { startHaproxy } from '../server/haproxy.mjs';
import { startCluster } from '../server/pg_cluster.mjs';
import { startServer } from '../server/server_process.mjs';
import { figure, saveFigures } from './figures.mjs';
import { openStreams } from './raw_streams.mjs';

const clients = Number(process.argv[2] || 6000);
const seconds = Number(process.argv[3] || 8);
const boxes = Number(process.argv[4] || 2000);
const root = new URL('../..', import.meta.url).pathname;
const binary = join(root, 'build/native/bin/elder-server');
const demo = ['--demo', '--demo-dir', join(root, 'assets/demo')];
const dir = mkdtempSync(join(tmpdir(), 'elder-bench-replicas-'));
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ trusted_proxies: ['127.0.0.1'], connections_per_address: 100000, streams_per_address: 100000 }));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function wrk(url) {
  return (path, headers = []) => {
    const out = execFileSync('wrk', ['-t2', '-c50', `-d${seconds}s`, ...headers.flatMap((h) => ['-H', h]), url + path], { encoding: 'utf8' });
    const non = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] || 0);
    if (non) throw new Error(`${url}${path}: ${non} answers were not 2xx or 3xx`);
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
  };
}

const cluster = await startCluster();
cluster.psql('CREATE DATABASE one');
const servers = [];
let lb;
try {
  const sqlite = await startServer(binary, ['--config', config, '--db', join(dir, 'bench.db'), ...demo, '--quiet'], { staff: true });
  const pgUrl = (db) => cluster.url.replace(/\/elder$/, '/' + db);
  const pgOne = await startServer(binary, ['--config', config, '--db', pgUrl('one'), ...demo, '--quiet'], { staff: true });
  const pgThree = [await startServer(binary, ['--config', config, '--db', cluster.url, ...demo, '--quiet'], { staff: true })];
  pgThree.push(await startServer(binary, ['--config', config, '--db', cluster.url, '--quiet']));
  pgThree.push(await startServer(binary, ['--config', config, '--db', cluster.url, '--quiet']));
  servers.push(sqlite, pgOne, ...pgThree);
  lb = await startHaproxy(pgThree.map((s) => s.url));

  console.log(`## Policy list on loopback: wrk, 2 threads, 50 connections, ${seconds} s each; ${cpus().length} cores shared by all`);
  const list = '/api/v1/policies?limit=20';
  const results = {};
  for (const [name, url] of [['SQLite, 1 replica', sqlite.url], ['PostgreSQL, 1 replica', pgOne.url], ['PostgreSQL, 3 replicas behind HAProxy', lb.url]]) {
    const etag = (await client(url).get(list)).headers.get('etag');
    const run = wrk(url);
    const r = { health: run('/api/v1/health'), ok: run(list), notModified: run(list, [`If-None-Match: ${etag}`]) };
    results[name] = r;
    console.log(`${name}: /health ${r.health.toFixed(0)}, 200 ${r.ok.toFixed(0)} (${(r.ok / r.health).toFixed(2)}x), 304 ${r.notModified.toFixed(0)} (${(r.notModified / r.health).toFixed(2)}x) req/s`);
  }
  const base = results['SQLite, 1 replica'];
  for (const [name, r] of Object.entries(results)) {
    figure({ name: `policies 200, ${name} (goal: 0.3x its /health)`, value: r.ok, unit: 'req/s',
      baseline: { name: `GET /health, ${name}`, value: r.health }, goal: { at_least: Math.round(0.3 * r.health) } });
    figure({ name: `policies 304, ${name}`, value: r.notModified, unit: 'req/s', baseline: { name: 'policies 304, SQLite, 1 replica', value: base.notModified } });
    if (r !== base) figure({ name: `policies 200, ${name}, against SQLite`, value: r.ok, unit: 'req/s', baseline: { name: 'policies 200, SQLite, 1 replica', value: base.ok } });
  }

  async function deliver(streams, via, label) {
    const identifier = `bench-${label.replace(/[^A-Za-z0-9]+/g, "-")}-${Date.now()}`;
    const sent = performance.now();
    const res = await client(via.url).post('/api/v1/staff/alerts', { identifier, msgType: 'Alert', colour_level: '黄',
      info: [{ category: ['Other'], event: '压力测试', headline: '压力测试' }] }, { token: via.staffToken });
    if (res.status !== 201) throw new Error('publish failed: ' + res.status);
    const deadline = Date.now() + 30000;
    while (streams.some((s) => !s.received.has(identifier)) && Date.now() < deadline) await sleep(5);
    const latencies = streams.map((s) => (s.received.has(identifier) ? s.received.get(identifier) - sent : Infinity));
    return { p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), missed: latencies.filter((x) => x === Infinity).length };
  }
  async function streamRun(label, via, where) {
    const streams = await openStreams(clients, where);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await deliver(streams, via, label + i));
    for (const s of streams) s.socket.destroy();
    await sleep(1000);
    const p50 = pct(runs.map((r) => r.p50), 0.5);
    const p99 = Math.max(...runs.map((r) => r.p99));
    const missed = runs.reduce((n, r) => n + r.missed, 0);
    console.log(`${label}: ${clients} streams, p50 ${p50.toFixed(0)} ms, worst p99 ${p99.toFixed(0)} ms, missed ${missed} (5 publishes)`);
    return { p50, p99, missed };
  }
  console.log(`\n## Alert streams: ${clients} idle clients, publish through replica A -> received by all`);
  const single = await streamRun('PostgreSQL, 1 replica', pgOne, [pgOne.url]);
  const spread = await streamRun('PostgreSQL, 3 replicas through HAProxy', pgThree[0], [lb.url]);
  figure({ name: `alert to ${clients} streams over 3 replicas behind HAProxy, median p50`, value: spread.p50, unit: 'ms',
    baseline: { name: `${clients} streams on 1 replica`, value: single.p50 } });
  figure({ name: `alert to ${clients} streams over 3 replicas behind HAProxy, worst p99 of 5`, value: spread.p99, unit: 'ms',
    baseline: { name: `${clients} streams on 1 replica`, value: single.p99 }, goal: { at_most: 1000 } });
  figure({ name: `alerts missed by ${clients} streams over 3 replicas (5 publishes)`, value: spread.missed, unit: '', goal: { at_most: 0 } });
  figure({ name: `alerts missed by ${clients} streams on 1 replica (5 publishes)`, value: single.missed, unit: '', goal: { at_most: 0 } });
  // Writes across replicas: a severe alert's receipts ("shown", then "confirmed": the household's
  // first confirmation writes an event under the write lock) from bound boxes, 64 in flight,
  // through one replica and then through HAProxy over three, on the same database.
  console.log(`\n## Alert receipts: ${boxes} bound boxes, "shown" then "confirmed", 64 in flight`);
  const staffA = client(pgThree[0].url);
  const made = [];
  for (let i = 0; i < boxes; i += 16) {
    made.push(...await Promise.all(Array.from({ length: Math.min(16, boxes - i) }, async (_, k) => {
      const box = (await staffA.post('/api/v1/devices', { kind: 'stb', serial: `REPLICA-BENCH-${i + k}` }, { token: pgThree[0].staffToken })).json;
      const bound = await staffA.call('PUT', `/api/v1/staff/devices/${box.id}/household`,
        { body: { household_name: `基准住户 ${i + k}`, phone: '139' + String(i + k).padStart(8, '0') }, token: pgThree[0].staffToken });
      if (bound.status !== 200) throw new Error('binding a box: ' + bound.status);
      return box.token;
    })));
  }
  async function receipts(url, label) {
    const alert = await staffA.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红',
      info: [{ category: ['Met'], event: '暴雨', headline: `暴雨红色预警（${label}）` }] }, { token: pgThree[0].staffToken });
    if (alert.status !== 201) throw new Error('publish: ' + alert.status);
    const api = client(url);
    let next = 0;
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 64 }, async () => {
      for (let i = next++; i < made.length; i = next++)
        for (const state of ['shown', 'confirmed'])
          if ((await api.post(`/api/v1/alerts/${alert.json.id}/receipts`, { state }, { token: made[i] })).status !== 200) failed++;
    }));
    const rate = (2 * made.length) / ((performance.now() - t0) / 1000);
    console.log(`${label}: ${rate.toFixed(0)} receipts/s, ${failed} failed`);
    return { rate, failed };
  }
  const oneReplica = await receipts(pgThree[0].url, 'one replica');
  const threeReplicas = await receipts(lb.url, 'three replicas through HAProxy');
  figure({ name: 'alert receipts per second, 3 replicas behind HAProxy on PostgreSQL', value: threeReplicas.rate, unit: '/s',
    baseline: { name: '1 replica of the same, same database', value: oneReplica.rate } });
  figure({ name: 'alert receipts refused or failed, 1 and 3 replicas', value: oneReplica.failed + threeReplicas.failed, unit: '', goal: { at_most: 0 } });
  saveFigures('replicas_bench');
} finally {
  lb?.stop();
  for (const s of servers) await s.stop('SIGKILL').catch(() => {});
  cluster.stop();
}
