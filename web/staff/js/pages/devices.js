// Set-top boxes and kiosks (admins): each with its household, when it last reached the server and
// whether its alert stream is connected now; bind a box to a household, unbind it, stop a lost
// box's access; an enrolment code for the installer of a new one.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';

export async function render(main) {
  const { el: message, say, act: change } = notice();
  const code = h('div');
  const list = h('div', { id: 'device-list', 'aria-busy': 'true' });  // busy while a search runs
  const q = h('input', { id: 'device-q', type: 'search', maxlength: 100 });
  const act = (method, path, body, done) => change(method, path, body, done, load);

  function bindForm(d) {
    const name = h('input', { id: `hh-${d.id}`, maxlength: 50, required: true, size: 16, placeholder: '3 号楼 201 王家' });
    const phone = h('input', { id: `ph-${d.id}`, maxlength: 11, required: true, size: 11, inputmode: 'numeric', pattern: '1[3-9][0-9]{9}' });
    // A phone that is a member of a household already: the server names that household, and the
    // box can join it (a second box in the same home).
    const join = h('div');
    return h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      replace(join);
      try {
        await api('PUT', `/staff/devices/${d.id}/household`, { household_name: name.value.trim(), phone: phone.value.trim() });
        say(t('devices.bound', { id: d.id }));
        await load();
      } catch (err) {
        say(err.message, false);
        const other = err.body && err.body.household;
        if (other) replace(join, h('button', { type: 'button', id: `join-${d.id}`,
          onclick: () => act('PUT', `/staff/devices/${d.id}/household`, { household_id: other.id }, t('devices.bound', { id: d.id })) },
        t('devices.join', { name: other.name })));
      }
    } }, h('div', {}, h('label', { for: name.id }, t('devices.household')), name), h('div', {}, h('label', { for: phone.id }, t('request.phone')), phone),
    h('div', {}, h('button', { type: 'submit' }, t('devices.bind'))), join);
  }

  async function load() {
    list.setAttribute('aria-busy', 'true');
    const { items } = await api('GET', '/staff/devices?limit=200&q=' + encodeURIComponent(q.value.trim())).finally(() => list.setAttribute('aria-busy', 'false'));
    replace(list, h('table', {}, h('thead', {}, h('tr', {}, ['devices.number', 'devices.kind', 'devices.serial', 'devices.household', 'devices.last_seen', 'devices.stream', 'col.action']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, items.length ? items.map((d) => h('tr', {}, h('td', {}, String(d.id)), h('td', {}, t('devices.kind.' + d.kind)), h('td', {}, d.serial),
      h('td', {}, d.household ? [d.household.name, h('div', { class: 'hint' }, d.household.phone)] : (d.kind === 'stb' ? bindForm(d) : '—')),
      h('td', {}, d.last_seen ? clockTime(d.last_seen) : t('devices.never')),
      h('td', {}, d.stream_connected ? t('devices.connected') : h('span', { class: 'error' }, t('devices.not_connected'))),
      h('td', {}, h('div', { class: 'row' },
        d.household ? h('button', { type: 'button', class: 'secondary', onclick: () => act('DELETE', `/staff/devices/${d.id}/household`, undefined, t('devices.unbound', { id: d.id })) }, t('devices.unbind')) : null,
        h('button', { type: 'button', class: 'danger', onclick: () => act('DELETE', `/staff/devices/${d.id}/token`, undefined, t('devices.revoked', { id: d.id })) }, t('devices.revoke'))))))
      : h('tr', {}, h('td', { colspan: 7 }, t('devices.none'))))));
  }

  replace(main, h('h1', {}, t('nav.devices')), message,
    h('section', { class: 'card' }, h('h2', {}, t('devices.enrol')), h('p', {}, t('devices.enrol_hint')),
      h('button', { type: 'button', onclick: async () => {
        try {
          const c = await api('POST', '/staff/enrolment-codes', {});
          replace(code, h('p', { class: 'code', 'aria-live': 'polite' }, c.code), h('p', { class: 'hint' }, t('devices.code_until', { at: clockTime(c.expires_at) })));
        } catch (err) { say(err.message, false); }
      } }, t('devices.new_code')), code),
    h('form', { class: 'row', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      h('div', {}, h('label', { for: 'device-q' }, t('devices.search')), q), h('div', {}, h('button', { type: 'submit', class: 'secondary' }, t('content.search')))),
    list);
  await load();
}
