// Screen readers on the web build, in Chromium: the page's accessibility tree lists the items of
// the app's semantics tree with the same roles and names on every page visited; activating a
// mirrored button performs its action; focus follows the app's focus; a severe alert is a modal
// dialog and reaches the assertive live region; axe-core finds no violations on the shell page and
// the mirror.
//   node tests/e2e/screen_reader.mjs SERVER SITE_DIR DEMO_DIR
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/server_process.mjs';
import { Checks, launch, openPage, report, settled, waitForState, waitReady } from './browser.mjs';

const [serverBinary, siteDir, demoDir] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'elder-sr-'));
const server = await startServer(serverBinary, ['--db', join(dir, 'sr.db'), '--demo', '--demo-dir', demoDir, '--web-root', siteDir, '--quiet']);
// axe-core is injected by the test as an inline script, which the page's Content-Security-Policy
// refuses (as it should): the test's contexts bypass the policy; the app's own code never needs to.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const checks = new Checks();
const browser = await launch();

const ROLE = { button: 'button', heading: 'heading', textbox: 'textbox', image: 'img', status: 'status', alert: 'alert', text: 'paragraph' };

// What of the app's tree (nodes with words) the browser's accessibility tree lacks: "role name".
async function lacking(page) {
  const rep = await report(page);
  const snapshot = await page.locator('#a11y-mirror').ariaSnapshot();
  const squash = (t) => t.replace(/\s+/g, ' ').trim();
  const mirrorText = squash(await page.locator('#a11y-mirror').innerText());
  const missing = [];
  for (const n of rep.nodes) {
    if (!n.label || !ROLE[n.role]) continue;
    const labelNode = rep.nodes.find((x) => x.id === n.id + '.label');
    const name = squash(n.role === 'textbox' && labelNode ? labelNode.label : n.label);  // a box is named by its label
    if (n.role === 'text') {  // a paragraph's words are its content, not a name
      if (!mirrorText.includes(name)) missing.push('text ' + name);
    } else if (!snapshot.includes(`${ROLE[n.role]} "${name}"`) && !snapshot.includes(`${ROLE[n.role]}: ${name}`)) {
      missing.push(`${n.role} ${name}`);
    }
  }
  return { missing, count: rep.nodes.length };
}

// The page shows no 正在加载, on a frame drawn after the last change (the tree is the last frame's,
// so right after an action it may still be the page before).
async function hasLoaded(page, timeout = 15000) {
  const loadingShown = async () => (await report(page)).nodes.some((n) => n.label.includes('正在加载'));
  for (const end = Date.now() + timeout; Date.now() < end;) {
    await waitForState(page, () => !window.elder.report().nodes.some((n) => n.label.includes('正在加载')), null, Math.max(1, end - Date.now()));
    await settled(page);
    if (!(await loadingShown())) return true;
  }
  return false;
}

// Every node of the app's tree is in the browser's accessibility tree, in its role, once the page's
// data (a policy's text, the slots) has arrived: the comparison is made on what a resident reads,
// never on 正在加载. The report and the mirror are read one after the other, so a frame drawn in
// between is given time to settle.
async function sameItems(page, what) {
  const loaded = await hasLoaded(page);
  const loading = (await report(page)).nodes.filter((n) => n.label.includes('正在加载')).map((n) => n.id);
  checks.check(loaded, `${what}: the page has loaded (no 正在加载 left)`, loading.join(', '));
  let result = await lacking(page);
  for (let i = 0; i < 20 && result.missing.length > 0; i++) {
    await page.waitForTimeout(100);  // a poll: the mirror catches up with the frame drawn meanwhile
    result = await lacking(page);
  }
  checks.check(result.missing.length === 0 && result.count > 3,
    `${what}: the accessibility tree has every item of the semantics tree (${result.count} nodes)`, result.missing.slice(0, 5).join(' | '));
}

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
  });
  checks.check(result.length === 0, `${what}: axe-core finds no violations`, result.join(' | '));
}

const { context, page, errors } = await openPage(browser, server.url + '/?surface=browser', { viewport: { width: 1280, height: 800 }, bypassCSP: true });
try {
  await waitReady(page);
  await axe(page, 'the shell page while the app starts');
  // The demo's severe alert interrupts: a modal dialog, and its words in the assertive live region.
  checks.check(await waitForState(page, () => window.elder.report().interruption !== null, null, 15000), 'the severe alert interrupts');
  checks.check(await waitForState(page, () => document.getElementById('a11y-mirror').getAttribute('role') === 'dialog', null, 5000) &&
    await page.evaluate(() => document.getElementById('a11y-mirror').getAttribute('aria-modal')) === 'true',
    'the interruption is a modal dialog for screen readers');
  const live = await page.evaluate(() => ({ text: document.getElementById('a11y-live').textContent,
    polite: document.getElementById('a11y-live').getAttribute('aria-live') }));
  checks.check(live.polite === 'assertive' && live.text.includes('寒潮'), 'the alert reaches the assertive live region', live.text);
  await sameItems(page, 'interruption');
  await axe(page, 'the interruption');

  // Activating the mirrored 我知道了 (as a screen reader does: a click on the element) confirms it.
  await page.locator('#a11y-mirror [data-id="interrupt.ack"]').dispatchEvent('click');
  checks.check(await waitForState(page, () => window.elder.report().interruption === null, null, 5000), 'activating the mirrored 我知道了 confirms the alert');
  checks.check(await waitForState(page, () => document.getElementById('a11y-mirror').getAttribute('role') !== 'dialog', null, 5000),
    'the page is no longer a dialog');
  await sameItems(page, 'home');
  await axe(page, 'home');

  // A mirrored tile opens its page, as a tap would.
  await page.getByRole('button', { name: '政策资讯', exact: true }).dispatchEvent('click');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'policies', null, 5000), 'activating the mirrored 政策资讯 opens it');
  await sameItems(page, 'policy categories');
  // Focus follows: keys move the app's focus, and the browser's focus is on the same item.
  await page.keyboard.press('Tab');
  const followed = await waitForState(page, () => {
    const r = window.elder.report();
    const node = r.nodes.find((n) => n.focused);
    return node && document.activeElement && document.activeElement.dataset.id === node.id;
  }, null, 5000);
  checks.check(followed, 'the browser focus follows the app focus', await page.evaluate(() => document.activeElement.dataset.id || document.activeElement.tagName));
  await page.keyboard.press('Enter');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'policy_list', null, 5000),
    'Enter on the followed item opens it once (no double activation)', (await report(page)).screen + ' ' + (await report(page)).back_depth);
  checks.check((await report(page)).back_depth === 2, 'one step deeper, not two', String((await report(page)).back_depth));
  await sameItems(page, 'a policy list');
  const rows = (await report(page)).nodes.filter((n) => n.list_item).length;
  const items = await page.locator('#a11y-mirror [role="list"] > [role="listitem"]').count();
  checks.check(rows > 0 && items === rows && await page.locator('#a11y-mirror [role="list"]').count() === 1,
    'the policies are one list of items, one per row', `${items} items for ${rows} rows`);
  await axe(page, 'a policy list');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'home', null, 5000), 'Escape goes back to home');

  // A few more pages, by the mirror.
  for (const [name, screen] of [['办事指南', 'guides'], ['联系我们', 'contacts'], ['设置', 'settings'], ['紧急求助', 'sos'],
    ['通知提醒', 'alerts'], ['社区活动', 'activities'], ['预约办理', 'appointments']]) {
    await page.getByRole('button', { name, exact: true }).dispatchEvent('click');
    checks.check(await waitForState(page, (s) => window.elder.report().screen === s, screen, 5000), `the mirror opens ${name}`);
    await sameItems(page, name);
    await page.getByRole('button', { name: '返回', exact: true }).dispatchEvent('click');
    await waitForState(page, () => window.elder.report().screen === 'home', null, 5000);
  }
  // A form: the sign-in page's boxes are text boxes.
  await page.getByRole('button', { name: '预约办理', exact: true }).dispatchEvent('click');
  await page.locator('#a11y-mirror [data-id="booking.mine"]').dispatchEvent('click');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'sign_in', null, 5000), 'the mirror opens 我的预约 -> 登录');
  await sameItems(page, 'sign-in');
  checks.check(await page.getByRole('textbox').count() === 2, 'phone and code are text boxes for screen readers');
  await axe(page, 'the sign-in form');
  checks.check(errors.length === 0, 'no console errors', errors.join(' | '));

  // The remaining screens, opened as a scanned QR code opens them (?open=), each compared and checked.
  const policy = (await (await fetch(server.url + '/api/v1/policies?limit=1')).json()).items[0].id;
  for (const open of [`policy_detail/${policy}`, 'search', 'guide_list/养老', 'guide_detail/1', 'guide_qr/1', 'activity_detail/1',
    'book_date/1']) {
    const other = await openPage(browser, `${server.url}/?surface=browser&open=${encodeURIComponent(open)}`, { viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await waitReady(other.page);
    await waitForState(other.page, () => window.elder.report().interruption !== null, null, 10000);
    await other.page.locator('#a11y-mirror [data-id="interrupt.ack"]').dispatchEvent('click');
    await waitForState(other.page, (o) => window.elder.report().interruption === null && window.elder.report().screen === o.split('/')[0], open, 5000);
    await sameItems(other.page, open);
    await axe(other.page, open);
    checks.check(other.errors.length === 0, `${open}: no console errors`, other.errors.join(' | '));
    await other.context.close();
  }
} finally {
  await context.close();
  await browser.close();
  await server.stop();
}
process.exit(checks.summary());
