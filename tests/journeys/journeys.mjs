// The three journeys of issue 5, written once for every surface: open a policy and read it to the
// end; find a service guide by pinyin initials; change the text size. A driver supplies the
// surface's way of acting: remote keys (TV), taps and swipes (kiosk), keys and the wheel (browser).
//   driver: { name, mode: 'remote' | 'touch' | 'keyboard', report(), key(k), tap(x, y),
//             swipeUp(), swipeDown(), shot(name) -> file, checks }
// Keys are named abstractly: up, down, left, right, ok, back, page_down. shot(name) returns the
// screenshot's file, whose QR codes are read back with zbarimg.
import { decodeQr } from '../e2e/qr.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(driver, predicate, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await driver.report();
    if (r && predicate(r)) return r;
    if (Date.now() > end) return null;
    await sleep(50);
  }
}

export const node = (r, id) => r.nodes.find((n) => n.id === id);
const focused = (r) => r.nodes.find((n) => n.focused);

// Remote and keyboard: walk the focus to `id` with arrow keys, the way a resident would; returns
// how many keys that took.
export async function focusOn(driver, id) {
  for (let i = 0; i < 60; i++) {
    const r = await driver.report();
    const at = focused(r), target = node(r, id);
    if (!target) throw new Error(`${driver.name}: no node ${id} on ${r.screen}`);
    if (at && at.id === id) return i;
    const [ax, ay, aw, ah] = at ? at.rect : [0, 0, 0, 0];
    const [tx, ty, tw, th] = target.rect;
    const key = ty >= ay + ah ? 'down' : ty + th <= ay ? 'up' : tx + tw <= ax ? 'left' : 'right';
    const before = JSON.stringify([r.focus, r.scroll]);
    await driver.key(key);
    await waitFor(driver, (n) => JSON.stringify([n.focus, n.scroll]) !== before, 3000);
  }
  const r = await driver.report();
  throw new Error(`${driver.name}: could not reach ${id} with arrows (stuck on ${(focused(r) || {}).id} of ${r.screen})`);
}

// Touch: the item's centre on screen, swiping to it as a resident scrolls to a button below the
// fold (a phone's screen holds less of a page than a kiosk's).
async function reachByTouch(driver, id) {
  // Its middle where the page shows it: not behind the pinned title bar or 下面还有, where a tap
  // lands on them instead.
  const onScreen = (r) => {
    const n = node(r, id);
    if (!n || !n.visible) return false;
    const [, top, , height] = n.fixed || !r.scroll_area ? r.viewport : r.scroll_area;
    const middle = n.rect[1] + n.rect[3] / 2;
    return middle >= top && middle <= top + height;
  };
  for (let i = 0; i < 20; i++) {
    if (!(await waitFor(driver, (x) => node(x, id), 5000))) break;
    const r = await waitFor(driver, onScreen, 500);
    if (r) return r;
    const now = await driver.report();
    if (!node(now, id) || !driver.swipeUp) break;
    const area = now.scroll_area || now.viewport;
    await (node(now, id).rect[1] > area[1] ? driver.swipeUp() : driver.swipeDown());
  }
  const r = await driver.report();
  const n = node(r, id);
  throw new Error(`${driver.name}: ${id} is not on screen (${r.screen}${n ? `: at ${n.rect}, visible ${n.visible}` : ': no such item'})`);
}

// Uses the item `id` as a resident of this surface would: arrows + OK, or a tap on it.
export async function activate(driver, id) {
  if (driver.mode === 'touch') {
    const r = await reachByTouch(driver, id);
    const [x, y, w, h] = node(r, id).rect;
    await driver.tap(x + w / 2, y + h / 2);
  } else {
    await focusOn(driver, id);
    await driver.key('ok');
  }
}

// Brings `id` on screen the surface's way (swipes; Page Down or Down on the others) so that a
// screenshot shows it; throws if it cannot.
export async function showOnScreen(driver, id) {
  for (let i = 0; i < 20; i++) {
    const r = await waitFor(driver, (x) => node(x, id), 5000);
    if (!r) throw new Error(`${driver.name}: no ${id} on the page`);
    if (node(r, id).visible) return;
    if (driver.mode === 'touch') await driver.swipeUp();
    else await driver.key(driver.mode === 'keyboard' ? 'page_down' : 'down');
    await waitFor(driver, (x) => x.scroll !== r.scroll || (node(x, id) || {}).visible, 2000);
  }
  throw new Error(`${driver.name}: ${id} could not be brought on screen`);
}

// Remote only: the page opened with the focus on its forward action (`id`, or the first node whose
// id starts with `prefix` when `id` ends with '*'), not on 返回. Waits for the focus to settle (it
// lands a frame after the page is first drawn), so that the screenshot taken next shows the ring.
export async function expectFocus(driver, id, what) {
  if (driver.mode !== 'remote') return null;
  const wanted = (n) => (id.endsWith('*') ? n.id.startsWith(id.slice(0, -1)) : n.id === id);
  const r = await waitFor(driver, (x) => x.nodes.some((n) => n.focused && wanted(n)), 3000);
  const now = r || (await driver.report());
  const at = now.nodes.find((n) => n.focused);
  driver.checks.check(r !== null && at.visible, `${driver.name}: ${what}`, at ? `focused: ${at.id}` : 'nothing focused');
  return r;
}

export async function expectScreen(driver, screen, arg, what) {
  const r = await waitFor(driver, (x) => x.screen === screen && (arg === undefined || x.arg === arg));
  driver.checks.check(r !== null, `${driver.name}: ${what}`);
  return r;
}

// The demo's severe alert interrupts until confirmed: the resident reads it and presses 我知道了.
export async function confirmAlerts(driver) {
  for (let i = 0; i < 5; i++) {
    const r = await driver.report();
    if (r.interruption === null || r.interruption === undefined) return;
    if (driver.mode === 'touch') await activate(driver, 'interrupt.ack');
    else await driver.key('ok');
    await waitFor(driver, (x) => x.interruption !== r.interruption, 3000);
  }
}

export async function goHome(driver) {
  await confirmAlerts(driver);
  for (let i = 0; i < 6; i++) {
    // A step just taken may still be moving the app (a cancel that goes home by itself): wait for a
    // screen with a way back, or home drawn (the report names the new route before its first frame
    // has drawn it: its nodes are still the last page's).
    const r = await waitFor(driver, (x) => (x.screen === 'home' && node(x, 'home.date')) || (x.screen !== 'home' && node(x, 'page.back')), 5000) ||
      await driver.report();
    if (r.screen === 'home') return;
    if (driver.mode === 'touch') await activate(driver, 'page.back');
    else await driver.key('back');
    await waitFor(driver, (x) => x.screen !== r.screen || x.arg !== r.arg, 3000);
  }
}

export async function readPolicyToTheEnd(driver) {
  await goHome(driver);
  await activate(driver, 'tile.policies');
  await expectScreen(driver, 'policies', undefined, 'opens 政策资讯');
  await waitFor(driver, (r) => node(r, 'category.yanglao'));
  await activate(driver, 'category.yanglao');
  await expectScreen(driver, 'policy_list', 'yanglao', 'opens the 养老 policies');
  await waitFor(driver, (r) => r.nodes.some((n) => n.focusable && /^policy\.[0-9]+$/.test(n.id)));
  await expectFocus(driver, 'policy.*', 'the policy list opens on its first policy, not on 返回');
  await driver.shot('policy-list');
  // The longest demo policy: twelve articles, more than a screen on every surface.
  const list = await waitFor(driver, (r) => r.nodes.some((n) => n.focusable && n.label === '高龄老人津贴发放办法'));
  const first = list.nodes.find((n) => n.focusable && n.label === '高龄老人津贴发放办法');
  await activate(driver, first.id);
  const detail = await expectScreen(driver, 'policy_detail', first.id.slice('policy.'.length), `opens 「${first.label}」`);
  if (!detail) return;
  await waitFor(driver, (r) => node(r, 'policy.body.0'));
  await expectFocus(driver, 'page.read', 'a policy opens on 朗读, not on 字小一点');
  await driver.shot('policy-top');
  // Read on until 全文完 is on screen.
  for (let i = 0; i < 40; i++) {
    const r = await driver.report();
    if (node(r, 'policy.end') && node(r, 'policy.end').visible) break;
    if (driver.mode === 'touch') await driver.swipeUp();
    else await driver.key(driver.mode === 'keyboard' ? 'page_down' : 'down');
    await waitFor(driver, (x) => x.scroll !== r.scroll || (node(x, 'policy.end') || {}).visible, 2000);
  }
  const end = await waitFor(driver, (r) => node(r, 'policy.end') && node(r, 'policy.end').visible, 3000);
  driver.checks.check(end !== null, `${driver.name}: read the policy to 全文完`, end ? `scrolled ${end.scroll.toFixed(0)} px` : '');
  await driver.shot('policy-end');
  if (driver.mode === 'touch') {  // 返回 is at the top of the page: swipe back up to it
    for (let i = 0; i < 40 && (await driver.report()).scroll > 0; i++) await driver.swipeDown();
    await activate(driver, 'page.back');
  } else {
    await driver.key('back');
  }
  await expectScreen(driver, 'policy_list', 'yanglao', 'Back returns to the list');
  const back = await waitFor(driver, (r) => !node(r, first.id + '.marker'), 3000);
  driver.checks.check(back !== null, `${driver.name}: the policy is no longer marked 新`);
}

export async function findGuideByInitials(driver) {
  await goHome(driver);
  await activate(driver, 'tile.guides');
  await expectScreen(driver, 'guides', undefined, 'opens 办事指南');
  await activate(driver, 'guides.search');
  await expectScreen(driver, 'search', undefined, 'opens 按拼音首字母找');
  for (const letter of 'YLJZ') await activate(driver, 'search.key.' + letter);
  const found = await waitFor(driver, (r) => node(r, 'result.guide.1') && node(r, 'search.query').label.endsWith('YLJZ'));
  driver.checks.check(found && node(found, 'search.query').label.endsWith('YLJZ') && node(found, 'result.guide.1').label === '养老金资格认证',
    `${driver.name}: Y L J Z finds 养老金资格认证`);
  await driver.shot('search-results');
  await activate(driver, 'result.guide.1');
  await expectScreen(driver, 'guide_detail', '1', 'opens the guide');
  await waitFor(driver, (r) => node(r, 'guide.steps.0'));
  await driver.shot('guide');
  // 扫码到手机: the QR code drawn on screen must decode to the guide's link.
  await activate(driver, 'guide.qr');
  await expectScreen(driver, 'guide_qr', '1', 'opens 扫码到手机');
  const shown = await waitFor(driver, (r) => node(r, 'qr.code') && node(r, 'qr.code').visible);
  // The server advertises no public address here: the code carries the one the app reached it at.
  const link = `${driver.serverUrl}/?surface=browser&open=guide_detail/1`;
  const decoded = decodeQr(await driver.shot('guide-qr'));
  driver.checks.check(shown && decoded === link, `${driver.name}: the QR code on screen decodes to the guide's link`,
    `decoded "${decoded}", expected "${link}"`);
  const raw = shown ? shown.nodes.filter((n) => n.role !== 'image' && /http|surface=/.test(n.label)) : [];
  driver.checks.check(shown && raw.length === 0, `${driver.name}: no raw link on the QR page`, raw.map((n) => n.label).join(' | '));
}

export async function changeTextSize(driver) {
  await goHome(driver);
  const before = (await driver.report()).nodes.find((n) => n.id === 'home.date').text_px;
  await activate(driver, 'tile.settings');
  await expectScreen(driver, 'settings', undefined, 'opens 设置');
  await activate(driver, 'settings.size.2');
  const larger = await waitFor(driver, (r) => r.settings.text_size === 2);
  driver.checks.check(larger !== null, `${driver.name}: 特大 chosen`);
  await driver.shot('settings-largest');
  await goHome(driver);
  const home = await waitFor(driver, (r) => r.screen === 'home');
  const after = node(home, 'home.date').text_px;
  driver.checks.check(Math.abs(after / before - 1.6) < 0.01, `${driver.name}: home text is 1.6x larger`, `${before} -> ${after} px`);
  await driver.shot('home-largest');
  // Back to normal for the next journey.
  await activate(driver, 'tile.settings');
  await expectScreen(driver, 'settings', undefined, 'opens 设置 again');
  await activate(driver, 'settings.size.0');
  driver.checks.check(await waitFor(driver, (r) => r.settings.text_size === 0) !== null, `${driver.name}: back to 标准`);
}

export const JOURNEYS = [readPolicyToTheEnd, findGuideByInitials, changeTextSize];
