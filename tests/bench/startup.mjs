// Startup benchmark: download sizes, kiosk time to first frame in headless Chromium, TV app time to
// first frame and peak memory under Xvfb. Prints figures; results go to docs/PERFORMANCE.md.
//   node tests/bench/startup.mjs [RUNS]      (after scripts/build.sh)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, serve, waitReady } from '../e2e/browser.mjs';
import { figure, saveFigures } from './figures.mjs';

const runs = Number(process.argv[2] || 5);
const root = new URL('../..', import.meta.url).pathname;
const site = join(root, 'build/wasm/site');
const tvapp = join(root, 'build/native/bin/elder-tvapp');
const baseline = join(root, 'build/native/tests/bench_gl_baseline');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

console.log('## Download sizes (gzip -9)');
const fontSource = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
// The site's files are named after their content (scripts/stamp_site.py); build.json maps the names.
const built = JSON.parse(readFileSync(join(site, 'build.json'), 'utf8')).files;
const named = (file) => built[file] || file;
for (const [name, file] of [['kiosk.wasm', named('kiosk.wasm')], ['kiosk.js', named('kiosk.js')], ['kiosk-shell.js', named('kiosk-shell.js')],
  ['elder-cjk.ttf (subset)', named('assets/fonts/elder-cjk.ttf')], ['wqy-microhei.ttc (whole, baseline)', fontSource]]) {
  const path = file.startsWith('/') ? file : join(site, file);
  const raw = readFileSync(path);
  console.log(`${name}: ${kb(raw.length)} raw, ${kb(gzipSync(raw, { level: 9 }).length)} gzip`);
}
const subset = statSync(join(site, named('assets/fonts/elder-cjk.ttf'))).size;
console.log(`font subset / whole font: ${(subset / statSync(fontSource).size).toFixed(2)}`);
const gzipKb = (buffer) => gzipSync(buffer, { level: 9 }).length / 1024;
const wholeFontKb = gzipKb(readFileSync(fontSource));
figure({ name: 'font subset, gzip -9', value: gzipKb(readFileSync(join(site, named('assets/fonts/elder-cjk.ttf')))), unit: 'KB',
  baseline: { name: 'the whole font', value: wholeFontKb } });

console.log(`\n## Kiosk time to first frame, headless Chromium (SwiftShader), ${runs} runs, 1080x1920`);
const { server, url } = await serve(site);
const browser = await launch();
const app = [], blank = [];
let firstVisit = null;  // every response of the first visit: {url, raw, gzip} in KB
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url + named('kiosk.css'));  // baseline: a tiny file from the same server, same browser
  blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].duration));
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(url);
  app.push(await waitReady(page));
  if (!firstVisit) {
    firstVisit = [];
    for (const r of responses) {
      // The alert stream stays open: its body never ends, and it is not part of the download.
      if ((r.headers()['content-type'] || '').startsWith('text/event-stream')) continue;
      const body = await r.body().catch(() => null);
      if (body) firstVisit.push({ url: r.url(), raw: body.length / 1024, gzip: gzipKb(body) });
    }
  }
  await context.close();
}
await browser.close();
server.close();
console.log(`first frame: median ${median(app).toFixed(0)} ms, max ${Math.max(...app).toFixed(0)} ms`);
console.log(`baseline (tiny page load): median ${median(blank).toFixed(0)} ms; ratio ${(median(app) / median(blank)).toFixed(1)}x`);
figure({ name: 'kiosk first frame, median, 1080x1920', value: median(app), unit: 'ms',
  baseline: { name: 'a tiny page from the same server', value: median(blank) } });
const sum = (key) => firstVisit.reduce((total, r) => total + r[key], 0);
console.log(`first visit: ${firstVisit.length} responses, ${sum('raw').toFixed(0)} KB raw, ${sum('gzip').toFixed(0)} KB gzip -9`);
for (const r of firstVisit.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${r.gzip.toFixed(1).padStart(7)} KB  ${r.url.replace(url, '/')}`);
figure({ name: 'kiosk first visit, every response, gzip -9', value: sum('gzip'), unit: 'KB',
  baseline: { name: 'the whole font alone', value: wholeFontKb } });

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
const medianOf = (name, key) => median(series[name].map((x) => x[key]));
figure({ name: 'TV app first frame, median, Xvfb 1920x1080', value: medianOf('app', 'first'), unit: 'ms',
  baseline: { name: 'an empty GLES 2 window', value: medianOf('baseline', 'first') } });
figure({ name: 'TV app peak RSS, median', value: medianOf('app', 'rss'), unit: 'MB',
  baseline: { name: 'an empty GLES 2 window', value: medianOf('baseline', 'rss') } });
saveFigures('startup');
