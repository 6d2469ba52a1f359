// The journeys in Debian's Chromium: the kiosk by touch (1080x1920 portrait) and the browser by
// keyboard (1280x800), against the reference server with demo data; a screenshot at each step.
//   node tests/journeys/web_journeys.mjs SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, launch, report, swipe, waitForState, waitReady } from '../e2e/browser.mjs';
import { startServer } from '../server/server_process.mjs';
import { askForHelp, bookCancelAndUndo } from './booking_journey.mjs';
import { readAloud } from './speech_journey.mjs';
import { JOURNEYS } from './journeys.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
// name: [surface, viewport, mode, phone]
const SURFACES = {
  kiosk: ['kiosk', { width: 1080, height: 1920 }, 'touch', '13800000001'],
  browser: ['browser', { width: 1280, height: 800 }, 'keyboard', '13800000002'],
};
// ONLY=kiosk or ONLY=browser runs one surface while debugging; a name that matches none is an error,
// never a run that checks nothing.
const only = process.env.ONLY;
if (only !== undefined && !(only in SURFACES)) {
  console.error(`FAIL: ONLY=${only} names no surface (${Object.keys(SURFACES).join(', ')}): nothing would be checked`);
  process.exit(2);
}
if (only) console.log(`ONLY=${only}: the other surfaces are not run`);
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'elder-web-journeys-'));
const STAFF = 'journey-staff-token-0001';
writeFileSync(join(dir, 'config.json'), JSON.stringify({ staff_token: STAFF }));
const server = await startServer(serverBinary, ['--config', join(dir, 'config.json'), '--db', join(dir, 'w.db'), '--demo', '--dev-otp', '--demo-dir', demoDir,
  '--web-root', siteDir, '--quiet']);
const checks = new Checks();
const browser = await launch();
const KEYS = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', ok: 'Enter', back: 'Escape',
  page_down: 'PageDown' };

async function run(name, surface, viewport, mode, phone) {
  const context = await browser.newContext({ viewport, hasTouch: mode === 'touch' });
  // A recording speech backend: what the page asks the browser to say (said at once, in order).
  await context.addInitScript(() => {
    window.__spoken = [];
    if (!window.speechSynthesis) return;
    window.speechSynthesis.speak = (u) => { window.__spoken.push(u.text); };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/?surface=${surface}`);
  await waitReady(page);
  checks.check(await waitForState(page, () => {
    const r = window.elder.report().data.resources;
    return r.policies.freshness === 'current' && r.guides.freshness === 'current' && r.alerts.freshness === 'current';
  }, null, 20000), `${name}: the demo data has arrived`);
  await page.locator('canvas').focus();
  let step = 0;
  const [w, h] = [viewport.width, viewport.height];
  const driver = {
    name, mode, checks, serverUrl: server.url, staffToken: STAFF, phone,
    spoken: () => page.evaluate(() => window.__spoken),
    report: () => report(page),
    // What a keyboard (or an input method, or the kiosk's system keyboard) puts into the input.
    type: async (text) => {
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    },
    key: (k) => page.keyboard.press(KEYS[k]),
    tap: (x, y) => (mode === 'touch' ? page.touchscreen.tap(x, y) : page.mouse.click(x, y)),
    // A finger's swipe (touch events), the kiosk's only way to scroll.
    swipeUp: () => swipe(page, w / 2, h * 0.75, h * 0.3),
    swipeDown: () => swipe(page, w / 2, h * 0.3, h * 0.75),
    shot: async (label) => {
      const file = join(outDir, `${name}-${String(++step).padStart(2, '0')}-${label}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
  for (const journey of [...JOURNEYS, bookCancelAndUndo, askForHelp, readAloud]) {
    try {
      await journey(driver);
    } catch (e) {
      checks.check(false, `${name}: ${journey.name}`, e.message);
    }
  }
  checks.check(errors.length === 0, `${name}: no uncaught errors`, errors.join(' | '));
  await context.close();
}

try {
  for (const [name, args] of Object.entries(SURFACES)) if (!only || only === name) await run(name, ...args);
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
