// The kiosk on whatever graphics the browser has (issue 17), in Debian's Chromium:
//   - WebGL 1 only (--disable-webgl2): the app runs (report gl = webgl1) and draws home's tiles and a
//     page of new glyphs as it does on WebGL 2 (pixels compared with a WebGL 2 run of the same
//     server); a lost context is still explained; one lost before the app starts is asked back.
//   - no WebGL (--disable-webgl): the page serves plain HTML from the API instead of the app: the
//     active alerts most severe first (also when the API's order is scrambled), the three emergency
//     numbers and the community's hotline in the catalogue's words, the contacts, a sentence naming
//     no browser, the details for staff in small type; at the sizes and contrast of ACCESSIBILITY.md,
//     axe-core clean, within the site's Content-Security-Policy; with the API down it still gives
//     the numbers; in English with ?lang=en; phone numbers dial on a phone.
//   node tests/e2e/kiosk_graphics.mjs SERVER SITE_DIR DEMO_DIR STRINGS_DIR OUTPUT_DIR
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/server_process.mjs';
import { client } from '../server/api_client.mjs';
import { Checks, confirmAlerts, launch, nodeById, openPage, press, report, settled, waitForState, waitReady } from './browser.mjs';
import { decodePng } from './png.mjs';

const [serverBinary, siteDir, demoDir, stringsDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node kiosk_graphics.mjs SERVER SITE_DIR DEMO_DIR STRINGS_DIR OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const zh = JSON.parse(readFileSync(join(stringsDir, 'zh-CN.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(stringsDir, 'en.json'), 'utf8'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'elder-graphics-'));
const server = await startServer(serverBinary, ['--db', join(dir, 'g.db'), '--demo', '--demo-dir', demoDir, '--web-root', siteDir, '--quiet'],
  { staff: true });
const api = client(server.url);
const url = server.url + '/';
const checks = new Checks();

// A red alert joins the demo's orange, yellow and blue ones, so that there is an order to keep.
const red = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红',
  info: [{ category: ['Met'], event: '暴雨', headline: '今晚有特大暴雨', instruction: '请留在家中，不要外出' }] }, { token: server.staffToken });
checks.check(red.status === 201, 'a red alert is published for the test', `HTTP ${red.status}`);
const apiAlerts = (await api.get('/api/v1/alerts')).json.items;
const apiContacts = (await api.get('/api/v1/contacts')).json.items;
const site = (await api.get('/api/v1/site')).json;
const SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];

// ---- WebGL 2 and WebGL 1: the same app, the same pixels ----------------------------------------

const rgbAt = (img, x, y) => { const o = (y * img.width + x) * img.channels; return [img.pixels[o], img.pixels[o + 1], img.pixels[o + 2]]; };
const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

// A home tile is drawn when its middle is mostly one fill that is not the page's background and
// carries light ink (its label): [fill share, light-ink share, fill colour].
function tileDrawn(img, rect) {
  const [x, y, w, h] = rect.map(Math.round);
  const counts = new Map();
  let light = 0, n = 0;
  for (let yy = y + Math.round(h * 0.1); yy < y + h * 0.9; yy += 2) {
    for (let xx = x + Math.round(w * 0.1); xx < x + w * 0.9; xx += 2) {
      const c = rgbAt(img, xx, yy);
      counts.set(hex(c), (counts.get(hex(c)) || 0) + 1);
      if (c[0] > 200 && c[1] > 200 && c[2] > 200) light++;
      n++;
    }
  }
  const [fill, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return { fillShare: count / n, lightShare: light / n, fill };
}

// Share of pixels that differ by more than `tolerance` in a channel between two screenshots.
function differing(a, b, tolerance = 24) {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let d = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    const o = i * a.channels, p = i * b.channels;
    if (Math.abs(a.pixels[o] - b.pixels[p]) > tolerance || Math.abs(a.pixels[o + 1] - b.pixels[p + 1]) > tolerance ||
        Math.abs(a.pixels[o + 2] - b.pixels[p + 2]) > tolerance) d++;
  }
  return d / (a.width * a.height);
}

const shots = {};
for (const [gl, flags] of [['webgl2', []], ['webgl1', ['--disable-webgl2']]]) {
  const browser = await launch(flags);
  const { context, page, errors } = await openPage(browser, url, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
  try {
    await waitReady(page);
    await confirmAlerts(page);
    await settled(page);
    let rep = await report(page);
    checks.check(rep.gl === gl, `${flags.join(' ') || 'default flags'}: the app runs on ${gl}`, `report gl = ${rep.gl}`);
    checks.check(rep.screen === 'home', `${gl}: the kiosk starts on home`, rep.screen);
    const file = join(outDir, `home-${gl}.png`);
    await page.screenshot({ path: file });
    const img = decodePng(readFileSync(file));
    const tiles = rep.nodes.filter((n) => n.focusable && n.id.startsWith('tile.'));
    const background = hex(rgbAt(img, 2, img.height - 3));
    const undrawn = tiles.map((t) => [t.id, tileDrawn(img, t.rect)])
      .filter(([, s]) => !(s.fillShare > 0.4 && s.lightShare > 0.005 && s.fill !== background));
    checks.check(tiles.length === 9 && undrawn.length === 0, `${gl}: home's nine tiles are drawn (fill and label ink in each)`,
      `${tiles.length} tiles; not drawn: ${undrawn.map(([id, s]) => `${id} ${s.fill} ${(s.fillShare * 100).toFixed(0)}%/${(s.lightShare * 100).toFixed(1)}%`).join(', ')}`);
    shots[gl] = { home: img };
    // A page with glyphs home did not have: the font atlas grows (texture updates) on this context too.
    await press(page, nodeById(rep, 'tile.contacts'));
    checks.check(await waitForState(page, () => window.elder.report().screen === 'contacts'), `${gl}: a tap opens 联系我们`);
    await settled(page);
    const contactsFile = join(outDir, `contacts-${gl}.png`);
    await page.screenshot({ path: contactsFile });
    shots[gl].contacts = decodePng(readFileSync(contactsFile));
    rep = await report(page);
    checks.check(rep.missing_glyphs === undefined || rep.missing_glyphs.length === 0, `${gl}: every character of the contacts is drawn`,
      JSON.stringify(rep.missing_glyphs));
    checks.check(errors.length === 0, `${gl}: no console errors`, errors.join(' | '));
    // A lost context on this flavour is explained too.
    await page.evaluate((type) => document.getElementById('canvas').getContext(type).getExtension('WEBGL_lose_context').loseContext(),
      gl === 'webgl2' ? 'webgl2' : 'webgl');
    const problem = page.locator('#problem');
    await problem.waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
    checks.check(((await problem.textContent().catch(() => '')) || '').includes('画面暂时中断'), `${gl}: a lost context is explained`);
  } catch (e) {
    checks.check(false, `${gl}: the kiosk runs`, e.stack);
  }
  await context.close();
  await browser.close();
}
// Chromium without a usable GPU loses the first context of a session when its GPU process falls
// back to SwiftShader: a context lost before the app has started is asked back and the app starts on it.
{
  const browser = await launch();
  const { context, page, errors } = await openPage(browser, url, { viewport: { width: 1080, height: 1920 }, hasTouch: true });
  try {
    await context.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (...args) {
        const gl = getContext.apply(this, args);
        if (gl && this.id === 'canvas' && !this.__lostOnce) {
          this.__lostOnce = true;
          const ext = gl.getExtension('WEBGL_lose_context');
          ext.loseContext();
          setTimeout(() => ext.restoreContext(), 800);
        }
        return gl;
      };
    });
    await page.reload();
    await waitReady(page);
    await confirmAlerts(page);
    await settled(page);
    const rep = await report(page);
    const lost = await page.evaluate(() => document.getElementById('canvas').__lostOnce === true);
    checks.check(lost && rep.screen === 'home' && (rep.gl === 'webgl2' || rep.gl === 'webgl1'),
      'a context lost before the app starts is given back and the app starts on it', `lost ${lost}, ${rep.screen}, gl ${rep.gl}`);
    checks.check(await page.locator('#problem').isHidden(), 'no problem sentence after a context given back before the start');
    checks.check(errors.length === 0, 'no console errors after a context given back before the start', errors.join(' | '));
  } catch (e) {
    checks.check(false, 'a context lost before the start', e.stack);
  }
  await context.close();
  await browser.close();
}

if (shots.webgl1 && shots.webgl2) {
  // Same shaders (GLSL ES 1.00) on both: the pages match but for the clock's minute and antialiasing.
  for (const what of ['home', 'contacts']) {
    const share = differing(shots.webgl1[what], shots.webgl2[what]);
    checks.check(share < 0.02, `${what} on WebGL 1 looks as on WebGL 2`, `${(share * 100).toFixed(2)}% of pixels differ`);
  }
}

// ---- No WebGL: the basic page ------------------------------------------------------------------

const BROWSER_NAMES = /Chrome|Chromium|Edge|Firefox|Safari|Opera|IE|浏览器|360|QQ|UC/;

// What the page shows and how: texts, sizes, contrast, targets (computed by the browser).
async function readBasic(page) {
  return page.evaluate(() => {
    const lum = (rgb) => {
      const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const backgroundOf = (e) => {
      for (let x = e; x; x = x.parentElement) {
        const c = parse(getComputedStyle(x).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    // Every element that holds text of its own.
    const texts = [...document.querySelectorAll('#basic *')].filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .map((e) => {
        const s = getComputedStyle(e);
        const fg = lum(parse(s.color).slice(0, 3)), bg = lum(backgroundOf(e));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        return { tag: e.tagName.toLowerCase(), cls: e.className, text: e.textContent.trim().slice(0, 40), px: parseFloat(s.fontSize),
                 lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize), ratio, staff: !!e.closest('.basic-staff') };
      });
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
    return {
      lang: document.documentElement.lang,
      translate: document.documentElement.getAttribute('translate'),
      canvas: !!document.getElementById('canvas'),
      h1: document.querySelector('h1')?.textContent || '',
      lead: document.querySelector('.basic-lead')?.textContent || '',
      staff: document.querySelector('.basic-staff')?.textContent || '',
      alerts: [...document.querySelectorAll('#basic-alerts article h3')].map((h) => h.textContent),
      alertsHidden: document.getElementById('basic-alerts')?.hidden,
      numbers: [...document.querySelectorAll('#basic-numbers li')].map((l) => l.textContent),
      links: [...document.querySelectorAll('#basic a[href^="tel:"]')].map((a) => [a.getAttribute('href'), ...box(a)]),
      contacts: document.getElementById('basic-contacts')?.hidden ? '' : document.getElementById('basic-contacts')?.textContent || '',
      notice: document.querySelector('.basic-notice:not([hidden])')?.textContent || '',
      reload: (() => { const b = document.querySelector('.basic-reload'); return b ? [b.textContent, ...box(b)] : null; })(),
      texts,
      mainCount: document.querySelectorAll('main').length,
    };
  });
}

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
  checks.check(found.length === 0, `${what}: axe-core finds no violations`, found.join(' | '));
}

// The page as a browser with no WebGL opens it. `route`: changes the API's answers.
async function openBasic(browser, query, contextOptions, route) {
  const context = await browser.newContext(contextOptions);
  // What the site's Content-Security-Policy refuses is counted (the page must need nothing it refuses).
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (route) await route(context);
  const page = await context.newPage();
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(url + query);
  const ready = await waitForState(page, () => window.elder && window.elder.basic && window.elder.basic.ready, null, 20000);
  return { context, page, errors, requests, ready };
}

const expectedOrder = (items) => items.map((a, i) => [a, i])
  .sort(([a, i], [b, j]) => SEVERITY.indexOf(a.info[0].severity) - SEVERITY.indexOf(b.info[0].severity) || i - j)
  .map(([a]) => a.info[0].event);
const eventOf = (title) => title.slice(title.lastIndexOf('：') + 1);

const browser = await launch(['--disable-webgl']);
try {
  // A kiosk, portrait. Checked as served (CSP on), then with axe-core injected (CSP bypassed for it).
  {
    const { context, page, errors, requests, ready } = await openBasic(browser, '', { viewport: { width: 1080, height: 1920 }, hasTouch: true });
    checks.check(ready, 'kiosk without WebGL: the basic page is shown');
    const b = await readBasic(page);
    await page.screenshot({ path: join(outDir, 'basic-kiosk-1080x1920.png') });
    await page.screenshot({ path: join(outDir, 'basic-kiosk-1080x1920-full.png'), fullPage: true });
    checks.check(!b.canvas && !requests.some((p) => p.endsWith('kiosk.wasm') || p.endsWith('kiosk.js')) && b.mainCount === 1,
      'kiosk without WebGL: the app is not downloaded and its canvas is gone (one main landmark)', requests.join(' '));
    checks.check(b.lang === 'zh-CN' && b.translate === 'no', 'the basic page is Chinese, not to be translated', `${b.lang} ${b.translate}`);
    checks.check(b.h1.includes(site.community_name) && b.h1.includes(zh['app.name']), 'the page names the community and the service', b.h1);
    checks.check(b.lead === zh['basic.visitor.kiosk'] && !BROWSER_NAMES.test(b.lead), "the visitor's sentence names no browser and sends them to staff", b.lead);
    checks.check(b.reload && b.reload[0] === zh['basic.reload'] && b.reload[1] >= 120 && b.reload[2] >= 120,
      'a 重新加载 button at least 120x120 px', JSON.stringify(b.reload));
    const want = expectedOrder(apiAlerts);
    checks.check(b.alerts.length === apiAlerts.length && b.alerts.map(eventOf).join() === want.join() && b.alerts[0].includes('红色预警') &&
      b.alerts[0].includes(zh['alerts.severity.Extreme']), 'the active alerts, most severe first, with level and severity in words', b.alerts.join(' | '));
    const numbers = [zh['help.number.community'].replace('{hotline}', site.hotline), zh['help.number.ambulance'], zh['help.number.police'], zh['help.number.fire']];
    checks.check(numbers.every((n) => b.numbers.includes(n)), "the community's hotline and 120, 110, 119 in the catalogue's words", b.numbers.join(' | '));
    checks.check(b.links.length === 0, 'a kiosk has no dialling links (no pop-up on a tap)', JSON.stringify(b.links));
    const lacking = apiContacts.filter((c) => !b.contacts.includes(c.phone) || !b.contacts.includes(c.name));
    checks.check(apiContacts.length > 3 && lacking.length === 0, `every contact with its number (${apiContacts.length})`, lacking.map((c) => c.name).join(', '));
    const lead = b.texts.find((t) => t.cls === 'basic-lead');
    const staff = b.texts.find((t) => t.staff);
    checks.check(b.staff.startsWith(zh['basic.staff']) && b.staff.includes('WebGL') && staff && staff.px < lead.px,
      'the details for staff, in small type under the rest', `${b.staff.slice(0, 60)}… ${staff?.px}px`);
    const resident = b.texts.filter((t) => !t.staff);
    const small = resident.filter((t) => (/^h[1-3]$/.test(t.tag) ? t.px < 48 : t.px < 36));
    checks.check(resident.length > 20 && small.length === 0, 'kiosk sizes: text >= 36 px, headings >= 48 px',
      small.map((t) => `${t.tag} ${t.px}px ${t.text}`).join(' | '));
    const faint = b.texts.filter((t) => t.ratio < (/^h[1-3]$/.test(t.tag) ? 4.5 : 7));
    checks.check(faint.length === 0, 'text contrast >= 7:1 (headings >= 4.5:1), staff details included',
      faint.map((t) => `${t.text} ${t.ratio.toFixed(1)}:1`).join(' | '));
    const tight = b.texts.filter((t) => !(t.lineHeight >= 1.3));
    checks.check(tight.length === 0, 'line spacing >= 1.3', tight.map((t) => `${t.text} ${t.lineHeight}`).join(' | '));
    const csp = await page.evaluate(() => window.__csp);
    checks.check(csp.length === 0, "the page needs nothing the site's Content-Security-Policy refuses", csp.join(' | '));
    checks.check(errors.length === 0, 'kiosk without WebGL: no console errors', errors.join(' | '));
    await context.close();
    const audited = await openBasic(browser, '', { viewport: { width: 1080, height: 1920 }, hasTouch: true, bypassCSP: true });
    await axe(audited.page, 'the basic page on a kiosk');
    await audited.context.close();
  }

  // The API's alerts in the wrong order (another server, a proxy): the page still puts the severe first.
  {
    const scramble = (context) => context.route('**/api/v1/alerts', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.items.reverse();
      await route.fulfill({ response, json: body });
    });
    const { context, page, ready } = await openBasic(browser, '', { viewport: { width: 1080, height: 1920 } }, scramble);
    const b = await readBasic(page);
    checks.check(ready && b.alerts.map(eventOf).join() === expectedOrder(apiAlerts).join(),
      'alerts that arrive least severe first are still shown most severe first', b.alerts.join(' | '));
    await context.close();
  }

  // A resident's phone: its own sentence, numbers that dial, phone-sized text and targets.
  {
    const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
    const { context, page, errors, ready } = await openBasic(browser, '?surface=browser', phone);
    checks.check(ready, 'a phone without WebGL: the basic page is shown');
    const b = await readBasic(page);
    await page.screenshot({ path: join(outDir, 'basic-phone-390x844.png') });
    checks.check(b.lead === zh['basic.visitor.browser'] && !BROWSER_NAMES.test(b.lead), "a phone's sentence names no browser and offers another device", b.lead);
    const dial = ['tel:120', 'tel:110', 'tel:119', 'tel:' + site.hotline.replace(/[^\d+]/g, ''), ...apiContacts.map((c) => 'tel:' + c.phone.replace(/[^\d+]/g, ''))];
    const hrefs = b.links.map((l) => l[0]);
    checks.check(dial.every((d) => hrefs.includes(d)), 'on a phone every number dials (tel: links)', hrefs.join(' '));
    const lowLinks = b.links.filter((l) => l[2] < 60);
    checks.check(b.links.length > 0 && lowLinks.length === 0 && b.reload[2] >= 60, 'phone targets are >= 60 px tall', JSON.stringify(lowLinks));
    const resident = b.texts.filter((t) => !t.staff);
    const small = resident.filter((t) => (/^h[1-3]$/.test(t.tag) ? t.px < 28 : t.px < 20));
    checks.check(small.length === 0, 'phone sizes: text >= 20 px, headings >= 28 px', small.map((t) => `${t.tag} ${t.px}px ${t.text}`).join(' | '));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    checks.check(wide <= 390, 'nothing is wider than the phone (no sideways scrolling)', `${wide}px`);
    checks.check(errors.length === 0, 'phone without WebGL: no console errors', errors.join(' | '));
    await context.close();
    const audited = await openBasic(browser, '?surface=browser', { ...phone, bypassCSP: true });
    await axe(audited.page, 'the basic page on a phone');
    await audited.context.close();
  }

  // The server's API unreachable (the page itself came from a cache or a proxy): the numbers stay.
  {
    const down = (context) => context.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    const { context, page, ready } = await openBasic(browser, '', { viewport: { width: 1920, height: 1080 } }, down);
    const b = await readBasic(page);
    await page.screenshot({ path: join(outDir, 'basic-kiosk-api-down.png') });
    checks.check(ready && [zh['help.number.ambulance'], zh['help.number.police'], zh['help.number.fire']].every((n) => b.numbers.includes(n)) &&
      b.notice === zh['state.offline_empty'] && b.alertsHidden && b.contacts === '',
      'with the API down: 120, 110 and 119 and a sentence saying the rest will come', `${b.numbers.join(' | ')} / ${b.notice}`);
    await context.close();
  }

  // ?lang=en: the English catalogue.
  {
    const { context, page, ready } = await openBasic(browser, '?lang=en', { viewport: { width: 1080, height: 1920 } });
    const b = await readBasic(page);
    checks.check(ready && b.lang === 'en' && b.lead === en['basic.visitor.kiosk'] && b.numbers.includes(en['help.number.ambulance']),
      'with ?lang=en the page is in English', `${b.lang}: ${b.lead}`);
    await context.close();
  }
} catch (e) {
  checks.check(false, 'the basic page', e.stack);
}
await browser.close();
server.stop();
process.exit(checks.summary());
