// A journey driver (see journeys.mjs) for a page in Chromium: keys, taps (touch events in a
// touch-enabled context, clicks otherwise), swipes (real touch events through the DevTools
// protocol in a touch-enabled context, a mouse drag otherwise) and a screenshot per step.
//   webDriver(page, { name, mode: 'touch' | 'keyboard', checks, outDir, serverUrl, staffToken, phone,
//                     afterShot(label) })   afterShot: checks to run on every step's screen
// A journey that needs more (what was said aloud, its own screenshots) adds to the driver it returns.
import { join } from 'node:path';
import { report, settled, swipe, waitForState, waitReady } from '../e2e/browser.mjs';

const KEYS = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', ok: 'Enter', back: 'Escape',
  page_down: 'PageDown' };

// Opens the app on `surface` in a context of its own (`init`: a script for the page before it
// loads) and waits until the demo's lists have arrived. Uncaught errors are collected in `errors`.
export async function openJourneyPage(browser, serverUrl, surface, contextOptions, { checks, name, init }) {
  const context = await browser.newContext(contextOptions);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${serverUrl}/?surface=${surface}`);
  await waitReady(page);
  checks.check(await waitForState(page, () => {
    const r = window.elder.report().data.resources;
    return r.policies.freshness === 'current' && r.guides.freshness === 'current' && r.alerts.freshness === 'current';
  }, null, 20000), `${name}: the demo data has arrived`);
  await page.locator('canvas').focus();
  return { context, page, errors };
}

// A mouse drag from `from` to `to` (CSS px, mid-screen), for pages without a touch screen.
async function drag(page, x, from, to) {
  await page.mouse.move(x, from);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x, from + ((to - from) * i) / 8);
  await page.mouse.up();
  await settled(page);
}

export async function webDriver(page, { name, mode, checks, outDir, serverUrl, staffToken, phone, afterShot }) {
  const { width, height } = page.viewportSize();
  const move = (from, to) => (mode === 'touch' ? swipe(page, width / 2, from, to) : drag(page, width / 2, from, to));
  let step = 0;
  return {
    name, mode, checks, serverUrl, staffToken, phone,
    report: () => report(page),
    // What a screen reader is given: the accessibility tree of the app's mirror.
    mirror: () => page.locator('#a11y-mirror').ariaSnapshot(),
    // What a keyboard (or an input method, or a phone's or kiosk's on-screen keyboard) puts into the input.
    type: async (text) => {
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    },
    key: (k) => page.keyboard.press(KEYS[k]),
    tap: (x, y) => (mode === 'touch' ? page.touchscreen.tap(x, y) : page.mouse.click(x, y)),
    swipeUp: () => move(height * 0.75, height * 0.3),
    swipeDown: () => move(height * 0.3, height * 0.75),
    shot: async (label) => {
      const file = join(outDir, `${name}-${String(++step).padStart(2, '0')}-${label}.png`);
      // The picture of a settled frame, not the first one after a change (rows left out at the bottom
      // are measured on the frame before: kiosk-07 showed a sliver of a row just after 特大).
      await settled(page);
      await page.screenshot({ path: file });
      if (afterShot) await afterShot(label);
      return file;
    },
  };
}
