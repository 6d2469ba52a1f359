// The reference server over real HTTP on 127.0.0.1: site, policies (paging, since, search, ETag),
// community notices (order, paging, ETag, withdrawn, bad input), bad input of every kind, the kiosk site, CORS, restart and SIGTERM.
//   node tests/server/api_test.mjs SERVER_BINARY DEMO_DIR WEB_ROOT OPENAPI_YAML
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as rawRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Checks } from '../e2e/browser.mjs';
import { startServer, storeSql } from './server_process.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';
import { client } from './api_client.mjs';
import { publishContent, withdrawContent } from './staff_content.mjs';

const [binary, demoDir, webRoot, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-server-'));
const db = join(dir, 'test.db');
const args = ['--db', db, '--demo', '--demo-dir', demoDir, '--web-root', webRoot, '--quiet'];

let server = await startServer(binary, args, { staff: true });  // staff publish and withdraw notices
const get = (path, headers = {}) => fetch(server.url + path, { headers });
const isProblem = async (res, status) => {
  const body = res.status === status ? await res.json().catch(() => null) : null;
  return res.status === status && res.headers.get('content-type') === 'application/problem+json' &&
    body && body.status === status && typeof body.detail === 'string' && body.detail.length > 0;
};

// Site and health
{
  const site = await (await get('/api/v1/site')).json();
  checks.check(site.community_name === '幸福里社区' && site.kiosk_idle_timeout_s === 120, 'site configuration is served');
  checks.check(site.utc_offset_minutes === 480, 'the site names the zone its times are written in (China, +480 minutes)',
    String(site.utc_offset_minutes));
  checks.check(!('public_url' in site), 'no public address configured: the site names none (apps use their own)');
  checks.check((await get('/api/v1/health')).status === 200, 'health answers 200');
}

// Categories and the demo content
const categories = (await (await get('/api/v1/policy-categories')).json()).items;
checks.check(categories.length >= 6, 'at least 6 policy categories', String(categories.length));

// Paging through every policy, newest first, with no repeats
let all = [];
let cursor = null;
let pages = 0;
do {
  const res = await get('/api/v1/policies?limit=5' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
  const page = await res.json();
  all = all.concat(page.items);
  cursor = page.next_cursor;
  pages++;
} while (cursor && pages < 50);
checks.check(all.length >= 20, 'at least 20 demo policies', String(all.length));
checks.check(new Set(all.map((p) => p.id)).size === all.length, 'paging returns each policy once');
checks.check(all.every((p, i) => i === 0 || p.published_on <= all[i - 1].published_on), 'policies come newest first');
checks.check(pages === Math.ceil(all.length / 5), 'the last page has no next cursor', `${pages} pages`);
const counted = categories.reduce((n, c) => n + c.policy_count, 0);
checks.check(counted === all.length, 'category counts add up to the policy list', `${counted} vs ${all.length}`);

// Filters and search
{
  const res = await (await get('/api/v1/policies?category=yibao&limit=100')).json();
  checks.check(res.items.length > 0 && res.items.every((p) => p.category_id === 'yibao'), 'category filter');
  const found = await (await get('/api/v1/policies?q=' + encodeURIComponent('养老金') + '&limit=100')).json();
  checks.check(found.items.length >= 2, 'keyword search finds 养老金', String(found.items.length));
  const none = await (await get('/api/v1/policies?q=' + encodeURIComponent('100%_') + '&limit=100')).json();
  checks.check(none.items.length === 0, 'search treats % and _ literally');
}

// Incremental lists with since
{
  const full = await (await get('/api/v1/policies?since=0&limit=100')).json();
  checks.check(full.items.length === all.length && full.next_since === null, 'since=0 lists every change');
  const nothing = await (await get('/api/v1/policies?since=' + full.seq)).json();
  checks.check(nothing.items.length === 0, 'since=current lists nothing');
  const paged = await (await get('/api/v1/policies?since=0&limit=3')).json();
  checks.check(paged.items.length === 3 && paged.next_since === paged.items[2].updated_seq, 'since pages continue with next_since');
}

// ETag / If-None-Match
{
  const first = await get('/api/v1/policies?limit=5');
  const etag = first.headers.get('etag');
  const again = await get('/api/v1/policies?limit=5', { 'If-None-Match': etag });
  checks.check(etag && again.status === 304, 'a list answers 304 to its ETag');
  const other = await get('/api/v1/policies?limit=6', { 'If-None-Match': etag });
  checks.check(other.status === 200, 'another query does not match that ETag');
  const one = await get('/api/v1/policies/' + all[0].id);
  const body = await one.json();
  checks.check(body.title === all[0].title && body.body.length > 20, 'a policy has its full text');
  checks.check((await get('/api/v1/policies/' + all[0].id, { 'If-None-Match': one.headers.get('etag') })).status === 304,
    'a policy answers 304 to its ETag');
}

// Compressed answers (issue 17): gzip for a client that asks, the file as it is for one that does not,
// each form with its own ETag, 304 to either, small answers left alone. Raw node:http, which does
// not decompress, so the bytes on the wire are what is checked.
{
  const raw = (path, headers = {}) => new Promise((resolve, reject) => {
    const req = rawRequest(server.url + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
  const list = '/api/v1/policies?limit=100';
  const plain = await raw(list);
  const zipped = await raw(list, { 'Accept-Encoding': 'gzip, deflate, br' });
  const same = zipped.headers['content-encoding'] === 'gzip' &&
    gunzipSync(zipped.body).equals(plain.body) && zipped.body.length < plain.body.length / 2;
  checks.check(plain.status === 200 && !plain.headers['content-encoding'] && same,
    'a list goes gzip-compressed to a client that accepts gzip, the same JSON, under half the bytes',
    `${plain.body.length} -> ${zipped.body.length} bytes, ${zipped.headers['content-encoding']}`);
  checks.check(/accept-encoding/i.test(zipped.headers.vary || '') && /accept-encoding/i.test(plain.headers.vary || ''),
    'both forms say Vary: Accept-Encoding', `${zipped.headers.vary} | ${plain.headers.vary}`);
  const tag = plain.headers.etag, gzTag = zipped.headers.etag;
  checks.check(tag && gzTag === tag.slice(0, -1) + '-gz"', 'the gzip form has its own ETag', `${tag} ${gzTag}`);
  const revalidated = await raw(list, { 'Accept-Encoding': 'gzip', 'If-None-Match': gzTag });
  const plainAgain = await raw(list, { 'If-None-Match': tag });
  checks.check(revalidated.status === 304 && revalidated.headers.etag === gzTag && plainAgain.status === 304 && plainAgain.headers.etag === tag,
    'each form answers 304 to its own ETag, with that ETag', `${revalidated.status} ${revalidated.headers.etag} ${plainAgain.status} ${plainAgain.headers.etag}`);
  const refused = await raw(list, { 'Accept-Encoding': 'gzip;q=0, identity' });
  checks.check(refused.status === 200 && !refused.headers['content-encoding'], 'gzip;q=0 is honoured: the answer as it is');
  const small = await raw('/api/v1/site', { 'Accept-Encoding': 'gzip' });
  checks.check(small.status === 200 && !small.headers['content-encoding'] && small.body.length < 1024,
    'an answer under 1 KB goes as it is', `${small.body.length} bytes, ${small.headers['content-encoding']}`);
}

// Guides, contacts, activities, schedules and slots
{
  let guides = [];
  for (let cursor = null, n = 0; n < 20; n++) {
    const page = await (await get('/api/v1/guides?limit=4' + (cursor ? '&cursor=' + cursor : ''))).json();
    guides = guides.concat(page.items);
    if (!(cursor = page.next_cursor)) break;
  }
  checks.check(guides.length >= 10 && new Set(guides.map((g) => g.id)).size === guides.length, 'at least 10 service guides, paged without repeats', String(guides.length));
  const bookable = guides.filter((g) => g.bookable);
  checks.check(bookable.length > 0 && bookable.every((g) => g.schedule_id), 'bookable guides name their schedule');
  checks.check((await (await get('/api/v1/guides/' + guides[0].id)).json()).materials.length > 0, 'a guide lists its materials');
  const contacts = (await (await get('/api/v1/contacts')).json()).items;
  checks.check(contacts.length >= 8, 'at least 8 contacts', String(contacts.length));
  const activities = (await (await get('/api/v1/activities?limit=100')).json()).items;
  checks.check(activities.length >= 6 && activities.every((a, i) => i === 0 || a.start >= activities[i - 1].start),
    'at least 6 upcoming activities, soonest first', String(activities.length));
  const schedules = (await (await get('/api/v1/schedules?guide_id=' + bookable[0].id)).json()).items;
  checks.check(schedules.length === 1 && schedules[0].id === bookable[0].schedule_id, 'a guide leads to its schedule');
  const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
  const slots = (await (await get(`/api/v1/schedules/${schedules[0].id}/slots?from=${day(0)}&to=${day(14)}`)).json()).items;
  const days = new Set(slots.map((s) => s.start.slice(0, 10)));
  checks.check(slots.length > 0 && days.size >= 8 && [...days].every((d) => d > day(0) && d <= day(14)),
    'bookable slots on the working days of the next 14 days', `${slots.length} slots on ${days.size} days`);
  for (const [path, what] of [
    [`/api/v1/schedules/${schedules[0].id}/slots?from=${day(0)}`, 'a slot query without to'],
    [`/api/v1/schedules/${schedules[0].id}/slots?from=${day(5)}&to=${day(1)}`, 'a slot query ending before it starts'],
    [`/api/v1/schedules/${schedules[0].id}/slots?from=${day(0)}&to=${day(40)}`, 'a slot query over 31 days'],
    [`/api/v1/schedules/${schedules[0].id}/slots?from=2026-02-30&to=2026-03-02`, 'an impossible date'],
    ['/api/v1/guides?limit=x', 'a guide list with limit=x'],
    ['/api/v1/activities?cursor=nonsense', 'a forged activity cursor'],
  ]) checks.check(await isProblem(await get(path), 400), `${what} gives 400`);
  for (const path of ['/api/v1/guides/9999', '/api/v1/activities/9999', '/api/v1/schedules/9999/slots?from=2026-01-01&to=2026-01-02'])
    checks.check(await isProblem(await get(path), 404), `${path} gives 404`);
}

// Community notices: pinned first, then newest published, then id descending; withdrawn ones gone.
let noticesLeft = [];  // what a restart must keep
{
  // a comes before b in the order the contract promises
  const before = (a, b) => a.pinned !== b.pinned ? a.pinned : a.published !== b.published ? a.published > b.published : a.id > b.id;
  const inOrder = (list) => list.every((n, i) => i === 0 || before(list[i - 1], n));
  const listed = await get('/api/v1/notices');
  const demo = (await listed.json()).items;
  checks.check(demo.length === 5 && demo.every((n) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(n.published) &&
    n.title.length > 0 && n.title.length <= 60 && n.body.length > 0), 'the five demo notices are listed, each published in China time',
  JSON.stringify(demo.map((n) => [n.id, n.published])));
  checks.check(demo[0].pinned && demo.slice(1).every((n) => !n.pinned) && demo.some((n) => n.published > demo[0].published) && inOrder(demo),
    'a pinned notice comes first though others are newer; the rest newest first', JSON.stringify(demo.map((n) => [n.id, n.pinned, n.published])));
  checks.check(listed.headers.get('cache-control') === 'no-cache', 'notices are public: cacheable with revalidation, not no-store',
    listed.headers.get('cache-control'));
  const one = await get('/api/v1/notices/' + demo[1].id);
  checks.check(one.status === 200 && JSON.stringify(await one.json()) === JSON.stringify(demo[1]), 'one notice reads as it is listed');

  // 20 more from staff (every fifth pinned), published in quick succession: many share a second,
  // so the id decides between them.
  const api = client(server.url);
  const people = { editor: server.staffToken, approver: server.reviewerToken };
  const published = [];
  for (let i = 1; i <= 20; i++)
    published.push(await publishContent(api, people, 'notices', { title: `测试公告 ${i}`, body: `第 ${i} 条测试公告。`, pinned: i % 5 === 0 }));
  const first = await get('/api/v1/notices');
  const firstPage = await first.json();
  checks.check(firstPage.items.length === 20 && typeof firstPage.next_cursor === 'string', 'the default page holds 20 notices and points to the next',
    `${firstPage.items.length} ${firstPage.next_cursor}`);
  const all = (await (await get('/api/v1/notices?limit=100')).json()).items;
  checks.check(all.length === 25 && all.slice(0, 5).every((n) => n.pinned) && !all[5].pinned && inOrder(all),
    'with 25 notices, the 5 pinned come first, then the rest newest first (ties by id, highest first)',
    JSON.stringify(all.map((n) => [n.id, n.pinned ? 1 : 0, n.published.slice(11, 19)])));
  const latest = all.find((n) => n.id === published[19]);
  checks.check(Math.abs(Date.parse(latest.published) - Date.now()) < 60e3 && latest.published.endsWith('+08:00') &&
    all.findIndex((n) => n.id === published[19]) < all.findIndex((n) => n.id === published[18]),
    'the server stamps a notice published at the moment it goes live (China time); the latest comes before the one just before it', latest.published);
  let paged = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await (await get('/api/v1/notices?limit=4' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))).json();
    paged = paged.concat(page.items);
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 20);
  checks.check(pages === 7 && JSON.stringify(paged.map((n) => n.id)) === JSON.stringify(all.map((n) => n.id)),
    'pages of 4 follow the cursor through all 25 in the same order, none twice, the last without a cursor', `${pages} pages`);

  // ETag / If-None-Match, and a change shows
  const etag = first.headers.get('etag');
  const again = await get('/api/v1/notices', { 'If-None-Match': etag });
  checks.check(etag && again.status === 304 && (await again.text()) === '', 'the list answers 304 to its ETag');
  checks.check((await get('/api/v1/notices?limit=5', { 'If-None-Match': etag })).status === 200, 'another page of notices does not match that ETag');
  const detail = await get('/api/v1/notices/' + all[0].id);
  const detailTag = detail.headers.get('etag');
  checks.check(detailTag && (await get('/api/v1/notices/' + all[0].id, { 'If-None-Match': detailTag })).status === 304,
    'a notice answers 304 to its ETag');

  // Withdrawn: 404 and off the list, and the list's ETag no longer matches
  const withdrawn = await withdrawContent(api, server.reviewerToken, 'notices', demo[0].id, '已经恢复供水');
  const gone = await get('/api/v1/notices/' + demo[0].id);
  const goneBody = gone.status === 404 ? await gone.clone().json() : null;
  checks.check(withdrawn.status === 204 && await isProblem(gone, 404) && goneBody.detail === '没有找到这条公告。',
    'a withdrawn notice is a 404 problem+json: 没有找到这条公告。', `${withdrawn.status} ${gone.status}`);
  const after = await get('/api/v1/notices?limit=100');
  noticesLeft = (await after.clone().json()).items.map((n) => n.id);
  checks.check(noticesLeft.length === 24 && noticesLeft.every((id) => id !== demo[0].id) && after.headers.get('etag') !== etag,
    'a withdrawn notice leaves the list');
  checks.check((await get('/api/v1/notices', { 'If-None-Match': etag })).status === 200, 'after a withdrawal the old ETag gives the new list (200)');
  // A list's answer is built once per change (server/answer_cache.hpp): both encodings, asked twice
  // before the change and again after it, are the list as it is now.
  const forms = await Promise.all(['gzip', 'identity'].map(async (coding) =>
    (await (await get('/api/v1/notices?limit=100', { 'Accept-Encoding': coding })).json()).items.map((n) => n.id).join()));
  checks.check(forms.every((ids) => ids === noticesLeft.join()) && all.map((n) => n.id).join() !== noticesLeft.join(),
    'the kept answer follows the change, in both encodings', forms.map((f) => f.length).join(' '));
  for (const path of ['/api/v1/notices/99999', '/api/v1/notices/abc', '/api/v1/notices/0']) {
    const res = await get(path);
    const body = res.status === 404 ? await res.clone().json() : null;
    checks.check(await isProblem(res, 404) && body.detail === '没有找到这条公告。', `${path} gives 404 problem+json with a plain sentence`);
  }

  // Bad limits and cursors this server did not give out: 400 naming the parameter
  const real = encodeURIComponent(firstPage.next_cursor);
  for (const [query, name] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=abc', 'limit'], ['limit=-1', 'limit'], ['limit=', 'limit'],
    ['cursor=junk', 'cursor'], ['cursor=', 'cursor'], ['cursor=2026-11-25T09:00:00%2B08:00_3', 'cursor'], ['cursor=2' + real.slice(1), 'cursor'],
    ['cursor=' + real.replace(/_\d+$/, '_x'), 'cursor'], ['cursor=' + real + '%27%20OR%201%3D1', 'cursor']]) {
    const res = await get('/api/v1/notices?' + query);
    const body = res.status === 400 ? await res.clone().json() : null;
    checks.check(await isProblem(res, 400) && body.invalid_params?.length === 1 && body.invalid_params[0].name === name,
      `notices?${query} gives 400 problem+json naming ${name}`, JSON.stringify(body?.invalid_params));
  }
}

// Bad input: every one a problem+json with a plain sentence
for (const [path, status, what] of [
  ['/api/v1/policies?limit=0', 400, 'limit=0'],
  ['/api/v1/policies?limit=abc', 400, 'limit=abc'],
  ['/api/v1/policies?limit=101', 400, 'limit=101'],
  ['/api/v1/policies?since=-1', 400, 'since=-1'],
  ['/api/v1/policies?cursor=junk', 400, 'a forged cursor'],
  ['/api/v1/policies?category=nope', 400, 'an unknown category'],
  ['/api/v1/policies/999999', 404, 'an unknown policy id'],
  ['/api/v1/policies/abc', 404, 'a non-numeric policy id'],
  ['/api/v1/%zz', 400, 'malformed percent-encoding'],
  ['/api/v1/nothing-here', 404, 'an unknown API path'],
]) {
  checks.check(await isProblem(await get(path), status), `${what} gives ${status} problem+json`);
}
checks.check(await isProblem(await fetch(server.url + '/api/v1/policies', { method: 'DELETE' }), 405), 'a wrong method gives 405');
{
  const big = await fetch(server.url + '/api/v1/policies', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024),
    headers: { 'Content-Type': 'application/json' } }).catch((e) => e);
  checks.check(!(big instanceof Error) && await isProblem(big, 413), 'an oversize body gives 413');
}
{
  // A request that is not HTTP at all gets a 400 and a closed connection, and the server lives on.
  const status = await new Promise((resolve) => {
    const req = rawRequest(server.url + '/api/v1/site', { method: 'GET', headers: { 'Content-Length': 'abc' } });
    req.on('response', (res) => resolve(res.statusCode));
    req.on('error', () => resolve('error'));
    req.end();
  });
  checks.check(status === 400, 'a malformed HTTP request gives 400', String(status));
  checks.check((await get('/api/v1/health')).status === 200, 'the server still answers afterwards');
}

// The kiosk site
{
  const index = await get('/');
  checks.check(index.status === 200 && index.headers.get('content-type').startsWith('text/html'), 'the kiosk page is served at /');
  // The wasm is named after its content (scripts/stamp_site.py; build.json says the names).
  const wasmPath = '/' + JSON.parse(readFileSync(join(webRoot, 'build.json'), 'utf8')).files['kiosk.wasm'];
  const wasm = await get(wasmPath, { 'Accept-Encoding': 'gzip' });
  checks.check(wasm.headers.get('content-type') === 'application/wasm' && wasm.headers.get('content-encoding') === 'gzip',
    'kiosk.wasm is application/wasm, gzipped');
  checks.check((await get(wasmPath, { 'Accept-Encoding': 'gzip', 'If-None-Match': wasm.headers.get('etag') })).status === 304,
    'site files revalidate with 304');  // (tests/server/static_files_test.mjs: every case of caching and encodings)
  checks.check((await get('/../../etc/passwd')).status === 404 && (await get('/%2e%2e/%2e%2e/etc/passwd')).status === 404,
    'no path escapes the site folder');
}

// Restart: data kept, demo not seeded twice; SIGTERM exits cleanly
{
  const stopped = await server.stop('SIGTERM');
  checks.check(stopped.code === 0, 'SIGTERM stops the server with status 0', JSON.stringify(stopped));
  server = await startServer(binary, args);
  const again = await (await get('/api/v1/policies?since=0&limit=100')).json();
  checks.check(again.items.length === all.length, 'a restart with --demo keeps the data and does not seed twice');
  const notices = await get('/api/v1/notices?limit=100');
  const kept = (await notices.json()).items.map((n) => n.id);
  checks.check(JSON.stringify(kept) === JSON.stringify(noticesLeft), 'a restart keeps the notices as they were (the withdrawn one stays out, none seeded again)',
    `${kept.length} vs ${noticesLeft.length}`);
  await server.stop();
  // A demo database from before notices: after migration 13 its table is empty, and the demo
  // notices arrive once, as a change (a list cached before is not taken as current).
  const emptied = storeSql(db, 'DELETE FROM notices;');
  server = await startServer(binary, args);
  const seeded = await get('/api/v1/notices?limit=100', { 'If-None-Match': notices.headers.get('etag') });
  const items = seeded.status === 200 ? (await seeded.json()).items : [];
  checks.check(emptied.status === 0 && items.length === 5 && items[0].pinned, 'a demo database from before notices gets the five demo notices once',
    `${emptied.stderr} ${seeded.status} ${items.length}`);
  await server.stop();
  server = await startServer(binary, args);
  checks.check((await (await get('/api/v1/notices?limit=100')).json()).items.length === 5, 'and only once');
  await server.stop();
}

// CORS only for configured origins
{
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ cors_origins: ['http://kiosk.example'] }));
  server = await startServer(binary, ['--config', config, ...args]);
  const pre = await fetch(server.url + '/api/v1/policies', { method: 'OPTIONS',
    headers: { Origin: 'http://kiosk.example', 'Access-Control-Request-Method': 'GET' } });
  checks.check(pre.status === 204 && pre.headers.get('access-control-allow-origin') === 'http://kiosk.example', 'a configured origin passes preflight');
  const other = await get('/api/v1/site', { Origin: 'http://evil.example' });
  checks.check(other.status === 200 && other.headers.get('access-control-allow-origin') === null, 'other origins get no CORS header');
  await server.stop();
}

// The public address (issue 16 item 12): GET /site advertises it for QR codes, without a trailing
// slash; an address that is not http(s) is refused at start.
{
  const config = join(dir, 'public.json');
  writeFileSync(config, JSON.stringify({ public_url: 'https://fuwu.example.org/' }));
  server = await startServer(binary, ['--config', config, ...args]);
  const site = await (await get('/api/v1/site')).json();
  checks.check(site.public_url === 'https://fuwu.example.org', 'the configured public address is advertised', site.public_url);
  await server.stop();
  server = await startServer(binary, ['--public-url', 'https://flag.example.org', ...args]);
  checks.check((await (await get('/api/v1/site')).json()).public_url === 'https://flag.example.org', '--public-url sets it too');
  await server.stop();
  const refused = await startServer(binary, ['--public-url', 'fuwu.example.org', ...args]).then(() => 'started', (e) => e.message);
  checks.check(refused.includes('public_url'), 'an address without http(s):// is refused', refused.split('\n')[0]);
}

// Bad configuration is refused with a sentence
{
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"port": "eighty"}');
  const result = await startServer(binary, ['--config', bad, '--db', db]).then(() => 'started', (e) => e.message);
  checks.check(result.includes('wrong type'), 'a config with a wrong type is refused', result.split('\n')[0]);
}

checkContract(checks);
process.exit(checks.summary());
