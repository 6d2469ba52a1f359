// The audit log (admins): who did what, when, from where; filtered by person, action or record,
// a page at a time. Read only: the API has nothing that changes it.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';

export async function render(main) {
  const staff = h('input', { id: 'f-staff', maxlength: 64, size: 14 });
  const action = h('input', { id: 'f-action', maxlength: 64, size: 18, placeholder: 'help.' });
  const target = h('input', { id: 'f-target', maxlength: 64, size: 14, placeholder: 'help:12' });
  const table = h('table');
  const more = h('p');
  const message = h('p', { role: 'status' });
  let cursor = null;
  let rows = [];

  async function load(next = false) {
    const q = new URLSearchParams({ limit: '50' });
    for (const [k, el] of [['staff', staff], ['action', action], ['target', target]]) if (el.value.trim()) q.set(k, el.value.trim());
    if (next && cursor) q.set('cursor', cursor);
    try {
      const page = await api('GET', '/staff/audit?' + q);
      rows = next ? rows.concat(page.items) : page.items;
      cursor = page.next_cursor;
      message.textContent = t('audit.count', { n: rows.length });
      replace(table, h('thead', {}, h('tr', {}, ['col.when', 'col.staff', 'col.action', 'col.target', 'col.change', 'col.address'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, rows.map((e) => h('tr', {}, h('td', {}, clockTime(e.at)), h('td', {}, e.staff), h('td', {}, t('action.' + e.action), h('div', { class: 'hint' }, e.action)),
          h('td', {}, e.target), h('td', {}, change(e)), h('td', {}, e.address)))));
      replace(more, cursor ? h('button', { type: 'button', class: 'secondary', onclick: () => load(true) }, t('audit.more')) : null);
    } catch (err) {
      message.className = 'error';
      message.textContent = err.message;
    }
  }

  replace(main, h('h1', {}, t('nav.audit')),
    h('form', { class: 'card row', onsubmit: (e) => { e.preventDefault(); load(); } },
      h('div', {}, h('label', { for: 'f-staff' }, t('col.staff')), staff),
      h('div', {}, h('label', { for: 'f-action' }, t('col.action')), action),
      h('div', {}, h('label', { for: 'f-target' }, t('col.target')), target),
      h('div', {}, h('button', { type: 'submit' }, t('audit.filter')))),
    message, table, more);
  await load();
}

// What changed, in a line: the fields whose value differs between before and after.
function change(e) {
  if (!e.before || !e.after || typeof e.after !== 'object') return e.after ? JSON.stringify(e.after).slice(0, 120) : '';
  return Object.keys(e.after).filter((k) => JSON.stringify(e.before[k]) !== JSON.stringify(e.after[k]))
    .map((k) => `${k}: ${short(e.before[k])} → ${short(e.after[k])}`).join('；');
}
const short = (v) => (v && typeof v === 'object' ? v.display_name || JSON.stringify(v) : String(v)).slice(0, 40);
