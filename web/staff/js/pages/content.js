// Content (editors and approvers): drafts waiting for someone, and the live items of each kind
// with a search; an editor starts a new item or an edit of a live one, an approver withdraws.
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';

export async function render(main, { me }) {
  const editor = me.staff.roles.includes('editor');
  const approver = me.staff.roles.includes('approver');
  const { el: message, say } = notice();
  const drafts = h('div');
  const live = h('div');
  const { items: kinds } = await api('GET', '/staff/content-kinds');
  let kind = kinds[0].name;

  async function startDraft(body) {
    try {
      const d = await api('POST', '/staff/drafts', body);
      location.hash = '#/draft/' + d.id;
    } catch (err) { say(err instanceof ApiError ? err.message : String(err), false); }
  }

  async function loadDrafts() {
    const { items } = await api('GET', '/staff/drafts');
    replace(drafts, h('h2', {}, t('content.drafts')), items.length ? h('table', {},
      h('thead', {}, h('tr', {}, ['content.kind', 'content.title', 'content.state', 'content.author', 'content.updated'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, items.map((d) => h('tr', { class: d.state === 'submitted' && approver && d.author.id !== me.staff.id ? 'waiting' : '' },
        h('td', {}, t('kind.' + d.kind)), h('td', {}, h('a', { href: '#/draft/' + d.id }, d.title || t('content.untitled'))),
        h('td', {}, t('draft.' + d.state), d.publish_at ? ' ' + clockTime(d.publish_at) : ''),
        h('td', {}, d.author.display_name), h('td', {}, clockTime(d.updated)))))) : h('p', {}, t('content.no_drafts')));
  }

  async function loadLive(q = '') {
    const { items } = await api('GET', `/staff/content/${kind}?q=${encodeURIComponent(q)}`);
    const search = h('input', { id: 'content-q', type: 'search', maxlength: 100, value: q });
    replace(live,
      h('h2', {}, t('content.live')),
      h('div', { class: 'row', role: 'tablist', 'aria-label': t('content.kind') }, kinds.map((k) => h('button', { type: 'button', role: 'tab',
        'aria-selected': String(k.name === kind), class: k.name === kind ? '' : 'secondary', onclick: () => { kind = k.name; loadLive(); } }, t('kind.' + k.name)))),
      h('form', { class: 'row', role: 'search', onsubmit: (e) => { e.preventDefault(); loadLive(search.value.trim()); } },
        h('div', {}, h('label', { for: 'content-q' }, t('content.search')), search), h('div', {}, h('button', { type: 'submit', class: 'secondary' }, t('content.search'))),
        editor ? h('div', {}, h('button', { type: 'button', onclick: () => startDraft({ kind, fields: {} }) }, t('content.new', { kind: t('kind.' + kind) }))) : null),
      h('table', {}, h('thead', {}, h('tr', {}, ['content.title', 'col.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, items.length ? items.map((item) => h('tr', {}, h('td', {}, item.title),
          h('td', {}, h('div', { class: 'row' },
            editor ? h('button', { type: 'button', class: 'secondary', onclick: () => startDraft({ kind, target_id: item.id }) }, t('content.edit')) : null,
            approver ? withdrawForm(item) : null)))) : h('tr', {}, h('td', { colspan: 2 }, t('content.none'))))));
  }

  function withdrawForm(item) {
    const id = `withdraw-${kind}-${item.id}`;
    const reason = h('input', { id, maxlength: 200, required: true, size: 18 });
    return h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api('POST', `/staff/content/${kind}/${item.id}/withdraw`, { reason: reason.value.trim() });
        say(t('content.withdrawn', { title: item.title }));
        loadLive();
      } catch (err) { say(err instanceof ApiError ? err.message : String(err), false); }
    } }, h('label', { for: id, class: 'sr-only' }, t('content.withdraw_reason', { title: item.title })),
    reason, h('button', { type: 'submit', class: 'danger' }, t('content.withdraw')));
  }

  replace(main, h('h1', {}, t('nav.content')), message, drafts, live);
  await Promise.all([loadDrafts(), loadLive()]);
}
