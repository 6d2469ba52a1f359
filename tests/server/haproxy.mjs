// The tests' own HAProxy (Debian's haproxy) in front of several server replicas (issue 19): round
// robin, a replica is taken out when GET /api/v1/health fails (it answers 503 when it cannot reach
// the database), event streams held open for an hour. The same settings as docs/DEPLOYMENT.md.
// A missing haproxy or one that does not start is an error that says why, never a skipped test.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server_process.mjs';

const HAPROXY = process.env.ELDER_HAPROXY || '/usr/sbin/haproxy';

function config(port, backends) {
  return [
    'global',                      // no maxconn: HAProxy derives it from the descriptor limit
    '  log stderr format short local0 notice',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',        // an event stream stays open
    '  timeout http-request 10s',
    '  timeout check 5s',          // a replica busy with a burst answers its health check late, not never
    '  option redispatch',         // a request whose replica is down goes to another
    '  retries 2',
    'frontend api',
    `  bind 127.0.0.1:${port}`,
    '  option forwardfor',         // the replicas see the client's address in X-Forwarded-For
    '  unique-id-format lb-%{+X}o%ci%cp%Ts%rt%pid',  // one id per request, in every log line (X-Request-Id)
    '  unique-id-header X-Request-Id',
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /api/v1/health',
    '  http-check expect status 200',
    ...backends.map((b, i) => `  server r${i} ${b.replace(/^http:\/\//, '')} check inter 1s fall 3 rise 2`),
    '',
  ].join('\n');
}

const listening = (port) => new Promise((resolve) => {
  const s = connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
  s.on('error', () => resolve(false));
});

// {url, stop()}: HAProxy on a free port of 127.0.0.1 in front of `backends` (["http://127.0.0.1:P"]).
export async function startHaproxy(backends) {
  const check = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy: ${HAPROXY} does not run (Debian package haproxy; scripts/setup.sh installs it): ${check.error || check.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'elder-haproxy-'));
  const port = await freePort();
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config(port, backends));
  const valid = spawnSync(HAPROXY, ['-c', '-q', '-f', file], { encoding: 'utf8' });
  if (valid.status !== 0) throw new Error('haproxy: the configuration is refused: ' + valid.stderr);
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-8000); });
  for (let i = 0; i < 100 && !(await listening(port)); i++) {
    if (child.exitCode !== null) throw new Error('haproxy exited: ' + stderr);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await listening(port))) throw new Error('haproxy does not listen on ' + port + ': ' + stderr);
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => stderr,
    // Whether HAProxy sends to replica `i` now, by the last state change it logged (none: up).
    isUp(i) {
      const down = stderr.lastIndexOf(`replicas/r${i} is DOWN`);
      return down < 0 || stderr.lastIndexOf(`replicas/r${i} is UP`) > down;
    },
    stop() { child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); },
  };
}
