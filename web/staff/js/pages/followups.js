// 回访: whether a severe alert reached people, and the households it did not. For each active Severe
// or Extreme alert, the households it is meant for, shown, confirmed and not yet, with a plot over
// the minutes since publication (every 15 s while the page is open). Below, the call and visit
// list: households that did not confirm in time or did not check in (报平安), those living alone
// or flagged first; each row's outcome moves it on (call -> visit -> emergency contact) or closes
// it. Rows arrive and leave over the staff stream.
import { api, ApiError } from '../api.js';
import { h, replace, svg } from '../dom.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';
import { onLiveEvent } from '../live.js';

const REACH_EVERY_MS = 15000;
const PLOT_W = 480, PLOT_H = 120;

export async function render(main, { me }) {
  const acts = me.staff.roles.some((r) => r === 'dispatcher' || r === 'caseworker');
  let kind = '';
  const reach = h('section', { 'aria-labelledby': 'reach-title' });
  const message = h('p', { role: 'status', class: 'notice' });
  const tabs = h('div', { class: 'row' });
  const table = h('table', { id: 'followups', 'aria-busy': 'true' });
  replace(main, h('h1', {}, t('nav.followups')), reach, h('h2', {}, t('followups.list')), tabs, message, table);

  async function loadReach() {
    try {
      const active = (await api('GET', '/alerts')).items.filter((a) => ['Extreme', 'Severe'].includes(a.info[0]?.severity));
      const figures = await Promise.all(active.map((a) => api('GET', `/staff/alerts/${a.id}/reach`)));
      replace(reach, h('h2', { id: 'reach-title' }, t('reach.title')),
        active.length ? active.map((a, i) => reachCard(a, figures[i])) : h('p', {}, t('reach.none')));
    } catch (err) {
      replace(reach, h('h2', { id: 'reach-title' }, t('reach.title')), h('p', { class: 'error' }, err.message));
    }
  }

  function drawTabs() {
    replace(tabs, ['', 'alert', 'check_in'].map((k) => h('button', { type: 'button', class: k === kind ? '' : 'secondary',
      'aria-pressed': String(k === kind), onclick: () => { kind = k; load(); } }, t('followups.kind_' + (k || 'all')))));
  }

  async function record(item, outcome, note, buttons) {
    for (const b of buttons) b.disabled = true;
    try {
      const after = await api('POST', `/staff/follow-ups/${item.id}/outcomes`, { outcome, note: note.value });
      message.className = 'notice';
      message.textContent = t('followups.recorded_' + outcome, { name: after.household.name, stage: t('stage.' + after.stage) });
    } catch (err) {
      message.className = 'error';
      message.textContent = err instanceof ApiError ? err.message : String(err);
    }
    load();
  }

  function row(item) {
    const hh = item.household;
    const note = h('input', { type: 'text', maxlength: 500, placeholder: t('followups.note'), 'aria-label': t('followups.note_for', { name: hh.name }) });
    const buttons = ['reached_fine', 'needs_help', 'no_answer'].map((o) =>
      h('button', { type: 'button', class: o === 'needs_help' ? 'danger' : o === 'no_answer' ? 'secondary' : '' }, t('outcome.' + o)));
    buttons.forEach((b, i) => { b.onclick = () => record(item, ['reached_fine', 'needs_help', 'no_answer'][i], note, buttons); });
    const contact = hh.emergency_contact;
    return h('tr', { 'data-id': item.id, class: hh.lives_alone || hh.special_attention ? 'waiting' : '' },
      h('td', {}, hh.name, hh.lives_alone ? [' ', h('span', { class: 'tag' }, t('flag.lives_alone'))] : null,
        hh.special_attention ? [' ', h('span', { class: 'tag' }, t('flag.special_attention'))] : null,
        h('div', { class: 'hint' }, hh.address || '')),
      h('td', {}, h('a', { href: 'tel:' + hh.phone }, hh.phone),
        item.stage === 'emergency_contact' && contact ? h('div', {}, t('followups.contact', { name: contact.name, relation: contact.relation || '' }), ' ',
          h('a', { href: 'tel:' + contact.phone }, contact.phone)) : null),
      h('td', {}, item.kind === 'alert' ? item.alert_headline : t('followups.missed_day', { day: item.day }),
        item.answered_at ? h('div', { class: 'notice' }, t('followups.answered', { time: clockTime(item.answered_at) })) : null),
      h('td', {}, h('span', { class: 'tag' }, t('stage.' + item.stage)), h('div', { class: 'hint' }, t('followups.attempts', { n: item.attempts.length }))),
      h('td', {}, clockTime(item.opened_at)),
      h('td', {}, acts ? h('div', { class: 'row' }, note, buttons) : '—'));
  }

  async function load() {
    drawTabs();
    table.setAttribute('aria-busy', 'true');
    try {
      const { items } = await api('GET', '/staff/follow-ups?state=open&limit=200' + (kind ? '&kind=' + kind : ''));
      replace(table,
        h('caption', { class: 'sr-only' }, t('followups.list')),
        h('thead', {}, h('tr', {}, ['col.household', 'col.phone', 'col.why', 'col.stage', 'col.listed', 'col.outcome']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, items.length ? items.map(row) : h('tr', {}, h('td', { colspan: 6 }, t('followups.empty')))));
    } catch (err) {
      message.className = 'error';
      message.textContent = err.message;
    } finally {
      table.setAttribute('aria-busy', 'false');
    }
  }

  loadReach();
  await load();
  const timer = setInterval(loadReach, REACH_EVERY_MS);
  const off = onLiveEvent((e) => {
    if (e.event === 'follow_up') load();
    if (e.event === 'follow_up' || e.event === 'alert') loadReach();
  });
  return () => { clearInterval(timer); off(); };
}

function reachCard(alert, f) {
  const title = h('h3', {}, alert.info[0].headline || alert.info[0].event);
  if (f.targeted === 0) return h('div', { class: 'card', 'data-alert': alert.id }, title, h('p', { class: 'hint' }, t('reach.no_households')));
  return h('div', { class: 'card', 'data-alert': alert.id }, title,
    h('div', { class: 'figures' },
      figure(t('reach.targeted'), f.targeted), figure(t('reach.shown'), f.shown), figure(t('reach.confirmed'), f.confirmed),
      figure(t('reach.not_yet'), f.not_yet)),
    plot(f));
}

function figure(label, value) {
  return h('div', { class: 'figure' }, h('strong', {}, String(value)), label);
}

// Households shown and confirmed, cumulative, per minute since publication, against the targeted.
function plot(f) {
  const points = f.by_minute;
  const last = Math.max(1, points.length - 1);
  const top = Math.max(1, f.targeted);
  const line = (key) => points.map((p) => `${(p.minute / last) * PLOT_W},${PLOT_H - (p[key] / top) * PLOT_H}`).join(' ');
  const latest = points[points.length - 1] || { shown: 0, confirmed: 0 };
  const label = t('reach.plot_label', { minutes: points.length - 1, shown: latest.shown, confirmed: latest.confirmed, targeted: f.targeted });
  return svg('svg', { viewBox: `0 0 ${PLOT_W} ${PLOT_H}`, width: PLOT_W, height: PLOT_H, role: 'img', 'aria-label': label, class: 'plot' },
    svg('title', {}, label),
    svg('line', { x1: 0, y1: 0, x2: PLOT_W, y2: 0, stroke: '#767676', 'stroke-dasharray': '4 4' }),
    svg('polyline', { points: line('shown'), fill: 'none', stroke: '#1f5fa8', 'stroke-width': 2, class: 'shown' }),
    svg('polyline', { points: line('confirmed'), fill: 'none', stroke: '#1b7a3a', 'stroke-width': 3, class: 'confirmed' }));
}
