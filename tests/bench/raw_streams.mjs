// Idle alert-stream clients over raw sockets, cheap enough to hold thousands in one process.
// Resolves when every stream has its answer's head; each stream notes when each alert (by its
// CAP identifier) arrived: `received.get(identifier)` is a performance.now() time.
import { connect } from 'node:net';

// `urls`: where to open them, taken in turn (one server, or several replicas / a load balancer).
export function openStreams(n, urls) {
  const streams = [];
  return new Promise((resolve, reject) => {
    let ready = 0;
    for (let i = 0; i < n; i++) {
      const s = { received: new Map(), buffer: '' };
      const { port } = new URL(urls[i % urls.length]);
      s.socket = connect(Number(port), '127.0.0.1', () => s.socket.write('GET /api/v1/alerts/stream HTTP/1.1\r\nHost: x\r\n\r\n'));
      s.socket.setEncoding('utf8');
      s.socket.on('data', (chunk) => {
        if (!s.ready && chunk.includes('retry:')) { s.ready = true; if (++ready === n) resolve(streams); }
        s.buffer += chunk;
        let m;
        while ((m = /data: (\{.*?\})\n\n/s.exec(s.buffer))) {
          const data = JSON.parse(m[1]);
          if (data.identifier) s.received.set(data.identifier, performance.now());
          s.buffer = s.buffer.slice(m.index + m[0].length);
        }
      });
      s.socket.on('error', reject);
      streams.push(s);
    }
  });
}
