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
  const figures = h('div', { class: 'figures', 'aria-label': t('queue.figures') });
  const message = h('p', { role: 'status', class: 'notice' });
  const table = h('table');
  const tabs = h('div', { class: 'row' });
  replace(main, h('h1', {}, t('nav.queue')), figures, tabs, message, table);

  function drawTabs() {
    replace(tabs, ['open', 'done'].map((v) => h('button', { type: 'button', class: v === view ? '' : 'secondary', 'aria-pressed': String(v === view),
      onclick: () => { view = v; load(); } }, t('queue.view_' + v))));
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

  function row(item) {
    const sos = item.kind === 'sos';
    const unclaimed = !item.claimed_by && item.status !== 'done';
    const wait = h('td', { 'data-created': item.created }, waited(item.created).text);
    return h('tr', { class: [sos ? 'sos' : '', unclaimed ? 'unclaimed' : '', sos && unclaimed ? 'flash' : ''].join(' '), 'data-id': item.id },
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

  async function load() {
    drawTabs();
    try {
      const [page, fig] = await Promise.all([
        api('GET', `/staff/help-requests?state=${view}&limit=100`),
        api('GET', '/staff/help-figures'),
      ]);
      items = page.items;
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
    } catch (err) {
      message.className = 'error';
      message.textContent = err.message;
    }
  }

  const ticker = setInterval(() => {
    for (const cell of table.querySelectorAll('td[data-created]')) cell.textContent = waited(cell.dataset.created).text;
  }, 1000);
  let pending = null;
  const stop = onLiveEvent(() => {  // a burst of events reloads once
    clearTimeout(pending);
    pending = setTimeout(load, 150);
  });
  await load();
  return () => { clearInterval(ticker); clearTimeout(pending); stop(); };
}

function figure(label, value) {
  return h('div', { class: 'figure' }, h('strong', {}, String(value)), label);
}
