// Debian's Firefox ESR driven over WebDriver BiDi, the browsers' own remote protocol (playwright-core
// drives only its own patched Firefox). Enough for a journey: open a page, read it with scripts,
// type and click with real input events (input.performActions), take screenshots.
// Needs Node's WebSocket: run with --experimental-websocket.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function launchFirefox({ width = 1280, height = 800 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'elder-firefox-'));
  // No first-run pages, no updates, no telemetry: a quiet browser that only loads what the test asks.
  writeFileSync(join(profile, 'user.js'), ['browser.shell.checkDefaultBrowser', 'datareporting.policy.dataSubmissionEnabled',
    'toolkit.telemetry.enabled', 'app.update.enabled', 'browser.startup.homepage_override.mstone'].map((k, i) =>
    `user_pref("${k}", ${i === 4 ? '"ignore"' : 'false'});`).join('\n'));
  const port = await freePort();
  const child = spawn('/usr/bin/firefox-esr', ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MOZ_HEADLESS_WIDTH: String(width), MOZ_HEADLESS_HEIGHT: String(height) } });
  process.on('exit', () => child.kill('SIGKILL'));
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Firefox did not start its remote agent in 30 s:\n' + log)), 30000);
    child.stderr.on('data', (d) => { log += d; if (log.includes('WebDriver BiDi listening')) { clearTimeout(timer); resolve(); } });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Firefox exited with ${code}:\n${log}`)); });
  });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/session`);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let next = 1;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.type === 'error') reject(new Error(`${msg.error}: ${msg.message}`)); else resolve(msg.result);
    }
  };
  const send = (method, params) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });
  await send('session.new', { capabilities: {} });
  const { contexts } = await send('browsingContext.getTree', {});
  const context = contexts[0].context;
  await send('browsingContext.setViewport', { context, viewport: { width, height } });

  const page = {
    async goto(url) { await send('browsingContext.navigate', { context, url, wait: 'complete' }); },
    // Runs `fn` in the page with `args` passed as JSON strings; `fn` returns JSON.stringify(result),
    // which this resolves with, decoded.
    async evaluate(fn, ...args) {
      const r = await send('script.callFunction', { functionDeclaration: fn.toString(), awaitPromise: true, target: { context },
        arguments: args.map((a) => ({ type: 'string', value: JSON.stringify(a) })), resultOwnership: 'none' });
      if (r.type === 'exception') throw new Error('in the page: ' + r.exceptionDetails.text);
      return r.result.type === 'string' ? JSON.parse(r.result.value) : undefined;
    },
    // Waits until `fn(...args)` (as for evaluate) gives something truthy; resolves with it.
    async waitFor(what, fn, args = [], ms = 15000) {
      for (const end = Date.now() + ms; ;) {
        const v = await page.evaluate(fn, ...args);
        if (v) return v;
        if (Date.now() > end) throw new Error(`Firefox: ${what} did not happen in ${ms} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    // The centre of the first element `selector` matches (with `text` in it, if given), in CSS pixels.
    async centre(selector, text = '') {
      return page.waitFor(`${selector} ${text}`, (s, t) => {
        const [sel, txt] = [JSON.parse(s), JSON.parse(t)];
        const el = [...document.querySelectorAll(sel)].find((e) => e.textContent.includes(txt) && e.getClientRects().length);
        if (!el) return JSON.stringify(null);
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return JSON.stringify({ x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) });
      }, [selector, text]);
    },
    async click(selector, text = '') {
      const { x, y } = await page.centre(selector, text);
      await send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
        { type: 'pointerMove', x, y }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }] });
    },
    // Real key presses into the element `selector` (clicked first); '\uE007' is Enter, '\uE015' Down.
    async type(selector, text) {
      await page.click(selector);
      const keys = [...text].flatMap((ch) => [{ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch }]);
      await send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions: keys }] });
    },
    async screenshot(path) {
      const { data } = await send('browsingContext.captureScreenshot', { context });
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
  };
  return {
    page,
    async close() {
      await send('session.end', {}).catch(() => {});
      ws.close();
      child.kill('SIGTERM');
    },
  };
}
