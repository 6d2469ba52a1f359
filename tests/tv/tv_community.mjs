// The reference server as the TV tests need it: demo data, a staff token, a port of its own (or a
// given one, to come back on after a restart), and a database that outlives the process.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { startServer } from '../server/server_process.mjs';

export const STAFF = 'tv-scenario-staff-token-5a1e0c77';

// `dir`: a fresh temporary folder; `port`: 0 for a free one; `quiet`: no request log.
export async function startCommunity(serverBinary, demoDir, dir, { port = 0, quiet = true, args = [] } = {}) {
  writeFileSync(join(dir, 'server.json'), JSON.stringify({ staff_token: STAFF }));
  const server = await startServer(serverBinary, ['--config', join(dir, 'server.json'), '--db', join(dir, 'community.db'),
    '--demo', '--demo-dir', demoDir, '--port', String(port), ...(quiet ? ['--quiet'] : []), ...args]);
  const api = client(server.url);
  return {
    server, api, url: server.url, port: Number(new URL(server.url).port),
    // A one-time code for registering a box, as staff give one to the installer.
    async enrolmentCode() {
      const res = await api.call('POST', '/api/v1/staff/enrolment-codes', { token: STAFF });
      if (res.status !== 201) throw new Error('no enrolment code: ' + res.status);
      return res.json.code;
    },
    publish: (body) => api.post('/api/v1/staff/alerts', body, { token: STAFF }),
    importCap: (xml) => api.call('POST', '/api/v1/staff/alerts/cap', { body: xml, token: STAFF,
      headers: { 'Content-Type': 'application/cap+xml' } }),
    bind: (deviceId, household) => api.call('PUT', `/api/v1/staff/devices/${deviceId}/household`, { token: STAFF, body: household }),
  };
}
