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
import { activate, confirmAlerts, node, waitFor } from '../journeys/journeys.mjs';
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
{ display: xvfb.display, report: join(dir, 'report.json') });
const tv = remoteDriver(app, checks);
const browser = await launch();
const desk = await openPage(browser, community.url + '/staff/', { viewport: { width: 1280, height: 800 } });
const tvShot = (name) => copyFileSync(screenshot, join(outDir, `tv-desk-${name}.png`));
const deskShot = (name) => desk.page.screenshot({ path: join(outDir, `desk-${name}.png`) });
const statusOnTv = (r) => (r && node(r, 'help.status') ? node(r, 'help.status').label : '');

try {
  // The box registers itself and staff bind it to a household.
  await waitFor(tv, (r) => r.screen === 'home', 20000);
  await confirmAlerts(tv);
  await activate(tv, 'tile.sos');
  const registered = await waitFor(tv, (r) => r.account.device.id > 0, 15000);
  const bound = await community.bind(registered.account.device.id, { household_name: '3 号楼 201 王家', phone: '13800000009' });
  checks.check(bound.status === 200, 'staff bind the box to a household');
  await tv.key('back');
  await activate(tv, 'tile.sos');

  // The dispatcher is at the desk.
  await desk.page.getByLabel('登录名').fill('tester');
  await desk.page.getByLabel('密码').fill(STAFF_PASSWORD);
  await desk.page.getByRole('button', { name: '登录' }).click();
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
  tvShot('my-requests');
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
