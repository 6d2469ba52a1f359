// One household (issue 18): its details and emergency contact, its members (a member's phone is
// the one they sign in with), what it consented to (withdrawn consent stays listed, with its date),
// the daily check-in (报平安: a deadline, and the last 30 days), the days it is away and its devices.
// Caseworkers and admins change it, each card on its own: a refusal is said under that card's form
// and what was typed stays. The help desk reads it, with no form at all.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { lang, t } from '../i18n.js';
import { clockTime } from '../clock.js';
import { canChange, flagTags, householdFields, refusal } from './households.js';

const CONSENTS = ['check_in', 'contact'];

function dayText(day) {
  return new Date(day + 'T12:00:00+08:00').toLocaleDateString(lang, { timeZone: 'Asia/Shanghai', month: lang === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short' });
}

function timeText(iso) {
  return new Date(iso).toLocaleTimeString(lang, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
}

function field(id, label, input, hint) {
  return h('div', {}, h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, ' ' + hint) : null), input);
}

function table(id, columns, rows, empty) {
  if (!rows.length) return h('p', { id }, empty);
  return h('table', { id }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows));
}

const active = (hh, kind) => hh.consents.some((c) => c.kind === kind && !c.withdrawn_at);

export async function render(main, { me, arg }) {
  const id = Number(arg);
  const writes = canChange(me);
  const path = `/staff/households/${id}`;
  let hh;
  try {
    hh = await api('GET', path);
  } catch (err) {
    replace(main, h('p', { class: 'error' }, err.message), h('p', {}, h('a', { href: '#/households' }, t('nav.households'))));
    return null;
  }

  // Each card: its view (drawn again after every change) and, for writers, its form and its own
  // status line; a form is built once, so a refused change keeps what was typed.
  const header = h('div');
  const cards = [];
  function card(key, build) {
    const view = h('div');
    const note = notice();
    const parts = build({ view, note });
    const el = h('section', { class: 'card', id: 'card-' + key, 'aria-labelledby': key + '-h' },
      h('h2', { id: key + '-h' }, t('household.' + key)), view, writes && parts.form ? [note.el, parts.form] : null);
    cards.push({ el, note, show: parts.show });
    return el;
  }

  // Makes a change; on success every card shows the household as the server now has it, and only
  // this card says what happened.
  async function change(note, method, suffix, body, done, fields = {}) {
    try {
      const before = hh;
      hh = await api(method, path + suffix, body);
      for (const c of cards) c.note.say('');
      for (const f of Object.values(fields)) f.el.removeAttribute('aria-invalid');
      note.say(typeof done === 'function' ? done(before, hh) : done);
      showAll();
      return true;
    } catch (err) {
      note.say(refusal(err, fields), false);
      return false;
    }
  }

  function showAll() {
    document.title = hh.name + ' · ' + t('brand');
    replace(header, h('h1', {}, hh.name, flagTags(hh)),
      h('p', {}, hh.address || t('household.no_address'), ' · ', h('a', { href: 'tel:' + hh.phone }, hh.phone)));
    for (const c of cards) c.show();
  }

  const details = card('details', ({ view, note }) => {
    const f = householdFields('hh', ['name', 'phone', 'address', 'note', 'lives_alone', 'special_attention', 'archived'], hh);
    const form = h('form', { onsubmit: async (e) => {
      e.preventDefault();
      if (await change(note, 'PATCH', '', f.read(), t('household.saved'), f.labels)) f.fill(hh);
    } }, h('div', { class: 'row' }, f.nodes.slice(0, 2)), f.nodes.slice(2, 4), h('div', { class: 'row' }, f.nodes.slice(4)),
    h('p', {}, h('button', { type: 'submit' }, t('household.save'))));
    const show = () => replace(view, writes ? null : h('dl', {},
      h('dt', {}, t('households.name')), h('dd', {}, hh.name),
      h('dt', {}, t('households.phone')), h('dd', {}, hh.phone),
      h('dt', {}, t('households.address')), h('dd', {}, hh.address || '—'),
      h('dt', {}, t('households.note')), h('dd', {}, hh.note || '—'),
      h('dt', {}, t('household.flags')), h('dd', {}, flagTags(hh).length ? flagTags(hh) : '—')));
    return { form, show };
  });

  const contact = card('contact', ({ view, note }) => {
    const c = hh.emergency_contact || {};
    const name = h('input', { id: 'ec-name', maxlength: 50, size: 16, value: c.name || '' });
    const phone = h('input', { id: 'ec-phone', type: 'tel', maxlength: 20, size: 16, value: c.phone || '' });
    const relation = h('input', { id: 'ec-relation', maxlength: 20, size: 10, value: c.relation || '' });
    const labels = { name: { el: name, label: t('household.contact_name') }, phone: { el: phone, label: t('households.phone') },
      relation: { el: relation, label: t('household.contact_relation') } };
    const form = h('form', { onsubmit: (e) => {
      e.preventDefault();
      const body = name.value.trim() || phone.value.trim()
        ? { name: name.value.trim(), phone: phone.value.trim(), relation: relation.value.trim() } : null;
      change(note, 'PATCH', '', { emergency_contact: body }, body ? t('household.contact_saved') : t('household.contact_removed'), labels);
    } }, h('div', { class: 'row' },
      field('ec-name', t('household.contact_name'), name),
      field('ec-phone', t('households.phone'), phone),
      field('ec-relation', t('household.contact_relation'), relation, t('household.contact_relation_hint'))),
    h('p', { class: 'hint' }, t('household.contact_clear_hint')),
    h('p', {}, h('button', { type: 'submit' }, t('household.contact_save'))));
    const show = () => {
      const e = hh.emergency_contact;
      replace(view, e ? h('p', {}, e.relation ? t('household.contact_with_relation', { name: e.name, relation: e.relation }) : e.name, ' ', h('a', { href: 'tel:' + e.phone }, e.phone))
        : h('p', {}, t('household.no_contact')));
    };
    return { form, show };
  });

  const members = card('members', ({ view, note }) => {
    const name = h('input', { id: 'member-name', maxlength: 30, required: true, size: 12 });
    const phone = h('input', { id: 'member-phone', type: 'tel', maxlength: 11, size: 12, inputmode: 'numeric' });
    const labels = { name: { el: name, label: t('household.member_name') }, phone: { el: phone, label: t('household.member_phone') },
      'members.phone': { el: phone, label: t('household.member_phone') } };
    const list = (extra, without) => hh.members.filter((m) => m.id !== without).map((m) => ({ name: m.name, phone: m.phone })).concat(extra);
    const form = h('form', { onsubmit: async (e) => {
      e.preventDefault();
      const added = { name: name.value.trim(), phone: phone.value.trim() };
      if (await change(note, 'PUT', '/members', { members: list([added]) }, t('household.member_added', { name: added.name }), labels)) {
        name.value = '';
        phone.value = '';
      }
    } }, h('h3', {}, t('household.add_member')), h('div', { class: 'row' },
      field('member-name', t('household.member_name'), name),
      field('member-phone', t('household.member_phone'), phone, t('household.member_phone_hint')),
      h('div', {}, h('button', { type: 'submit' }, t('household.add_member')))));
    const show = () => replace(view, table('members', [t('household.member_name'), t('household.member_phone'), writes ? t('col.action') : null].filter(Boolean),
      hh.members.map((m) => h('tr', {}, h('td', {}, m.name), h('td', {}, m.phone ? h('a', { href: 'tel:' + m.phone }, m.phone) : '—'),
        writes ? h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': t('household.remove_member_named', { name: m.name }),
          onclick: () => change(note, 'PUT', '/members', { members: list([], m.id) }, t('household.member_removed', { name: m.name })) },
        t('household.remove'))) : null)),
      t('household.no_members')));
    return { form, show };
  });

  const consents = card('consents', ({ view, note }) => {
    const kind = h('select', { id: 'consent-kind' }, CONSENTS.map((k) => h('option', { value: k }, t('consent.' + k))));
    const by = h('input', { id: 'consent-by', maxlength: 50, required: true, size: 16 });
    const labels = { kind: { el: kind, label: t('household.consent_kind') }, given_by: { el: by, label: t('household.consent_by') } };
    const form = h('form', { onsubmit: async (e) => {
      e.preventDefault();
      const body = { kind: kind.value, given_by: by.value.trim() };
      if (await change(note, 'POST', '/consents', body, t('household.consent_recorded', { kind: t('consent.' + body.kind) }), labels)) by.value = '';
    } }, h('h3', {}, t('household.record_consent')), h('div', { class: 'row' },
      field('consent-kind', t('household.consent_kind'), kind),
      field('consent-by', t('household.consent_by'), by, t('household.consent_by_hint')),
      h('div', {}, h('button', { type: 'submit' }, t('household.record_consent')))));
    const withdraw = (c) => change(note, 'DELETE', `/consents/${c.id}`, undefined, (before, after) =>
      before.check_in && !after.check_in ? t('household.withdrawn_check_in_ended') : t('household.withdrawn'));
    const show = () => replace(view, table('consents',
      [t('household.consent_kind'), t('household.consent_by'), t('col.status'), writes ? t('col.action') : null].filter(Boolean),
      hh.consents.map((c) => h('tr', { class: c.withdrawn_at ? 'hint' : '' },
        h('td', {}, t('consent.' + c.kind)),
        h('td', {}, c.given_by, h('div', { class: 'hint' }, t('household.recorded', { name: c.recorded_by, at: clockTime(c.at) }))),
        h('td', {}, c.withdrawn_at ? t('household.withdrawn_at', { at: clockTime(c.withdrawn_at) }) : t('household.consent_in_force')),
        writes ? h('td', {}, c.withdrawn_at ? '—' : h('button', { type: 'button', class: 'secondary',
          'aria-label': t('household.withdraw_named', { kind: t('consent.' + c.kind) }), onclick: () => withdraw(c) }, t('household.withdraw'))) : null)),
      t('household.no_consents')));
    return { form, show };
  });

  const checkIn = card('check_in', ({ view, note }) => {
    const deadline = h('input', { id: 'ci-deadline', type: 'time', required: true, value: hh.check_in?.deadline || '10:00' });
    const labels = { deadline: { el: deadline, label: t('household.deadline') } };
    const submit = h('button', { type: 'submit' });
    const stop = h('button', { type: 'button', class: 'secondary',
      onclick: () => change(note, 'DELETE', '/check-in', undefined, t('household.check_in_ended')) }, t('household.end_check_in'));
    const form = h('form', { onsubmit: async (e) => {
      e.preventDefault();
      const on = Boolean(hh.check_in);
      if (await change(note, 'PUT', '/check-in', { deadline: deadline.value }, (b, a) => t(on ? 'household.deadline_saved' : 'household.check_in_started',
        { time: a.check_in.deadline, day: dayText(a.check_in.since) }), labels)) deadline.value = hh.check_in.deadline;
    } }, h('div', { class: 'row' }, field('ci-deadline', t('household.deadline'), deadline, t('household.deadline_hint')),
      h('div', { class: 'row' }, submit, stop)));
    const show = () => {
      const plan = hh.check_in;
      submit.textContent = plan ? t('household.save_deadline') : t('household.start_check_in');
      stop.hidden = !plan;
      replace(view, plan ? h('p', {}, t('household.check_in_on', { time: plan.deadline, day: dayText(plan.since) }))
        : h('p', {}, t('household.check_in_is_off')),
      writes && !plan && !active(hh, 'check_in') ? h('p', { class: 'hint' }, t('household.needs_consent')) : null,
      plan ? history(plan) : null);
    };
    return { form, show };
  });

  // The days since the plan began (newest first, at most 30): when the household checked in, a day
  // away, or a day missed.
  function history(plan) {
    const away = (day) => hh.away.some((a) => a.from <= day && day <= a.to);
    return [h('h3', {}, t('household.history')), table('check-in-days', [t('household.day'), t('col.status')],
      plan.days.map((d, i) => h('tr', {}, h('td', {}, dayText(d.day)),
        h('td', {}, d.checked_in_at ? t('household.checked_in_at', { time: timeText(d.checked_in_at) })
          : away(d.day) ? t('household.day_away') : i === 0 ? t('household.not_yet_today')
            : h('span', { class: 'error' }, t('household.missed'))))),
      t('household.no_days'))];
  }

  const away = card('away', ({ view, note }) => {
    const from = h('input', { id: 'away-from', type: 'date', required: true });
    const to = h('input', { id: 'away-to', type: 'date', required: true });
    const why = h('input', { id: 'away-note', maxlength: 100, size: 20 });
    const labels = { from: { el: from, label: t('household.away_from') }, to: { el: to, label: t('household.away_to') },
      note: { el: why, label: t('household.away_note') } };
    const form = h('form', { onsubmit: async (e) => {
      e.preventDefault();
      const body = { from: from.value, to: to.value, note: why.value.trim() };
      if (await change(note, 'POST', '/away', body, t('household.away_added', { from: dayText(body.from), to: dayText(body.to) }), labels)) {
        from.value = '';
        to.value = '';
        why.value = '';
      }
    } }, h('h3', {}, t('household.add_away')), h('div', { class: 'row' },
      field('away-from', t('household.away_from'), from), field('away-to', t('household.away_to'), to),
      field('away-note', t('household.away_note'), why, t('household.away_note_hint')),
      h('div', {}, h('button', { type: 'submit' }, t('household.add_away')))));
    const show = () => replace(view, hh.away_today ? h('p', {}, h('span', { class: 'tag' }, t('households.away_today'))) : null,
      table('away-days', [t('household.away_from'), t('household.away_to'), t('household.away_note'), writes ? t('col.action') : null].filter(Boolean),
        hh.away.map((a) => h('tr', {}, h('td', {}, dayText(a.from)), h('td', {}, dayText(a.to)), h('td', {}, a.note || '—'),
          writes ? h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': t('household.remove_away_named', { from: dayText(a.from), to: dayText(a.to) }),
            onclick: () => change(note, 'DELETE', `/away/${a.id}`, undefined, t('household.away_removed')) }, t('household.remove'))) : null)),
        t('household.no_away')));
    return { form, show };
  });

  const devices = card('devices', ({ view }) => ({
    form: null,
    show: () => replace(view, table('household-devices', [t('devices.kind'), t('devices.serial'), t('devices.last_seen')],
      hh.devices.map((d) => h('tr', {}, h('td', {}, t('devices.kind.' + d.kind)), h('td', {}, d.serial),
        h('td', {}, d.last_seen ? clockTime(d.last_seen) : t('devices.never')))),
      t('household.no_devices'))),
  }));

  replace(main, h('p', {}, h('a', { href: '#/households' }, '← ' + t('nav.households'))), header,
    h('div', { class: 'grid2' }, h('div', {}, details, contact, members, devices), h('div', {}, consents, checkIn, away)));
  showAll();
  return null;
}
