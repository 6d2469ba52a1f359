// UI benchmark for docs/PERFORMANCE.md: frames drawn while idle (TV app under Xvfb, kiosk in
// Chromium), CPU per frame as callgrind instruction counts (home, a long policy; baseline: an empty
// ImGui frame), and memory after opening every screen many times.
//   node tests/bench/ui_bench.mjs [IDLE_SECONDS=60] [ROUNDS=100]     (after scripts/build.sh)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, report, waitForState, waitReady } from '../e2e/browser.mjs';
import { startServer } from '../server/server_process.mjs';
import { startTvApp, startXvfb } from '../tv/tv_process.mjs';
import { figure, saveFigures } from './figures.mjs';

const idleSeconds = Number(process.argv[2] || 60);
const rounds = Number(process.argv[3] || 100);
const root = new URL('../..', import.meta.url).pathname;
const bench = join(root, 'build/native/tests/ui_bench');
const dir = mkdtempSync(join(tmpdir(), 'elder-ui-bench-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

console.log('## CPU per frame (callgrind instructions, TV 1920x1080, headless UI)');
const FRAMES = 20;
const perFrame = {};
for (const scene of ['empty', 'home', 'policy']) {
  const out = join(dir, `callgrind.${scene}`);
  execFileSync('valgrind', ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}`, bench, 'frames', scene,
    String(FRAMES)], { stdio: ['ignore', 'ignore', 'ignore'] });
  const totals = readFileSync(out, "utf8").match(/^totals: (\d+)/m);
  perFrame[scene] = Number(totals[1]) / FRAMES;
}
for (const scene of ['empty', 'home', 'policy'])
  console.log(`${scene.padEnd(7)} ${(perFrame[scene] / 1e6).toFixed(2)} M instructions per frame` +
    (scene === 'empty' ? ' (baseline: ImGui with nothing to draw)' : ` (${(perFrame[scene] / perFrame.empty).toFixed(1)}x baseline)`));
const emptyFrame = { name: 'an empty ImGui frame', value: perFrame.empty / 1e6 };
figure({ name: 'CPU per frame, home, TV 1920x1080 (callgrind)', value: perFrame.home / 1e6, unit: 'M instr', baseline: emptyFrame });
figure({ name: 'CPU per frame, a 40-paragraph policy (callgrind)', value: perFrame.policy / 1e6, unit: 'M instr', baseline: emptyFrame });

console.log(`\n## Memory after opening each of the screens ${rounds} times (headless UI)`);
const mem = JSON.parse(execFileSync(bench, ['memory', String(rounds)]).toString());
console.log(`${mem.screens} screens: resident ${mem.round1_kb} KB after round 1, ${mem.round10_kb} KB after round 10, ` +
  `${mem.last_kb} KB after round ${mem.rounds}: growth from round 10 on ${mem.last_kb - mem.round10_kb} KB`);
figure({ name: `resident memory after opening ${mem.screens} screens ${mem.rounds} times`, value: mem.last_kb / 1024, unit: 'MB',
  baseline: { name: 'after 10 rounds', value: mem.round10_kb / 1024 } });

console.log(`\n## Frames drawn in ${idleSeconds} s of idleness`);
const server = await startServer(join(root, 'build/native/bin/elder-server'), ['--db', join(dir, 'b.db'), '--demo',
  '--demo-dir', join(root, 'assets/demo'), '--web-root', join(root, 'build/wasm/site'), '--quiet']);
try {
  const xvfb = await startXvfb();
  const app = startTvApp(join(root, 'build/native/bin/elder-tvapp'), ['--server', server.url, '--data-dir', join(dir, 'data')],
    { display: xvfb.display, report: join(dir, 'report.json') });
  await app.waitFor((r) => r.data.stream_open && Object.values(r.data.resources).every((x) => x.phase === 'idle'), 20000);
  await sleep(2000);
  const tvStart = app.readReport().frames;
  await sleep(idleSeconds * 1000);
  const tvFrames = app.readReport().frames - tvStart;
  await app.stop();
  // The baseline, measured on the same X server: an empty GLES 2 window that redraws without pause.
  const redrawn = Number(execFileSync(join(root, 'build/native/tests/bench_gl_baseline'), ['--redraw-seconds', String(idleSeconds)],
    { env: { ...process.env, DISPLAY: xvfb.display }, encoding: 'utf8' }).trim());
  xvfb.stop();
  console.log(`TV app:      ${tvFrames} frames; an always-redrawing GLES 2 window drew ${redrawn} (${(tvFrames / redrawn).toFixed(4)}x)`);
  figure({ name: `TV app frames in ${idleSeconds} s idle on home (Xvfb)`, value: tvFrames, unit: 'frames',
    baseline: { name: 'an always-redrawing GLES 2 window', value: redrawn }, goal: { at_most: idleSeconds } });

  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(server.url + '/');
  await waitReady(page);
  await waitForState(page, () => Object.values(window.elder.report().data.resources).every((x) => x.phase === 'idle'), null, 20000);
  await sleep(2000);
  // The browser's own frame rate as the baseline: how many frames an always-redrawing page would draw.
  await page.evaluate(() => { window.rafCount = 0; const tick = () => { window.rafCount++; requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
  const webStart = (await report(page)).frames;
  await sleep(idleSeconds * 1000);
  const webFrames = (await report(page)).frames - webStart;
  const raf = await page.evaluate(() => window.rafCount);
  console.log(`kiosk page:  ${webFrames} frames; the browser ran ${raf} animation frames (${(webFrames / raf).toFixed(4)}x)`);
  figure({ name: `kiosk page frames in ${idleSeconds} s idle on home (Chromium)`, value: webFrames, unit: 'frames',
    baseline: { name: 'the browser\'s animation frames', value: raf }, goal: { at_most: idleSeconds } });
  saveFigures('ui_bench');
  await browser.close();
} finally {
  await server.stop();
}
