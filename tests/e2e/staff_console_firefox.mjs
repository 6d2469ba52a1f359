// The staff console in Debian's Firefox ESR (the issue asks for Chromium and Firefox), driven over
// WebDriver BiDi with real key presses and clicks: sign in with the form, an SOS arrives live over
// the staff stream, 认领, close it with an outcome; the resident sees it.
//   node --experimental-websocket tests/e2e/staff_console_firefox.mjs SERVER_BINARY SITE_DIR DEMO_DIR OUT_DIR
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../server/api_client.mjs';
import { startServer, STAFF_PASSWORD } from '../server/server_process.mjs';
import { Checks } from './browser.mjs';
import { launchFirefox } from './firefox_bidi.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-console-ff-'));
const server = await startServer(serverBinary, ['--db', join(dir, 'f.db'), '--demo', '--dev-otp', '--demo-dir', demoDir,
  '--web-root', siteDir, '--quiet'], { staff: true });
const api = client(server.url);
const firefox = await launchFirefox();
const { page } = firefox;
const has = (text) => page.waitFor(`the text ${text}`, (t) => JSON.stringify(document.body.innerText.includes(JSON.parse(t))), [text]);
try {
  await page.goto(server.url + '/staff/');
  await has('工作人员登录');
  await page.type('#name', 'tester');
  await page.type('#password', STAFF_PASSWORD + '\uE007');
  await has('现在没有求助。');
  checks.check(true, 'Firefox: signing in with the form opens the help queue');
  const resident = await api.signIn('13800000091');
  const sos = (await api.post('/api/v1/help-requests', { kind: 'sos', message: '家里有人晕倒了' }, { token: resident })).json;
  await page.waitFor('the SOS row', (id) => JSON.stringify(!!document.querySelector(`tr[data-id="${JSON.parse(id)}"]`)), [sos.id]);
  checks.check(true, 'Firefox: a new SOS arrives on the queue by itself (the staff stream)');
  await has('有 1 个紧急求助还没有人认领');
  await page.screenshot(join(outDir, 'firefox-queue.png'));
  await page.click(`tr[data-id="${sos.id}"] button`, '认领');
  await has('处理经过');
  const mine = (await api.get('/api/v1/help-requests', { token: resident })).json.items[0];
  checks.check(mine.status === 'accepted' && mine.handled_by === '测试员', 'Firefox: 认领 reaches the resident as 已受理', JSON.stringify(mine));
  await page.click('#status');
  await page.type('#status', '\uE015');  // Down: 已受理 -> 处理中 ... to 已办结
  await page.type('#status', '\uE015');
  await page.type('#outcome', '已送医，家属陪同');
  await page.click('form button[type="submit"]', '保存');
  await has('已保存。');
  const closed = (await api.get('/api/v1/help-requests', { token: resident })).json.items[0];
  checks.check(closed.status === 'done', 'Firefox: the request is closed with its outcome', JSON.stringify(closed));
  await page.screenshot(join(outDir, 'firefox-request.png'));
} catch (e) {
  checks.check(false, 'the Firefox journey ran to its end', e.stack);
  await page.screenshot(join(outDir, 'firefox-failure.png')).catch(() => {});
} finally {
  await firefox.close();
  await server.stop();
}
process.exit(checks.summary());
