// The help queue: open SOS first, then the longest waiting; each row's wait ticks every second;
// new and changed requests arrive over the staff stream. 认领 takes a request on; if a colleague
// was quicker, the server's sentence says who.
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { clockTime, waited } from '../clock.js';
import { knownUnclaimedSos, onLiveEvent } from '../live.js';

const KIND = (k) => t('kind.' + k);
const STATUS = (s) => t('status.' + s);

export async function render(main, { me }) {
  const handles = me.staff.roles.some((r) => r === 'dispatcher' || r === 'caseworker');
  let view = 'open';
  let items = [];
  let next = null;  // the cursor of the page after those shown
  const figures = h('div', { class: 'figures', 'aria-label': t('queue.figures') });
  const message = h('p', { role: 'status', class: 'notice' });
  const table = h('table', { id: 'queue', 'aria-busy': 'true' });
  const tabs = h('div', { class: 'row' });
  const more = h('p');
  replace(main, h('h1', {}, t('nav.queue')), figures, tabs, message, table, more);

  function drawTabs() {
    replace(tabs, ['open', 'done'].map((v) => h('button', { type: 'button', class: v === view ? '' : 'secondary', 'aria-pressed': String(v === view),
      onclick: () => { view = v; items = []; load(); } }, t('queue.view_' + v))));
  }

  async function claim(item, button) {
    button.disabled = true;
    try {
      await api('POST', `/staff/help-requests/${item.id}/claim`);
      location.hash = '#/request/' + item.id;
    } catch (err) {
      message.className = 'error';
      message.textContent = err instanceof ApiError ? err.message : String(err);
      load();
    }
  }

  // Only the cells on screen tick, and only the first few unclaimed SOS flash (the banner says how
  // many there are): a desk with thousands of rows open stays smooth.
  const visible = new Set();
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target);
  });
  const kFlashing = 5;

  function row(item) {
    const sos = item.kind === 'sos';
    const unclaimed = !item.claimed_by && item.status !== 'done';
    const wait = h('td', { 'data-created': item.created }, waited(item.created).text);
    seen.observe(wait);
    const flash = sos && unclaimed && items.filter((i) => i.kind === 'sos' && !i.claimed_by).indexOf(item) < kFlashing;
    return h('tr', { class: [sos ? 'sos' : '', unclaimed ? 'unclaimed' : '', flash ? 'flash' : ''].join(' '), 'data-id': item.id },
      h('td', {}, h('span', { class: 'tag' + (sos ? ' sos' : '') }, KIND(item.kind)), ' ', item.overdue && unclaimed ? h('span', { class: 'tag overdue' }, t('queue.overdue')) : null),
      h('td', {}, h('a', { href: '#/request/' + item.id }, item.ticket)),
      h('td', {}, item.household_name || (item.from_device ? t('queue.unbound_box') : t('queue.resident'))),
      h('td', {}, item.message || '—'),
      h('td', {}, clockTime(item.created)),
      view === 'open' ? wait : h('td', {}, item.outcome || ''),
      h('td', {}, STATUS(item.status), item.claimed_by ? h('div', { class: 'hint' }, item.claimed_by.display_name) : null, item.unit ? h('div', { class: 'hint' }, item.unit) : null),
      h('td', {}, unclaimed && handles ? (() => { const b = h('button', { type: 'button', class: sos ? 'danger' : '' }, t('queue.claim')); b.onclick = () => claim(item, b); return b; })()
        : h('a', { class: 'button secondary', href: '#/request/' + item.id }, t('queue.open'))));
  }

  // The first page, or as many pages as were shown (up to 10) when the queue changes under them.
  async function load() {
    drawTabs();
    table.setAttribute('aria-busy', 'true');
    try {
      const wanted = Math.min(Math.max(items.length, 1), 5000);
      const [first, fig] = await Promise.all([
        api('GET', `/staff/help-requests?state=${view}&limit=100`),
        api('GET', '/staff/help-figures'),
      ]);
      items = first.items;
      next = first.next_cursor;
      while (next && items.length < wanted) {
        const page = await api('GET', `/staff/help-requests?state=${view}&limit=100&cursor=${encodeURIComponent(next)}`);
        items = items.concat(page.items);
        next = page.next_cursor;
      }
      if (view === 'open') knownUnclaimedSos(items.filter((i) => i.kind === 'sos' && !i.claimed_by).map((i) => i.id));
      replace(figures,
        figure(t('fig.open'), fig.open), figure(t('fig.open_sos'), fig.open_sos), figure(t('fig.unclaimed'), fig.unclaimed),
        figure(t('fig.claim_sos'), fig.claim_sos.median_s === null ? '—' : t('time.s', { s: fig.claim_sos.median_s })),
        figure(t('fig.in_time', { s: fig.claim_deadline_s }), fig.sos_total ? `${fig.sos_claimed_in_time} / ${fig.sos_total}` : '—'),
        figure(t('fig.close'), fig.close_all.median_s === null ? '—' : waited(new Date(Date.now() - fig.close_all.median_s * 1000).toISOString()).text));
      replace(table,
        h('caption', { class: 'sr-only' }, t('nav.queue')),
        h('thead', {}, h('tr', {}, ['col.kind', 'col.ticket', 'col.who', 'col.message', 'col.created', view === 'open' ? 'col.waited' : 'col.outcome', 'col.status', 'col.action']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, items.length ? items.map(row) : h('tr', {}, h('td', { colspan: 8 }, t('queue.empty')))));
      replace(more, next ? h('button', { type: 'button', class: 'secondary', onclick: showMore }, t('queue.more', { n: items.length })) : null);
    } catch (err) {
      message.className = 'error';
      message.textContent = err.message;
    } finally {
      table.setAttribute('aria-busy', 'false');
    }
  }

  async function showMore() {
    table.setAttribute('aria-busy', 'true');
    try {
      const page = await api('GET', `/staff/help-requests?state=${view}&limit=100&cursor=${encodeURIComponent(next)}`);
      items = items.concat(page.items);
      next = page.next_cursor;
      table.querySelector('tbody').append(...page.items.map(row));
      replace(more, next ? h('button', { type: 'button', class: 'secondary', onclick: showMore }, t('queue.more', { n: items.length })) : null);
    } catch (err) {
      message.className = 'error';
      message.textContent = err.message;
    } finally {
      table.setAttribute('aria-busy', 'false');
    }
  }

  const ticker = setInterval(() => {
    for (const cell of visible) {
      if (!cell.isConnected) { visible.delete(cell); continue; }
      cell.textContent = waited(cell.dataset.created).text;
    }
  }, 1000);
  // A new request reloads the list; changes to rows already shown redraw just those rows, gathered
  // for 150 ms. A burst (many SOS turning overdue at once) is one reload, not one request per row,
  // so that a desk with thousands of rows open stays quick.
  let pending = null;
  let reloadAll = false;
  const changed = new Set();
  async function apply() {
    const ids = [...changed];
    changed.clear();
    if (reloadAll || ids.length > 20) {
      reloadAll = false;
      return load();
    }
    for (const id of ids) {
      try {
        const fresh = await api('GET', `/staff/help-requests/${id}`);
        const index = items.findIndex((i) => i.id === id);
        if (index >= 0) items[index] = fresh;
        const now = table.querySelector(`tr[data-id="${id}"]`);
        if (now) now.replaceWith(row(fresh));
      } catch { /* the next reload shows it */ }
    }
  }
  const stop = onLiveEvent((e) => {
    if (e.event === 'created') reloadAll = true;
    else if (e.id !== undefined && table.querySelector(`tr[data-id="${e.id}"]`)) changed.add(e.id);
    else return;
    clearTimeout(pending);
    pending = setTimeout(apply, 150);
  });
  await load();
  return () => { clearInterval(ticker); clearTimeout(pending); stop(); seen.disconnect(); };
}

function figure(label, value) {
  return h('div', { class: 'figure' }, h('strong', {}, String(value)), label);
}
