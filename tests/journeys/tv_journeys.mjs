// The journeys on the TV app under Xvfb, driven by remote keys (xdotool), against the reference
// server with demo data; a screenshot at each step.
//   node tests/journeys/tv_journeys.mjs TVAPP SERVER DEMO_DIR OUTPUT_DIR
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { startServer } from '../server/server_process.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';
import { JOURNEYS } from './journeys.mjs';

const [tvapp, serverBinary, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'elder-journeys-'));
const checks = new Checks();
const server = await startServer(serverBinary, ['--db', join(dir, 'j.db'), '--demo', '--demo-dir', demoDir, '--quiet']);
const xvfb = await startXvfb();
const screenshot = join(dir, 'frame.png');
const app = startTvApp(tvapp, ['--server', server.url, '--data-dir', join(dir, 'data'), '--screenshot', screenshot,
  '--screenshot-every-frame'], { display: xvfb.display, report: join(dir, 'report.json') });
const KEYS = { up: 'Up', down: 'Down', left: 'Left', right: 'Right', ok: 'Return', back: 'Escape', page_down: 'Next' };
let step = 0;
const driver = {
  name: 'tv', mode: 'remote', checks,
  report: async () => app.readReport(),
  key: async (k) => app.press(KEYS[k]),
  shot: async (name) => {
    await new Promise((r) => setTimeout(r, 150));  // the frame of the last report, written just before it
    const file = join(outDir, `tv-${String(++step).padStart(2, '0')}-${name}.png`);
    copyFileSync(screenshot, file);
    return file;
  },
  // zbarimg (zbar-tools) reads QR codes from the screenshot, as a phone's camera would.
  decodeQr: async (file) => {
    try {
      return execFileSync('zbarimg', ['--quiet', '--raw', file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return '';
    }
  },
};
try {
  const ready = await app.waitFor((r) => ['policies', 'guides', 'alerts'].every((k) => r.data.resources[k].freshness === 'current'), 20000);
  checks.check(ready !== null, 'tv: the demo data has arrived');
  for (const journey of JOURNEYS) {
    try {
      await journey(driver);
    } catch (e) {
      checks.check(false, `tv: ${journey.name}`, e.message);
    }
  }
} finally {
  await app.stop();
  await server.stop();
  xvfb.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
