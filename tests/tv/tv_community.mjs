// The reference server as the TV tests need it: demo data, a signed-in staff member (account
// "tester" with every role), a port of its own (or a given one, to come back on after a restart),
// and a database that outlives the process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { startServer, staffToken } from '../server/server_process.mjs';

// `dir`: a fresh temporary folder; `port`: 0 for a free one; `quiet`: no request log.
// Started again on the same `dir`, the account made the first time signs in again.
export async function startCommunity(serverBinary, demoDir, dir, { port = 0, quiet = true, args = [] } = {}) {
  const db = join(dir, 'community.db');
  const fresh = !existsSync(db);
  const server = await startServer(serverBinary, ['--db', db, '--demo', '--demo-dir', demoDir, '--port', String(port),
    ...(quiet ? ['--quiet'] : []), ...args], { staff: fresh });
  const token = fresh ? server.staffToken : await staffToken(server.url, 'tester');
  const api = client(server.url);
  return {
    server, api, url: server.url, port: Number(new URL(server.url).port), staffToken: token,
    // A one-time code for registering a box, as staff give one to the installer.
    async enrolmentCode() {
      const res = await api.call('POST', '/api/v1/staff/enrolment-codes', { token });
      if (res.status !== 201) throw new Error('no enrolment code: ' + res.status);
      return res.json.code;
    },
    publish: (body) => api.post('/api/v1/staff/alerts', body, { token }),
    importCap: (xml) => api.call('POST', '/api/v1/staff/alerts/cap', { body: xml, token,
      headers: { 'Content-Type': 'application/cap+xml' } }),
    bind: (deviceId, household) => api.call('PUT', `/api/v1/staff/devices/${deviceId}/household`, { token, body: household }),
  };
}
