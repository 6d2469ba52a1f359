// A journey driver (see journeys.mjs) for a page in Chromium: keys, taps (touch events in a
// touch-enabled context, clicks otherwise), swipes (real touch events through the DevTools
// protocol in a touch-enabled context) and a screenshot per step.
//   webDriver(page, { name, mode: 'touch' | 'keyboard', checks, outDir, serverUrl, staffToken, phone,
//                     afterShot(label) })   afterShot: checks to run on every step's screen
import { join } from 'node:path';
import { report } from '../e2e/browser.mjs';

const KEYS = { up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', ok: 'Enter', back: 'Escape',
  page_down: 'PageDown' };

// A flick coasts on after the finger lifts: the swipe is over when the page stops moving.
async function settled(page) {
  let last = null;
  for (let i = 0; i < 100; i++) {
    const { scroll } = await report(page);
    if (scroll === last) return;
    last = scroll;
    await page.waitForTimeout(120);  // the interval between two looks, not a wait for an outcome
  }
}

export async function webDriver(page, { name, mode, checks, outDir, serverUrl, staffToken, phone, afterShot }) {
  const { width, height } = page.viewportSize();
  const cdp = mode === 'touch' ? await page.context().newCDPSession(page) : null;
  const swipe = async (from, to) => {
    const x = width / 2;
    if (cdp) {
      const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: y === null ? [] : [{ x, y }] });
      await touch('touchStart', from);
      for (let i = 1; i <= 8; i++) await touch('touchMove', from + ((to - from) * i) / 8);
      await touch('touchEnd', null);
    } else {
      await page.mouse.move(x, from);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++) await page.mouse.move(x, from + ((to - from) * i) / 8);
      await page.mouse.up();
    }
    await settled(page);
  };
  let step = 0;
  return {
    name, mode, checks, serverUrl, staffToken, phone,
    report: () => report(page),
    // What a keyboard (or an input method, or a phone's or kiosk's on-screen keyboard) puts into the input.
    type: async (text) => {
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    },
    key: (k) => page.keyboard.press(KEYS[k]),
    tap: (x, y) => (mode === 'touch' ? page.touchscreen.tap(x, y) : page.mouse.click(x, y)),
    swipeUp: () => swipe(height * 0.75, height * 0.3),
    swipeDown: () => swipe(height * 0.3, height * 0.75),
    shot: async (label) => {
      const file = join(outDir, `${name}-${String(++step).padStart(2, '0')}-${label}.png`);
      await page.screenshot({ path: file });
      if (afterShot) await afterShot(label);
      return file;
    },
  };
}
