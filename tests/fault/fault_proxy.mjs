// A small HTTP proxy in front of the reference server that misbehaves on request, for testing how
// the apps live with a bad network. Only /api/ is affected, so pages and assets still load.
// Modes:
//   none      pass everything through (the alert stream too, unbuffered)
//   delay     hold each request 10 s, then pass it through; ending the mode releases held ones
//   error500  answer 500 with a problem+json body
//   garbage   answer 200 "application/json" with bytes that are not JSON
//   truncate  pass the answer's headers (full Content-Length) and half its body, then hang up
//   drop      hang up as soon as a request arrives
//   flood     answer 200 "application/json" with no length and bytes that never end (until the
//             client hangs up, 64 MB at most): the apps cut it at their limit
// Switching to a faulty mode also cuts open streams, so that reconnecting meets the fault.
import http from 'node:http';

export const FAULT_MODES = ['delay', 'error500', 'garbage', 'truncate', 'drop', 'flood'];
const DELAY_MS = 10000;
const FLOOD_BYTES = 64 * 1024 * 1024;  // 4x the apps' limit (kMaxAnswerBytes)

export async function startFaultProxy(targetUrl) {
  const target = new URL(targetUrl);
  let mode = 'none';
  const held = new Set();     // delayed requests: functions that release them
  const streams = new Set();  // open pass-through responses of the alert stream
  const counts = {};          // API requests seen per mode
  const seen = [];            // every API request's path and query, in order
  const resumes = [];         // the same, with the Last-Event-ID each sent ('' for none)

  function pass(req, res, { truncate = false } = {}) {
    const upstream = http.request({
      host: target.hostname, port: target.port, path: req.url, method: req.method,
      headers: { ...req.headers, host: target.host },
    }, (answer) => {
      if (!truncate) {
        res.writeHead(answer.statusCode, answer.headers);
        res.flushHeaders();
        if (req.url.startsWith('/api/v1/alerts/stream')) {
          streams.add(res);
          res.on('close', () => streams.delete(res));
        }
        answer.pipe(res);
        return;
      }
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(answer.statusCode, { ...answer.headers, 'content-length': String(body.length || 100) });
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        setTimeout(() => res.socket && res.socket.destroy(), 50);
      });
    });
    upstream.on('error', () => res.socket && res.socket.destroy());
    req.pipe(upstream);
  }

  function flood(res) {
    const chunk = Buffer.alloc(64 * 1024, 0x31);
    let sent = 0;
    res.on('close', () => { sent = Infinity; });
    res.on('error', () => {});
    res.writeHead(200, { 'content-type': 'application/json' });  // no Content-Length: chunked, no end in sight
    const more = () => {
      while (sent < FLOOD_BYTES) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', more);
      }
      if (sent !== Infinity) res.end();
    };
    res.write('[');
    more();
  }

  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/api/')) seen.push(req.url), resumes.push({ url: req.url, lastEventId: req.headers['last-event-id'] || '' });
    if (!req.url.startsWith('/api/') || mode === 'none') return pass(req, res);
    counts[mode] = (counts[mode] || 0) + 1;
    switch (mode) {
      case 'delay': {
        const release = () => { held.delete(release); clearTimeout(timer); pass(req, res); };
        const timer = setTimeout(release, DELAY_MS);
        held.add(release);
        req.on('close', () => { held.delete(release); clearTimeout(timer); });
        return;
      }
      case 'error500':
        res.writeHead(500, { 'content-type': 'application/problem+json' });
        return res.end(JSON.stringify({ type: 'about:blank', title: 'Injected fault', status: 500, detail: '服务器出错了。' }));
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0x5b, 0x5b]));
      case 'truncate':
        return pass(req, res, { truncate: true });
      case 'flood':
        return flood(res);
      default:  // drop
        return req.socket.destroy();
    }
  });
  server.on('connection', (socket) => socket.setNoDelay(true));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    seen,
    resumes,
    get mode() { return mode; },
    setMode(next) {
      if (next !== 'none' && !FAULT_MODES.includes(next)) throw new Error('unknown fault mode ' + next);
      mode = next;
      if (next === 'none') for (const release of [...held]) release();
      else if (next !== 'delay') for (const res of [...streams]) res.socket && res.socket.destroy();
    },
    close() {
      for (const res of [...streams]) res.socket && res.socket.destroy();
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
