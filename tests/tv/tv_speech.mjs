// The TV app's own voice: espeak-ng (Mandarin) writes what the app reads aloud to a WAV file
// instead of the speaker; sox confirms it is speech-length sound, not silence.
//   node tests/tv/tv_speech.mjs TVAPP OUTPUT_DIR
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-speech-'));
const wav = join(outDir, 'tv-speech.wav');
const checks = new Checks();
const xvfb = await startXvfb();
// No server: the box reads its own pages aloud offline too. Its server address leads to a listener
// of this test's own that hangs up at once (never a port that something else may be on).
const refuser = createServer((socket) => socket.destroy());
await new Promise((resolve, reject) => refuser.once('error', reject).listen(0, '127.0.0.1', resolve));
const app = startTvApp(tvapp, ['--server', `http://127.0.0.1:${refuser.address().port}`, '--voice', 'on', '--speech-wav', wav, '--data-dir', join(dir, 'data')],
  { display: xvfb.display, report: join(dir, 'report.json') });
try {
  checks.check(await app.waitFor((r) => r.screen === 'home', 15000) !== null, 'the TV app starts');
  app.press('Right');  // focus moves to 办事指南, which is read aloud
  const focused = await app.waitFor((r) => r.nodes.some((n) => n.focused && n.id === 'tile.guides'), 5000);
  checks.check(focused !== null, 'Right moves the focus to 办事指南');
  let written = false;
  for (let i = 0; i < 100 && !written; i++) {
    written = existsSync(wav) && statSync(wav).size > 44;
    if (!written) await new Promise((r) => setTimeout(r, 100));
  }
  checks.check(written, 'espeak-ng wrote the speech to a WAV file', existsSync(wav) ? `${statSync(wav).size} bytes` : 'none');
  // `sox FILE -n stat` prints its figures on stderr.
  const sox = spawnSync('sox', [wav, '-n', 'stat'], { encoding: 'utf8' });
  if (sox.error) throw new Error(`sox cannot run (${sox.error.code}): install sox (scripts/setup.sh) to check the sound`);
  const stat = sox.stderr || '';
  const figure = (name) => Number((stat.match(new RegExp(name + '[^:]*:\\s*([-0-9.e]+)')) || [])[1]);
  const seconds = figure('Length \\(seconds\\)'), rms = figure('RMS\\s+amplitude');
  checks.check(seconds > 0.3 && seconds < 10 && rms > 0.01, 'sox: speech-length sound, not silence', `${seconds} s, RMS ${rms}`);
} catch (e) {
  checks.check(false, 'tv speech', e.message + (e.stderr ? ' ' + e.stderr : ''));
} finally {
  await app.stop();
  refuser.close();
  xvfb.stop();
}
process.exit(checks.summary());
