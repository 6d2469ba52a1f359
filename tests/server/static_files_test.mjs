// The site as browsers get it, over real HTTP (issue 17): scripts/stamp_site.py names the app's files
// after their content and writes .br / .gz beside them; the server sends content-named files with
// year-long immutable caching and everything else with no-cache, picks Brotli, gzip or the file by
// Accept-Encoding (q-values, identity, *), gives each encoding its own ETag and 304s, falls back
// when a precompressed sibling is missing or stale, and still refuses paths out of the site.
//   node tests/server/static_files_test.mjs SERVER STAMP_SCRIPT SITE_DIR
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Checks } from '../e2e/browser.mjs';
import { startServer } from './server_process.mjs';

const [binary, stampScript, builtSite] = process.argv.slice(2);
if (!binary || !stampScript || !builtSite) {
  console.error('usage: node static_files_test.mjs SERVER STAMP_SCRIPT SITE_DIR');
  process.exit(2);
}
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-static-'));
const IMMUTABLE = 'public, max-age=31536000, immutable';

// A small site shaped like the real one, so that every case can be arranged (the real one is checked below).
const src = join(dir, 'site-src');
const filler = (words) => Array.from({ length: 200 }, (_, i) => `${words} ${i}`).join('\n');  // > 1 KB, compressible
const files = {
  'index.html': '<!doctype html><html><head><link rel="stylesheet" href="kiosk.css"></head><body>' +
    '<script src="a11y-mirror.js"></script><script src="kiosk-shell.js"></script></body></html>',
  'kiosk-shell.js': "'use strict';\n  const BUILD = { version: 'dev', files: {} };\n// " + filler('shell'),
  'sw.js': "'use strict';\nconst BUILD = { version: 'dev', precache: ['index.html'], fonts: [] };\n// " + filler('worker'),
  'kiosk.js': '// ' + filler('emscripten glue'),
  'kiosk.wasm': Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.from(filler('code'))]),
  'kiosk.css': 'body { margin: 0 }\n/* ' + filler('style') + ' */',
  'a11y-mirror.js': '// tiny',
  'config.json': '{"language": "zh-CN"}',
  'assets/fonts/elder-cjk.ttf': filler('base font glyphs'),
  'assets/fonts/elder-cjk-common.ttf': filler('tier glyphs'),
  'assets/fonts/index.json': JSON.stringify({ base: 'elder-cjk.ttf', tiers: [{ file: 'elder-cjk-common.ttf', ranges: [[19968, 40959]] }] }),
  'assets/strings/zh-CN.json': JSON.stringify({ 'home.title': '社区服务', filler: filler('字') }),
  'assets/keymaps/default.json': '{"Up": "up"}',
  'staff/index.html': '<!doctype html><title>staff</title>',
};
for (const [path, body] of Object.entries(files)) {
  mkdirSync(join(src, path, '..'), { recursive: true });
  writeFileSync(join(src, path), body);
}
const stamp = (out, extra = []) => spawnSync('/usr/bin/python3', [stampScript, src, out, '--cache', join(dir, 'cache'), ...extra], { encoding: 'utf8' });
const site = join(dir, 'site');
const stamped = stamp(site);
checks.check(stamped.status === 0, 'stamp_site.py stamps the site', stamped.stderr || stamped.stdout);
if (stamped.status !== 0) process.exit(checks.summary());

// What the stamp wrote
const manifest = JSON.parse(readFileSync(join(site, 'build.json'), 'utf8'));
const named = manifest.files;
const hashedPattern = /\.[0-9a-f]{16}\.[a-z]+$/;
const contentNamed = ['kiosk.js', 'kiosk.wasm', 'kiosk-shell.js', 'kiosk.css', 'a11y-mirror.js', 'assets/fonts/elder-cjk.ttf',
  'assets/fonts/elder-cjk-common.ttf', 'assets/strings/zh-CN.json', 'assets/keymaps/default.json'];
// The base font keeps its name as well: the page without WebGL (basic-page.css) draws with it.
const onlyHashed = ['kiosk.js', 'kiosk.wasm', 'kiosk-shell.js', 'assets/fonts/elder-cjk-common.ttf'];
checks.check(contentNamed.every((f) => hashedPattern.test(named[f] || '') && existsSync(join(site, named[f]))) &&
  onlyHashed.every((f) => !existsSync(join(site, f))), 'the app\'s files are named after their content, its large ones and the shell only so',
  JSON.stringify(named));
const fixedToo = contentNamed.filter((f) => !onlyHashed.includes(f));
checks.check(fixedToo.every((f) => existsSync(join(site, f)) && readFileSync(join(site, f)).equals(readFileSync(join(site, named[f])))),
  'small files keep their fixed names too (a page may load basic-page.css or a catalogue by name)', fixedToo.join(' '));
checks.check(['index.html', 'sw.js', 'config.json', 'assets/fonts/index.json', 'staff/index.html'].every((f) => existsSync(join(site, f))) &&
  !Object.keys(named).some((f) => ['index.html', 'sw.js', 'config.json', 'assets/fonts/index.json'].includes(f)),
  'the page, the worker, config.json and the font index keep their names');
const index = readFileSync(join(site, 'index.html'), 'utf8');
checks.check(index.includes(`href="${named['kiosk.css']}"`) && index.includes(`src="${named['kiosk-shell.js']}"`) &&
  index.includes(`src="${named['a11y-mirror.js']}"`), 'index.html refers to the new names', index);
const fontIndex = JSON.parse(readFileSync(join(site, 'assets/fonts/index.json'), 'utf8'));
checks.check(fontIndex.tiers[0].file === named['assets/fonts/elder-cjk-common.ttf'].slice('assets/fonts/'.length) &&
  existsSync(join(site, 'assets/fonts', fontIndex.tiers[0].file)), 'index.json lists the tiers by their new names', JSON.stringify(fontIndex));
const shell = readFileSync(join(site, named['kiosk-shell.js']), 'utf8');
checks.check(shell.includes(`"kiosk.wasm":"${named['kiosk.wasm']}"`) && shell.includes(`"version":"${manifest.version}"`),
  'the shell knows the version and the names (locateFile gives emscripten the wasm\'s)');
const sw = readFileSync(join(site, 'sw.js'), 'utf8');
const swBuild = JSON.parse(sw.match(/const BUILD = (.*);/)[1]);
checks.check(swBuild.version === manifest.version && swBuild.precache.every((f) => existsSync(join(site, f))) &&
  ['index.html', named['kiosk.wasm'], named['kiosk.js'], named['kiosk-shell.js'], named['assets/fonts/elder-cjk.ttf'],
    named['assets/strings/zh-CN.json'], 'config.json'].every((f) => swBuild.precache.includes(f)) &&
  !swBuild.precache.includes(named['assets/fonts/elder-cjk-common.ttf']) && swBuild.fonts.includes(fontIndex.tiers[0].file),
  'sw.js keeps the app shell (not the tiers, which it keeps when fetched)', JSON.stringify(swBuild));
const wasmPath = join(site, named['kiosk.wasm']);
const raw = readFileSync(wasmPath);
const gz = readFileSync(wasmPath + '.gz');
checks.check(gunzipSync(gz).equals(raw) && gz.readUInt32LE(4) === 0, '.gz is gzip without a time stamp (gzip -n)');
const brotliCli = spawnSync('brotli', ['-q', '11', '-c'], { input: raw });
checks.check(brotliCli.status === 0 && brotliCli.stdout.equals(readFileSync(wasmPath + '.br')),
  '.br is Debian\'s brotli at quality 11', brotliCli.error ? String(brotliCli.error) : '');
checks.check(!existsSync(join(site, named['a11y-mirror.js']) + '.br') && !existsSync(join(site, 'config.json.gz')),
  'files of 1 KB or less get no siblings');
const again = join(dir, 'again');
stamp(again);
const other = join(dir, 'other');
stamp(other, ['--build-id', 'next']);
const versionOf = (d) => JSON.parse(readFileSync(join(d, 'build.json'), 'utf8')).version;
checks.check(versionOf(again) === manifest.version, 'the same files give the same version (the browsers keep their caches)');
checks.check(versionOf(other) !== manifest.version &&
  JSON.parse(readFileSync(join(other, 'build.json'), 'utf8')).files['kiosk.wasm'] === named['kiosk.wasm'],
  'another build id gives another version of the same wasm', versionOf(other));

// Over HTTP
const server = await startServer(binary, ['--db', join(dir, 'static.db'), '--web-root', site, '--quiet']);
function get(path, headers = {}, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const decode = (r) => (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body)
  : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body);
const url = (f) => '/' + named[f];

{
  const r = await get(url('kiosk.wasm'), { 'Accept-Encoding': 'gzip, deflate, br' });
  checks.check(r.status === 200 && r.headers['content-type'] === 'application/wasm' && r.headers['content-encoding'] === 'br' &&
    decode(r).equals(raw) && r.headers['cache-control'] === IMMUTABLE && r.headers.vary === 'Accept-Encoding' && /-br"$/.test(r.headers.etag),
  'a content-named file: Brotli, immutable for a year, Vary, its own ETag', JSON.stringify(r.headers));
  const g = await get(url('kiosk.wasm'), { 'Accept-Encoding': 'gzip' });
  checks.check(g.headers['content-encoding'] === 'gzip' && decode(g).equals(raw) && /-gz"$/.test(g.headers.etag) && g.headers.etag !== r.headers.etag,
    'gzip for a client without Brotli, with another ETag', JSON.stringify(g.headers));
  const p = await get(url('kiosk.wasm'));
  checks.check(!p.headers['content-encoding'] && p.body.equals(raw) && !/-(br|gz)"$/.test(p.headers.etag) && p.headers.vary === 'Accept-Encoding',
    'no Accept-Encoding: the file itself', JSON.stringify(p.headers));

  // Negotiation: q-values, identity, *, case, unknown codings.
  for (const [accept, want] of [
    ['br;q=0, gzip', 'gzip'], ['gzip;q=0.5, br;q=0.8', 'br'], ['br;q=0.5, gzip;q=1.0', 'gzip'], ['BR', 'br'],
    ['identity', 'identity'], ['gzip;q=0.5, identity', 'identity'], ['*', 'br'], ['*;q=0, identity', 'identity'],
    ['*;q=0.1, br;q=0', 'gzip'], ['gzip, identity;q=0', 'gzip'], ['deflate', 'identity'], ['', 'identity'],
    ['br;q=abc, gzip', 'gzip'], ['x-gzip', 'gzip'], ['br; q=0.001', 'br'], ['gzip ; q=1, br;q=0.999', 'gzip'],
  ]) {
    const res = await get(url('kiosk.wasm'), { 'Accept-Encoding': accept });
    const got = res.headers['content-encoding'] === 'br' ? 'br' : res.headers['content-encoding'] === 'gzip' ? 'gzip' : 'identity';
    checks.check(res.status === 200 && got === want && decode(res).equals(raw), `Accept-Encoding "${accept}" gets ${want}`, `${res.status} ${got}`);
  }
  for (const accept of ['identity;q=0', 'br;q=0, gzip;q=0, identity;q=0', '*;q=0']) {
    const res = await get(url('kiosk.wasm'), { 'Accept-Encoding': accept });
    checks.check(res.status === 406 && res.headers['content-type'].startsWith('application/problem+json'),
      `Accept-Encoding "${accept}" (nothing acceptable) gets 406`, String(res.status));
  }

  // Revalidation: the ETag of the encoding sent.
  const n = await get(url('kiosk.wasm'), { 'Accept-Encoding': 'gzip, br', 'If-None-Match': r.headers.etag });
  checks.check(n.status === 304 && n.body.length === 0 && n.headers.etag === r.headers.etag && n.headers['cache-control'] === IMMUTABLE &&
    n.headers.vary === 'Accept-Encoding', '304 for the Brotli ETag, with its caching headers', JSON.stringify(n.headers));
  const changed = await get(url('kiosk.wasm'), { 'Accept-Encoding': 'gzip', 'If-None-Match': r.headers.etag });
  checks.check(changed.status === 200 && changed.headers['content-encoding'] === 'gzip', 'the Brotli ETag does not revalidate the gzip answer');
  const list = await get(url('kiosk.wasm'), { 'Accept-Encoding': 'gzip', 'If-None-Match': `"nope", W/${g.headers.etag}` });
  checks.check(list.status === 304, 'a list of ETags, weak ones too, revalidates');
  const head = await get(url('kiosk.wasm'), { 'Accept-Encoding': 'br' }, 'HEAD');
  checks.check(head.status === 200 && head.body.length === 0 && head.headers['content-encoding'] === 'br' && head.headers.etag === r.headers.etag,
    'HEAD: the headers without the body');
}

// Names that are not content-named are revalidated every time.
for (const [path, type] of [['/', 'text/html'], ['/index.html', 'text/html'], ['/sw.js', 'text/javascript'], ['/config.json', 'application/json'],
  ['/assets/fonts/index.json', 'application/json'], ['/staff/', 'text/html'], ['/build.json', 'application/json']]) {
  const res = await get(path, { 'Accept-Encoding': 'br, gzip' });
  checks.check(res.status === 200 && res.headers['cache-control'] === 'no-cache' && res.headers['content-type'].startsWith(type) &&
    res.headers.vary === 'Accept-Encoding', `${path}: no-cache, ${type}`, `${res.status} ${res.headers['cache-control']}`);
  const again304 = await get(path, { 'Accept-Encoding': 'br, gzip', 'If-None-Match': res.headers.etag });
  checks.check(again304.status === 304 && again304.headers['cache-control'] === 'no-cache', `${path}: 304 when unchanged`);
}
{
  const res = await get('/sw.js', { 'Accept-Encoding': 'br' });
  checks.check(res.headers['content-encoding'] === 'br' && decode(res).toString() === sw, 'sw.js is sent precompressed too');
  const page = await get('/', {});
  checks.check((page.headers['content-security-policy'] || '').includes("script-src 'self' 'wasm-unsafe-eval'"), 'the page keeps its CSP');
  for (const [path, type] of [[url('kiosk.js'), 'text/javascript'], [url('kiosk.css'), 'text/css'], [url('assets/fonts/elder-cjk.ttf'), 'font/ttf'],
    [url('assets/strings/zh-CN.json'), 'application/json'], ['/assets/fonts/' + fontIndex.tiers[0].file, 'font/ttf']]) {
    const f = await get(path, { 'Accept-Encoding': 'br' });
    checks.check(f.status === 200 && f.headers['cache-control'] === IMMUTABLE && f.headers['content-type'].startsWith(type),
      `${path}: immutable, ${type}`, `${f.status} ${f.headers['cache-control']}`);
  }
  const small = await get(url('a11y-mirror.js'), { 'Accept-Encoding': 'br, gzip' });
  checks.check(small.status === 200 && !small.headers['content-encoding'] && small.headers['cache-control'] === IMMUTABLE,
    'a file of 1 KB or less goes as it is');
  for (const f of fixedToo) {
    const fixed = await get('/' + f, { 'Accept-Encoding': 'br, gzip' });
    checks.check(fixed.status === 200 && fixed.headers['cache-control'] === 'no-cache', `/${f}, the fixed name: no-cache`, fixed.headers['cache-control']);
  }
  const fake = await get('/kiosk.0123456789abcdeg.js');
  checks.check(fake.status === 404 && fake.headers['cache-control'] !== IMMUTABLE, 'a missing content-named file is 404, never cached for a year');
}

// A missing or stale precompressed sibling.
{
  const css = join(site, named['kiosk.css']);
  const cssRaw = readFileSync(css);
  rmSync(css + '.br');
  const noBr = await get(url('kiosk.css'), { 'Accept-Encoding': 'br, gzip' });
  checks.check(noBr.status === 200 && noBr.headers['content-encoding'] === 'gzip' && decode(noBr).equals(cssRaw),
    'no .br beside the file: the .gz', JSON.stringify(noBr.headers));
  rmSync(css + '.gz');
  const none = await get(url('kiosk.css'), { 'Accept-Encoding': 'br, gzip' });
  checks.check(none.status === 200 && none.headers['content-encoding'] === 'gzip' && decode(none).equals(cssRaw),
    'no sibling at all: gzip made by the server', JSON.stringify(none.headers));
  const plain = await get(url('kiosk.css'), { 'Accept-Encoding': 'br' });
  checks.check(plain.status === 200 && !plain.headers['content-encoding'] && plain.body.equals(cssRaw),
    'no sibling and no gzip accepted: the file itself', JSON.stringify(plain.headers));

  const js = join(site, named['kiosk.js']);
  const newer = Buffer.from('// a file written again after its siblings\n' + filler('new'));
  writeFileSync(js, newer);
  const future = new Date(Date.now() + 60000);
  utimesSync(js, future, future);
  const stale = await get(url('kiosk.js'), { 'Accept-Encoding': 'br' });
  checks.check(stale.status === 200 && decode(stale).equals(newer), 'a sibling older than its file is not sent',
    `${stale.headers['content-encoding']} ${decode(stale).length} vs ${newer.length}`);
}

// Paths out of the site
for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/..%5c..%5cetc%5cpasswd', '/%00index.html']) {
  const res = await get(path, { 'Accept-Encoding': 'br, gzip' });
  checks.check(res.status === 404 || res.status === 400, `${path} is refused`, String(res.status));
}

await server.stop();

// The real site, as the wasm build made it.
{
  const real = JSON.parse(readFileSync(join(builtSite, 'build.json'), 'utf8'));
  const realServer = await startServer(binary, ['--db', join(dir, 'real.db'), '--web-root', builtSite, '--quiet']);
  const { hostname, port } = new URL(realServer.url);
  const fetchRaw = (path, headers) => new Promise((resolve, reject) => {
    request({ host: hostname, port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
  const wasm = await fetchRaw('/' + real.files['kiosk.wasm'], { 'Accept-Encoding': 'gzip, deflate, br' });
  checks.check(wasm.status === 200 && wasm.headers['content-type'] === 'application/wasm' && wasm.headers['content-encoding'] === 'br' &&
    wasm.headers['cache-control'] === IMMUTABLE, `the built ${real.files['kiosk.wasm']}: application/wasm, Brotli, immutable`,
    `${wasm.status} ${JSON.stringify(wasm.headers)}`);
  const sizes = [];
  for (const f of ['kiosk.wasm', 'kiosk.js', 'assets/fonts/elder-cjk.ttf']) {
    const path = join(builtSite, real.files[f]);
    sizes.push(`${f} ${(readFileSync(path).length / 1024).toFixed(0)} KB raw, ${(readFileSync(path + '.gz').length / 1024).toFixed(0)} KB gzip, ` +
      `${(readFileSync(path + '.br').length / 1024).toFixed(0)} KB brotli`);
  }
  console.log(sizes.join('\n'));
  const leftovers = readdirSync(builtSite).filter((f) => ['kiosk.wasm', 'kiosk.js', 'kiosk-shell.js'].includes(f));
  checks.check(leftovers.length === 0, 'the built site has no file under its old name', leftovers.join(' '));
  await realServer.stop();
}

rmSync(dir, { recursive: true, force: true });
process.exit(checks.summary());
