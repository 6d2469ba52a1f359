// The TV app's pixels held to ACCESSIBILITY.md: under Xvfb at 1920x1080 and as a 1280x720 box,
// driven by remote keys against the reference server with demo data, the tour's screens (tour.mjs)
// are measured in the app's own screenshots, first as installed (标准 text, default colours), then
// after the resident chooses 特大 and high contrast on the settings page.
//   node tests/render/tv_render.mjs TVAPP SERVER DEMO_DIR STRINGS_JSON OUTPUT_DIR
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client } from '../server/api_client.mjs';
import { startServer } from '../server/server_process.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';
import { waitFor, node } from '../journeys/journeys.mjs';
import { OcrBatch, requireTesseract } from './ocr.mjs';
import { checkShot } from './screen_check.mjs';
import { tourInBothSettings } from './tour.mjs';

const [tvapp, serverBinary, demoDir, stringsFile, outDir] = process.argv.slice(2);
requireTesseract();
mkdirSync(outDir, { recursive: true });
const strings = JSON.parse(readFileSync(stringsFile, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-render-'));
const checks = new Checks();
const server = await startServer(serverBinary, ['--db', join(dir, 'r.db'), '--demo', '--demo-dir', demoDir, '--quiet'], { staff: true });
const STAFF = server.staffToken;  // a signed-in staff member's bearer token
const xvfb = await startXvfb();
const api = client(server.url);
const KEYS = { up: 'Up', down: 'Down', left: 'Left', right: 'Right', ok: 'Return', back: 'Escape', page_down: 'Next' };

// A box as an installer sets it up (an enrolment code), bound by staff to a household so it can book.
// `phone`: the household's own (one booking per household and time).
async function startBox(name, width, height, phone) {
  const enrolment = await api.post('/api/v1/staff/enrolment-codes', {}, { token: STAFF });
  if (enrolment.status !== 201) throw new Error('no enrolment code: ' + enrolment.status);
  const frame = join(dir, name + '.png');
  const app = startTvApp(tvapp, ['--server', server.url, '--device', 'RENDER-' + name, '--enrolment-code', enrolment.json.code,
    '--data-dir', join(dir, name), '--width', String(width), '--height', String(height), '--screenshot', frame,
    '--screenshot-every-frame'], { display: xvfb.display, report: join(dir, name + '.json') });
  const registered = await app.waitFor((r) => r.account.device.id > 0, 20000);
  if (!registered) throw new Error(`${name}: the box did not register:\n${app.log()}`);
  const bound = await api.call('PUT', `/api/v1/staff/devices/${registered.account.device.id}/household`,
    { token: STAFF, body: { household_name: '李家', phone } });
  if (bound.status !== 200) throw new Error(`${name}: binding: ${bound.status}`);
  return { app, frame };
}

// The screenshot that goes with a report: once the app has no frame due, read the report, copy the
// picture, and keep the pair when no frame was drawn in between (a frame's picture is written
// before its report).
async function pairedShot(app, frame, file) {
  for (let i = 0; i < 100; i++) {
    const before = await app.waitFor((r) => r.settled && !r.fonts_pending, 15000);
    if (!before) throw new Error('the app kept drawing: no settled screen in 15 s');
    copyFileSync(frame, file);
    const after = app.readReport();
    if (after && before.frames === after.frames) return before;
  }
  throw new Error('the app kept drawing: no settled screenshot');
}

async function run(name, width, height, phone) {
  const { app, frame } = await startBox(name, width, height, phone);
  let step = 0, pass = '';
  const ocr = new OcrBatch();
  const driver = {
    name, mode: 'remote', checks, serverUrl: server.url, staffToken: STAFF, strings,
    report: async () => app.readReport(),
    // A key counts once the app has drawn the frame that follows it, so that the next look at the
    // report sees what the key did.
    key: async (k) => {
      const before = app.readReport().frames;
      app.press(KEYS[k]);
      if (!(await app.waitFor((r) => r.frames > before, 15000))) throw new Error(`${name}: no frame after the key ${k}`);
    },
    fillWho: async () => {
      const who = await waitFor(driver, (r) => node(r, 'booking.who.name'), 10000);
      checks.check(who !== null, `${name}: the bound box books for its household`);
    },
    signIn: async () => { throw new Error('a bound box is never asked to sign in'); },
    look: async (screen, words) => {
      const file = join(outDir, `${name}-${String(++step).padStart(2, '0')}-${pass}-${screen}.png`);
      const report = await pairedShot(app, frame, file);
      writeFileSync(file.replace(/\.png$/, '.json'), JSON.stringify(report));  // what was measured, for a failure's reader
      checkShot(checks, `${name} ${pass} ${screen}`, file, report, words, ocr);
    },
  };
  try {
    const ready = await app.waitFor((r) => ['policies', 'guides', 'alerts'].every((k) => r.data.resources[k].freshness === 'current'), 20000);
    checks.check(ready !== null, `${name}: the demo data has arrived`);
    await tourInBothSettings(driver, (name) => { pass = name; });
  } catch (e) {
    checks.check(false, `${name}: the tour`, e.stack);
  } finally {
    await app.stop();
  }
  ocr.check(checks);
}

try {
  await run('tv-1080', 1920, 1080, '13900139001');
  await run('tv-720', 1280, 720, '13900139002');
} finally {
  await server.stop();
  xvfb.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
