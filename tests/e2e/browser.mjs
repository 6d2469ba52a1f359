// Shared browser-test plumbing: Debian's Chromium through playwright-core (never a downloaded
// browser), the site served on 127.0.0.1, and small check helpers that count what passed.
import { chromium } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/server_process.mjs';

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',  // WebGL without a GPU
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// `extraArgs`: further Chromium switches, e.g. a kiosk's --autoplay-policy=no-user-gesture-required.
export async function launch(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// The kiosk site served the way residents get it: by the reference server, with demo data.
export async function serve(siteDir) {
  const root = new URL('../..', import.meta.url).pathname;
  const db = join(mkdtempSync(join(tmpdir(), 'elder-e2e-')), 'e2e.db');
  const server = await startServer(join(root, 'build/native/bin/elder-server'),
    ['--db', db, '--demo', '--demo-dir', join(root, 'assets/demo'), '--web-root', siteDir, '--quiet']);
  return { server: { close: () => server.stop() }, url: server.url + '/' };
}

// The same for scenarios that need staff and sign-ins: a staff account with every role, signed in
// (`server.staffToken`, a bearer token), development sign-in codes (--dev-otp) and any further
// server settings (`config`). Resolves to the server process.
export async function serveForScenarios(serverBinary, siteDir, demoDir, config = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'elder-e2e-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return startServer(serverBinary, ['--config', join(dir, 'config.json'), '--db', join(dir, 'e2e.db'), '--demo', '--dev-otp',
    '--demo-dir', demoDir, '--web-root', siteDir, '--quiet'], { staff: true });
}

export class Checks {
  passed = 0;
  failed = 0;
  check(ok, what, detail = '') {
    if (ok) this.passed++; else this.failed++;
    console.log(`${ok ? 'ok' : 'FAIL'}: ${what}${detail ? ` (${detail})` : ''}`);
    return ok;
  }
  // Runs `run(step)` for each step in turn: a step that throws is one failed check named
  // "`label`: step's name" (its stack as the detail), and the steps after it still run.
  async each(label, steps, run = (step) => step()) {
    for (const step of steps) {
      try {
        await run(step);
      } catch (e) {
        this.check(false, label ? `${label}: ${step.name}` : step.name, e.stack);
      }
    }
  }
  summary() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0 ? 0 : 1;
  }
}

// Opens a page that records console errors and uncaught exceptions.
export async function openPage(browser, url, contextOptions) {
  const context = await browser.newContext(contextOptions);
  // Tones the page plays are counted (window.__tones), as a test cannot listen.
  await context.addInitScript(() => {
    window.__tones = 0;
    const Context = window.AudioContext;
    if (!Context) return;
    const create = Context.prototype.createOscillator;
    Context.prototype.createOscillator = function (...a) {
      const osc = create.apply(this, a);
      const start = osc.start.bind(osc);
      osc.start = (...b) => { window.__tones++; return start(...b); };
      return osc;
    };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

export async function waitReady(page, timeout = 60000) {
  await page.waitForFunction(() => window.elder && window.elder.ready, null, { timeout });
  return page.evaluate(() => window.elder.firstFrameMs);
}

export const report = (page) => page.evaluate(() => window.elder.report());

export async function waitForState(page, predicate, arg, timeout = 10000) {
  try {
    await page.waitForFunction(predicate, arg, { timeout, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

export function nodeById(rep, id) {
  return rep.nodes.find((n) => n.id === id);
}

// A finger on a touch screen (a context made with hasTouch): a swipe from (x, fromY) to (x, toY) as
// touch events through CDP (Input.dispatchTouchEvent), never mouse events; then waits for the page
// to stop coasting.
export async function swipe(page, x, fromY, toY, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const at = (y) => ({ touchPoints: [{ x, y, id: 1, radiusX: 8, radiusY: 8, force: 1 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', ...at(fromY) });
  for (let i = 1; i <= steps; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', ...at(fromY + ((toY - fromY) * i) / steps) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await settled(page);
}

// Waits until the page has stopped drawing: the same frame count in two looks 100 ms apart (the app
// draws only when something changes, so a coasting flick or a page still laying out draws on).
export async function settled(page, timeout = 10000) {
  await page.waitForFunction(() => {
    const r = window.elder.report();
    const still = r.frames === window.__lastFrames && !r.fonts_pending;  // a font on its way draws again
    window.__lastFrames = r.frames;
    return still;
  }, null, { polling: 100, timeout });
}

// A tap where the device has a touch screen (a context made with hasTouch), a click otherwise.
export async function press(page, node) {
  const [x, y, w, h] = node.rect;
  const touch = await page.evaluate(() => navigator.maxTouchPoints > 0);
  if (touch) await page.touchscreen.tap(x + w / 2, y + h / 2);
  else await page.mouse.click(x + w / 2, y + h / 2);
}

// Waits for the alerts to arrive and confirms a severe one that interrupts (我知道了), as a resident
// would (a tap on a touch screen), so that a test can go on with the page underneath.
export async function confirmAlerts(page) {
  await waitForState(page, () => window.elder.report().data.resources.alerts.freshness === 'current', null, 15000);
  for (let i = 0; i < 5; i++) {
    const r = await report(page);
    if (r.interruption === null) {
      // The tree is the last drawn frame's: wait for a frame without the interruption on it.
      await waitForState(page, () => !window.elder.report().nodes.some((n) => n.id === 'interrupt.ack'), null, 3000);
      return;
    }
    await press(page, r.nodes.find((n) => n.id === 'interrupt.ack'));
    await waitForState(page, (id) => window.elder.report().interruption !== id, r.interruption, 3000);
  }
}
