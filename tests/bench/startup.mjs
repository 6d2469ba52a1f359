// Startup benchmark: download sizes, kiosk time to first frame in headless Chromium, TV app time to
// first frame and peak memory under Xvfb. Prints figures; results go to docs/PERFORMANCE.md.
//   node tests/bench/startup.mjs [RUNS]      (after scripts/build.sh)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, serve, waitReady } from '../e2e/browser.mjs';

const runs = Number(process.argv[2] || 5);
const root = new URL('../..', import.meta.url).pathname;
const site = join(root, 'build/wasm/site');
const tvapp = join(root, 'build/native/bin/elder-tvapp');
const baseline = join(root, 'build/native/tests/bench_gl_baseline');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

console.log('## Download sizes (gzip -9)');
const fontSource = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
for (const [name, file] of [['kiosk.wasm', 'kiosk.wasm'], ['kiosk.js', 'kiosk.js'], ['kiosk-shell.js', 'kiosk-shell.js'],
  ['elder-cjk.ttf (subset)', 'assets/fonts/elder-cjk.ttf'], ['wqy-microhei.ttc (whole, baseline)', fontSource]]) {
  const path = file.startsWith('/') ? file : join(site, file);
  const raw = readFileSync(path);
  console.log(`${name}: ${kb(raw.length)} raw, ${kb(gzipSync(raw, { level: 9 }).length)} gzip`);
}
const subset = statSync(join(site, 'assets/fonts/elder-cjk.ttf')).size;
console.log(`font subset / whole font: ${(subset / statSync(fontSource).size).toFixed(2)}`);

console.log(`\n## Kiosk time to first frame, headless Chromium (SwiftShader), ${runs} runs, 1080x1920`);
const { server, url } = await serve(site);
const browser = await launch();
const app = [], blank = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url + 'kiosk.css');  // baseline: a tiny file from the same server, same browser
  blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].duration));
  await page.goto(url);
  app.push(await waitReady(page));
  await context.close();
}
await browser.close();
server.close();
console.log(`first frame: median ${median(app).toFixed(0)} ms, max ${Math.max(...app).toFixed(0)} ms`);
console.log(`baseline (tiny page load): median ${median(blank).toFixed(0)} ms; ratio ${(median(app) / median(blank)).toFixed(1)}x`);

console.log(`\n## TV app under Xvfb (Mesa llvmpipe), 1920x1080, ${runs} runs; baseline: an empty GLES 2 window`);
// Runs a program under Xvfb with GNU time; returns its first-frame time and peak RSS.
function measure(command) {
  const result = execFileSync('bash', ['-c',
    `xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/time -v ${command} 2>&1 >/dev/null`], { encoding: 'utf8' });
  return {
    first: Number(/first frame after (\d+) ms/.exec(result)[1]),
    rss: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result)[1]) / 1024,
  };
}
const series = { app: [], baseline: [] };
for (let i = 0; i < runs; i++) {
  series.app.push(measure(`"${tvapp}" --frames 2`));
  series.baseline.push(measure(`"${baseline}"`));
}
for (const [name, xs] of Object.entries(series)) {
  const first = xs.map((x) => x.first), rss = xs.map((x) => x.rss);
  console.log(`${name}: first frame median ${median(first)} ms (max ${Math.max(...first)}), ` +
    `peak RSS median ${median(rss).toFixed(1)} MB (max ${Math.max(...rss).toFixed(1)})`);
}
const ratio = (key) => median(series.app.map((x) => x[key])) / median(series.baseline.map((x) => x[key]));
console.log(`app / empty GLES 2 window: first frame ${ratio('first').toFixed(2)}x, peak RSS ${ratio('rss').toFixed(2)}x`);
