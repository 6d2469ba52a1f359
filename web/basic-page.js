// The page without WebGL. web/kiosk-shell.js loads this file when the browser gives neither WebGL 2
// nor WebGL 1 (a blocklisted or missing GPU, graphics turned off): the app cannot draw, so the page
// serves what a resident most needs as plain accessible HTML from the API instead:
//   - one sentence for the visitor that names no browser, with a way forward (a kiosk: find staff;
//     a phone: another device; both: the numbers under it);
//   - the numbers to call: the community's hotline and 120, 110, 119 (the catalogue's help.number.*);
//   - the active alerts, most severe first, in the app's words (level, severity, what to do);
//   - the community's contacts;
//   - 重新加载, and what is missing, for staff, in small type.
// Its words are the app's catalogue (assets/strings/<lang>.json), its data /api/v1/site, /alerts and
// /contacts, fetched again every minute. It adds no inline script or style (the site's
// Content-Security-Policy allows neither): elements are built here, styled by basic-page.css.
'use strict';

(function () {
  const SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
  const LEVEL_CLASS = { 红: 'red', 橙: 'orange', 黄: 'yellow', 蓝: 'blue' };
  const REFRESH_MS = 60000;       // alerts and contacts are fetched again this often
  const KIOSK_IDLE_MS = 120000;   // a kiosk left alone scrolls back to the top for the next visitor

  // el('p', {className: 'x'}, 'text', child, null): an element; null children are left out.
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    for (const c of children) if (c !== null && c !== undefined && c !== '') e.append(c);
    return e;
  }
  const format = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-cache', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    return response.json();
  }

  // The info block in the page's language, else the first (as the app shows it).
  function infoOf(alert, lang) {
    const infos = alert.info || [];
    return infos.find((i) => (i.language || '').toLowerCase().startsWith(lang.slice(0, 2))) || infos[0] || null;
  }
  const rank = (alert, lang) => {
    const i = SEVERITY.indexOf((infoOf(alert, lang) || {}).severity);
    return i < 0 ? SEVERITY.length : i;
  };

  // "明天 上午8点", "11月28日 星期六 下午3:30": a time as the app says it (core/date_text.cpp), on the
  // community's clock (the site's utc_offset_minutes), whatever the device's zone.
  function moment(t, iso, offsetMinutes) {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const at = new Date(ms + offsetMinutes * 60000), now = new Date(Date.now() + offsetMinutes * 60000);
    const dayNumber = (d) => Math.floor(d.getTime() / 86400000);
    const diff = dayNumber(at) - dayNumber(now);
    const day = diff === 0 ? t('time.today') : diff === 1 ? t('time.tomorrow') : diff === -1 ? t('time.yesterday')
      : format(t(at.getUTCFullYear() === now.getUTCFullYear() ? 'time.day' : 'time.day_year'), {
        year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), weekday: t('weekday.' + at.getUTCDay()) });
    const h = at.getUTCHours(), m = at.getUTCMinutes();
    const period = h < 5 ? 'small_hours' : h < 8 ? 'early' : h < 12 ? 'morning' : h < 13 ? 'noon' : h < 18 ? 'afternoon' : 'evening';
    const clock = m === 0 ? 'time.clock_hour' : m === 30 ? 'time.clock_half' : 'time.clock';
    return day + ' ' + format(t(clock), { period: t('time.period.' + period), hour: h % 12 || 12, minute: String(m).padStart(2, '0') });
  }

  // A phone number: a link that dials on a phone; plain digits on a kiosk (no dialler, no pop-up).
  function phone(number, text, dial) {
    const digits = number.replace(/[^\d+]/g, '');
    return dial && digits ? el('a', { href: 'tel:' + digits, className: 'basic-phone' }, text) : el('span', { className: 'basic-phone' }, text);
  }

  function alertCard(t, alert, lang, offset) {
    const info = infoOf(alert, lang);
    const levelKey = 'alerts.level.' + alert.colour_level;
    const level = alert.colour_level && t.has(levelKey) ? format(t('alerts.banner_level'), { level: t(levelKey) }) : t('alerts.banner_notice');
    const severityKey = 'alerts.severity.' + info.severity;
    const severity = t(t.has(severityKey) ? severityKey : 'alerts.severity.Unknown');
    const areas = (info.area || []).map((a) => a.areaDesc).filter(Boolean).join('、');
    return el('article', { className: 'basic-alert basic-level-' + (LEVEL_CLASS[alert.colour_level] || 'none') },
      el('h3', {}, format(t('alerts.title_line'), { level, severity, event: info.event || '' })),
      info.headline ? el('p', {}, info.headline) : null,
      info.instruction ? el('p', {}, format(t('alerts.instruction'), { text: info.instruction })) : null,
      areas ? el('p', { className: 'basic-muted' }, format(t('alerts.area'), { area: areas })) : null,
      info.expires ? el('p', { className: 'basic-muted' }, format(t('alerts.until'), { when: moment(t, info.expires, offset) })) : null);
  }

  function contactCard(t, c, dial) {
    return el('article', { className: 'basic-contact' },
      el('h3', {}, format(t('contacts.role_line'), { organisation: c.organisation, role: c.role })),
      el('p', {}, c.name),
      el('p', {}, phone(c.phone, c.phone, dial)),
      c.hours ? el('p', { className: 'basic-muted' }, format(t('contacts.hours'), { hours: c.hours })) : null,
      c.address ? el('p', { className: 'basic-muted' }, format(t('contacts.address'), { address: c.address })) : null);
  }

  function section(id, heading) {
    const h = el('h2', { id: id + '-heading' }, heading);
    const body = el('div', { className: 'basic-body' });
    const s = el('section', { id, className: 'basic-section' }, h, body);
    s.setAttribute('aria-labelledby', h.id);
    return { s, body };
  }

  // options: {kiosk: bool, detail: string (the browser's own words on the failed context),
  //           fail(reason): the shell's sentence, when not even the catalogue can be fetched}
  window.elderBasicPage = async function (options) {
    const params = new URLSearchParams(location.search);
    const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
    const kiosk = options.kiosk;
    const dial = !kiosk;
    const css = el('link', { rel: 'stylesheet', href: 'basic-page.css' });
    const styled = new Promise((resolve) => { css.onload = resolve; css.onerror = resolve; });
    document.head.append(css);
    let catalogue;
    try {
      catalogue = await getJson('assets/strings/' + lang + '.json');
    } catch (e) {
      options.fail(e.message);
      return;
    }
    const t = (key) => (key in catalogue ? catalogue[key] : key);
    t.has = (key) => key in catalogue;
    await styled;

    // The app's elements go: nothing of it runs, and one page has one main landmark.
    for (const id of ['canvas', 'text-agent', 'loader', 'problem', 'a11y-live', 'print-ticket'])
      document.getElementById(id)?.remove();
    document.querySelector('main')?.remove();
    document.documentElement.lang = lang;
    document.documentElement.classList.add('basic-page', kiosk ? 'basic-kiosk' : 'basic-browser');
    document.title = t('app.name');

    const title = el('h1', {}, t('app.name'));
    const reload = el('button', { type: 'button', className: 'basic-reload' }, t('basic.reload'));
    reload.addEventListener('click', () => location.reload());
    const staff = t('basic.staff') + (options.detail ? ' ' + format(t('basic.staff_detail'), { detail: options.detail }) : '');
    const alerts = section('basic-alerts', t('tile.alerts'));
    const numbers = section('basic-numbers', t('basic.numbers'));
    const contacts = section('basic-contacts', t('tile.contacts'));
    const notice = el('p', { className: 'basic-notice', hidden: true }, t('state.offline_empty'));
    // The numbers right under the sentence that points to them, then the alerts, then the contacts;
    // 重新加载 and the details for staff at the end (a visitor has no use for them).
    document.body.append(el('div', { id: 'basic', className: 'basic' },
      el('header', { className: 'basic-header' }, title, el('p', { className: 'basic-lead' }, t(kiosk ? 'basic.visitor.kiosk' : 'basic.visitor.browser'))),
      el('main', { className: 'basic-main' }, numbers.s, notice, alerts.s, contacts.s),
      el('footer', { className: 'basic-footer' }, reload, el('p', { id: 'basic-staff', className: 'basic-staff' }, staff))));

    const elder = window.elder || (window.elder = {});
    elder.basic = { shown: true, refreshed: 0 };
    let shown = {};  // what each section shows now (its data as JSON): a section is rebuilt only when it changes
    function fill(part, data, build) {
      const json = JSON.stringify(data);
      if (shown[part.s.id] === json) return;
      shown[part.s.id] = json;
      part.body.replaceChildren(...build());
    }

    async function refresh() {
      const [site, alertList, contactList] = await Promise.allSettled(
        ['/api/v1/site', '/api/v1/alerts', '/api/v1/contacts'].map(getJson));
      const offset = site.status === 'fulfilled' && Number.isFinite(site.value.utc_offset_minutes) ? site.value.utc_offset_minutes : 480;
      if (site.status === 'fulfilled' && site.value.community_name)
        title.textContent = site.value.community_name + ' ' + t('app.name');
      notice.hidden = site.status === 'fulfilled' && alertList.status === 'fulfilled' && contactList.status === 'fulfilled';
      const hotline = site.status === 'fulfilled' ? site.value.hotline || '' : '';
      fill(numbers, hotline, () => [el('ul', { className: 'basic-number-list' },
        hotline ? el('li', {}, phone(hotline, format(t('help.number.community'), { hotline }), dial)) : null,
        ...['ambulance', 'police', 'fire'].map((s) => {
          const words = t('help.number.' + s);
          return el('li', {}, phone((words.match(/\d+/g) || ['']).pop(), words, dial));
        }))]);
      if (alertList.status === 'fulfilled') {
        const items = (alertList.value.items || []).filter((a) => infoOf(a, lang))
          .map((a, i) => [a, i]).sort(([a, i], [b, j]) => rank(a, lang) - rank(b, lang) || i - j).map(([a]) => a);
        fill(alerts, [items, lang], () => items.length ? items.map((a) => alertCard(t, a, lang, offset)) : [el('p', {}, t('alerts.empty'))]);
      }
      alerts.s.hidden = alertList.status !== 'fulfilled' && !shown[alerts.s.id];
      if (contactList.status === 'fulfilled') {
        const items = contactList.value.items || [];
        fill(contacts, items, () => items.length ? items.map((c) => contactCard(t, c, dial)) : [el('p', {}, t('contacts.empty'))]);
      }
      contacts.s.hidden = contactList.status !== 'fulfilled' && !shown[contacts.s.id];
      elder.basic.refreshed++;
      elder.basic.failed = [site, alertList, contactList].filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    }

    // A kiosk's next visitor starts at the top, as the app's idle reset would bring them home.
    let lastInput = Date.now();
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) addEventListener(type, () => { lastInput = Date.now(); }, { passive: true });
    const again = () => refresh().catch((e) => console.warn('basic page: ' + e.message));
    await again();
    elder.basic.ready = true;
    setInterval(() => {
      if (kiosk && Date.now() - lastInput > KIOSK_IDLE_MS) window.scrollTo(0, 0);
      again();
    }, REFRESH_MS);
  };
})();
