// A kiosk that starts without the network, and new versions only between visitors (issue 17), in
// Debian's Chromium against the reference server on one fixed port (a service worker and its caches
// belong to an origin, port included):
// 1. first visit of build A: the page streams the wasm, the service worker keeps the app shell and
//    takes control; the bytes transferred are printed;
// 2. the server stops; a reload starts the app from the worker's cache and shows the saved copy with
//    the 离线 notice, as the TV does;
// 3. the server comes back with build B (the same files under another version) while a visitor is
//    choosing a time for a booking: B is fetched and waits; the visitor keeps build A, without a
//    reload, until the idle reset; then B takes over and runs;
// 4. a resident's browser (?surface=browser) gets the same worker; B takes over at its next load.
//   node tests/e2e/kiosk_offline.mjs SERVER SITE_DIR SITE_SRC_DIR STAMP_SCRIPT DEMO_DIR OUTPUT_DIR
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, confirmAlerts, launch, nodeById, press, report, waitForState, waitReady } from './browser.mjs';
import { freePort, startServer } from '../server/server_process.mjs';

const [binary, siteA, siteSrc, stampScript, demoDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node kiosk_offline.mjs SERVER SITE_DIR SITE_SRC_DIR STAMP_SCRIPT DEMO_DIR OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const checks = new Checks();
const zh = JSON.parse(readFileSync(new URL('../../assets/strings/zh-CN.json', import.meta.url), 'utf8'));
const IDLE_S = 30;  // the shortest idle time a kiosk takes (?idle=)

// Build B: the same sources stamped under another build id, so that its version, shell and worker differ.
const dir = mkdtempSync(join(tmpdir(), 'elder-offline-'));
const siteB = join(dir, 'site-b');
const stamped = spawnSync('/usr/bin/python3', [stampScript, siteSrc, siteB, '--build-id', 'kiosk-offline-test-b'], { encoding: 'utf8' });
if (!checks.check(stamped.status === 0, 'build B stamped from the same sources', stamped.stderr || String(stamped.error))) process.exit(checks.summary());
const A = JSON.parse(readFileSync(join(siteA, 'build.json'), 'utf8'));
const B = JSON.parse(readFileSync(join(siteB, 'build.json'), 'utf8'));
checks.check(A.version !== B.version, 'builds A and B are different versions', `${A.version} ${B.version}`);

const port = await freePort();
const db = join(dir, 'offline.db');
const serve = (site) => startServer(binary, ['--db', db, '--demo', '--demo-dir', demoDir, '--web-root', site, '--quiet'], { port });
let server = await serve(siteA);
const origin = `http://127.0.0.1:${port}`;
const browser = await launch();

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
// What crossed the network (encoded body and headers) for the requests of a context, the worker's
// own included; an event stream stays open and is left out.
function meter(context) {
  const seen = [];
  context.on('requestfinished', async (request) => {
    const response = await request.response().catch(() => null);
    if (!response || (response.headers()['content-type'] || '').startsWith('text/event-stream')) return;
    const sizes = await request.sizes().catch(() => null);
    seen.push({ url: request.url(), fromWorker: response.fromServiceWorker(), byWorker: Boolean(request.serviceWorker()),
      encoding: response.headers()['content-encoding'] || 'identity',
      bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0 });
  });
  return {
    seen,
    reset() { seen.length = 0; },
    network() { return seen.filter((r) => !r.fromWorker).reduce((n, r) => n + r.bytes, 0); },
  };
}
const controlled = (page) => waitForState(page, () => navigator.serviceWorker.controller !== null, null, 30000);
const versionOf = (page) => page.evaluate(() => window.elder && window.elder.version).catch(() => null);

// Polls the page across reloads: [{t, version, screen, doc}] until `done(sample)` or the timeout.
async function watch(page, done, timeoutMs) {
  const samples = [];
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const sample = await page.evaluate(() => {
      if (!window.elder || !window.elder.ready) return null;
      if (!window.__doc) window.__doc = Math.random().toString(36).slice(2);
      return { version: window.elder.version, screen: window.elder.report().screen, doc: window.__doc };
    }).catch(() => null);
    if (sample) {
      samples.push({ t: Date.now() - start, ...sample });
      if (done(sample)) break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return samples;
}

// A page in a profile of its own, every request counted from the first; uncaught errors collected
// (the network's own console errors while the server is down are expected).
async function open(url, contextOptions) {
  const context = await browser.newContext(contextOptions);
  const counter = meter(context);
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(url);
  await waitReady(page);
  return { context, page, errors, warnings, meter: counter };
}

// 1. First visit of build A
const kiosk = await open(`${origin}/?surface=kiosk&idle=${IDLE_S}`, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
const { page, warnings, meter: kioskMeter } = kiosk;
checks.check(await versionOf(page) === A.version, 'first visit: build A runs', await versionOf(page));
const firstFrame = await page.evaluate(() => window.elder.firstFrameMs);
checks.check(await controlled(page), 'first visit: the service worker controls the page');
await confirmAlerts(page);
checks.check(await waitForState(page, () => ['policies', 'alerts', 'contacts'].every((k) => window.elder.report().data.resources[k].freshness === 'current'), null, 20000),
  'first visit: the data arrived (and is saved for later)');
const caches = await page.evaluate(() => caches.keys());
checks.check(caches.includes('elder-shell-' + A.version), 'first visit: the app shell is kept under the version', caches.join(' '));
const wasmResponse = kioskMeter.seen.find((r) => r.url.endsWith(A.files['kiosk.wasm']) && !r.byWorker);
checks.check(wasmResponse && ['br', 'gzip'].includes(wasmResponse.encoding), 'first visit: the wasm comes compressed', wasmResponse && wasmResponse.encoding);
checks.check(!warnings.some((w) => /streaming compile failed|falling back to ArrayBuffer/.test(w)),
  'first visit: the wasm is compiled while it streams (no fallback to a downloaded ArrayBuffer)', warnings.join(' | '));
await new Promise((r) => setTimeout(r, 1000));  // the worker's precache requests finish
const firstVisit = kioskMeter.network();
console.log(`first visit: first frame ${firstFrame.toFixed(0)} ms, ${kb(firstVisit)} over the network (the page and the worker's precache); encodings: ` +
  [...new Set(kioskMeter.seen.filter((r) => !r.fromWorker && /\.(wasm|js|ttf)$/.test(r.url)).map((r) => r.url.split('/').pop() + ' ' + r.encoding))].join(', '));

// A reload with the server up: the app shell from the worker's cache, only the page and the API from the network.
kioskMeter.reset();
await page.reload();
await waitReady(page);
const warmShell = kioskMeter.seen.filter((r) => /\.[0-9a-f]{16}\.(wasm|js|css|ttf|json)$/.test(r.url) && !r.byWorker);
checks.check(warmShell.length > 0 && warmShell.every((r) => r.fromWorker), 'reload: every content-named file comes from the worker',
  warmShell.filter((r) => !r.fromWorker).map((r) => r.url).join(' '));
console.log(`reload with the worker: ${kb(kioskMeter.network())} over the network; first frame ${(await page.evaluate(() => window.elder.firstFrameMs)).toFixed(0)} ms`);
await confirmAlerts(page);

// A resident's browser, same origin, its own profile.
const phone = await open(`${origin}/?surface=browser`, { viewport: { width: 390, height: 844 } });
checks.check(await controlled(phone.page), 'browser: the same worker controls a resident\'s page');
await confirmAlerts(phone.page);

// 2. The server is down: a reload starts from the cache and shows the saved copy.
await server.stop();
kioskMeter.reset();
const navigation = await page.reload().catch((e) => e);
checks.check(!(navigation instanceof Error) && navigation && navigation.fromServiceWorker() && navigation.status() === 200,
  'server down: the page comes from the worker', navigation instanceof Error ? navigation.message : '');
checks.check(await waitReady(page).then(() => true, () => false), 'server down: the app starts');
checks.check(await versionOf(page) === A.version, 'server down: build A runs from the cache');
const offline = await waitForState(page, () => {
  const r = window.elder.report();
  const notice = r.nodes.find((n) => n.id === 'home.offline');
  return r.screen === 'home' && !r.data.online && notice && notice.visible && r.data.resources.policies.error === 'offline';
}, null, 20000);
let rep = await report(page);
checks.check(offline && nodeById(rep, 'home.offline').label === zh['status.offline'],
  'server down: home shows the saved copy with the 离线 notice', nodeById(rep, 'home.offline') ? nodeById(rep, 'home.offline').label : rep.screen);
checks.check(Object.values(rep.data.resources).filter((r) => r.count > 0).length >= 3 &&
  ['policies', 'contacts'].every((k) => rep.data.resources[k].freshness === 'cached' && rep.data.resources[k].count > 0),
  'server down: the lists are the saved copy', JSON.stringify(Object.fromEntries(Object.entries(rep.data.resources).map(([k, r]) => [k, `${r.freshness}/${r.count}`]))));
checks.check(rep.nodes.filter((n) => n.focusable && n.id.startsWith('tile.')).length === 9, 'server down: the nine tiles are there to use');
checks.check(kioskMeter.seen.filter((r) => !r.fromWorker && !r.url.includes('/api/') && r.bytes > 0).length === 0,
  'server down: nothing but the API was asked of the network', kioskMeter.seen.filter((r) => !r.fromWorker).map((r) => r.url).join(' '));
await page.screenshot({ path: join(outDir, 'kiosk-offline-start.png') });

// A reverse proxy whose server is down answers 502 for everything: the kept copy all the same.
{
  const stub = createServer((req, res) => { res.writeHead(502, { 'Content-Type': 'text/html' }); res.end('<h1>502 Bad Gateway</h1>'); });
  await new Promise((resolve, reject) => { stub.once('error', reject); stub.listen(port, '127.0.0.1', resolve); });
  const again = await page.reload().catch((e) => e);
  const started = await waitReady(page).then(() => true, () => false);
  checks.check(!(again instanceof Error) && again.fromServiceWorker() && again.status() === 200 && started && await versionOf(page) === A.version,
    'a proxy answering 502: the app starts from the cache', again instanceof Error ? again.message : String(again.status()));
  const closed = new Promise((resolve) => stub.close(resolve));
  stub.closeAllConnections();
  await closed;
}

// 3. Build B on the same origin while a visitor is in the middle of a booking.
// A visitor is at the kiosk before build B exists: a page nobody has touched takes a waiting
// version as soon as the browser finds it (by design), and a kiosk left alone for the idle time
// turns to the attract screen, where it takes one too. The visitor touches a heading (nothing
// happens but the idle clock starting over) before B is served and again once the app is back
// online, so that the idle time cannot run out before the booking starts.
const touchHeading = async (why) => {
  const rep = await report(page);
  const node = nodeById(rep, 'home.community') || rep.nodes.find((n) => n.role === 'heading' && n.visible && !n.focusable);
  if (!checks.check(Boolean(node), `${why}: the visitor touches a heading`, rep.screen)) return;
  await press(page, node);
};
await touchHeading('offline');
server = await serve(siteB);
checks.check(await waitForState(page, () => window.elder.report().data.online, null, 20000), 'server back: the app reconnects by itself');
await touchHeading('server back');
await confirmAlerts(page);
const tap = async (id, timeout = 10000) => {
  await waitForState(page, (i) => window.elder.report().nodes.some((n) => n.id === i && n.visible), id, timeout);
  const node = nodeById(await report(page), id);
  if (!node) throw new Error('no ' + id + ' on ' + (await report(page)).screen);
  await press(page, node);
};
try {
  await tap('tile.appointments');
  await tap('booking.service.1');
  await waitForState(page, () => window.elder.report().nodes.some((n) => n.id.startsWith('booking.day.') && n.focusable && n.visible), null, 10000);
  rep = await report(page);
  await press(page, rep.nodes.find((n) => n.id.startsWith('booking.day.') && n.focusable && n.visible));
  await waitForState(page, () => window.elder.report().screen === 'book_slot', null, 10000);
} catch (e) {
  checks.check(false, 'a visitor starts a booking', e.message);
}
rep = await report(page);
checks.check(rep.screen === 'book_slot', 'a visitor is choosing a time for a booking', rep.screen);
const booking = await page.evaluate(() => (window.__doc = 'visitor'));
// The browser looks for a new worker now and then by itself; here the test asks at once.
const found = await page.evaluate(async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
  for (let i = 0; i < 200 && !registration.waiting; i++) await new Promise((r) => setTimeout(r, 100));
  return Boolean(registration.waiting);
}).catch((e) => String(e));
checks.check(found === true, 'build B is fetched in the background and waits', String(found));
await new Promise((r) => setTimeout(r, 3000));
const during = await page.evaluate(() => ({ doc: window.__doc, version: window.elder.version, screen: window.elder.report().screen,
  waiting: window.elder.updateWaiting }));
checks.check(during.doc === booking && during.version === A.version && during.screen === 'book_slot',
  'mid-booking: the visitor keeps build A, no reload', JSON.stringify(during));
await page.screenshot({ path: join(outDir, 'kiosk-update-waits-mid-booking.png') });

// The visitor walks away: the idle warning, the reset to the attract screen, then build B. What the
// app showed when the new worker took the page over is noted where the reload cannot wipe it.
await page.evaluate(() => navigator.serviceWorker.addEventListener('controllerchange', () =>
  sessionStorage.setItem('screenAtTakeOver', window.elder.report().screen)));
const samples = await watch(page, (s) => s.version === B.version, (IDLE_S + 40) * 1000);
const firstB = samples.findIndex((s) => s.version === B.version);
const beforeB = firstB < 0 ? samples : samples.slice(0, firstB);
checks.check(firstB >= 0, 'after the idle reset build B runs', samples.length ? JSON.stringify(samples[samples.length - 1]) : 'no samples');
checks.check(beforeB.every((s) => s.version === A.version && s.doc === booking), 'build A ran on in the same page until then',
  [...new Set(beforeB.map((s) => `${s.version}/${s.screen}`))].join(' → '));
if (firstB >= 0) {
  const at = await page.evaluate(() => sessionStorage.getItem('screenAtTakeOver'));
  checks.check(at === 'attract', 'build B took over when the visit had ended (on the attract screen)', String(at));
  console.log(`build B ran ${(samples[firstB].t / 1000).toFixed(1)} s into the wait (idle time ${IDLE_S} s)`);
  await waitReady(page);
  rep = await report(page);
  checks.check(['home', 'attract'].includes(rep.screen) && rep.frames > 0, 'build B starts on a fresh page', rep.screen);
  const kept = await page.evaluate(() => caches.keys());
  checks.check(kept.includes('elder-shell-' + B.version), 'build B\'s app shell is kept', kept.join(' '));
  await page.screenshot({ path: join(outDir, 'kiosk-build-b.png') });
}

// 4. The resident's browser: never replaced while running; B at its next load.
{
  const p = phone.page;
  const waited = await p.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update().catch(() => {});
    for (let i = 0; i < 200 && !registration.waiting; i++) await new Promise((r) => setTimeout(r, 100));
    window.__doc = 'resident';
    return Boolean(registration.waiting);
  }).catch((e) => String(e));
  checks.check(waited === true, 'browser: build B waits', String(waited));
  await new Promise((r) => setTimeout(r, 2000));
  checks.check(await p.evaluate(() => window.__doc === 'resident' && window.elder.version) === A.version, 'browser: the running page keeps build A');
  // The resident's next visit: the tab closed and the page opened again. (A reload while the old
  // worker is busy may wait minutes for Chromium to let the new one take over: the page then runs on
  // and never reloads under someone's hands, web/kiosk-shell.js.)
  const url = p.url();
  await p.close();
  phone.page = await phone.context.newPage();
  phone.page.on('pageerror', (e) => phone.errors.push(String(e)));
  await phone.page.goto(url);
  const loads = await watch(phone.page, (s) => s.version === B.version, 20000);
  checks.check(loads.some((s) => s.version === B.version), 'browser: build B runs from the next visit on',
    [...new Set(loads.map((s) => s.version))].join(' '));
}
checks.check(kiosk.errors.length === 0 && phone.errors.length === 0, 'no uncaught errors', [...kiosk.errors, ...phone.errors].join(' | '));

// 5. A first visit whose download fails (no worker yet, nothing kept): the visitor is sent to staff,
//    and staff read which file, whether the wasm (streamed by emscripten) or an asset (the shell's).
for (const [what, file] of [['the wasm', B.files['kiosk.wasm']], ['the base font', B.files['assets/fonts/elder-cjk.ttf']]]) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, serviceWorkers: 'block' });
  await context.route('**/' + file, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const p = await context.newPage();
  await p.goto(`${origin}/?surface=kiosk`);
  const problem = p.locator('#problem');
  await problem.waitFor({ state: 'visible', timeout: 30000 }).catch(() => {});
  const said = await p.evaluate(() => ({ title: document.getElementById('problem-title').textContent,
    staff: document.getElementById('problem-staff').textContent, shown: !document.getElementById('problem').hidden,
    ready: window.elder.ready }));
  checks.check(said.shown && !said.ready && said.title.includes('这台机器暂时不能用，请找工作人员') && said.staff.includes(file),
    `${what} cannot be downloaded: the visitor is sent to staff, staff read which file`, `${said.title} ${said.staff}`);
  await context.close();
}

await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(checks.summary());
