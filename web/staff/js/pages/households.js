// 住户: the households staff keep (issue 18), newest first, with a search over name, address and
// phone. Each row says what matters on a call list (独居, 重点关注), how many members and devices
// the household has and whether it checks in daily (报平安). Caseworkers and admins add a household
// here; the help desk reads. One household: household.js.
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { lang, t } from '../i18n.js';

const PAGE = 50;

// Who may change households (the server's writers); everyone else who sees the page only reads.
export const canChange = (me) => me.staff.roles.some((r) => r === 'caseworker' || r === 'admin');

// The household's own fields as inputs, each with its label: `names` picks them, `hh` fills them.
// `read()` is the request body; `labels` names each input for refusal().
const TEXT = {
  name: { max: 50, required: true, hint: 'households.name_hint' },
  phone: { max: 20, required: true, type: 'tel', hint: 'households.phone_hint' },
  address: { max: 100, size: 40 },
  note: { max: 500, area: true },
};
const FLAGS = ['lives_alone', 'special_attention', 'archived'];

export function householdFields(prefix, names, hh = {}) {
  const els = {};
  const nodes = names.map((n) => {
    const id = `${prefix}-${n}`;
    if (FLAGS.includes(n)) {
      els[n] = h('input', { type: 'checkbox', id, checked: hh[n] === true });
      return h('div', {}, h('label', { for: id }, els[n], ' ', t('households.' + n)));
    }
    const f = TEXT[n];
    els[n] = f.area ? h('textarea', { id, rows: 3, cols: 40, maxlength: f.max }, hh[n] ?? '')
      : h('input', { id, type: f.type || 'text', maxlength: f.max, required: f.required, size: f.size || 20, value: hh[n] ?? '' });
    return h('div', {}, h('label', { for: id }, t('households.' + n), f.hint ? h('span', { class: 'hint' }, ' ' + t(f.hint)) : null), els[n]);
  });
  const read = () => Object.fromEntries(names.map((n) => [n, FLAGS.includes(n) ? els[n].checked : els[n].value.trim()]));
  const fill = (next) => names.forEach((n) => { if (FLAGS.includes(n)) els[n].checked = next[n] === true; else els[n].value = next[n] ?? ''; });
  const labels = Object.fromEntries(names.map((n) => [n, { el: els[n], label: t('households.' + n) }]));
  return { els, nodes, read, fill, labels };
}

// The server's refusal as one plain sentence: its own words (problem+json `detail`), then the
// fields of this form it named (invalid_params), which stay marked aria-invalid until the next try.
// `fields`: parameter name -> { el, label }.
export function refusal(err, fields = {}) {
  const named = new Set((err.body?.invalid_params || []).map((p) => p.name));
  for (const [name, f] of Object.entries(fields)) f.el.setAttribute('aria-invalid', String(named.has(name)));
  const labels = [...new Set([...named].map((n) => fields[n]?.label).filter(Boolean))];
  const text = err instanceof ApiError ? err.message : String(err);
  return labels.length ? text + t('households.check_fields', { fields: labels.join(lang === 'en' ? ', ' : '、') }) : text;
}

export function flagTags(x) {
  return ['lives_alone', 'special_attention', 'archived'].filter((f) => x[f]).flatMap((f) => [' ', h('span', { class: 'tag' }, t('flag.' + f))]);
}

function row(x) {
  return h('tr', { 'data-id': x.id },
    h('td', {}, h('a', { href: '#/household/' + x.id }, x.name), flagTags(x), h('div', { class: 'hint' }, x.address || '')),
    h('td', {}, h('a', { href: 'tel:' + x.phone }, x.phone)),
    h('td', {}, t('households.count_members', { n: x.members })),
    h('td', {}, x.check_in ? t('households.check_in_by', { time: x.check_in }) : t('households.check_in_off'),
      x.away_today ? [' ', h('span', { class: 'tag' }, t('households.away_today'))] : null),
    h('td', {}, t('households.count_devices', { n: x.devices })));
}

export async function render(main, { me }) {
  const { el: message, say } = notice();
  const q = h('input', { id: 'hh-q', type: 'search', maxlength: 100, size: 30 });
  const withArchived = h('input', { id: 'hh-with-archived', type: 'checkbox' });
  const table = h('table', { id: 'households', 'aria-busy': 'true' });
  const more = h('p');
  let items = [];
  let next = null;

  function draw() {
    const searching = q.value.trim() !== '';
    replace(table,
      h('caption', { class: 'sr-only' }, t('nav.households')),
      h('thead', {}, h('tr', {}, ['col.household', 'col.phone', 'households.members', 'households.check_in', 'households.devices']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, items.length ? items.map(row)
        : h('tr', {}, h('td', { colspan: 5 }, t(searching ? 'households.none_found' : 'households.none')))));
    replace(more, next ? h('button', { type: 'button', class: 'secondary', onclick: () => load(true) },
      t('households.more', { n: items.length })) : null);
  }

  async function load(append = false) {
    table.setAttribute('aria-busy', 'true');
    const query = new URLSearchParams({ limit: String(PAGE), q: q.value.trim() });
    if (withArchived.checked) query.set('archived', 'true');
    if (append && next) query.set('cursor', next);
    try {
      const page = await api('GET', '/staff/households?' + query);
      items = append ? items.concat(page.items) : page.items;
      next = page.next_cursor;
      draw();
    } catch (err) {
      say(refusal(err), false);
    } finally {
      table.setAttribute('aria-busy', 'false');
    }
  }

  function addForm() {
    const f = householdFields('new', ['name', 'phone', 'address', 'lives_alone', 'special_attention']);
    const note = notice();
    return h('form', { class: 'card', id: 'new-household', 'aria-labelledby': 'new-household-h', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const made = await api('POST', '/staff/households', f.read());
        location.hash = '#/household/' + made.id;
      } catch (err) {
        note.say(refusal(err, f.labels), false);
      }
    } }, h('h2', { id: 'new-household-h' }, t('households.add')),
    h('div', { class: 'row' }, f.nodes), note.el, h('p', {}, h('button', { type: 'submit' }, t('households.add'))));
  }

  replace(main, h('h1', {}, t('nav.households')),
    canChange(me) ? addForm() : null,
    h('form', { class: 'row', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      h('div', {}, h('label', { for: 'hh-q' }, t('households.search')), q),
      h('div', {}, h('label', { for: 'hh-with-archived' }, withArchived, ' ', t('households.with_archived'))),
      h('div', {}, h('button', { type: 'submit', class: 'secondary' }, t('content.search')))),
    message, table, more);
  await load();
}
