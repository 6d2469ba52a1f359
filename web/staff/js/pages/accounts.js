// Staff accounts (admins): who has which roles, locked or disabled; add a colleague, change roles,
// unlock, disable, sign out everywhere, set a password.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';

const ROLES = ['dispatcher', 'caseworker', 'editor', 'approver', 'admin'];

export async function render(main, { me }) {
  const { el: message, say, act: change } = notice();
  const list = h('div');
  const act = (method, path, body, done) => change(method, path, body, done, load);

  function roleBoxes(prefix, chosen) {
    return h('fieldset', {}, h('legend', {}, t('accounts.roles')), ROLES.map((r) => h('label', { class: 'hint', for: `${prefix}-${r}` },
      h('input', { type: 'checkbox', id: `${prefix}-${r}`, value: r, checked: chosen.includes(r) }), ' ', t('role.' + r))));
  }
  const picked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);

  async function load() {
    const { items } = await api('GET', '/staff/accounts');
    replace(list, h('table', {}, h('thead', {}, h('tr', {}, ['accounts.name', 'accounts.display_name', 'accounts.roles', 'col.status', 'col.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, items.map((m) => {
        const roles = roleBoxes('r' + m.id, m.roles);
        return h('tr', {}, h('td', {}, m.name), h('td', {}, m.display_name), h('td', {}, roles),
          h('td', {}, !m.active ? t('accounts.disabled') : m.locked ? t('accounts.locked') : t('accounts.active')),
          h('td', {}, h('div', { class: 'row' },
            h('button', { type: 'button', class: 'secondary', onclick: () => act('PATCH', `/staff/accounts/${m.id}`, { roles: picked(roles) }, t('accounts.saved')) }, t('accounts.save_roles')),
            m.locked ? h('button', { type: 'button', class: 'secondary', onclick: () => act('PATCH', `/staff/accounts/${m.id}`, { unlock: true }, t('accounts.unlocked')) }, t('accounts.unlock')) : null,
            m.id !== me.staff.id ? h('button', { type: 'button', class: 'secondary', onclick: () => act('PATCH', `/staff/accounts/${m.id}`, { active: !m.active }, t('accounts.saved')) },
              m.active ? t('accounts.disable') : t('accounts.enable')) : null,
            h('button', { type: 'button', class: 'secondary', onclick: () => act('DELETE', `/staff/accounts/${m.id}/sessions`, undefined, t('accounts.signed_out')) }, t('accounts.sign_out')))));
      }))));
  }

  const name = h('input', { id: 'new-name', maxlength: 32, pattern: '[a-z0-9._-]{2,32}', required: true, autocomplete: 'off' });
  const display = h('input', { id: 'new-display', maxlength: 20, required: true });
  const password = h('input', { id: 'new-password', type: 'password', minlength: 10, maxlength: 256, required: true, autocomplete: 'new-password' });
  const roles = roleBoxes('new', ['dispatcher']);
  const form = h('form', { class: 'card', onsubmit: (e) => {
    e.preventDefault();
    act('POST', '/staff/accounts', { name: name.value.trim(), display_name: display.value.trim(), roles: picked(roles), password: password.value },
      t('accounts.created', { name: display.value.trim() })).then(() => { password.value = ''; });
  } },
  h('h2', {}, t('accounts.add')),
  h('div', { class: 'row' },
    h('div', {}, h('label', { for: 'new-name' }, t('accounts.name'), h('span', { class: 'hint' }, ' ' + t('accounts.name_hint'))), name),
    h('div', {}, h('label', { for: 'new-display' }, t('accounts.display_name')), display),
    h('div', {}, h('label', { for: 'new-password' }, t('signin.password'), h('span', { class: 'hint' }, ' ' + t('accounts.password_hint'))), password)),
  roles, h('p', {}, h('button', { type: 'submit' }, t('accounts.add'))));

  replace(main, h('h1', {}, t('nav.accounts')), message, list, form);
  await load();
}
