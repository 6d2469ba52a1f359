// Startup benchmark: download sizes, what the kiosk's first visit transfers, kiosk time to first
// frame (cold and warm) in headless Chromium, TV app time to first frame and its share of peak
// memory under Xvfb. Prints figures; results go to docs/PERFORMANCE.md.
//   node tests/bench/startup.mjs [RUNS]      (after scripts/build.sh)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib, { brotliCompressSync, gzipSync } from 'node:zlib';
import { launch, serve, waitReady } from '../e2e/browser.mjs';
import { figure, saveFigures } from './figures.mjs';

const runs = Number(process.argv[2] || 5);
const root = new URL('../..', import.meta.url).pathname;
const site = join(root, 'build/wasm/site');
const tvapp = join(root, 'build/native/bin/elder-tvapp');
const baseline = join(root, 'build/native/tests/bench_gl_baseline');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

console.log('## Download sizes (raw, gzip -9, brotli q11)');
const fontSource = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const gzipKb = (buffer) => gzipSync(buffer, { level: 9 }).length / 1024;
const brotliKb = (buffer) => brotliCompressSync(buffer, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1024;
// The site's files are named after their content (scripts/stamp_site.py); build.json maps the names.
const built = JSON.parse(readFileSync(join(site, 'build.json'), 'utf8')).files;
const named = (file) => built[file] || file;
const tiers = JSON.parse(readFileSync(join(site, 'assets/fonts/index.json'), 'utf8')).tiers.map((t) => t.file);
for (const [name, file] of [['kiosk.wasm', named('kiosk.wasm')], ['kiosk.js', named('kiosk.js')], ['kiosk-shell.js', named('kiosk-shell.js')],
  ['base font elder-cjk.ttf', named('assets/fonts/elder-cjk.ttf')], ['font index.json', 'assets/fonts/index.json'],
  ...tiers.map((t) => [`font tier ${t} (on a miss)`, `assets/fonts/${t}`]), ['wqy-microhei.ttc (whole, baseline)', fontSource]]) {
  const path = file.startsWith('/') ? file : join(site, file);
  const raw = readFileSync(path);
  console.log(`${name}: ${kb(raw.length)} raw, ${gzipKb(raw).toFixed(0)} KB gzip, ${brotliKb(raw).toFixed(0)} KB brotli`);
}
const wholeFontKb = gzipKb(readFileSync(fontSource));
figure({ name: 'base font, gzip -9', value: gzipKb(readFileSync(join(site, named('assets/fonts/elder-cjk.ttf')))), unit: 'KB',
  baseline: { name: 'the whole font', value: wholeFontKb } });
figure({ name: 'kiosk.wasm, gzip -9', value: gzipKb(readFileSync(join(site, named('kiosk.wasm')))), unit: 'KB',
  baseline: { name: 'the whole font', value: wholeFontKb } });

// Two ways Chromium runs here: as the tests launch it (WebGL and the page's compositing both through
// SwiftShader), and as README's launch line for a kiosk PC without a GPU (compositing in software).
const { server, url } = await serve(site);
let firstVisit = null;  // every response of the first visit until it settles: {url, transferred, encoding, worker} in KB
for (const [label, flags] of [['as the tests launch Chromium', []],
  ['a kiosk PC without a GPU, README\'s launch line (--disable-gpu-compositing)', ['--disable-gpu-compositing']]]) {
  console.log(`\n## Kiosk time to first frame, headless Chromium (SwiftShader), ${runs} runs, 1080x1920: ${label}`);
  const browser = await launch(flags);
  const app = [], blank = [], warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(url + named('kiosk.css'));  // baseline: a tiny file from the same server, same browser
    blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].duration));
    // What crossed the network, the page's requests and its service worker's (which keeps the shell
    // once the app has started): bytes as sent, with the encoding the server chose. Answers the worker
    // gave the page from its cache, and the alert stream (its body never ends), are not downloads.
    const transfers = [];
    context.on('requestfinished', async (request) => {
      if (firstVisit) return;  // the first visit is counted once
      const response = await request.response();
      if (!response || response.fromServiceWorker()) return;
      const sizes = await request.sizes();
      transfers.push({ url: request.url(), transferred: (sizes.responseBodySize + sizes.responseHeadersSize) / 1024,
        encoding: response.headers()['content-encoding'] || 'none', worker: request.serviceWorker() !== null });
    });
    await page.goto(url);
    app.push(await waitReady(page));
    if (!firstVisit) {
      await page.waitForTimeout(3000);  // what the first screen fetches after it is drawn (the API's answers)
      firstVisit = [...transfers];
    }
    // Warm: the same browser again, the service worker serving the shell and V8 holding what it
    // keeps of the compiled wasm (the second reload is measured).
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 20000 })
      .catch(() => { throw new Error('the service worker did not take the page within 20 s'); });
    await page.reload();
    await waitReady(page);
    await page.reload();
    warm.push(await waitReady(page));
    await context.close();
  }
  await browser.close();
  console.log(`first frame, cold: median ${median(app).toFixed(0)} ms, max ${Math.max(...app).toFixed(0)} ms`);
  console.log(`first frame, warm (service worker): median ${median(warm).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms`);
  console.log(`baseline (tiny page load): median ${median(blank).toFixed(0)} ms; ratio ${(median(app) / median(blank)).toFixed(1)}x`);
  const how = flags.length ? ', no GPU compositing' : '';
  figure({ name: `kiosk first frame, cold, median, 1080x1920${how}`, value: median(app), unit: 'ms', goal: { at_most: 500 },
    baseline: { name: 'a tiny page from the same server', value: median(blank) } });
  figure({ name: `kiosk first frame, warm, median, 1080x1920${how}`, value: median(warm), unit: 'ms', goal: { at_most: 150 },
    baseline: { name: 'a tiny page from the same server', value: median(blank) } });
}
server.close();
console.log('');
const total = firstVisit.reduce((sum, r) => sum + r.transferred, 0);
console.log(`first visit: ${firstVisit.length} responses, ${total.toFixed(0)} KB transferred (as sent, with the encodings the server chose)`);
for (const r of firstVisit.sort((a, b) => b.transferred - a.transferred))
  console.log(`  ${r.transferred.toFixed(1).padStart(7)} KB  ${r.encoding.padEnd(5)} ${r.url.replace(url, '/')}${r.worker ? '  (service worker)' : ''}`);
figure({ name: 'kiosk first visit, transferred', value: total, unit: 'KB', goal: { at_most: 800 },
  baseline: { name: 'the whole font alone, gzip -9', value: wholeFontKb } });

console.log(`\n## TV app under Xvfb (Mesa llvmpipe), 1920x1080, ${runs} runs`);
console.log('baselines: an empty GLES 2 window, and the same window drawing one textured, blended quad (what');
console.log('any drawing costs on a software GL: llvmpipe compiles the shader with LLVM and keeps the code)');
// Runs a program under Xvfb with GNU time; returns its first-frame time and peak RSS.
function measure(command) {
  const result = execFileSync('bash', ['-c',
    `xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/time -v ${command} 2>&1 >/dev/null`], { encoding: 'utf8' });
  return {
    first: Number(/first frame after (\d+) ms/.exec(result)[1]),
    rss: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result)[1]) / 1024,
  };
}
const series = { app: [], empty: [], textured: [] };
for (let i = 0; i < runs; i++) {
  series.app.push(measure(`"${tvapp}" --frames 2`));
  series.empty.push(measure(`"${baseline}"`));
  series.textured.push(measure(`"${baseline}" --textured`));
}
for (const [name, xs] of Object.entries(series)) {
  const first = xs.map((x) => x.first), rss = xs.map((x) => x.rss);
  console.log(`${name}: first frame median ${median(first)} ms (max ${Math.max(...first)}), ` +
    `peak RSS median ${median(rss).toFixed(1)} MB (max ${Math.max(...rss).toFixed(1)})`);
}
const medianOf = (name, key) => median(series[name].map((x) => x[key]));
console.log(`the app's share of peak RSS: ${(medianOf('app', 'rss') - medianOf('empty', 'rss')).toFixed(1)} MB over the empty window, ` +
  `${(medianOf('app', 'rss') - medianOf('textured', 'rss')).toFixed(1)} MB over the window that draws one textured quad`);
figure({ name: 'TV app first frame, median, Xvfb 1920x1080', value: medianOf('app', 'first'), unit: 'ms',
  baseline: { name: 'an empty GLES 2 window', value: medianOf('empty', 'first') } });
figure({ name: 'TV app peak RSS, median', value: medianOf('app', 'rss'), unit: 'MB',
  baseline: { name: 'an empty GLES 2 window', value: medianOf('empty', 'rss') } });
figure({ name: 'TV app share of peak RSS over an empty GLES 2 window', value: medianOf('app', 'rss') - medianOf('empty', 'rss'),
  unit: 'MB', goal: { at_most: 20 }, baseline: { name: 'the window drawing one textured quad, over the empty one',
    value: medianOf('textured', 'rss') - medianOf('empty', 'rss') } });
figure({ name: 'TV app share of peak RSS over a window drawing one textured quad', value: medianOf('app', 'rss') - medianOf('textured', 'rss'),
  unit: 'MB', goal: { at_most: 20 }, baseline: { name: 'an empty GLES 2 window', value: medianOf('empty', 'rss') } });
saveFigures('startup');
