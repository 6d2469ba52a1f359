// The suite checks itself: every case a Catch2 binary lists has exactly one ctest entry, named after it,
// whose filter is the case's name and which fails when that filter matches nothing (`--warn NoTests`).
// Catch2's CMake discovery once split names containing ';' into two entries that each matched
// nothing and passed: ctest counted 32 passes for 16 cases that never ran.
// Usage: node catch_registration.mjs BUILD_DIR BINARY=PREFIX...
import { execFileSync, spawnSync } from 'node:child_process';

const [buildDir, ...pairs] = process.argv.slice(2);
if (!buildDir || pairs.length === 0) {
  console.error('usage: catch_registration.mjs BUILD_DIR BINARY=PREFIX...');
  process.exit(2);
}

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
const entries = JSON.parse(run('ctest', ['--test-dir', buildDir, '-N', '--show-only=json-v1'])).tests;

// Catch2 filters treat these as syntax; CatchAddTests escapes them with a backslash.
const asFilter = (name) => name.replace(/([,[\]])/g, '\\$1');

const failures = [];
let cases = 0;
for (const pair of pairs) {
  const at = pair.lastIndexOf('=');
  const [binary, prefix] = [pair.slice(0, at), pair.slice(at + 1)];
  // Catch2 v2 exits with the number of cases it lists, so the status says nothing here.
  const listed = spawnSync(binary, ['--list-test-names-only'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (listed.error || listed.signal) throw new Error(`${binary} --list-test-names-only: ${listed.error || listed.signal}`);
  const names = listed.stdout.split('\n').filter((line) => line.trim() !== '');
  const mine = entries.filter((e) => e.command && e.command[0] === binary);
  cases += names.length;
  if (mine.length !== names.length) {
    failures.push(`${binary}: ${names.length} cases listed but ${mine.length} ctest entries run it`);
  }
  for (const name of names) {
    const found = mine.filter((e) => e.name === prefix + name);
    if (found.length !== 1) {
      failures.push(`${binary}: case "${name}" has ${found.length} ctest entries (expected 1)`);
      continue;
    }
    const args = found[0].command.slice(1);
    if (args[0] !== asFilter(name)) failures.push(`"${prefix + name}" filters on "${args[0]}", not on its case`);
    const warn = args.indexOf('--warn');
    if (warn < 0 || args[warn + 1] !== 'NoTests') failures.push(`"${prefix + name}" passes when its filter matches nothing (no --warn NoTests)`);
  }
  for (const entry of mine) {
    if (!names.some((name) => entry.name === prefix + name)) failures.push(`ctest entry "${entry.name}" matches no case of ${binary}`);
  }
}

if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`ok: ${cases} Catch2 cases in ${pairs.length} binaries, each one ctest entry that runs it`);
