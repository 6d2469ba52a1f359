// The kiosk's service worker: keeps this version's app shell (the page, the script, the wasm, the
// strings, the keymap, the base font, config.json) so that a kiosk restarted while the server or the
// network is down still starts, and shows the data it saved (the app keeps its own offline copy of
// the API's answers: this worker never touches /api/ or the event stream).
// A new version installs in the background and waits: the page tells it to take over only between
// visitors (web/kiosk-shell.js), never in the middle of someone's booking. ARCHITECTURE.md, "Web shell".
'use strict';

// Filled in by scripts/stamp_site.py: the build's version, the files to keep, the font tiers.
const BUILD = { version: 'dev', precache: ['index.html'], fonts: [] };

const SHELL = 'elder-shell-' + BUILD.version;  // this version's files
const FONTS = 'elder-fonts';                     // font tiers, kept as they are first fetched
const NETWORK_WAIT_MS = 5000;                    // then a page, config.json or the font index comes from the cache
const CONTENT_NAMED = /(^|\/)[^/]+\.[0-9a-f]{16}\.[A-Za-z0-9]+$/;  // name.<hash>.ext never changes

const scope = () => new URL(self.registration.scope);
const siteUrl = (path) => new URL(path, self.registration.scope).href;

// A file named after its content is the same file whichever version's cache holds it: one the
// last version already kept is copied instead of downloaded again.
async function precache() {
  const cache = await caches.open(SHELL);
  await Promise.all(BUILD.precache.map(async (path) => {
    const url = siteUrl(path);
    if (CONTENT_NAMED.test(path)) {
      const kept = await caches.match(url, { ignoreVary: true });
      if (kept) return cache.put(url, kept);
    }
    // A content-named file may come from the HTTP cache as it is; any other is asked again.
    const response = await fetch(url, { cache: CONTENT_NAMED.test(path) ? 'default' : 'no-cache' });
    if (response.status === 404 && path === 'config.json') return;  // a site without one
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    await cache.put(url, response);
  }));
}

self.addEventListener('install', (event) => {
  // No skipWaiting(): a new version waits for the page to say that nobody is using it.
  event.waitUntil(precache());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();  // in the order they were made
    const older = names.filter((n) => n.startsWith('elder-shell-') && n !== SHELL);
    // The version before stays while a page may still run it (until the next version arrives);
    // every older one goes.
    const running = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })).length > 0;
    const keep = new Set([SHELL, FONTS, ...(running ? older.slice(-1) : [])]);
    await Promise.all(names.filter((n) => n.startsWith('elder-') && !keep.has(n)).map((n) => caches.delete(n)));
    // Tiers this version no longer names.
    const fonts = await caches.open(FONTS);
    const wanted = new Set(BUILD.fonts.map((f) => siteUrl('assets/fonts/' + f)));
    await Promise.all((await fonts.keys()).filter((r) => !wanted.has(r.url)).map((r) => fonts.delete(r)));
    // The page's request starts while this worker is still waking up (a worker's start costs a
    // kiosk's page load 50-200 ms otherwise).
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

// The network's answer (for the page: the browser's navigation preload, when there is one), or this
// version's kept copy after NETWORK_WAIT_MS, a failure or a server error (a reverse proxy whose
// server is down answers 502). `keep`: a good answer replaces the kept copy (config.json, the font
// index: they may change without a new version; the page never does, so a kept page always matches
// this version's files).
async function networkFirst(request, key, keep, preloaded) {
  const cache = await caches.open(SHELL);
  const asked = preloaded ? Promise.resolve(preloaded).then((response) => response || fetch(request)) : fetch(request);
  const network = asked.then(async (response) => {
    if (keep && response.ok) await cache.put(siteUrl(key), response.clone());
    return response;
  });
  network.catch(() => {});  // answered from the cache meanwhile: a late failure is nobody's concern
  const kept = () => cache.match(siteUrl(key), { ignoreVary: true });
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_WAIT_MS); });
  try {
    const first = await Promise.race([network, slow]);
    if (first && first.status < 500) return first;
    const copy = await kept();
    return copy || first || await network;  // nothing kept: what the server said, or wait for it
  } catch (e) {
    const copy = await kept();
    if (copy) return copy;
    throw e;  // no network and nothing kept: the browser's own error page
  } finally {
    clearTimeout(timer);
  }
}

// Any cache's copy (the name says the content), else the network; a font tier is kept once fetched.
async function cacheFirst(request, keepIn) {
  const kept = await caches.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (keepIn && response.ok) {
    const cache = await caches.open(keepIn);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  const path = url.pathname.slice(base.pathname.length);
  // The API and its event stream are the app's own business (it keeps its own offline copy).
  if (path.startsWith('api/') || (request.headers.get('Accept') || '').includes('text/event-stream')) return;
  if (request.mode === 'navigate') {
    // The kiosk page only: the staff console and anything else go to the network as usual.
    if (path === '' || path === 'index.html') event.respondWith(networkFirst(request, 'index.html', false, event.preloadResponse));
    return;
  }
  if (path === 'config.json' || path === 'assets/fonts/index.json') {
    event.respondWith(networkFirst(request, path, true));
    return;
  }
  if (CONTENT_NAMED.test(path)) {
    const tier = path.startsWith('assets/fonts/') && !BUILD.precache.includes(path);
    event.respondWith(cacheFirst(request, tier ? FONTS : null));
  }
});
