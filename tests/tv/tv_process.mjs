// The TV app as a real process in a real X server (Xvfb) for Node tests: start it, press remote
// keys with xdotool (XTEST, as a remote's key events arrive), read the state it reports.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Starts Xvfb on a free display; resolves to {display, stop()}.
export async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  process.on('exit', () => child.kill('SIGKILL'));
  const display = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb did not start in 10 s')), 10000);
    child.stdio[3].on('data', (d) => { clearTimeout(timer); resolve(':' + String(d).trim()); });
    child.on('exit', (code) => reject(new Error('Xvfb exited with ' + code)));
  });
  return { display, stop: () => child.kill('SIGTERM') };
}

// Starts the TV app; `report` is the path it rewrites after each frame.
// `env`: extra environment (SDL_AUDIODRIVER=disk records the app's sound to a file).
export function startTvApp(binary, args, { display, report, env = {} }) {
  const child = spawn(binary, ['--report', report, ...args], {
    env: { ...process.env, ...env, DISPLAY: display }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  process.on('exit', () => child.kill('SIGKILL'));
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let window = null;
  const xdotool = (...a) => execFileSync('xdotool', a, { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  return {
    pid: child.pid,
    log: () => log,
    readReport() {
      try { return JSON.parse(readFileSync(report, 'utf8')); } catch { return null; }
    },
    // Waits until the report satisfies `predicate`; returns it, or null after `timeoutMs`.
    async waitFor(predicate, timeoutMs = 10000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const r = this.readReport();
        if (r && predicate(r)) return r;
        if (Date.now() > end) return null;
        await new Promise((res) => setTimeout(res, 25));
      }
    },
    // Waits until the app has stopped drawing: the same frame count in two reports 100 ms apart
    // (the app draws only when something changes), and the last report says no frame is due. A
    // frame under Xvfb with its screenshot saved can take longer than 100 ms: the frame count alone
    // returned while the frame that moved the focus onto a page's forward action was still being
    // drawn, and the picture showed the page's first frame (the ring on 返回, no 下面还有).
    // Returns that report, or null after `timeoutMs`.
    async settled(timeoutMs = 10000) {
      let last = -1;
      const end = Date.now() + timeoutMs;
      for (;;) {
        const r = this.readReport();
        if (r && r.frames === last && r.settled !== false) return r;
        last = r ? r.frames : -1;
        if (Date.now() > end) return null;
        await new Promise((res) => setTimeout(res, 100));
      }
    },
    press(...keys) {
      if (!window) {
        window = xdotool('search', '--sync', '--pid', String(child.pid)).split('\n')[0];
        try { xdotool('windowactivate', '--sync', window); } catch { xdotool('windowfocus', '--sync', window); }
      }
      xdotool('key', '--delay', '50', ...keys);
    },
    async stop() {
      child.kill('SIGTERM');  // SDL turns it into a quit event: a clean exit that finishes writing the cache
      return exited;
    },
  };
}

// The app as a journey driver (tests/journeys/journeys.mjs): remote keys by their abstract names.
const REMOTE_KEYS = { up: 'Up', down: 'Down', left: 'Left', right: 'Right', ok: 'Return', back: 'Escape', home: 'Home',
  page_down: 'Next' };
export function remoteDriver(app, checks, name = 'tv') {
  return {
    name, mode: 'remote', checks,
    report: async () => app.readReport(),
    key: async (k) => app.press(REMOTE_KEYS[k] || k),
  };
}
