// A minimal server-sent-events reader for tests: collects events until stopped.
// `opened`: the answer's head arrived with 200; `status`: its status; `end`: how the stream ended,
// 'clean' (the server closed it) or 'cut' (an error or stop()).
export function readEvents(url, headers = {}) {
  const controller = new AbortController();
  const events = [];
  const stream = { events, opened: false, status: 0, end: null, stop: () => controller.abort() };
  stream.ready = fetch(url, { signal: controller.signal, headers }).then(async (res) => {
    stream.status = res.status;
    stream.opened = res.status === 200;
    const reader = res.body.getReader();
    let buffer = '';
    for (;;) {
      const { done, value, cut } = await reader.read().catch(() => ({ done: true, cut: true }));
      if (done) {
        stream.end = cut ? 'cut' : 'clean';
        return;
      }
      buffer += Buffer.from(value).toString('utf8');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = {};
        for (const line of block.split('\n')) {
          const colon = line.indexOf(': ');
          if (colon > 0) event[line.slice(0, colon)] = line.slice(colon + 2);
        }
        if (event.event) events.push({ id: Number(event.id), kind: event.event, data: JSON.parse(event.data) });
      }
    }
  }).catch(() => { stream.end = 'cut'; });
  return stream;
}

// Resolves with the first event that `match` accepts, or rejects after `ms`.
export async function nextEvent(stream, match, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    const found = stream.events.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error('no matching event in ' + ms + ' ms; got ' + JSON.stringify(stream.events.map((e) => e.kind)));
    await new Promise((r) => setTimeout(r, 50));
  }
}
