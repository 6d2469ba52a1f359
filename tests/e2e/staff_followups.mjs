// 回访 in the staff console (issue 18), in Debian's Chromium, as the desk uses it after a severe
// alert: the reach figures and their plot; after the site's time (the server's clock moved with
// --dev-clock) the households not reached arrive on the list without a reload, those living alone
// or flagged first; 没联系上 moves a household to 上门; 需要帮助 sends it to the help queue. axe-core.
//   node tests/e2e/staff_followups.mjs SERVER_BINARY SITE_DIR DEMO_DIR OUT_DIR
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { addStaff, startServer, STAFF_PASSWORD } from '../server/server_process.mjs';
import { Checks, launch, openPage } from './browser.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node staff_followups.mjs SERVER_BINARY SITE_DIR DEMO_DIR OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-followups-'));
const CALL_AFTER_S = 60;
writeFileSync(join(dir, 'config.json'), JSON.stringify({ alert_call_after_s: CALL_AFTER_S }));
const args = ['--config', join(dir, 'config.json'), '--db', join(dir, 'f.db'), '--demo', '--demo-dir', demoDir, '--web-root', siteDir,
  '--dev-clock', '--quiet'];
addStaff(serverBinary, args, { name: 'zhang', roles: 'dispatcher', display: '张敏' });
const server = await startServer(serverBinary, args, { staff: true });
const api = client(server.url);
const staff = { token: server.staffToken };
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const browser = await launch();

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
  checks.check(found.length === 0, `${what}: axe-core finds no violations`, found.join(' | '));
}

const desk = await openPage(browser, server.url + '/staff/', { viewport: { width: 1280, height: 900 }, bypassCSP: true });
try {
  const made = {};
  for (const [name, extra] of [['王家', { lives_alone: true }], ['李家', {}], ['孙家', {}], ['赵家', { special_attention: true }]])
    made[name] = (await api.post('/api/v1/staff/households', { name, phone: '1380000' + String(1000 + Object.keys(made).length), ...extra }, staff)).json.id;
  const box = (await api.post('/api/v1/devices', { kind: 'stb', serial: 'FOLLOW-1' }, staff)).json;
  await api.call('PUT', `/api/v1/staff/devices/${box.id}/household`, { token: server.staffToken, body: { household_id: made['李家'] } });
  const alert = (await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红',
    info: [{ category: ['Met'], event: '暴雨', headline: '暴雨红色预警（回访测试）', instruction: '请留在家中' }] }, staff)).json;
  await api.post(`/api/v1/alerts/${alert.id}/receipts`, { state: 'confirmed' }, { token: box.token });
  const targeted = (await api.get(`/api/v1/staff/alerts/${alert.id}/reach`, staff)).json.targeted;

  const page = desk.page;
  await page.getByLabel('登录名').fill('zhang');
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '回访' }).click();
  const errorsBefore = desk.errors.length;  // the console asks whether anyone is signed in first: a 401 then is the answer
  await page.getByRole('heading', { name: '预警送达情况' }).waitFor();
  const card = page.locator(`[data-alert="${alert.id}"]`);
  await card.waitFor();
  const figures = await card.locator('.figure strong').allTextContents();
  checks.check(figures.join(',') === `${targeted},1,1,${targeted - 1}`, 'the alert\'s reach: households meant, shown, confirmed, not yet',
    figures.join(','));
  const plot = card.getByRole('img');
  checks.check((await plot.getAttribute('aria-label')).includes(`${targeted} 户中 1 户已显示，1 户已确认`) &&
    await card.locator('polyline.confirmed').count() === 1, 'the plot says in words what it draws', await plot.getAttribute('aria-label'));
  await page.getByText('现在没有需要回访的住户。').waitFor();

  // The site's time passes: the households not reached arrive without a reload.
  await api.post('/api/v1/dev/clock', { advance_s: CALL_AFTER_S + 1 });
  const rows = page.locator('#followups tbody tr[data-id]');
  await page.waitForFunction((n) => document.querySelectorAll('#followups tbody tr[data-id]').length === n, targeted - 1, { timeout: 10000 })
    .catch(() => {});
  const names = await rows.locator('td:first-child').evaluateAll((cells) => cells.map((c) => c.firstChild.textContent));
  checks.check(names.length === targeted - 1 && !names.includes('李家'), 'the households not reached arrive on the list live; the one that confirmed does not',
    names.join(' '));
  checks.check(names.indexOf('王家') < names.indexOf('孙家') && names.indexOf('赵家') < names.indexOf('孙家'),
    'those living alone and flagged come first', names.join(' '));
  await page.screenshot({ path: join(outDir, 'console-followups.png'), fullPage: true });
  await axe(page, 'the follow-up page');

  const rowOf = (name) => rows.filter({ has: page.locator('td:first-child', { hasText: name }) });
  await rowOf('王家').getByRole('button', { name: '没联系上' }).click();
  await page.getByText('已记录：王家 没有联系上，下一步：上门。').waitFor();
  await rowOf('王家').getByText('上门').waitFor();
  checks.check(true, '没联系上 moves the household to a visit');
  await rowOf('赵家').getByLabel('赵家 的备注').fill('家里停电，需要手电筒');
  await rowOf('赵家').getByRole('button', { name: '联系上了，需要帮助' }).click();
  await page.getByText('已记录：赵家 需要帮助，已转到求助队列。').waitFor();
  await rowOf('赵家').waitFor({ state: 'detached' });
  const queue = (await api.get('/api/v1/staff/help-requests?limit=100', staff)).json.items;
  checks.check(queue.some((r) => r.message.includes('家里停电')), 'needs help: the request is in the help queue with the note');
  const errors = desk.errors.slice(errorsBefore);
  checks.check(errors.length === 0, 'no console errors once signed in', errors.join(' | '));
} catch (e) {
  checks.check(false, 'the test ran to its end', e.stack);
  await desk.page.screenshot({ path: join(outDir, 'console-followups-failed.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  await server.stop();
}
process.exit(checks.summary());
