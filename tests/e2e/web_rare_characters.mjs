// Characters outside GB 2312 on the kiosk (touch, portrait) and in a resident's browser (a phone),
// in Debian's Chromium: a policy and a severe alert staff publish (tests/journeys/rare_characters.mjs),
// and on the kiosk a staff note in 我的求助 and a message the resident types. Each shows with
// `missing_glyphs` empty once the font tier that holds its characters is fetched; 㐀, in no font,
// is drawn as the box U+FFFD is drawn as, and counted. A tier damaged on its way is refused and its
// characters stay counted boxes.
//   node tests/e2e/web_rare_characters.mjs SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { NOTE, RAREST, TIERS, checkPolicyShown, publishRareContent, settledOn } from '../journeys/rare_characters.mjs';
import { decodePng } from './png.mjs';
import { Checks, launch, serveForScenarios, waitReady } from './browser.mjs';
import { fill, signIn } from '../journeys/booking_journey.mjs';
import { activate, expectScreen, node, waitFor } from '../journeys/journeys.mjs';
import { webDriver } from '../journeys/web_driver.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
// The site names its font tiers after their content (scripts/stamp_site.py; build.json maps the names).
const built = JSON.parse(readFileSync(join(siteDir, 'build.json'), 'utf8')).files;
const SITE_TIERS = TIERS.map((f) => (built['assets/fonts/' + f] || 'assets/fonts/' + f).slice('assets/fonts/'.length));
const server = await serveForScenarios(serverBinary, siteDir, demoDir);
const api = client(server.url);
const checks = new Checks();
const browser = await launch();
const { policy, alert } = await publishRareContent(api, { author: server.staffToken, approver: server.reviewerToken });
checks.check(policy.status === 200 && alert.status === 201, 'staff publish a policy and a severe alert with rare characters',
  `${policy.status} ${alert.status}`);

const missing = (r) => JSON.stringify(r.missing_glyphs);

async function onSurface(name, query, contextOptions, mode, more = async () => {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${server.url}/?${query}&open=policy_detail/${policy.json.target_id}`);
    await waitReady(page);
    const driver = await webDriver(page, { name, mode, checks, outDir, serverUrl: server.url, staffToken: server.staffToken });
    // The severe alerts interrupt first (the demo's and ours); ours is drawn whole.
    for (let i = 0; i < 4; i++) {
      const r = await waitFor(driver, (x) => x.data.resources.alerts.freshness === 'current', 20000);
      if (r.interruption === null) break;
      if (r.interruption === alert.json.id) {
        const shown = await settledOn(driver, (x) => x.interruption === alert.json.id, 'the alert');
        checks.check(shown.missing_glyphs.length === 0, `${name}: the severe alert shows every character`, missing(shown));
        await driver.shot('alert');
      }
      await activate(driver, 'interrupt.ack');
      await waitFor(driver, (x) => x.interruption !== r.interruption, 5000);
    }
    const shown = await settledOn(driver, (x) => x.screen === 'policy_detail' && x.nodes.some((n) => n.label.includes(RAREST)), 'the policy');
    const scale = await page.evaluate(() => window.devicePixelRatio);
    checkPolicyShown(checks, name, shown, decodePng(await page.screenshot()), { scale, tiers: SITE_TIERS });
    await driver.shot('policy');
    await more(driver);
    checks.check(errors.length === 0, `${name}: no uncaught errors`, errors.join(' | '));
  } catch (e) {
    checks.check(false, `${name}: the journey ran to its end`, e.stack);
  } finally {
    await context.close();
  }
}

// On the kiosk: a callback request with a message typed with them; the desk's note with them.
async function requestWithNote(driver) {
  driver.phone = '13800000051';
  await activate(driver, 'page.back');
  await activate(driver, 'tile.sos');
  await expectScreen(driver, 'sos', undefined, 'opens 紧急求助');
  await activate(driver, 'help.callback');
  await expectScreen(driver, 'sign_in', undefined, 'asks who you are first');
  await signIn(driver, api);
  await expectScreen(driver, 'help_form', 'callback', 'the form');
  await fill(driver, 'message', '我是赵昇，请回电');
  const typed = await settledOn(driver, (x) => x.account.form.fields.message === '我是赵昇，请回电', 'the typed message');
  checks.check(typed.missing_glyphs.length === 0, 'kiosk: a message typed with 昇 shows whole', missing(typed));
  await activate(driver, 'help.send');
  const sent = await waitFor(driver, (x) => x.screen === 'help_sent' && node(x, 'help.ticket'), 10000);
  const ticket = node(sent, 'help.ticket').label.split(' ').pop();
  const seen = (await api.get('/api/v1/staff/help-requests?limit=100', { token: server.staffToken })).json.items.find((h) => h.ticket === ticket);
  const noted = await api.call('PATCH', `/api/v1/staff/help-requests/${seen.id}`, { token: server.staffToken, body: { status: 'accepted', note: NOTE } });
  checks.check(noted.status === 200, 'the desk writes a note with them', String(noted.status));
  await activate(driver, 'help.mine');
  const mine = await settledOn(driver, (x) => x.screen === 'my_requests' && x.nodes.some((n) => n.label.includes(NOTE)), 'the note');
  checks.check(mine.missing_glyphs.length === 0, 'kiosk: the staff note shows whole in 我的求助', missing(mine));
  await driver.shot('note');
}

// A damaged download: the rare tier served over HTTP as other bytes of the same size, a valid font
// at that (a proxy's or a disk's mistake). The app refuses it (it is not the file index.json describes), so the font
// rasteriser never reads it; the characters stay boxes, counted, and the app runs on.
async function damagedTier() {
  const dir = mkdtempSync(join(tmpdir(), 'elder-damaged-font-'));
  cpSync(siteDir, dir, { recursive: true });
  const tier = SITE_TIERS[1];
  const path = join(dir, 'assets/fonts', tier);
  // Another font that reads as one (the last tier, padded to the same size): only the hash tells.
  const other = readFileSync(join(dir, 'assets/fonts', SITE_TIERS[2]));
  writeFileSync(path, Buffer.concat([other, Buffer.alloc(statSync(path).size - other.length)]));
  for (const ext of ['.br', '.gz']) rmSync(path + ext, { force: true });  // served as it is
  const damaged = await serveForScenarios(serverBinary, dir, demoDir);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const { policy: p } = await publishRareContent(client(damaged.url), { author: damaged.staffToken, approver: damaged.reviewerToken });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${damaged.url}/?surface=browser&open=policy_detail/${p.json.target_id}`);
    await waitReady(page);
    const settled = await page.waitForFunction((file) => {
      const r = window.elder.report();
      return r.fonts[file] === 'failed' && !r.fonts_pending ? r : null;
    }, tier, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => null);
    checks.check(settled !== null, 'a damaged font tier is refused (not the file index.json describes)',
      settled ? JSON.stringify(settled.fonts) : JSON.stringify((await page.evaluate(() => window.elder.report())).fonts));
    checks.check(settled && settled.missing_glyphs.includes('U+3447'), 'the characters it holds stay boxes, counted (㑇 U+3447)',
      settled ? missing(settled) : '');
    await page.keyboard.press('Escape');
    const alive = await page.evaluate(() => window.elder.report().loop.updates).catch(() => null);
    checks.check(alive !== null && errors.length === 0, 'the app runs on after the damaged tier, no uncaught errors', errors.join(' | '));
    await page.screenshot({ path: join(outDir, 'damaged-tier-phone.png') });
  } catch (e) {
    checks.check(false, 'a damaged font tier', e.stack);
  } finally {
    await context.close();
    await damaged.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await damagedTier();
  await onSurface('rare-kiosk', 'surface=kiosk', { viewport: { width: 1080, height: 1920 }, hasTouch: true }, 'touch', requestWithNote);
  await onSurface('rare-phone', 'surface=browser', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }, 'touch');
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
