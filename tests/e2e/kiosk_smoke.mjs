// Browser smoke test of the kiosk site in Debian's Chromium: it loads, draws Chinese on a
// non-blank canvas, answers taps, clicks and keys, handles devicePixelRatio, explains a lost WebGL
// context in plain Chinese, runs on WebGL 1 without WebGL 2 and shows the basic page without WebGL.
//   node tests/e2e/kiosk_smoke.mjs SITE_DIR OUTPUT_DIR
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checks, confirmAlerts, launch, nodeById, openPage, report, serve, settled, waitForState, waitReady } from './browser.mjs';
import { decodePng, pixelStats } from './png.mjs';

const [siteDir, outDir] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error('usage: node kiosk_smoke.mjs SITE_DIR OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const checks = new Checks();
const { server, url } = await serve(siteDir);
const browser = await launch();

const center = (n) => ({ x: n.rect[0] + n.rect[2] / 2, y: n.rect[1] + n.rect[3] / 2 });

// `minShare`: the least share of pixels that must differ from the page background.
async function screenshotLooksDrawn(page, name, minShare = 0.2) {
  const file = join(outDir, name);
  await page.screenshot({ path: file });
  const stats = pixelStats(decodePng(readFileSync(file)));
  checks.check(stats.nonBackground > minShare && stats.colours > 50, `${name} is not blank`,
    `${(stats.nonBackground * 100).toFixed(0)}% drawn, ${stats.colours} colours`);
}

// A kiosk: touch only, portrait and landscape.
for (const [w, h] of [[1920, 1080], [1080, 1920]]) {
  const { context, page, errors } = await openPage(browser, url, { viewport: { width: w, height: h }, hasTouch: true });
  const ms = await waitReady(page);
  await confirmAlerts(page);  // the demo's severe alert interrupts first
  console.log(`kiosk ${w}x${h}: first frame ${ms.toFixed(0)} ms after navigation start`);
  let rep = await report(page);
  checks.check(rep.screen === 'home' && rep.surface === 'kiosk', `${w}x${h} starts on the kiosk home page`);
  checks.check(rep.gl === 'webgl2', `${w}x${h} draws on WebGL 2 where the browser has it`, `gl = ${rep.gl}`);
  checks.check(rep.display[0] === w && rep.display[1] === h, `${w}x${h} layout fills the viewport`, rep.display.join('x'));
  const tiles = rep.nodes.filter((n) => n.focusable && n.id.startsWith('tile.'));
  checks.check(tiles.length === 9 && tiles[0].label === '政策资讯' && tiles[8].label === '社区公告', `${w}x${h} shows the nine tiles`);  // (an alert banner may join them)
  await settled(page);  // the second settling frame lands before the screenshot
  await screenshotLooksDrawn(page, `kiosk-${w}x${h}.png`);

  const contacts = nodeById(rep, 'tile.contacts');
  await page.touchscreen.tap(center(contacts).x, center(contacts).y);
  checks.check(await waitForState(page, () => window.elder.report().screen === 'contacts'), `${w}x${h} a tap on 联系我们 opens it`);
  // The tree is the last drawn frame's: wait for a frame of the new page (a software renderer's
  // frames can take a tenth of a second each).
  await waitForState(page, () => window.elder.report().nodes.some((n) => n.id === 'page.back'), null, 5000);
  rep = await report(page);
  const back = nodeById(rep, 'page.back');
  checks.check(Boolean(back), `${w}x${h} the page offers 返回首页`, back ? '' : `interruption ${rep.interruption}, nodes ${rep.nodes.map((n) => n.id).join(' ')}`);
  if (h > w) await screenshotLooksDrawn(page, `kiosk-${w}x${h}-contacts.png`, 0.01);
  if (back) {
    await page.touchscreen.tap(center(back).x, center(back).y);
    checks.check(await waitForState(page, () => window.elder.report().screen === 'home'), `${w}x${h} a tap on 返回首页 returns home`);
  }
  checks.check(errors.length === 0, `${w}x${h} no console errors`, errors.join(' | '));
  await context.close();
}

// A resident's browser: mouse and keyboard, a high-density phone-sized screen.
{
  const { context, page, errors } = await openPage(browser, url + '?surface=browser',
    { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
  await waitReady(page);
  await confirmAlerts(page);
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { css: [c.clientWidth, c.clientHeight], backing: [c.width, c.height] };
  });
  checks.check(size.backing[0] === size.css[0] * 3 && size.backing[1] === size.css[1] * 3,
    'the canvas draws at devicePixelRatio 3', `${size.css.join('x')} css, ${size.backing.join('x')} backing`);
  let rep = await report(page);
  checks.check(rep.surface === 'browser' && rep.display[0] === 390, 'the browser layout is chosen by URL');
  await settled(page);
  await screenshotLooksDrawn(page, 'browser-390x844@3x.png');
  await page.keyboard.press('ArrowRight');
  checks.check(await waitForState(page, () => window.elder.report().focus === 1), 'ArrowRight moves the focus');
  await page.keyboard.press('Enter');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'guides'), 'Enter opens the focused tile');
  await page.keyboard.press('Escape');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'home'), 'Escape goes back');
  rep = await report(page);
  const sos = nodeById(rep, 'tile.sos');
  await page.mouse.click(center(sos).x, center(sos).y);
  checks.check(await waitForState(page, () => window.elder.report().screen === 'sos'), 'a mouse click opens 紧急求助');
  checks.check(errors.length === 0, 'browser: no console errors', errors.join(' | '));

  // A lost GL context (driver reset, GPU memory pressure) gets a sentence and a reload button.
  await page.evaluate(() => document.getElementById('canvas').getContext('webgl2')
    .getExtension('WEBGL_lose_context').loseContext());
  const problem = page.locator('#problem');
  await problem.waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
  const text = (await problem.textContent().catch(() => '')) || '';
  checks.check(text.includes('画面暂时中断') && text.includes('重新加载'), 'a lost WebGL context is explained');
  await context.close();
}

// No WebGL 2 (a blocklisted GPU, an old phone): the app runs on WebGL 1. No WebGL at all: the
// page still serves the resident as plain HTML (basic-page.js; tests/e2e/kiosk_graphics.mjs checks
// it in depth): a sentence that names no browser (a kiosk's visitor is sent to staff, a phone's
// owner to another device), and the details for staff in small type.
const stub = (types) => (context) => context.addInitScript((refused) => {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return refused.includes(type) ? null : original.call(this, type, ...rest);
  };
}, types);
for (const [surface, query] of [['kiosk', ''], ['browser', '?surface=browser']]) {
  const viewport = surface === 'kiosk' ? { width: 1080, height: 1920 } : { width: 360, height: 640 };
  {
    const context = await browser.newContext({ viewport });
    await stub(['webgl2'])(context);
    const page = await context.newPage();
    await page.goto(url + query);
    try {
      await waitReady(page);
      await confirmAlerts(page);
      await settled(page);
      const rep = await report(page);
      checks.check(rep.gl === 'webgl1' && rep.surface === surface && rep.screen === 'home', `${surface} without WebGL 2: the app runs on WebGL 1`,
        `gl = ${rep.gl}, ${rep.screen}`);
      await screenshotLooksDrawn(page, `${surface}-webgl1.png`);
    } catch (e) {
      checks.check(false, `${surface} without WebGL 2: the app runs on WebGL 1`, e.message);
    }
    await context.close();
  }
  const context = await browser.newContext({ viewport });
  await stub(['webgl2', 'webgl', 'experimental-webgl'])(context);
  const page = await context.newPage();
  await page.goto(url + query);
  const shown = await waitForState(page, () => window.elder.basic && window.elder.basic.ready, null, 15000);
  const said = await page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent || '';
    const size = (sel) => { const e = document.querySelector(sel); return e ? parseFloat(getComputedStyle(e).fontSize) : 0; };
    return { lead: text('.basic-lead'), staff: text('.basic-staff'), reload: text('.basic-reload'), numbers: text('#basic-numbers'),
             leadPx: size('.basic-lead'), staffPx: size('.basic-staff'), canvas: !!document.getElementById('canvas') };
  });
  checks.check(shown && !said.canvas && said.numbers.includes('120') && said.numbers.includes('110') && said.numbers.includes('119'),
    `${surface} without WebGL: the basic page gives the emergency numbers`, said.numbers);
  checks.check(said.lead.includes(surface === 'kiosk' ? '请找工作人员' : '换一台手机或电脑') && !/Chrome|Edge|Firefox|Safari|浏览器/.test(said.lead),
    `${surface} without WebGL: a way forward that names no browser`, said.lead);
  checks.check(said.reload.includes('重新加载') && said.staff.includes('WebGL') && said.staffPx < said.leadPx,
    `${surface} without WebGL: 重新加载, and the details for staff in small type`, `${said.staff.slice(0, 40)} ${said.staffPx}px`);
  await page.screenshot({ path: join(outDir, `${surface}-no-webgl.png`) });
  await context.close();
}

await browser.close();
server.close();
process.exit(checks.summary());
