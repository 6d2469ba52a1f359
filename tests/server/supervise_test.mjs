// The demo's supervisor (scripts/supervise.sh, used by scripts/run.sh): a server killed with -9 is
// running and answering again within seconds; SIGTERM to the supervisor stops both for good.
//   node tests/server/supervise_test.mjs SUPERVISE_SH SERVER_BINARY DEMO_DIR
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';

const [supervise, binary, demoDir] = process.argv.slice(2);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-supervise-'));
const child = spawn(supervise, [binary, '--port', '0', '--db', join(dir, 'd.db'), '--demo', '--demo-dir', demoDir, '--quiet'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
process.on('exit', () => child.kill('SIGKILL'));
const starts = [];  // { port, pid } of each "listening" line
const waiters = [];
let buffered = '';
child.stderr.on('data', (chunk) => {
  buffered += chunk;
  for (let nl; (nl = buffered.indexOf('\n')) >= 0; buffered = buffered.slice(nl + 1)) {
    try {
      const e = JSON.parse(buffered.slice(0, nl));
      if (e.msg === 'listening') { starts.push(e); waiters.splice(0).forEach((w) => w()); }
    } catch { /* the supervisor's own line */ }
  }
});
const started = (n, ms) => new Promise((resolve, reject) => {
  const check = () => (starts.length >= n ? resolve(starts[n - 1]) : null);
  const timer = setTimeout(() => reject(new Error(`server start ${n} not seen in ${ms} ms`)), ms);
  waiters.push(() => { if (starts.length >= n) { clearTimeout(timer); resolve(starts[n - 1]); } });
  check();
});
const health = (port) => fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.status).catch(() => 0);

const first = await started(1, 15000);
checks.check(await health(first.port) === 200, 'the supervised server answers');
process.kill(first.pid, 'SIGKILL');
const t0 = Date.now();
const second = await started(2, 15000).catch(() => null);
checks.check(second !== null && second.pid !== first.pid, 'a server killed with -9 is started again', second ? `${Date.now() - t0} ms` : 'not restarted');
checks.check(second !== null && await health(second.port) === 200, 'and answers again');
const exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
child.kill('SIGTERM');
const code = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout'), 10000))]);
checks.check(code === 0, 'SIGTERM stops the supervisor', String(code));
let gone = false;
try { process.kill(second?.pid ?? first.pid, 0); } catch { gone = true; }
checks.check(gone, 'and the server with it');
// Proving that nothing happens: 2.5 s in which a supervisor still running would have restarted it.
await new Promise((r) => setTimeout(r, 2500));
checks.check(starts.length === 2, 'nothing is started again after a stop', `${starts.length} starts`);
process.exit(checks.summary());
