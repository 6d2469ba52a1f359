// Alerts (approvers): what is active now; compose one (event, colour level, area, headline, what to
// do, until when) with a preview of how the TV and the kiosk will show it; publish; update or
// cancel an active one (CAP Update / Cancel referencing it); import a CAP 1.2 file.
import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { notice } from '../notice.js';
import { t } from '../i18n.js';
import { clockTime } from '../clock.js';

const LEVELS = ['红', '橙', '黄', '蓝'];
const SEVERE = new Set(['红', '橙']);  // Extreme and Severe interrupt the screen until confirmed

const reference = (a) => `${a.sender},${a.identifier},${a.sent}`;

export async function render(main) {
  const { el: message, say } = notice();
  const active = h('div');
  const composer = h('div');

  async function send(body, done) {
    try {
      await api('POST', '/staff/alerts', body);
      say(done);
      await load();
      compose(null);
    } catch (err) { say(err instanceof ApiError ? err.message : String(err), false); }
  }

  function compose(updating) {
    const info = updating?.info?.[0] || {};
    const f = {
      event: h('input', { id: 'a-event', maxlength: 30, required: true, value: info.event || '' }),
      level: h('select', { id: 'a-level' }, LEVELS.map((l) => h('option', { value: l, selected: l === (updating?.colour_level || '蓝') }, t('alert.level.' + l)))),
      area: h('input', { id: 'a-area', maxlength: 100, required: true, value: info.area?.[0]?.areaDesc || '' }),
      headline: h('input', { id: 'a-headline', maxlength: 100, size: 50, required: true, value: info.headline || '' }),
      description: h('textarea', { id: 'a-description', rows: 3, cols: 60, maxlength: 1000 }, info.description || ''),
      instruction: h('textarea', { id: 'a-instruction', rows: 3, cols: 60, maxlength: 1000, required: true }, info.instruction || ''),
      expires: h('input', { id: 'a-expires', type: 'datetime-local', required: true, value: info.expires ? info.expires.slice(0, 16) : '' }),
    };
    const tvBox = h('div');
    const kioskBox = h('div');
    const redraw = () => {
      const level = f.level.value;
      const words = { headline: f.headline.value, instruction: f.instruction.value, area: f.area.value, level };
      replace(tvBox, previewBox('tv', words));
      replace(kioskBox, previewBox('kiosk', words));
    };
    for (const el of Object.values(f)) el.addEventListener('input', redraw);
    const field = (key, el, hint) => h('div', {}, h('label', { for: el.id }, t('alert.' + key), hint ? h('span', { class: 'hint' }, ' ' + hint) : null), el);
    replace(composer, h('section', { class: 'card', 'aria-labelledby': 'compose-h' },
      h('h2', { id: 'compose-h' }, updating ? t('alert.update_title', { headline: info.headline }) : t('alert.compose')),
      h('div', { class: 'grid2' },
        h('form', { onsubmit: (e) => {
          e.preventDefault();
          const body = {
            msgType: updating ? 'Update' : 'Alert', colour_level: f.level.value,
            ...(updating ? { references: [reference(updating)] } : {}),
            info: [{ category: ['Safety'], event: f.event.value.trim(), urgency: 'Immediate', certainty: 'Likely',
              headline: f.headline.value.trim(), description: f.description.value.trim(), instruction: f.instruction.value.trim(),
              expires: f.expires.value + ':00+08:00', area: [{ areaDesc: f.area.value.trim() }] }],
          };
          send(body, updating ? t('alert.updated') : t('alert.published'));
        } },
        field('event', f.event, t('alert.event_hint')), field('level', f.level, t('alert.level_hint')), field('area', f.area),
        field('headline', f.headline), field('instruction', f.instruction, t('alert.instruction_hint')), field('description', f.description),
        field('expires', f.expires),
        h('p', { class: 'row' }, h('button', { type: 'submit', class: 'danger' }, updating ? t('alert.send_update') : t('alert.publish')),
          updating ? h('button', { type: 'button', class: 'secondary', onclick: () => compose(null) }, t('alert.cancel_edit')) : null)),
        h('div', {}, tvBox, kioskBox))));
    redraw();
  }

  function previewBox(surface, w) {
    const severe = SEVERE.has(w.level);
    return h('figure', { class: 'tv-preview' }, h('figcaption', {}, t('alert.preview_' + surface) + (severe ? ' · ' + t('alert.interrupts') : ' · ' + t('alert.banner'))),
      h('div', { class: `alert-preview ${surface} level-${LEVELS.indexOf(w.level)}${severe ? ' severe' : ''}`, role: 'img', 'aria-label': t('alert.preview_' + surface) },
        h('div', { class: 'alert-headline' }, '！', t('alert.level.' + w.level), '：', w.headline),
        severe ? [h('p', {}, w.instruction), h('p', { class: 'alert-area' }, w.area), h('div', { class: 'alert-ack' }, '我知道了')] : null));
  }

  async function load() {
    const { items } = await api('GET', '/alerts');
    replace(active, h('h2', {}, t('alert.active')), items.length ? h('table', {},
      h('thead', {}, h('tr', {}, ['alert.level', 'alert.headline', 'alert.area', 'alert.expires', 'col.action'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, items.map((a) => {
        const info = a.info[0] || {};
        return h('tr', {}, h('td', {}, a.colour_level ? t('alert.level.' + a.colour_level) : info.severity), h('td', {}, info.headline || info.event),
          h('td', {}, info.area?.map((x) => x.areaDesc).join('，') || ''), h('td', {}, info.expires ? clockTime(info.expires) : '—'),
          h('td', {}, h('div', { class: 'row' },
            h('button', { type: 'button', class: 'secondary', onclick: () => { compose(a); composer.scrollIntoView(); } }, t('alert.update')),
            h('button', { type: 'button', class: 'danger', onclick: () => send({ msgType: 'Cancel', references: [reference(a)],
              info: [{ category: info.category?.length ? info.category : ['Safety'], event: info.event || '解除', severity: info.severity,
                urgency: info.urgency, certainty: info.certainty, headline: t('alert.cancelled_headline', { headline: info.headline || '' }) }] },
            t('alert.cancelled')) }, t('alert.cancel')))));
      }))) : h('p', {}, t('alert.none')));
  }

  const file = h('input', { id: 'cap-file', type: 'file', accept: '.xml,application/cap+xml,application/xml,text/xml' });
  const upload = h('form', { class: 'card row', onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files[0]) return say(t('alert.choose_file'), false);
    if (file.files[0].size > 1024 * 1024) return say(t('alert.file_too_big'), false);
    try {
      const body = await api('POST', '/staff/alerts/cap', await file.files[0].text(), { type: 'application/cap+xml' });
      say(t('alert.imported', { headline: body.info?.[0]?.headline || body.identifier }));
      await load();
    } catch (err) { say(err instanceof ApiError ? err.message : String(err), false); }
  } }, h('div', {}, h('label', { for: 'cap-file' }, t('alert.import'), h('span', { class: 'hint' }, ' ' + t('alert.import_hint'))), file),
  h('div', {}, h('button', { type: 'submit', class: 'secondary' }, t('alert.import_button'))));

  replace(main, h('h1', {}, t('nav.alerts')), message, active, composer, upload);
  compose(null);
  await load();
}
