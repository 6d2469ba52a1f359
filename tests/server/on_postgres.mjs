// Runs one server test on PostgreSQL (issue 19: the same API tests against both stores): starts a
// throwaway cluster, runs the test with ELDER_TEST_POSTGRES naming it (server_process.mjs turns
// every `--db FILE` into a database there), and tears the cluster down, whatever the test did.
//   node tests/server/on_postgres.mjs TEST.mjs ARGS...
import { spawn } from 'node:child_process';
import { startCluster } from './pg_cluster.mjs';

const [test, ...args] = process.argv.slice(2);
const cluster = await startCluster();
let code = 1;
try {
  const child = spawn(process.execPath, [test, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ELDER_TEST_POSTGRES: cluster.url, ELDER_TEST_PSQL: cluster.psqlPath },
  });
  code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} finally {
  if (code !== 0) {
    const log = cluster.log().split('\n').filter((l) => /ERROR|FATAL|PANIC/.test(l)).slice(-30);
    if (log.length) console.error('PostgreSQL said:\n' + log.join('\n'));
  }
  cluster.stop();
}
process.exit(code);
