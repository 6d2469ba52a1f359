// The web page's pixels held to ACCESSIBILITY.md in Debian's Chromium: the kiosk by touch (1080x1920
// portrait and 1920x1080 landscape) and the browser by keyboard (1280x800 at a device pixel ratio of
// 2, as on a laptop's high-density screen), against the reference server with demo data. The
// tour's screens (tour.mjs) are measured in Chromium's screenshots, first as the page opens
// (标准 text, default colours), then after the resident chooses 特大 and high contrast.
//   node tests/render/web_render.mjs SERVER SITE_DIR DEMO_DIR STRINGS_JSON OUTPUT_DIR
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, launch, report, waitForState } from '../e2e/browser.mjs';
import { client } from '../server/api_client.mjs';
import { startServer } from '../server/server_process.mjs';
import { fill, signIn } from '../journeys/booking_journey.mjs';
import { OcrBatch, requireTesseract } from './ocr.mjs';
import { checkShot } from './screen_check.mjs';
import { tourInBothSettings, use } from './tour.mjs';
import { waitFor } from '../journeys/journeys.mjs';
import { openJourneyPage, webDriver } from '../journeys/web_driver.mjs';

const [serverBinary, siteDir, demoDir, stringsFile, outDir] = process.argv.slice(2);
requireTesseract();
mkdirSync(outDir, { recursive: true });
const strings = JSON.parse(readFileSync(stringsFile, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'elder-web-render-'));
const server = await startServer(serverBinary, ['--db', join(dir, 'w.db'), '--demo', '--dev-otp',
  '--demo-dir', demoDir, '--web-root', siteDir, '--quiet'], { staff: true });
const checks = new Checks();
const browser = await launch();

// No frame due and no font tier on its way (its arrival draws the page again).
const settled = (page) => waitForState(page, () => window.elder.report().settled && !window.elder.report().fonts_pending, null, 15000);

// The screenshot that goes with a report: taken once the page has no frame due, and kept when no
// frame was drawn while it was taken.
async function pairedShot(page, file) {
  for (let i = 0; i < 100; i++) {
    if (!(await settled(page))) throw new Error('the page kept drawing: no settled screen in 15 s');
    const before = await report(page);
    await page.screenshot({ path: file });
    const after = await report(page);
    if (before.settled && !before.fonts_pending && before.frames === after.frames) return before;
  }
  throw new Error('the page kept drawing: no settled screenshot');
}

async function run(name, surface, viewport, deviceScaleFactor, mode, phone) {
  const { context, page, errors } = await openJourneyPage(browser, server.url, surface,
    { viewport, deviceScaleFactor, hasTouch: mode === 'touch' }, { checks, name });
  const ocr = new OcrBatch();
  let step = 0, pass = '';
  const shotFile = (label) => join(outDir, `${name}-${String(++step).padStart(2, '0')}-${pass}-${label}.png`);
  const driver = Object.assign(await webDriver(page, { name, mode, checks, outDir, serverUrl: server.url, staffToken: server.staffToken, phone }), {
    strings,
    signIn: () => signIn(driver, client(server.url)),
    // The form remembers some of who came last time; only what differs is typed. At the largest
    // text the kiosk's keypad runs below the screen: each key is swiped into view before its tap.
    fillWho: async () => {
      const who = { name: '王秀英', id_number: '11010519491231002X' };
      for (const [field, text] of Object.entries(who)) {
        if ((await report(page)).account.form.fields[field] === text) continue;
        if (mode !== 'touch' || field === 'name') { await fill(driver, field, text); continue; }
        await use(driver, 'field.' + field);
        await use(driver, 'keypad.clear');
        for (const c of text) await use(driver, 'keypad.' + c.toLowerCase());
        const typed = await waitFor(driver, (r) => r.account.form.fields[field] === text, 5000);
        checks.check(typed !== null, `${name}: ${field} typed on the keypad`);
      }
    },
    shot: (label) => page.screenshot({ path: shotFile(label) }),  // the journeys' steps (sign-in): kept, not measured
    look: async (screen, words) => {
      const file = shotFile(screen);
      const shown = await pairedShot(page, file);
      writeFileSync(file.replace(/\.png$/, '.json'), JSON.stringify(shown));  // what was measured, for a failure's reader
      checkShot(checks, `${name} ${pass} ${screen}`, file, shown, words, ocr);
    },
  });
  try {
    await tourInBothSettings(driver, (name) => { pass = name; });
  } catch (e) {
    checks.check(false, `${name}: the tour`, e.stack);
  }
  checks.check(errors.length === 0, `${name}: no uncaught errors`, errors.join(' | '));
  await context.close();
  ocr.check(checks);
}

try {
  await run('kiosk-portrait', 'kiosk', { width: 1080, height: 1920 }, 1, 'touch', '13800000011');
  await run('kiosk-landscape', 'kiosk', { width: 1920, height: 1080 }, 1, 'touch', '13800000012');
  await run('browser', 'browser', { width: 1280, height: 800 }, 2, 'keyboard', '13800000013');
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
