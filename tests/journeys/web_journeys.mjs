// The journeys in Debian's Chromium: the kiosk by touch (1080x1920 portrait) and the browser by
// keyboard (1280x800), against the reference server with demo data; a screenshot at each step.
//   node tests/journeys/web_journeys.mjs SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, launch } from '../e2e/browser.mjs';
import { startServer } from '../server/server_process.mjs';
import { askForHelp, bookCancelAndUndo } from './booking_journey.mjs';
import { checkIn, enrolForCheckIn } from './check_in_journey.mjs';
import { readAloud } from './speech_journey.mjs';
import { JOURNEYS } from './journeys.mjs';
import { freshOutputDir } from './output_dir.mjs';
import { openJourneyPage, webDriver } from './web_driver.mjs';

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
freshOutputDir(outDir, only ? [only] : Object.keys(SURFACES));
const dir = mkdtempSync(join(tmpdir(), 'elder-web-journeys-'));
const server = await startServer(serverBinary, ['--db', join(dir, 'w.db'), '--demo', '--dev-otp', '--demo-dir', demoDir,
  '--web-root', siteDir, '--quiet'], { staff: true });
const checks = new Checks();
const browser = await launch();

async function run(name, surface, viewport, mode, phone) {
  // A recording speech backend: what the page asks the browser to say (said at once, in order).
  const recordSpeech = () => {
    window.__spoken = [];
    if (!window.speechSynthesis) return;
    window.speechSynthesis.speak = (u) => { window.__spoken.push(u.text); };
  };
  const { context, page, errors } = await openJourneyPage(browser, server.url, surface, { viewport, hasTouch: mode === 'touch' },
    { checks, name, init: recordSpeech });
  const driver = await webDriver(page, { name, mode, checks, outDir, serverUrl: server.url, staffToken: server.staffToken, phone });
  driver.spoken = () => page.evaluate(() => window.__spoken);
  // The resident's household checks in daily (报平安 shows once the booking journey has signed in).
  driver.householdId = await enrolForCheckIn(server.url, server.staffToken, phone, `${name}住户`);
  await checks.each(name, [...JOURNEYS, bookCancelAndUndo, askForHelp, checkIn, readAloud], (journey) => journey(driver));
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
