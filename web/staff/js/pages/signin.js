// Sign-in: name and password, the browser's own form (password managers work), the server's
// sentence when it refuses (wrong password, locked, wait).
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

let message = '';
export function say(text) {
  message = text;
  const el = document.getElementById('signin-message');
  if (el) el.textContent = text;
}

export function render(main, { onSignedIn }) {
  const error = h('p', { id: 'signin-message', class: 'error', role: 'alert' }, message);
  const name = h('input', { id: 'name', name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256 });
  const submit = h('button', { type: 'submit' }, t('signin.submit'));
  const form = h('form', { class: 'card signin', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const session = await api('POST', '/staff/sessions', { name: name.value.trim(), password: password.value });
      message = '';
      onSignedIn(session);
    } catch (err) {
      say(err instanceof ApiError ? err.message : String(err));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  } },
  h('h1', {}, t('signin.title')),
  h('label', { for: 'name' }, t('signin.name')), name,
  h('label', { for: 'password' }, t('signin.password')), password,
  error, h('p', {}, submit),
  h('p', { class: 'hint' }, t('signin.help')));
  replace(main, form);
  name.focus();
}
