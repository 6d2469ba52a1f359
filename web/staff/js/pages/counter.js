// The counter (case workers, the desk): the day's appointments per window; check a resident in by
// the code on the ticket (type it, or scan the ticket's QR with a USB scanner, which types it and
// presses Enter); mark no-shows. Editors and the counter see each window's coming slots with who is
// booked, and editors close a slot (those booked are told why in their 我的预约).
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);  // the community's day

export async function render(main, { me }) {
  const counter = me.staff.roles.some((r) => r === 'caseworker' || r === 'dispatcher');
  const editor = me.staff.roles.includes('editor');
  const { items: schedules } = await api('GET', '/schedules');
  const { el: message, say, act: change } = notice('assertive');  // a check-in's answer is heard at once
  const windowSelect = h('select', { id: 'window' }, h('option', { value: '' }, t('counter.all_windows')),
    schedules.map((s) => h('option', { value: s.id }, `${s.service}（${s.place}）`)));
  const date = h('input', { id: 'day', type: 'date', value: today() });
  const code = h('input', { id: 'checkin-code', maxlength: 60, size: 24, autocomplete: 'off', autocapitalize: 'characters' });
  const day = h('div', { id: 'day-list', 'aria-busy': 'true' });
  const slots = h('div', { id: 'slot-list', 'aria-busy': 'true' });

  const act = (method, path, body, done) => change(method, path, body, done, () => Promise.all([loadDay(), loadSlots()]));

  async function loadDay() {
    if (!counter) return;
    day.setAttribute('aria-busy', 'true');
    const q = new URLSearchParams({ date: date.value || today() });
    if (windowSelect.value) q.set('schedule_id', windowSelect.value);
    const { items } = await api('GET', '/staff/appointments?' + q).finally(() => day.setAttribute('aria-busy', 'false'));
    replace(day, h('table', {}, h('thead', {}, h('tr', {}, ['counter.time', 'counter.code', 'counter.name', 'request.phone', 'counter.service', 'col.status', 'col.action']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, items.length ? items.map((a) => h('tr', { 'data-code': a.code }, h('td', {}, clockTime(a.slot.start)), h('td', {}, a.code), h('td', {}, a.name),
      h('td', {}, a.phone), h('td', {}, a.service, h('div', { class: 'hint' }, a.place)), h('td', {}, t('appt.' + a.status), a.cancel_reason ? h('div', { class: 'hint' }, a.cancel_reason) : null),
      h('td', {}, a.status === 'booked' ? h('button', { type: 'button', class: 'secondary',
        onclick: () => act('PATCH', `/staff/appointments/${a.id}`, { status: 'noshow' }, t('counter.marked_noshow', { name: a.name })) }, t('counter.noshow')) : null)))
      : h('tr', {}, h('td', { colspan: 7 }, t('counter.none'))))));
  }

  async function loadSlots() {
    slots.setAttribute('aria-busy', 'true');
    const schedule = windowSelect.value || schedules[0]?.id;
    if (!schedule) return slots.setAttribute('aria-busy', 'false');
    const { items } = await api('GET', `/staff/schedules/${schedule}/slots?days=14`).finally(() => slots.setAttribute('aria-busy', 'false'));
    replace(slots, h('h2', {}, t('counter.slots', { service: schedules.find((s) => String(s.id) === String(schedule))?.service || '' })),
      h('table', {}, h('thead', {}, h('tr', {}, ['counter.time', 'counter.seats', 'counter.booked_people', 'col.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, items.length ? items.map((s) => {
          const reason = h('input', { id: `close-${s.id}`, maxlength: 200, size: 20, required: true });
          return h('tr', { 'data-slot': s.id }, h('td', {}, clockTime(s.start), '–', clockTime(s.end).slice(-5)), h('td', {}, `${s.booked} / ${s.capacity}`),
            h('td', {}, s.appointments.length ? s.appointments.map((a) => h('div', {}, `${a.name} ${a.phone} · ${t('appt.' + a.status)}`)) : '—'),
            h('td', {}, editor ? h('form', { class: 'row', onsubmit: (e) => {
              e.preventDefault();
              act('POST', `/staff/slots/${s.id}/close`, { reason: reason.value.trim() }, t('counter.closed', { n: s.booked }));
            } }, h('label', { for: reason.id, class: 'sr-only' }, t('counter.close_reason')), reason, h('button', { type: 'submit', class: 'danger' }, t('counter.close'))) : null));
        }) : h('tr', {}, h('td', { colspan: 4 }, t('counter.no_slots'))))));
  }

  // Editors open slots: a day, a time, the seats; the same times on several days at once.
  function openForm() {
    const first = h('input', { id: 'open-day', type: 'date', required: true, value: today() });
    const days = h('input', { id: 'open-days', type: 'number', min: 1, max: 31, value: 1, required: true });
    const from = h('input', { id: 'open-from', type: 'time', required: true, value: '09:00' });
    const to = h('input', { id: 'open-to', type: 'time', required: true, value: '10:00' });
    const seats = h('input', { id: 'open-seats', type: 'number', min: 1, max: 1000, value: 6, required: true });
    return h('form', { class: 'card row', onsubmit: (e) => {
      e.preventDefault();
      const schedule = windowSelect.value || schedules[0]?.id;
      const start = new Date(first.value + 'T00:00:00+08:00').getTime();
      const slotsToOpen = Array.from({ length: Number(days.value) }, (_, i) => {
        const day = new Date(start + i * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10);
        return { start: `${day}T${from.value}:00+08:00`, end: `${day}T${to.value}:00+08:00`, capacity: Number(seats.value) };
      });
      act('POST', `/staff/schedules/${schedule}/slots`, { slots: slotsToOpen }, t('counter.opened', { n: slotsToOpen.length }));
    } }, h('h2', { class: 'sr-only' }, t('counter.open')),
    ...[['open-day', 'counter.open_day', first], ['open-days', 'counter.open_days', days], ['open-from', 'counter.open_from', from],
      ['open-to', 'counter.open_to', to], ['open-seats', 'counter.open_seats', seats]].map(([id, key, el]) => h('div', {}, h('label', { for: id }, t(key)), el)),
    h('div', {}, h('button', { type: 'submit' }, t('counter.open'))));
  }

  windowSelect.addEventListener('change', () => { loadDay(); loadSlots(); });
  date.addEventListener('change', loadDay);
  replace(main, h('h1', {}, t('nav.counter')), message,
    h('div', { class: 'row card' }, h('div', {}, h('label', { for: 'window' }, t('counter.window')), windowSelect),
      counter ? h('div', {}, h('label', { for: 'day' }, t('counter.day')), date) : null),
    counter ? h('form', { class: 'card row', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const a = await api('POST', '/staff/appointments/check-in', { code: code.value.trim() });
        say(t('counter.checked_in', { name: a.name, service: a.service }));
        code.value = '';
        await Promise.all([loadDay(), loadSlots()]);
      } catch (err) { say(err instanceof ApiError ? err.message : String(err), false); code.select(); }
      code.focus();
    } }, h('div', {}, h('label', { for: 'checkin-code' }, t('counter.checkin'), h('span', { class: 'hint' }, ' ' + t('counter.checkin_hint'))), code),
    h('div', {}, h('button', { type: 'submit' }, t('counter.checkin_button')))) : null,
    counter ? [h('h2', {}, t('counter.today')), day] : null, editor ? openForm() : null, slots);
  if (counter) code.focus();
  await Promise.all([loadDay(), loadSlots()]);
}
