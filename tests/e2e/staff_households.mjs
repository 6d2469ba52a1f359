// 住户 in the staff console (issue 18), in Debian's Chromium, as a caseworker keeps a household:
// creates it (a refused phone keeps what was typed), adds two members (a landline refused as a
// member's mobile), tries the daily check-in before consent (the server's sentence), records
// consent, turns the check-in on, sees a member's check-in in the history, changes the deadline,
// adds and removes days away (a backwards range refused), sets the emergency contact and the flags,
// withdraws consent and sees the check-in end. The list and a reload show all of it, and so does
// the API. A dispatcher reads the same household with no form or button; an editor has no 住户 and
// the address falls back. axe-core on both pages; screenshots of both.
//   node tests/e2e/staff_households.mjs SERVER_BINARY SITE_DIR DEMO_DIR OUT_DIR
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, dayInChina, laterTodayInChina } from '../server/api_client.mjs';
import { addStaff, startServer, STAFF_PASSWORD } from '../server/server_process.mjs';
import { Checks, launch, openPage } from './browser.mjs';

const [serverBinary, siteDir, demoDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node staff_households.mjs SERVER_BINARY SITE_DIR DEMO_DIR OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const checks = new Checks();
const dir = mkdtempSync(join(tmpdir(), 'elder-households-'));
writeFileSync(join(dir, 'config.json'), '{}');
const args = ['--config', join(dir, 'config.json'), '--db', join(dir, 'h.db'), '--demo', '--dev-otp', '--demo-dir', demoDir,
  '--web-root', siteDir, '--quiet'];
addStaff(serverBinary, args, { name: 'li', roles: 'caseworker', display: '李华' });
addStaff(serverBinary, args, { name: 'zhang', roles: 'dispatcher', display: '张敏' });
addStaff(serverBinary, args, { name: 'bian', roles: 'editor', display: '卞编辑' });
const server = await startServer(serverBinary, args, { staff: true });
const api = client(server.url);
const staff = { token: server.staffToken };
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const browser = await launch();
const desk = { viewport: { width: 1280, height: 900 }, bypassCSP: true };  // bypassCSP: only so that axe-core can be injected

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
  checks.check(found.length === 0, `${what}: axe-core finds no violations`, found.join(' | '));
}

async function signIn(page, name) {
  await page.getByLabel('登录名').fill(name);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

// Whether `locator` shows up within a few seconds, as one check (a miss does not end the test).
async function sees(locator, what, timeout = 5000) {
  const ok = await locator.first().waitFor({ timeout }).then(() => true, () => false);
  return checks.check(ok, what);
}

// Every field in the page's main part has a label with words in it.
async function labelled(page, what) {
  const bare = await page.evaluate(() => [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => ![...el.labels].some((l) => l.textContent.trim())).map((el) => el.id || el.outerHTML.slice(0, 60)));
  checks.check(bare.length === 0, `${what}: every field has a label`, bare.join(', '));
}

const shot = (page, name) => page.screenshot({ path: join(outDir, name + '.png'), fullPage: true });
const NAME = '幸福小区 5 号楼 302 周家';
const today = dayInChina(0);

const li = await openPage(browser, server.url + '/staff/', desk);
try {
  await laterTodayInChina(5);  // a check-in set up now starts today (its deadline is 23:59)
  const page = li.page;
  const card = (key) => page.locator('#card-' + key);
  const status = (key) => card(key).getByRole('status');
  await signIn(page, 'li');
  await page.locator('#nav').getByRole('link', { name: '住户' }).click();
  await page.getByRole('heading', { name: '住户', level: 1 }).waitFor();
  const errorsBefore = li.errors.length;
  await page.locator('#households[aria-busy="false"]').waitFor();
  await labelled(page, 'the household list');

  // A new household; the server refuses a phone with too few digits, and what was typed stays.
  const form = page.locator('#new-household');
  await form.getByLabel(/^户名/).fill(NAME);
  await form.getByLabel(/^电话/).fill('12345');
  await form.getByLabel('独居').check();
  await form.getByRole('button', { name: '新建住户' }).click();
  await sees(form.getByText('填写的内容有误，请检查后再提交。请检查：电话。'), 'a refused new household: the server\'s sentence and the field it names');
  checks.check(await form.getByLabel(/^户名/).inputValue() === NAME && await form.getByLabel(/^电话/).inputValue() === '12345' &&
    await form.getByLabel('独居').isChecked(), 'a refused new household keeps what was typed');
  checks.check(await form.getByLabel(/^电话/).getAttribute('aria-invalid') === 'true' &&
    await form.getByLabel(/^户名/).getAttribute('aria-invalid') === 'false', 'the refused field is marked invalid, the others not');
  await form.getByLabel(/^电话/).fill('010-62345678');
  await form.getByRole('button', { name: '新建住户' }).click();
  await page.waitForURL(/#\/household\/\d+$/);
  const id = Number(page.url().split('/').pop());
  await sees(page.getByRole('heading', { name: NAME, level: 1 }), 'creating a household opens its page');

  // Two members; a landline is not a member's mobile.
  const addMember = async (name, phone) => {
    await page.locator('#member-name').fill(name);
    await page.locator('#member-phone').fill(phone);
    await card('members').getByRole('button', { name: '添加成员' }).click();
  };
  await addMember('周大爷', '13912340001');
  await sees(status('members').getByText('已添加成员：周大爷。'), 'a member is added');
  await addMember('周奶奶', '0101234567');
  await sees(status('members').getByText('填写的内容有误，请检查后再提交。请检查：手机号。'), 'a member\'s landline is refused in a sentence naming the field');
  checks.check(await page.locator('#member-name').inputValue() === '周奶奶' && await page.locator('#member-phone').inputValue() === '0101234567',
    'the refused member stays typed in');
  await addMember('周奶奶', '13912340002');
  await sees(status('members').getByText('已添加成员：周奶奶。'), 'the second member is added');
  checks.check(await page.locator('#member-phone').getAttribute('aria-invalid') === null && await page.locator('#member-phone').inputValue() === '',
    'once added, the member form is empty and no longer marked invalid');
  const memberRows = await page.locator('#members tbody tr').allInnerTexts();
  checks.check(memberRows.length === 2 && memberRows[0].includes('周大爷') && memberRows[1].includes('13912340002'),
    'both members are listed with their phones', memberRows.join(' | '));

  // The daily check-in needs consent: the server says so, the deadline typed stays.
  const deadline = page.locator('#ci-deadline');
  checks.check(await deadline.inputValue() === '10:00', 'the deadline starts at 10:00', await deadline.inputValue());
  await deadline.fill('23:59');
  await card('check_in').getByRole('button', { name: '开通报平安' }).click();
  await sees(status('check_in').getByText('这一户还没有同意每日报平安，请先记录同意。'), 'check-in without consent: the server\'s refusal as a sentence');
  checks.check(await deadline.inputValue() === '23:59', 'the refused deadline stays typed in');

  // Consent, then the check-in.
  await page.locator('#consent-kind').selectOption('check_in');
  await page.locator('#consent-by').fill('本人');
  await card('consents').getByRole('button', { name: '记录同意' }).click();
  await sees(status('consents').getByText('已记录同意：每日报平安。'), 'consent to the daily check-in is recorded');
  await page.locator('#consent-kind').selectOption('contact');
  await page.locator('#consent-by').fill('女儿 周小红');
  await card('consents').getByRole('button', { name: '记录同意' }).click();
  await sees(status('consents').getByText('已记录同意：预警后打电话、上门。'), 'consent to calls and visits is recorded');
  await card('check_in').getByRole('button', { name: '开通报平安' }).click();
  await sees(status('check_in').getByText(/已开通每日报平安：每天 23:59 前/), 'the check-in starts once consent is recorded');
  await sees(card('check_in').getByText(/已开通：每天 23:59 前报平安/), 'the check-in card says it is on, and by when');

  // A member presses 报平安 on their phone: the history shows it after a reload.
  const member = await api.signIn('13912340001');
  const pressed = await api.post('/api/v1/check-ins', {}, { token: member });
  checks.check(pressed.status === 200, 'the member checks in', String(pressed.status));
  await page.reload();
  const firstDay = page.locator('#check-in-days tbody tr').first();
  await sees(firstDay.getByText(/报了平安/), 'the check-in history shows today\'s check-in after a reload');
  await shot(page, 'console-household-check-in');
  await deadline.fill('10:00');
  await card('check_in').getByRole('button', { name: '保存时间' }).click();
  await sees(status('check_in').getByText('已改为每天 10:00 前报平安。'), 'the deadline is changed');

  // Days away: a range that ends before it starts is refused and stays; then two ranges, one removed.
  await page.locator('#away-from').fill(dayInChina(5));
  await page.locator('#away-to').fill(dayInChina(3));
  await page.locator('#away-note').fill('去女儿家');
  await card('away').getByRole('button', { name: '添加外出的日子' }).click();
  await sees(status('away').getByText('填写的内容有误，请检查后再提交。请检查：到哪天。'), 'a backwards range is refused in a sentence naming the field');
  checks.check(await page.locator('#away-from').inputValue() === dayInChina(5) && await page.locator('#away-note').inputValue() === '去女儿家',
    'the refused range stays typed in');
  await page.locator('#away-to').fill(dayInChina(8));
  await card('away').getByRole('button', { name: '添加外出的日子' }).click();
  await sees(status('away').getByText(/^已添加：.* 外出。$/), 'days away are added');
  await page.locator('#away-from').fill(today);
  await page.locator('#away-to').fill(today);
  await card('away').getByRole('button', { name: '添加外出的日子' }).click();
  await sees(card('away').locator('.tag', { hasText: '今天外出' }), 'a range including today says 今天外出');
  checks.check(await page.locator('#away-days tbody tr').count() === 2, 'both ranges are listed');
  await card('away').getByRole('button', { name: /^删除 .* 的外出$/ }).first().click();  // sorted by start: today's first
  await sees(status('away').getByText('已删除这段外出的日子。'), 'a range is removed');
  const awayRows = await page.locator('#away-days tbody tr').allInnerTexts();
  checks.check(awayRows.length === 1 && awayRows[0].includes('去女儿家') && await card('away').locator('.tag').count() === 0,
    'the other range stays, and today is no longer away', awayRows.join(' | '));

  // The emergency contact, the flags and the address.
  await page.locator('#ec-name').fill('周小红');
  await page.locator('#ec-phone').fill('13912340009');
  await page.locator('#ec-relation').fill('女儿');
  await card('contact').getByRole('button', { name: '保存紧急联系人' }).click();
  await sees(status('contact').getByText('紧急联系人已保存。'), 'the emergency contact is saved');
  await sees(card('contact').getByText('周小红（女儿）'), 'the emergency contact is shown with the relation');
  const details = card('details');
  await details.getByLabel('地址').fill('幸福小区 5 号楼 302 室');
  await details.getByLabel('重点关注').check();
  await details.getByRole('button', { name: '保存' }).click();
  await sees(status('details').getByText('已保存。'), 'the household\'s details are saved');
  const tags = await page.locator('h1 .tag').allTextContents();
  checks.check(tags.join(' ') === '独居 重点关注', 'the heading shows both flags as words', tags.join(' '));

  // The list shows the household as it now is (the check-in on, by 10:00).
  await page.locator('#nav').getByRole('link', { name: '住户' }).click();
  await page.locator('#households[aria-busy="false"]').waitFor();
  const listRow = page.locator(`#households tr[data-id="${id}"]`);
  const cells = await listRow.locator('td').allInnerTexts();
  checks.check(cells.length === 5 && cells[0].includes(NAME) && cells[0].includes('独居') && cells[0].includes('重点关注') &&
    cells[0].includes('幸福小区 5 号楼 302 室') && cells[1] === '010-62345678' && cells[2] === '2 人' && cells[3] === '每天 10:00 前' && cells[4] === '0 台',
  'the list shows the household: flags in words, phone, members, check-in, devices', cells.join(' | '));
  await page.locator('#hh-q').fill('周家');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.locator('#households[aria-busy="false"]').waitFor();
  const found = await page.locator('#households tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  checks.check(found.length === 1 && found[0] === String(id), 'the search finds it by part of its name', found.join(','));
  await page.locator('#hh-q').fill('没有这一户');
  await page.getByRole('button', { name: '搜索' }).click();
  await sees(page.getByText('没有找到符合的住户。'), 'a search that finds nothing says so');
  await page.locator('#hh-q').fill('');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.locator('#households[aria-busy="false"]').waitFor();
  await shot(page, 'console-households');
  await axe(page, 'the household list');

  // Withdrawing consent to the check-in ends the check-in; the withdrawn consent stays, dated.
  await listRow.getByRole('link', { name: NAME }).click();
  await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  await card('consents').getByRole('button', { name: '撤回同意：每日报平安' }).click();
  await sees(status('consents').getByText('已撤回同意。每日报平安也随之停止了。'), 'withdrawing consent says the check-in ended with it');
  await sees(card('check_in').getByText('没有开通每日报平安。'), 'the check-in card now says it is off');
  checks.check(await card('check_in').getByRole('button', { name: '停止报平安' }).isHidden(), 'with the check-in off there is nothing to end');

  // A reload shows everything as it was saved; so does the API.
  await page.reload();
  await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  const consentRows = await page.locator('#consents tbody tr').allInnerTexts();
  checks.check(consentRows.length === 2 && /每日报平安[\s\S]*本人[\s\S]*已撤回/.test(consentRows[0]) && /预警后打电话、上门[\s\S]*女儿 周小红[\s\S]*有效/.test(consentRows[1]) &&
    !(await card('consents').getByRole('button', { name: '撤回同意：每日报平安' }).count()), 'after a reload: the withdrawn consent with its date, the other in force',
  consentRows.join(' | '));
  const reloaded = {
    members: await page.locator('#members tbody tr td:first-child').allTextContents(),
    checkIn: await card('check_in').getByText('没有开通每日报平安。').count(),
    away: await page.locator('#away-days tbody tr').count(),
    contact: await card('contact').getByText('周小红（女儿）').count(),
    address: await details.getByLabel('地址').inputValue(),
    flags: [await details.getByLabel('独居').isChecked(), await details.getByLabel('重点关注').isChecked()],
  };
  checks.check(reloaded.members.join() === '周大爷,周奶奶' && reloaded.checkIn === 1 && reloaded.away === 1 && reloaded.contact === 1 &&
    reloaded.address === '幸福小区 5 号楼 302 室' && reloaded.flags.join() === 'true,true', 'after a reload the page shows everything saved', JSON.stringify(reloaded));
  const stored = (await api.get(`/api/v1/staff/households/${id}`, staff)).json;
  checks.check(stored.name === NAME && stored.phone === '010-62345678' && stored.lives_alone && stored.special_attention &&
    stored.members.map((m) => `${m.name}:${m.phone}`).join() === '周大爷:13912340001,周奶奶:13912340002' &&
    stored.consents.length === 2 && stored.consents[0].kind === 'check_in' && stored.consents[0].withdrawn_at && !stored.consents[1].withdrawn_at &&
    stored.check_in === null && stored.away.length === 1 && stored.away[0].from === dayInChina(5) && stored.away[0].note === '去女儿家' &&
    stored.emergency_contact?.name === '周小红' && stored.emergency_contact.relation === '女儿', 'the API holds the same', JSON.stringify(stored));
  await labelled(page, 'a household');
  await shot(page, 'console-household');
  await axe(page, 'a household');
  const errors = li.errors.slice(errorsBefore);
  checks.check(errors.every((e) => /status of (400|409)/.test(e)), 'no console errors but the refusals the test asked for', errors.join(' | '));

  // The help desk reads the household, with nothing to change it with.
  const zhang = await openPage(browser, server.url + '/staff/', desk);
  await signIn(zhang.page, 'zhang');
  await zhang.page.locator('#nav').getByRole('link', { name: '住户' }).click();
  await zhang.page.locator('#households[aria-busy="false"]').waitFor();
  checks.check(await zhang.page.locator('#new-household').count() === 0 && await zhang.page.getByRole('button', { name: '新建住户' }).count() === 0,
    'a dispatcher has no new-household form');
  await zhang.page.locator(`#households tr[data-id="${id}"]`).getByRole('link', { name: NAME }).click();
  await zhang.page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  await sees(zhang.page.locator('#members').getByText('周奶奶'), 'a dispatcher sees the members');
  await sees(zhang.page.locator('#card-details').getByText('幸福小区 5 号楼 302 室'), 'a dispatcher sees the details');
  await sees(zhang.page.locator('#consents').getByText(/已撤回/), 'a dispatcher sees the withdrawn consent');
  const controls = await zhang.page.locator('main').locator('form, input, select, textarea, button').count();
  checks.check(controls === 0, 'a dispatcher sees no form, field or button on the household', String(controls));
  await shot(zhang.page, 'console-household-dispatcher');
  await axe(zhang.page, 'a household, read-only');
  await zhang.context.close();

  // An editor has no 住户; the address falls back to a page the editor has.
  const bian = await openPage(browser, server.url + '/staff/', desk);
  await signIn(bian.page, 'bian');
  await bian.page.locator('#nav a').first().waitFor();
  checks.check(await bian.page.locator('#nav').getByRole('link', { name: '住户' }).count() === 0, 'an editor has no 住户 in the navigation');
  for (const asked of ['#/households', `#/household/${id}`]) {
    await bian.page.goto(server.url + '/staff/' + asked);
    await bian.page.waitForFunction(() => !location.hash.startsWith('#/household'), null, { timeout: 5000 }).catch(() => {});
    checks.check(!bian.page.url().includes('#/household') && await bian.page.locator('#households, #card-details').count() === 0 &&
      await bian.page.getByRole('heading', { name: NAME }).count() === 0, `an editor asking for ${asked} is taken to a page of their own`, bian.page.url());
  }
  await bian.context.close();

  // An admin binds a new box with the phone of 周大爷, a member here already: the server says whose
  // member it is, and one press binds the box to that household instead of making a second one.
  const box = await api.post('/api/v1/devices', { kind: 'stb', serial: 'HOUSEHOLD-STB-2' }, staff);
  const admin = await openPage(browser, server.url + '/staff/#/devices', desk);
  await signIn(admin.page, 'tester');
  const row = admin.page.locator('tr', { hasText: 'HOUSEHOLD-STB-2' });
  await row.waitFor();
  await row.getByLabel('住户').fill('周家');
  await row.getByLabel('电话').fill('13912340001');
  await row.getByRole('button', { name: '绑定', exact: true }).click();
  await sees(admin.page.getByText('这个手机号已经是另一户的成员，请把机顶盒绑定到那一户。'), 'binding with a member\'s phone says it belongs to a household already');
  const joinButton = row.getByRole('button', { name: `绑定到已有的住户：${NAME}` });
  await sees(joinButton, 'and offers that household by name');
  await shot(admin.page, 'console-devices-join');
  await joinButton.click();
  await sees(admin.page.locator('tr', { hasText: 'HOUSEHOLD-STB-2' }).filter({ hasText: NAME }), 'one press binds the box to that household');
  const joined = (await api.get(`/api/v1/staff/households/${id}`, staff)).json;
  const all = (await api.get('/api/v1/staff/households?limit=200&q=' + encodeURIComponent('周家'), staff)).json.items;
  checks.check(box.status === 201 && joined.devices.some((d) => d.serial === 'HOUSEHOLD-STB-2') && all.length === 1,
    'the household has the box, and no second 周家 was made', JSON.stringify({ devices: joined.devices, households: all.map((x) => x.name) }));
  await axe(admin.page, 'the devices page with the offer');
  await admin.context.close();
} catch (e) {
  checks.check(false, 'the test ran to its end', e.stack);
  await li.page.screenshot({ path: join(outDir, 'console-households-failed.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  await server.stop();
}
process.exit(checks.summary());
