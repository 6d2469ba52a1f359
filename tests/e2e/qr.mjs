// Reads the QR code in a screenshot with zbarimg (Debian's zbar-tools, installed by
// scripts/setup.sh), as a phone's camera would read the screen.
import { spawnSync } from 'node:child_process';

// The text of the one QR code in `file`, or '' when zbarimg finds none there. A missing zbarimg
// is an error, never an empty answer: the check cannot run without it.
export function decodeQr(file) {
  const run = spawnSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' });
  if (run.error) throw new Error(`zbarimg cannot run (${run.error.code}): install zbar-tools (scripts/setup.sh) to check QR codes`);
  if (run.status === 4) return '';  // zbarimg's "no code found"
  if (run.status !== 0) throw new Error(`zbarimg failed on ${file} (status ${run.status}): ${run.stderr.trim()}`);
  return run.stdout.trim();
}
