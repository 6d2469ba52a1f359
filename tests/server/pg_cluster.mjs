// A throwaway PostgreSQL cluster for the tests (issue 19): initdb in a temporary directory, the
// server on a port of its own on 127.0.0.1 and a Unix socket in that directory, torn down by stop().
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user that
// Debian's postgresql-15 package creates. A missing binary or a cluster that does not start is an
// error that says why, never a skipped test.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server_process.mjs';

const BIN = process.env.ELDER_PG_BIN || '/usr/lib/postgresql/15/bin';

function runAs() {
  if (process.getuid() !== 0) return {};
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('pg_cluster: running as root needs the postgres user (Debian package postgresql-15; scripts/setup.sh installs it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function tool(name) {
  const path = join(BIN, name);
  if (!existsSync(path)) throw new Error(`pg_cluster: ${path} is missing (Debian package postgresql-15; scripts/setup.sh installs it)`);
  return path;
}

// {url, port, dir, stop(), restart(), kill(), psql(sql)}: the database `elder`, owned by `elder`.
export async function startCluster() {
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'elder-pg-'));
  const data = join(dir, 'data');
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const run = (name, args) => {
    const r = spawnSync(tool(name), args, { ...user, cwd: dir, encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0) throw new Error(`pg_cluster: ${name} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout || r.error}`);
    return r.stdout;
  };
  // C.UTF-8: text sorts by code point, as SQLite's does (a locale's collation would reorder keys).
  run('initdb', ['-D', data, '-U', 'elder', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  start();
  const psql = (sql, db = 'elder') => execFileSync(tool('psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1',
    '-p', String(port), '-U', 'elder', '-d', db, '-c', sql], { encoding: 'utf8' }).trim();
  psql('CREATE DATABASE elder', 'postgres');
  const pidFile = join(data, 'postmaster.pid');
  return {
    url: `postgresql://elder@127.0.0.1:${port}/elder`,
    port,
    dir,
    psql,
    psqlPath: tool('psql'),
    log: () => { try { return readFileSync(join(dir, 'server.log'), 'utf8'); } catch { return ''; } },
    // A clean restart (the replicas see their connections closed and must reconnect).
    restart() { run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']); start(); },
    stopServer() { run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']); },
    startServer: start,
    stop() {
      if (existsSync(pidFile)) spawnSync(tool('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { ...user, cwd: dir });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
