// One draft: a form built from the kind's fields as the server declares them, what is still
// missing, a preview of how it reads on a TV, and the next step for whoever is looking: an editor
// saves and submits; an approver (not its author) publishes now or at a time, or sends it back.
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';

let cache = null;  // kinds, categories and schedules change rarely: asked once per page load
async function lookups() {
  if (!cache) {
    const [kinds, categories, schedules] = await Promise.all([
      api('GET', '/staff/content-kinds'), api('GET', '/policy-categories'), api('GET', '/schedules')]);
    cache = { kinds: kinds.items, categories: categories.items, schedules: schedules.items };
  }
  return cache;
}

function input(field, value) {
  const id = 'f-' + field.name;
  const common = { id, name: field.name, 'aria-describedby': 'p-' + field.name };
  switch (field.type) {
    case 'text': return h('textarea', { ...common, rows: field.max > 1000 ? 12 : 4, cols: 70, maxlength: field.max }, value ?? '');
    case 'lines': return h('textarea', { ...common, rows: 5, cols: 70 }, (value || []).join('\n'));
    case 'date': return h('input', { ...common, type: 'date', value: value ?? '' });
    case 'datetime': return h('input', { ...common, type: 'datetime-local', value: value ? value.slice(0, 16) : '' });
    case 'count': return h('input', { ...common, type: 'number', min: field.min, max: field.max, value: value ?? '' });
    case 'flag': return h('input', { ...common, type: 'checkbox', checked: value === true });
    case 'category': return h('select', common, h('option', { value: '' }, '—'),
      cache.categories.map((c) => h('option', { value: c.id, selected: c.id === value }, c.name)));
    case 'schedule': return h('select', common, h('option', { value: '' }, t('draft.no_booking')),
      cache.schedules.map((s) => h('option', { value: s.id, selected: s.id === value }, s.service)));
    default: return h('input', { ...common, maxlength: field.max, size: 60, value: value ?? '' });
  }
}

function read(field, el) {
  switch (field.type) {
    case 'lines': return el.value.split('\n').map((l) => l.trim()).filter(Boolean);
    case 'count': return el.value === '' ? null : Number(el.value);
    case 'flag': return el.checked;
    case 'schedule': return el.value === '' ? null : Number(el.value);
    case 'datetime': return el.value ? el.value + ':00+08:00' : null;  // the community's time
    default: return el.value;
  }
}

// How it reads on a TV: the title large, then each paragraph, on the TV's dark page, at 2/5 scale.
function preview(kind, fields) {
  const texts = kind.fields.filter((f) => f.type === 'text' || f.type === 'lines').flatMap((f) => {
    const v = fields[f.name];
    return Array.isArray(v) ? v : String(v || '').split('\n');
  }).filter(Boolean);
  return h('figure', { class: 'tv-preview' }, h('figcaption', {}, t('draft.preview')),
    h('div', { class: 'tv-screen', role: 'img', 'aria-label': t('draft.preview') },
      h('div', { class: 'tv-title' }, fields[kind.title_field] || ''), texts.map((p) => h('p', {}, p))));
}

export async function render(main, { me, arg }) {
  const id = Number(arg);
  const { kinds } = await lookups();
  const { el: message, say } = notice();
  let draft = await api('GET', `/staff/drafts/${id}`);

  function draw() {
    const kind = kinds.find((k) => k.name === draft.kind);
    const editable = me.staff.roles.includes('editor') && (draft.state === 'draft' || draft.state === 'rejected');
    const reviewable = me.staff.roles.includes('approver') && draft.state === 'submitted';
    const problems = Object.fromEntries(draft.problems.map((p) => [p.name, p.detail || p.reason]));
    const inputs = {};
    const form = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); save(false); } },
      kind.fields.map((f) => {
        inputs[f.name] = input(f, draft.fields[f.name]);
        if (!editable) inputs[f.name].disabled = true;
        return h('div', {}, h('label', { for: 'f-' + f.name }, t('field.' + f.name), f.required ? '' : h('span', { class: 'hint' }, ' ' + t('draft.optional'))),
          inputs[f.name], h('p', { id: 'p-' + f.name, class: 'error' }, problems[f.name] || ''));
      }),
      editable ? h('p', { class: 'row' }, h('button', { type: 'submit', class: 'secondary' }, t('draft.save')),
        h('button', { type: 'button', onclick: () => save(true) }, t('draft.submit')),
        h('button', { type: 'button', class: 'secondary', onclick: discard }, t('draft.discard'))) : null);

    async function save(andSubmit) {
      const fields = Object.fromEntries(kind.fields.map((f) => [f.name, read(f, inputs[f.name])]));
      try {
        draft = await api('PUT', `/staff/drafts/${id}`, { fields });
        if (andSubmit) draft = await api('POST', `/staff/drafts/${id}/submit`);
        draw();
        say(andSubmit ? t('draft.submitted_done') : t('draft.saved'));
      } catch (err) {
        say(err instanceof ApiError ? err.message : String(err), false);
        if (err.body?.invalid_params) { draft.problems = err.body.invalid_params; draw(); say(err.message, false); }
      }
    }
    async function discard() {
      try { await api('DELETE', `/staff/drafts/${id}`); location.hash = '#/content'; } catch (err) { say(err.message, false); }
    }

    const at = h('input', { id: 'publish-at', type: 'datetime-local' });
    const note = h('input', { id: 'reject-note', maxlength: 500, size: 40 });
    const review = reviewable ? h('section', { class: 'card', 'aria-labelledby': 'review-h' }, h('h2', { id: 'review-h' }, t('draft.review')),
      draft.author.id === me.staff.id ? h('p', { class: 'hint' }, t('draft.own')) : [
        h('form', { class: 'row', onsubmit: async (e) => {
          e.preventDefault();
          try {
            draft = await api('POST', `/staff/drafts/${id}/publish`, at.value ? { publish_at: at.value + ':00+08:00' } : {});
            draw();
            say(draft.state === 'scheduled' ? t('draft.scheduled_at', { at: clockTime(draft.publish_at) }) : t('draft.published'));
          } catch (err) { say(err.message, false); }
        } }, h('div', {}, h('label', { for: 'publish-at' }, t('draft.publish_at'), h('span', { class: 'hint' }, ' ' + t('draft.publish_at_hint'))), at),
        h('div', {}, h('button', { type: 'submit' }, t('draft.publish')))),
        h('form', { class: 'row', onsubmit: async (e) => {
          e.preventDefault();
          try { draft = await api('POST', `/staff/drafts/${id}/reject`, { note: note.value.trim() }); draw(); say(t('draft.rejected_done')); } catch (err) { say(err.message, false); }
        } }, h('div', {}, h('label', { for: 'reject-note' }, t('draft.reject_note')), note), h('div', {}, h('button', { type: 'submit', class: 'secondary' }, t('draft.reject'))))]) : null;

    replace(main,
      h('p', {}, h('a', { href: '#/content' }, '← ' + t('nav.content'))),
      h('h1', {}, t('kind.' + draft.kind), '：', draft.fields[kind.title_field] || t('content.untitled')),
      h('p', {}, t('draft.' + draft.state), ' · ', t('draft.by', { name: draft.author.display_name }),
        draft.target_id ? ' · ' + t('draft.edits', { id: draft.target_id }) : '', draft.publish_at ? ' · ' + clockTime(draft.publish_at) : ''),
      draft.note ? h('p', { class: 'error' }, t('draft.sent_back', { note: draft.note })) : null,
      message, review, h('div', { class: 'grid2' }, form, preview(kind, draft.fields)));
  }
  draw();
}
