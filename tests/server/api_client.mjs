// Small helpers for talking to the reference server in tests: JSON requests and signing in.
import { request } from 'node:http';

// One JSON POST from a chosen local address (127.0.0.2, ...: every loopback address reaches the
// server), for tests that need many residents and so more sign-ins than one address may ask for.
function postFrom(baseUrl, localAddress, path, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(baseUrl + path, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null }));
      });
    req.on('error', reject);
    req.end(data);
  });
}
export function client(baseUrl) {
  const call = async (method, path, { body, token, headers = {} } = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: 'Bearer ' + token } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, json, headers: res.headers };
  };
  return {
    call,
    get: (path, options) => call('GET', path, options),
    post: (path, body, options = {}) => call('POST', path, { ...options, body }),
    // Signs in through the documented development endpoint (server started with --demo).
    async signIn(phone) {
      const sent = await call('POST', '/api/v1/auth/otp', { body: { phone } });
      if (sent.status !== 202) throw new Error(`otp for ${phone}: ${sent.status} ${JSON.stringify(sent.json)}`);
      const { json: { code } } = await call('GET', '/api/v1/dev/otp?phone=' + phone);
      const res = await call('POST', '/api/v1/auth/token', { body: { phone, code } });
      if (res.status !== 200) throw new Error(`token for ${phone}: ${res.status}`);
      return res.json.token;
    },
    // The same, with the code asked for and exchanged from `localAddress`.
    async signInFrom(localAddress, phone) {
      const sent = await postFrom(baseUrl, localAddress, '/api/v1/auth/otp', { phone });
      if (sent.status !== 202) throw new Error(`otp for ${phone} from ${localAddress}: ${sent.status} ${JSON.stringify(sent.json)}`);
      const { json: { code } } = await call('GET', '/api/v1/dev/otp?phone=' + phone);
      const res = await postFrom(baseUrl, localAddress, '/api/v1/auth/token', { phone, code });
      if (res.status !== 200) throw new Error(`token for ${phone}: ${res.status}`);
      return res.json.token;
    },
    // `count` residents with phones `${prefix}0000`, `${prefix}0001`, ..., signed in from loopback
    // addresses 127.0.<block>.x, 20 per address (under the per-address limit on codes).
    async residents(prefix, count, block = 9) {
      const out = [];
      for (let i = 0; i < count; i++) {
        const phone = prefix + String(i).padStart(4, '0');
        out.push({ phone, token: await this.signInFrom(`127.0.${block}.${1 + Math.floor(i / 20)}`, phone) });
      }
      return out;
    },
  };
}

export const dayInChina = (offsetDays) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

// A date-time written as the wall clock in China, with its offset (what the server stores).
export const chinaIso = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';

// A moment `leadMinutes` from now that is still today in China. Near midnight it waits for the new
// day, so a test of "today's appointments" passes or fails the same at any hour it runs.
export async function laterTodayInChina(leadMinutes = 3) {
  while (dayInChina(0) !== new Date(Date.now() + 8 * 3600e3 + (leadMinutes + 1) * 60e3).toISOString().slice(0, 10)) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return Date.now() + leadMinutes * 60e3;
}
