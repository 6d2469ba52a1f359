// The demo's browser window (scripts/demo-browser.sh, what scripts/run.sh opens where a display
// exists), headful under Xvfb on this machine, which has no GPU and runs as root (so --no-sandbox):
// the window shows the app, drawn with WebGL (SwiftShader, the fallback the script allows), and no
// infobar or bubble covers any of it ("unsupported command-line flag", translate, first-run or
// default-browser prompts). Checked two ways: the page's viewport is the whole window (an infobar
// takes its height from the page), and the screen's pixels where the page is match the page's own
// screenshot (anything drawn over it differs). Xvfb's framebuffer (-fbdir) is the screen.
//   node tests/e2e/demo_browser.mjs SCRIPT SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../server/server_process.mjs';
import { Checks, report, settled } from './browser.mjs';
import { decodePng, encodePng, pixelStats } from './png.mjs';

const [script, serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node demo_browser.mjs SCRIPT SERVER SITE_DIR DEMO_DIR OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-demo-browser-'));
const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

// Reads an XWD image (Xvfb's framebuffer file) as RGB pixels.
function readXwd(file) {
  const b = readFileSync(file);
  const field = (i) => b.readUInt32BE(i * 4);
  const [headerSize, width, height, byteOrder, bitsPerPixel, bytesPerLine] = [field(0), field(4), field(5), field(7), field(11), field(12)];
  const masks = [field(14), field(15), field(16)];
  const shifts = masks.map((m) => Math.log2(m & -m));
  const start = headerSize + field(19) * 12;  // after the colour map
  if (bitsPerPixel !== 32) throw new Error(`XWD with ${bitsPerPixel} bits per pixel`);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = start + y * bytesPerLine + x * 4;
      const v = byteOrder === 0 ? b.readUInt32LE(at) : b.readUInt32BE(at);
      for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = (v & masks[c]) >>> shifts[c];
    }
  }
  return { width, height, channels: 3, pixels };
}

// Share of pixels of `page` (the page's screenshot) that differ from the screen at (left, top).
function differsFromScreen(screen, page, left, top, rows = page.height) {
  let d = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < page.width; x++) {
      const s = ((top + y) * screen.width + left + x) * 3, p = (y * page.width + x) * page.channels;
      if (top + y >= screen.height || left + x >= screen.width) { d++; continue; }
      if (Math.abs(screen.pixels[s] - page.pixels[p]) > 16 || Math.abs(screen.pixels[s + 1] - page.pixels[p + 1]) > 16 ||
          Math.abs(screen.pixels[s + 2] - page.pixels[p + 2]) > 16) d++;
    }
  }
  return d / (rows * page.width);
}

// An X server whose screen is a file: -displayfd says which display it took.
const fbdir = join(dir, 'fb');
mkdirSync(fbdir);
const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-fbdir', fbdir, '-nolisten', 'tcp'],
  { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
children.push(xvfb);
const display = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('Xvfb did not start in 10 s')), 10000);
  xvfb.stdio[3].on('data', (d) => { clearTimeout(timer); resolve(':' + String(d).trim()); });
  xvfb.on('error', (e) => reject(new Error('cannot run Xvfb: ' + e.message)));
  xvfb.on('exit', (code) => reject(new Error('Xvfb exited with ' + code)));
});

const server = await startServer(serverBinary, ['--db', join(dir, 'd.db'), '--demo', '--demo-dir', demoDir, '--web-root', siteDir, '--quiet']);
const url = server.url + '/';
// The script exactly as run.sh runs it, plus a DevTools port for the test (no bar of its own).
const browserProcess = spawn(script, [url, '--remote-debugging-port=0'], {
  env: { ...process.env, DISPLAY: display, CHROMIUM_PROFILE: join(dir, 'profile') }, stdio: ['ignore', 'ignore', 'pipe'] });
children.push(browserProcess);
let log = '';
const endpoint = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('Chromium did not open DevTools in 30 s:\n' + log)), 30000);
  browserProcess.stderr.on('data', (d) => {
    log += d;
    const m = log.match(/DevTools listening on (ws:\S+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  browserProcess.on('error', (e) => reject(new Error(`cannot run ${script}: ${e.message}`)));
  browserProcess.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${log}`)));
});
const browser = await chromium.connectOverCDP(endpoint);
try {
  let page = null;
  for (let i = 0; i < 100 && !page; i++) {
    page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(url)) || null;
    if (!page) await new Promise((r) => setTimeout(r, 100));
  }
  if (!page) throw new Error('no window shows ' + url);
  // The app, or (without WebGL) the basic page: either ends the wait; only the app passes.
  await page.waitForFunction(() => window.elder && (window.elder.ready || (window.elder.basic && window.elder.basic.ready)), null, { timeout: 60000 });
  const app = await page.evaluate(() => window.elder.ready);
  checks.check(app, 'the window runs the app, not the page for browsers without WebGL', app ? '' : 'the basic page is shown: no WebGL');
  if (!app) throw new Error('no app to look at');
  await page.waitForTimeout(3000);  // infobars and bubbles come a moment after the window
  await settled(page);
  const rep = await report(page);
  checks.check(rep.screen === 'home' && (rep.gl === 'webgl2' || rep.gl === 'webgl1'), 'the app draws with WebGL (no GPU here: SwiftShader)',
    `${rep.screen}, gl = ${rep.gl}`);
  const win = await page.evaluate(() => ({ x: screenX, y: screenY, outer: [outerWidth, outerHeight], inner: [innerWidth, innerHeight],
                                           problem: !document.getElementById('problem').hidden }));
  checks.check(!win.problem, 'the page shows no problem sentence (such as 不支持 WebGL)');
  checks.check(win.inner[0] === win.outer[0] && win.inner[1] === win.outer[1], 'no bar takes room from the page (the viewport is the whole window)',
    `window ${win.outer.join('x')}, viewport ${win.inner.join('x')}`);
  const pageShot = decodePng(await page.screenshot());
  const screen = readXwd(join(fbdir, 'Xvfb_screen0'));
  writeFileSync(join(outDir, 'demo-browser-screen.png'), encodePng(screen));
  writeFileSync(join(outDir, 'demo-browser-page.png'), encodePng(pageShot));
  const top = win.y + win.outer[1] - win.inner[1];
  const whole = differsFromScreen(screen, pageShot, win.x, top);
  const strip = differsFromScreen(screen, pageShot, win.x, top, 120);
  checks.check(whole < 0.01 && strip < 0.01, 'on the screen the page is drawn whole, nothing over it (top 120 rows and all of it)',
    `${(strip * 100).toFixed(2)}% / ${(whole * 100).toFixed(2)}% of pixels differ`);
  const stats = pixelStats(pageShot);
  checks.check(stats.nonBackground > 0.2 && stats.colours > 50, 'the window shows the drawn app, not a blank page',
    `${(stats.nonBackground * 100).toFixed(0)}% drawn, ${stats.colours} colours`);
} catch (e) {
  checks.check(false, 'the demo browser window', e.stack);
}
await browser.close().catch(() => {});
browserProcess.kill('SIGTERM');
server.stop();
xvfb.kill('SIGTERM');
process.exit(checks.summary());
