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
    // The page comes from this version's cache: a preloaded network answer would go unused.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.disable();
    await self.clients.claim();
  })());
});

// This version's kept copy at once, while the network's answer replaces it for the next start
// (config.json, the font index: they may change without a new version); the network's answer
// when nothing is kept yet. A failure or a server error (a reverse proxy whose server is down
// answers 502) never replaces a good copy.
async function keptThenRefreshed(request, key) {
  const cache = await caches.open(SHELL);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(siteUrl(key), response.clone());
    return response;
  });
  const kept = await cache.match(siteUrl(key), { ignoreVary: true });
  if (!kept) return network;
  network.catch(() => {});  // offline: the kept copy was the answer
  return kept;
}

// Any cache's copy (the name says the content), else the network; a font tier is kept once fetched.
// `key`: the kept file's own name where the request's differs (the page, asked for as / or index.html).
async function cacheFirst(request, keepIn, key) {
  const kept = key ? await caches.match(siteUrl(key), { cacheName: SHELL, ignoreVary: true })
    : await caches.match(request, { ignoreVary: true });
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
    // The kiosk page only, and this version's page, which names this version's files (a new
    // version's page comes with its worker); the staff console and anything else go to the
    // network as usual.
    if (path === '' || path === 'index.html') event.respondWith(cacheFirst(request, null, 'index.html'));
    return;
  }
  if (path === 'config.json' || path === 'assets/fonts/index.json') {
    event.respondWith(keptThenRefreshed(request, path));
    return;
  }
  if (CONTENT_NAMED.test(path)) {
    const tier = path.startsWith('assets/fonts/') && !BUILD.precache.includes(path);
    event.respondWith(cacheFirst(request, tier ? FONTS : null));
  }
});
