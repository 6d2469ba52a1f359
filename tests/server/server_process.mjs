// Starts the reference server as a real process on 127.0.0.1 (a free port, or a fixed one) and stops it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';

// The same API tests run on both stores (issue 19). Under tests/server/on_postgres.mjs the
// environment names a throwaway PostgreSQL cluster, and every `--db FILE` becomes a database of
// its own in it, made on first use; otherwise `--db FILE` is an SQLite file, as an operator uses it.
const POSTGRES = process.env.ELDER_TEST_POSTGRES || '';
export const storeKind = POSTGRES ? 'postgresql' : 'sqlite';
const made = new Set();

function psql(database, statement) {
  const url = new URL(POSTGRES);
  return spawnSync(process.env.ELDER_TEST_PSQL || 'psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', url.hostname,
    '-p', url.port, '-U', url.username, '-d', database, '-c', statement], { encoding: 'utf8' });
}

// `--db FILE` -> the store the tests run on. A file's database is named after its path, so two
// servers given one file share one database, as they would share the file.
export function storeLocation(file) {
  if (!POSTGRES) return file;
  const name = 'db_' + createHash('sha256').update(file).digest('hex').slice(0, 16);
  if (!made.has(name)) {
    const exists = psql('postgres', `SELECT 1 FROM pg_database WHERE datname = '${name}'`);
    if (exists.status !== 0) throw new Error(`PostgreSQL for the tests: ${exists.stderr}`);
    if (exists.stdout.trim() !== '1') {
      const created = psql('postgres', `CREATE DATABASE ${name}`);
      if (created.status !== 0) throw new Error(`PostgreSQL for the tests: CREATE DATABASE: ${created.stderr}`);
    }
    made.add(name);
  }
  const url = new URL(POSTGRES);
  url.pathname = '/' + name;
  return url.toString();
}

export function storeArgs(args) {
  return args.map((a, i) => (i > 0 && args[i - 1] === '--db' ? storeLocation(a) : a));
}

// Runs SQL straight on the store behind `--db FILE`, as an operator's shell would: {status, stdout, stderr}.
export function storeSql(file, statement) {
  if (!POSTGRES) return spawnSync('sqlite3', [file, statement], { encoding: 'utf8' });
  storeLocation(file);
  return psql(new URL(storeLocation(file)).pathname.slice(1), statement);
}

// Statements that say the same on both stores.
export const setSchemaVersionSql = (n) => (POSTGRES ? `UPDATE schema_version SET version = ${n};` : `PRAGMA user_version = ${n};`);

export const STAFF_PASSWORD = 'test-password-0123';
export const ALL_ROLES = 'dispatcher,caseworker,editor,approver,admin';

// Creates a staff account the way an operator does (`--add-staff`, password on standard input).
// `args`: the server's --config / --db arguments, so that the account lands in the same database.
export function addStaff(binary, args, { name, roles = ALL_ROLES, display = name, password = STAFF_PASSWORD }) {
  const serverArgs = storeArgs(args.filter((a, i) => ['--config', '--db'].includes(a) || ['--config', '--db'].includes(args[i - 1])));
  const run = spawnSync(binary, [...serverArgs, '--add-staff', name, '--role', roles, '--display-name', display],
    { input: password + '\n', encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`--add-staff ${name} failed (${run.status}): ${run.stderr}`);
}

// Signs a staff member in for the API (a bearer session, as a community's own platform would).
export async function staffToken(url, name, password = STAFF_PASSWORD) {
  const res = await fetch(url + '/api/v1/staff/sessions', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password, kind: 'bearer' }),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`staff sign-in as ${name}: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

// A port free on 127.0.0.1 now, for a server that must come back on the same one (a browser's
// caches and service workers belong to an origin, port included).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// `prefix`: a command that runs the server, e.g. ['prlimit', '--nofile=1024:1024', '--'].
// `staff`: also create account "tester" with every role and sign it in (`server.staffToken`), and
// "reviewer", an approver (`server.reviewerToken`): what tester writes, reviewer may publish.
// `port`: listen there (default 0: any free port); a port in use fails the start, saying so.
export async function startServer(binary, args, { prefix = [], staff = false, port: fixedPort = 0 } = {}) {
  if (staff) {
    addStaff(binary, args, { name: 'tester', display: '测试员' });
    addStaff(binary, args, { name: 'reviewer', roles: 'approver', display: '审核员' });
  }
  const command = [...prefix, binary, '--port', String(fixedPort), ...storeArgs(args)];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  process.on('exit', () => child.kill('SIGKILL'));  // a test that fails half-way leaves no server behind
  const log = [];
  const port = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 10 s${fixedPort ? ` (port ${fixedPort} in use?)` : ''}:\n` + log.join('\n'))), 10000);
    child.stderr.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        log.push(line);
        try {
          const event = JSON.parse(line);
          if (event.msg === 'listening') {
            clearTimeout(timer);
            // A test meant for PostgreSQL that ran on a file would pass for the wrong store.
            if (POSTGRES && !String(event.db).startsWith('postgresql://')) reject(new Error(`server runs on ${event.db}, not PostgreSQL`));
            else resolve(event.port);
          }
        } catch { /* not JSON: keep it in the log */ }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}${fixedPort ? ` (port ${fixedPort} in use?)` : ''}:\n${log.join('\n')}`));
    });
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    staffToken: staff ? await staffToken(url, 'tester') : undefined,
    reviewerToken: staff ? await staffToken(url, 'reviewer') : undefined,
    log,
    pid: child.pid,  // the server's own when there is no prefix
    exited,  // resolves with { code, signal } when the process ends, for whatever reason
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}
