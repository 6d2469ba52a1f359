// The journeys on the TV app under Xvfb, driven by remote keys (xdotool), against the reference
// server with demo data; a screenshot at each step.
//   node tests/journeys/tv_journeys.mjs TVAPP SERVER DEMO_DIR OUTPUT_DIR
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { startServer } from '../server/server_process.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';
import { client } from '../server/api_client.mjs';
import { askForHelp, bookCancelAndUndo } from './booking_journey.mjs';
import { readAloud } from './speech_journey.mjs';
import { JOURNEYS } from './journeys.mjs';
import { freshOutputDir } from './output_dir.mjs';

const [tvapp, serverBinary, demoDir, outDir] = process.argv.slice(2);
freshOutputDir(outDir, ['tv']);
const dir = mkdtempSync(join(tmpdir(), 'elder-journeys-'));
const checks = new Checks();
// Not --quiet: the log tells which device each alert stream came from. Staff: a signed-in account.
const server = await startServer(serverBinary, ['--db', join(dir, 'j.db'), '--demo', '--dev-otp', '--demo-dir', demoDir], { staff: true });
const STAFF = server.staffToken;
const xvfb = await startXvfb();
const screenshot = join(dir, 'frame.png');
const speechLog = join(dir, 'speech.jsonl');
// The box registers with a one-time enrolment code from staff, as an installer would set it up.
const enrolment = await fetch(server.url + '/api/v1/staff/enrolment-codes', { method: 'POST', headers: { Authorization: 'Bearer ' + STAFF } });
if (enrolment.status !== 201) throw new Error('no enrolment code: ' + enrolment.status);
const enrolmentCode = (await enrolment.json()).code;
const app = startTvApp(tvapp, ['--server', server.url, '--device', 'JOURNEY-STB-1', '--enrolment-code', enrolmentCode, '--speech-log', speechLog, '--data-dir', join(dir, 'data'), '--screenshot', screenshot,
  '--screenshot-every-frame'], { display: xvfb.display, report: join(dir, 'report.json'),
  // SDL's disk driver writes what the box would play: the severe-alert chime must be in it.
  env: { SDL_AUDIODRIVER: 'disk', SDL_DISKAUDIOFILE: join(dir, 'sound.raw') } });
const KEYS = { up: 'Up', down: 'Down', left: 'Left', right: 'Right', ok: 'Return', back: 'Escape', page_down: 'Next' };
let step = 0;
const driver = {
  name: 'tv', mode: 'remote', checks, serverUrl: server.url, staffToken: STAFF,
  // The recording speech backend's log: one JSON line per utterance.
  spoken: async () => (existsSync(speechLog) ? readFileSync(speechLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text) : []),
  report: async () => app.readReport(),
  key: async (k) => app.press(KEYS[k]),
  shot: async (name) => {
    await app.settled();  // the picture of the last frame drawn (it is saved before its report)
    const file = join(outDir, `tv-${String(++step).padStart(2, '0')}-${name}.png`);
    copyFileSync(screenshot, file);
    return file;
  },
};
try {
  const ready = await app.waitFor((r) => ['policies', 'guides', 'alerts'].every((k) => r.data.resources[k].freshness === 'current'), 20000);
  checks.check(ready !== null, 'tv: the demo data has arrived');
  // The demo's severe alert interrupts at start, with the chime (16-bit samples, two tones).
  const chimed = await app.waitFor(() => existsSync(join(dir, 'sound.raw')) && readFileSync(join(dir, 'sound.raw')).length > 20000, 5000);
  const sound = existsSync(join(dir, 'sound.raw')) ? readFileSync(join(dir, 'sound.raw')) : Buffer.alloc(0);
  let peak = 0;
  for (let i = 0; i + 1 < sound.length; i += 2) peak = Math.max(peak, Math.abs(sound.readInt16LE(i)));
  checks.check(chimed !== null && peak > 8000, 'tv: the severe alert chimes (recorded through SDL audio)', `peak ${peak} of ${sound.length / 2} samples`);
  // The box registers itself; staff bind it to a household by the number it shows.
  const registered = await app.waitFor((r) => r.account.device.id > 0, 10000);
  checks.check(registered !== null, 'tv: the box has registered itself with the server');
  if (registered) {
    const bound = await client(server.url).call('PUT', `/api/v1/staff/devices/${registered.account.device.id}/household`,
      { token: STAFF, body: { household_name: '王家', phone: '13900139000' } });
    checks.check(bound.status === 200, 'tv: staff bind the box to a household', String(bound.status));
    // Its alert stream now carries its token: the server caps streams per box, not per address.
    const device = `device:${registered.account.device.id}`;
    let named = false;
    for (let i = 0; i < 100 && !named; i++) {
      named = server.log.some((l) => l.includes('"stream opened"') && l.includes(`"principal":"${device}"`));
      if (!named) await new Promise((r) => setTimeout(r, 50));
    }
    checks.check(named, "tv: the box's alert stream says which box it is", device);
  }
  await checks.each('tv', [...JOURNEYS, bookCancelAndUndo, askForHelp, readAloud], (journey) => journey(driver));
} finally {
  await app.stop();
  await server.stop();
  xvfb.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
