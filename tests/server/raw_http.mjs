// Raw HTTP over a TCP socket, for requests that fetch() refuses to send (bytes that are not ASCII
// in the target, broken framing) and for holding connections open as an attacker would.
import { connect } from 'node:net';

// Sends `bytes` and reads until the server closes or `timeoutMs` passes. Returns the first
// response: { status, headers (lower-case names), body, closed, raw }.
export function rawRequest(url, bytes, { timeoutMs = 5000, localAddress } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    const chunks = [];
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), closed));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => { closed = true; finish(); });
    socket.on('error', (e) => (chunks.length ? finish() : (clearTimeout(timer), reject(e))));
  });
}

export function parseResponse(raw, closed = false) {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: '', closed, raw };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = raw.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).subarray(0, length).toString('utf8');
  return { status: Number(statusLine.split(' ')[1]), headers, body, closed, raw };
}

// The JSON of a problem+json answer, or null when the body is not one.
export function problemOf(res) {
  if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) return null;
  try { return JSON.parse(res.body); } catch { return null; }
}

export const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
