// The staff console: one page table, a hash route per page (#/queue, #/request/12, ...), the
// signed-in member's roles deciding which pages show. Pages are modules with render(main, ctx).
import { api, setSession, whenSignedOut } from './api.js';
import { h, replace } from './dom.js';
import { lang, loadStrings, setLang, t } from './i18n.js';
import { startLive, stopLive } from './live.js';
import * as accounts from './pages/accounts.js';
import * as alerts from './pages/alerts.js';
import * as audit from './pages/audit.js';
import * as content from './pages/content.js';
import * as counter from './pages/counter.js';
import * as devices from './pages/devices.js';
import * as draft from './pages/draft.js';
import * as followups from './pages/followups.js';
import * as household from './pages/household.js';
import * as households from './pages/households.js';
import * as queue from './pages/queue.js';
import * as request from './pages/request.js';
import * as signin from './pages/signin.js';

// Each page once: its route, its title, the roles that see it (none listed: everyone), whether it
// shows in the navigation.
const PAGES = [
  { route: 'queue', title: 'nav.queue', roles: ['dispatcher', 'caseworker', 'admin'], nav: true, page: queue },
  { route: 'request', title: 'request.title', roles: ['dispatcher', 'caseworker', 'admin'], nav: false, page: request },
  { route: 'followups', title: 'nav.followups', roles: ['dispatcher', 'caseworker', 'admin'], nav: true, page: followups },
  { route: 'households', title: 'nav.households', roles: ['dispatcher', 'caseworker', 'admin'], nav: true, page: households },
  { route: 'household', title: 'nav.households', roles: ['dispatcher', 'caseworker', 'admin'], nav: false, page: household },
  { route: 'counter', title: 'nav.counter', roles: ['caseworker', 'dispatcher', 'editor'], nav: true, page: counter },
  { route: 'alerts', title: 'nav.alerts', roles: ['approver'], nav: true, page: alerts },
  { route: 'content', title: 'nav.content', roles: ['editor', 'approver'], nav: true, page: content },
  { route: 'draft', title: 'nav.content', roles: ['editor', 'approver'], nav: false, page: draft },
  { route: 'devices', title: 'nav.devices', roles: ['admin'], nav: true, page: devices },
  { route: 'accounts', title: 'nav.accounts', roles: ['admin'], nav: true, page: accounts },
  { route: 'audit', title: 'nav.audit', roles: ['admin'], nav: true, page: audit },
];

const ctx = { me: null, leave: null };

function allowed(page) {
  return !page.roles || page.roles.some((r) => ctx.me.staff.roles.includes(r));
}

function drawChrome() {
  const here = location.hash.slice(2).split('/')[0];
  replace(document.getElementById('nav'), ctx.me ? PAGES.filter((p) => p.nav && allowed(p)).map((p) =>
    h('a', { href: '#/' + p.route, 'aria-current': p.route === here ? 'page' : null }, t(p.title))) : []);
  replace(document.getElementById('who'), ctx.me ? [
    h('span', {}, t('who.signed_in_as', { name: ctx.me.staff.display_name })),
    h('button', { type: 'button', onclick: () => setLang(lang === 'en' ? 'zh-CN' : 'en') }, t('who.language')),
    h('button', { type: 'button', onclick: signOut }, t('who.sign_out')),
  ] : [h('button', { type: 'button', onclick: () => setLang(lang === 'en' ? 'zh-CN' : 'en') }, t('who.language'))]);
  document.getElementById('brand').textContent = t('brand');
}

async function route() {
  if (ctx.leave) ctx.leave();
  ctx.leave = null;
  const main = document.getElementById('main');
  drawChrome();
  if (!ctx.me) {
    document.title = t('signin.title') + ' · ' + t('brand');
    return signin.render(main, { onSignedIn: signedIn });
  }
  const [name, arg] = location.hash.slice(2).split('/');
  const page = PAGES.find((p) => p.route === name && allowed(p)) || PAGES.find(allowed);
  if (!page) return replace(main, h('h1', {}, t('nav.nothing')), h('p', {}, t('nav.nothing_hint')));
  if (page.route !== name) { location.hash = '#/' + page.route; return; }
  document.title = t(page.title) + ' · ' + t('brand');
  ctx.leave = await page.page.render(main, { me: ctx.me, arg }) || null;
  main.focus({ preventScroll: true });
}

function signedIn(session) {
  ctx.me = session;
  setSession(session);
  startLive(expired);
  route();
}

function expired() {
  ctx.me = null;
  setSession(null);
  stopLive();
  route();
  signin.say(t('signin.expired'));
}

async function signOut() {
  try { await api('DELETE', '/staff/session'); } catch { /* signed out either way */ }
  ctx.me = null;
  stopLive();
  route();
}

await loadStrings();
whenSignedOut(() => { if (ctx.me) expired(); });
try {
  ctx.me = await api('GET', '/staff/session');
  setSession(ctx.me);
  startLive(expired);
} catch { ctx.me = null; }
window.addEventListener('hashchange', route);
route();
