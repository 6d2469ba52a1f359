// One help request: who asked (household, phone, devices: call at once), what they asked, its
// history, and what can be done next: claim, move on with a note to the resident, close with an
// outcome, transfer to a unit, reopen.
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';
import { clockTime, waited } from '../clock.js';
import { onLiveEvent } from '../live.js';

export async function render(main, { me, arg }) {
  const id = Number(arg);
  const { el: message, say } = notice();
  let item = null;

  async function act(method, path, body, done) {
    try {
      item = await api(method, path, body);
      say(done);
      draw();
    } catch (err) {
      say(err instanceof ApiError ? err.message : String(err), false);
      if (err.status === 409) load();
    }
  }

  function field(id, label, input, hint) {
    return [h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, ' ' + hint) : null), input];
  }

  function actions() {
    if (!me.staff.roles.some((r) => r === 'dispatcher' || r === 'caseworker')) return null;  // admins look, the desk acts
    const mine = item.claimed_by && item.claimed_by.id === me.staff.id;
    const other = item.claimed_by && !mine;
    if (item.status === 'done') {
      const reason = h('input', { id: 'reason', maxlength: 200, required: true, size: 40 });
      return h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); act('POST', `/staff/help-requests/${id}/reopen`, { reason: reason.value }, t('request.reopened')); } },
        h('h2', {}, t('request.reopen')), field('reason', t('request.reason'), reason), h('p', {}, h('button', { type: 'submit' }, t('request.reopen'))));
    }
    if (!item.claimed_by)
      return h('div', { class: 'card' }, h('button', { type: 'button', class: item.kind === 'sos' ? 'danger' : '',
        onclick: () => act('POST', `/staff/help-requests/${id}/claim`, undefined, t('request.claimed')) }, t('queue.claim')));
    const status = h('select', { id: 'status' }, ['accepted', 'in_progress', 'done'].map((s) => h('option', { value: s, selected: s === item.status }, t('status.' + s))));
    const note = h('textarea', { id: 'note', rows: 2, cols: 50, maxlength: 500 }, '');
    const outcome = h('input', { id: 'outcome', maxlength: 200, size: 50 });
    const takeOver = other ? h('p', { class: 'hint' }, t('request.held_by', { name: item.claimed_by.display_name })) : null;
    const unit = h('input', { id: 'unit', maxlength: 50, size: 30, list: 'units' });
    const unitNote = h('input', { id: 'unit-note', maxlength: 500, size: 40 });
    return [
      h('form', { class: 'card', onsubmit: (e) => {
        e.preventDefault();
        const body = { status: status.value };
        if (note.value.trim()) body.note = note.value.trim();
        if (status.value === 'done') body.outcome = outcome.value.trim();
        if (other) body.take_over = true;
        act('PATCH', `/staff/help-requests/${id}`, body, t('request.saved'));
      } },
      h('h2', {}, t('request.move_on')), takeOver,
      ...field('status', t('col.status'), status),
      ...field('note', t('request.note'), note, t('request.note_hint')),
      ...field('outcome', t('col.outcome'), outcome, t('request.outcome_hint')),
      h('p', {}, h('button', { type: 'submit' }, other ? t('request.take_over_save') : t('request.save')))),
      h('form', { class: 'card', onsubmit: (e) => {
        e.preventDefault();
        act('POST', `/staff/help-requests/${id}/transfer`, { unit: unit.value.trim(), note: unitNote.value.trim() }, t('request.transferred'));
      } },
      h('h2', {}, t('request.transfer')),
      ...field('unit', t('request.unit'), unit), h('datalist', { id: 'units' }, ['物业服务中心', '社区卫生服务站', '派出所', '街道办事处'].map((u) => h('option', { value: u }))),
      ...field('unit-note', t('request.transfer_note'), unitNote, t('request.note_hint')),
      h('p', {}, h('button', { type: 'submit', class: 'secondary' }, t('request.transfer')))),
    ];
  }

  function draw() {
    const hh = item.household;
    replace(main,
      h('p', {}, h('a', { href: '#/queue' }, '← ' + t('nav.queue'))),
      h('h1', {}, t('kind.' + item.kind), ' ', item.ticket, item.overdue && !item.claimed_by ? h('span', { class: 'tag overdue' }, t('queue.overdue')) : null),
      message,
      h('div', { class: 'grid2' },
        h('section', { class: 'card', 'aria-labelledby': 'who-h' }, h('h2', { id: 'who-h' }, t('request.who')),
          h('dl', {},
            h('dt', {}, t('request.household')), h('dd', {}, hh.name || (item.from_device ? t('queue.unbound_box') : t('queue.resident'))),
            h('dt', {}, t('request.phone')), h('dd', {}, hh.phone ? h('a', { href: 'tel:' + hh.phone }, hh.phone) : '—'),
            h('dt', {}, t('request.devices')), h('dd', {}, hh.devices.length ? hh.devices.map((d) => `${d.kind} ${d.serial}`).join('，') : '—'))),
        h('section', { class: 'card', 'aria-labelledby': 'what-h' }, h('h2', { id: 'what-h' }, t('request.what')),
          h('dl', {},
            h('dt', {}, t('col.message')), h('dd', {}, item.message || '—'),
            h('dt', {}, t('col.created')), h('dd', {}, clockTime(item.created), '（', waited(item.created).text, '）'),
            h('dt', {}, t('col.status')), h('dd', {}, t('status.' + item.status), item.claimed_by ? ' · ' + item.claimed_by.display_name : ''),
            item.unit ? [h('dt', {}, t('request.unit')), h('dd', {}, item.unit)] : null,
            item.note ? [h('dt', {}, t('request.note')), h('dd', {}, item.note)] : null,
            item.outcome ? [h('dt', {}, t('col.outcome')), h('dd', {}, item.outcome)] : null))),
      actions(),
      h('section', { class: 'card' }, h('h2', {}, t('request.history')),
        item.history.length ? h('ol', { class: 'history' }, item.history.map((e) => h('li', {}, clockTime(e.at), ' ', e.staff, ' ', t('action.' + e.action),
          e.status ? ' → ' + t('status.' + e.status) : '', e.unit ? ' · ' + e.unit : '', e.outcome ? ' · ' + e.outcome : ''))) : h('p', {}, t('request.no_history'))),
      h('section', { class: 'card' }, h('h2', {}, t('request.past')),
        item.past_requests.length ? h('ul', {}, item.past_requests.map((p) => h('li', {}, h('a', { href: '#/request/' + p.id }, p.ticket), ' ',
          t('kind.' + p.kind), ' ', clockTime(p.created), ' ', t('status.' + p.status), p.outcome ? ' · ' + p.outcome : ''))) : h('p', {}, t('request.no_past'))));
  }

  async function load() {
    try {
      item = await api('GET', `/staff/help-requests/${id}`);
      draw();
    } catch (err) {
      replace(main, h('p', { class: 'error' }, err.message), h('p', {}, h('a', { href: '#/queue' }, t('nav.queue'))));
    }
  }
  const stop = onLiveEvent((e) => { if (e.id === id) load(); });
  await load();
  return stop;
}
