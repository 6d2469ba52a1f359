// An SOS from a bound TV box to the 24-hour desk and back, with real parts only: the TV app under
// Xvfb driven by remote keys, the reference server, the staff console in Chromium. The desk sees
// the SOS arrive by itself with the household's name (nobody typed anything on the TV); the
// dispatcher presses 认领 and the TV's page says 已受理 and who is handling it within seconds, with
// no key pressed; closing it reaches the TV the same way.
//   node tests/tv/tv_sos_desk.mjs TVAPP SERVER SITE_DIR DEMO_DIR OUTPUT_DIR
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, launch, openPage } from '../e2e/browser.mjs';
import { activate, confirmAlerts, goHome, node, waitFor } from '../journeys/journeys.mjs';
import { STAFF_PASSWORD } from '../server/server_process.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-desk-'));
const checks = new Checks();
const community = await startCommunity(serverBinary, demoDir, dir, { args: ['--web-root', siteDir] });
const xvfb = await startXvfb();
const screenshot = join(dir, 'frame.png');
const app = startTvApp(tvapp, ['--server', community.url, '--device', 'DESK-STB-1', '--enrolment-code', await community.enrolmentCode(),
  '--data-dir', join(dir, 'tv-data'), '--screenshot', screenshot, '--screenshot-every-frame'],
// The box is set to New York's zone: its clock and the request's time still speak the community's.
{ display: xvfb.display, report: join(dir, 'report.json'), env: { TZ: 'America/New_York' } });
const tv = remoteDriver(app, checks);
const browser = await launch();
const desk = await openPage(browser, community.url + '/staff/', { viewport: { width: 1280, height: 800 } });
const tvShot = (name) => copyFileSync(screenshot, join(outDir, `tv-desk-${name}.png`));
const deskShot = (name) => desk.page.screenshot({ path: join(outDir, `desk-${name}.png`) });
const statusOnTv = (r) => (r && node(r, 'help.status') ? node(r, 'help.status').label : '');

try {
  // The box registers itself and staff bind it to a household.
  // The demo's severe alert arrives with the data and interrupts first: confirm it once it is there.
  await waitFor(tv, (r) => r.screen === 'home' && r.data.online && r.data.resources.alerts.freshness === 'current', 20000);
  await confirmAlerts(tv);
  await waitFor(tv, (r) => r.interruption === null && node(r, 'tile.sos'), 5000);
  await activate(tv, 'tile.sos');
  const registered = await waitFor(tv, (r) => r.account.device.id > 0, 15000);
  const number = registered.account.device.id;

  // At the desk (an admin and dispatcher): the new box is in the device list, connected; bind it.
  await desk.page.getByLabel('登录名').fill('tester');
  await desk.page.getByLabel('密码').fill(STAFF_PASSWORD);
  await desk.page.getByRole('button', { name: '登录' }).click();
  await desk.page.getByText('现在没有求助。').waitFor();
  await desk.page.getByRole('link', { name: '设备' }).click();
  await desk.page.getByLabel('按编号、序列号或住户查找').fill(String(number));
  await desk.page.getByRole('button', { name: '搜索' }).click();
  await desk.page.locator('#device-list[aria-busy="false"]').waitFor();
  const boxRow = desk.page.locator('tr', { hasText: 'DESK-STB-1' });
  await boxRow.waitFor();
  checks.check((await boxRow.innerText()).includes('已连接'), "the desk sees the new box, its alert stream connected", await boxRow.innerText());
  await boxRow.getByLabel('住户').fill('3 号楼 201 王家');
  await boxRow.getByLabel('电话').fill('13800000009');
  await boxRow.getByRole('button', { name: '绑定' }).click();
  await desk.page.getByText(`${number} 号设备已绑定。`).waitFor();
  // The list is drawn again after the answer: wait for the row to show the household.
  const boundRow = desk.page.locator('tr', { hasText: 'DESK-STB-1' }).filter({ hasText: '3 号楼 201 王家' });
  checks.check(await boundRow.waitFor({ timeout: 5000 }).then(() => true, () => false), 'the desk binds the box to a household',
    await desk.page.locator('tr', { hasText: 'DESK-STB-1' }).innerText());
  await deskShot('devices');
  await goHome(tv);
  await activate(tv, 'tile.sos');
  await desk.page.getByRole('link', { name: '求助队列' }).click();
  await desk.page.getByText('现在没有求助。').waitFor();

  // 紧急求助 on the TV, in two deliberate presses.
  await waitFor(tv, (r) => r.screen === 'sos' && node(r, 'sos.start'), 10000);
  await activate(tv, 'sos.start');
  await waitFor(tv, (r) => r.screen === 'sos_confirm', 5000);
  await activate(tv, 'sos.confirm');
  const sent = await waitFor(tv, (r) => r.screen === 'help_sent' && node(r, 'help.ticket'), 10000);
  checks.check(sent && statusOnTv(sent).includes('已收到'), 'the TV shows the request number and 已收到', statusOnTv(sent));
  const ticket = node(sent, 'help.ticket').label.split(' ').pop();
  tvShot('sent');

  // The desk: the SOS arrives by itself, naming the household.
  const row = desk.page.locator('tr', { hasText: ticket });
  await row.waitFor({ timeout: 10000 });
  checks.check((await row.innerText()).includes('3 号楼 201 王家'), "the SOS reaches the desk by itself with the box's household", await row.innerText());
  await deskShot('sos-arrived');
  await row.getByRole('button', { name: '认领' }).click();
  await desk.page.getByRole('heading', { name: `紧急求助 ${ticket}` }).waitFor();
  checks.check(await desk.page.getByRole('link', { name: '13800000009' }).isVisible(), "the household's phone is on the desk's screen, ready to call");

  // The TV's open page says so by itself.
  const claimedAt = Date.now();
  const accepted = await waitFor(tv, (r) => statusOnTv(r).includes('已受理') && statusOnTv(r).includes('测试员'), 15000);
  checks.check(accepted !== null, 'the TV shows 已受理 and who is handling it, no key pressed', statusOnTv(accepted || await tv.report()));
  checks.check(accepted !== null && Date.now() - claimedAt < 10000, 'within seconds of the claim', `${Date.now() - claimedAt} ms`);
  tvShot('accepted');

  // Closed at the desk: the TV follows.
  await desk.page.getByLabel('状态').selectOption('done');
  await desk.page.locator('#note').fill('社区医生已上门看过');
  await desk.page.getByLabel('处理结果').fill('老人血压偏高，已陪同就医');
  await desk.page.getByRole('button', { name: '保存' }).click();
  await desk.page.getByText('已保存。').waitFor();
  const done = await waitFor(tv, (r) => statusOnTv(r).includes('已办完'), 15000);
  checks.check(done !== null, 'closing it reaches the TV too', statusOnTv(done || await tv.report()));
  await activate(tv, 'help.mine');
  const mine = await waitFor(tv, (r) => r.screen === 'my_requests' && r.nodes.some((n) => n.id.startsWith('request.') && n.label.includes('社区医生已上门看过')), 10000);
  checks.check(mine !== null, "我的求助 on the TV shows the desk's note");
  const when = mine && mine.nodes.find((n) => /^request\.\d+\.1$/.test(n.id));  // the card's status and time line
  checks.check(when && /今天 (凌晨|早上|上午|中午|下午|晚上)\d+(:\d\d|点)（(刚刚|\d+分钟前)）/.test(when.label),
    'the request sent minutes ago says 今天 and how long ago, on a box set to another zone', when && when.label);
  tvShot('my-requests');

  // A red alert composed at the desk interrupts the TV; cancelling it there takes it away.
  await desk.page.getByRole('link', { name: '预警发布' }).click();
  await desk.page.getByLabel('事件').fill('暴雨');
  await desk.page.getByLabel('颜色等级').selectOption('红');
  await desk.page.getByLabel('范围').fill('幸福里社区');
  await desk.page.getByLabel('标题').fill('测试：暴雨红色预警（工作台）');
  await desk.page.getByLabel('怎么做').fill('请留在家中，不要外出。');
  await desk.page.getByLabel('有效到').fill(new Date(Date.now() + 8 * 3600e3 + 3 * 3600e3).toISOString().slice(0, 16));
  await desk.page.getByRole('button', { name: '发布预警' }).click();
  await desk.page.getByText('预警已发布').waitFor();
  const interrupted = await waitFor(tv, (r) => r.interruption !== null && node(r, 'interrupt.headline')?.label.includes('工作台'), 15000);
  checks.check(interrupted !== null, 'a red alert published at the desk interrupts the TV');
  tvShot('alert');
  await desk.page.locator('tr', { hasText: '测试：暴雨红色预警（工作台）' }).getByRole('button', { name: '解除' }).click();
  await desk.page.getByText('预警已解除。').waitFor();
  checks.check(await waitFor(tv, (r) => r.interruption === null, 15000) !== null, 'cancelling it at the desk takes it off the TV');
  checks.check(desk.errors.filter((e) => !/status of (401|400|409) /.test(e)).length === 0, 'no script errors at the desk', desk.errors.join(' | '));
} catch (e) {
  checks.check(false, 'SOS from the TV to the desk', e.stack);
  await deskShot('failure').catch(() => {});
} finally {
  await browser.close();
  await app.stop();
  await community.server.stop();
  xvfb.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
