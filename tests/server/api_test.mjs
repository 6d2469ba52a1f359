// The reference server over real HTTP on 127.0.0.1: site, policies (paging, since, search, ETag),
// bad input of every kind, the kiosk site, CORS, restart and SIGTERM.
//   node tests/server/api_test.mjs SERVER_BINARY DEMO_DIR WEB_ROOT OPENAPI_YAML
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as rawRequest } from 'node:http';
import { Checks } from '../e2e/browser.mjs';
import { startServer } from './server_process.mjs';
import { checkResponsesAgainst } from './contract_fetch.mjs';

const [binary, demoDir, webRoot, specPath] = process.argv.slice(2);
const checkContract = checkResponsesAgainst(specPath);
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-server-'));
const db = join(dir, 'test.db');
const args = ['--db', db, '--demo', '--demo-dir', demoDir, '--web-root', webRoot, '--quiet'];

let server = await startServer(binary, args);
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
  const wasm = await get('/kiosk.wasm', { 'Accept-Encoding': 'gzip' });
  checks.check(wasm.headers.get('content-type') === 'application/wasm' && wasm.headers.get('content-encoding') === 'gzip',
    'kiosk.wasm is application/wasm, gzipped');
  checks.check((await get('/kiosk.wasm', { 'If-None-Match': wasm.headers.get('etag') })).status === 304, 'site files revalidate with 304');
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

// Bad configuration is refused with a sentence
{
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"port": "eighty"}');
  const result = await startServer(binary, ['--config', bad, '--db', db]).then(() => 'started', (e) => e.message);
  checks.check(result.includes('wrong type'), 'a config with a wrong type is refused', result.split('\n')[0]);
}

checkContract(checks);
process.exit(checks.summary());
