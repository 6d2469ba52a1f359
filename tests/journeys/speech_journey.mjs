// Read-aloud on every surface, through a recording speech backend (the TV app's --speech-log, a
// wrapped speechSynthesis in Chromium): with 朗读 on in the settings, moving the focus says the
// focused item; 朗读 on a policy says the page's words sentence by sentence, in the order they are
// on the page; 停止 stops it.
//   driver (see journeys.mjs) plus: spoken() -> the utterances so far, oldest first
import { activate, expectScreen, focusOn, goHome, node, waitFor } from './journeys.mjs';

// The page's words in reading order, as the app splits them into sentences (。！？； and line breaks).
function sentences(report) {
  const out = [];
  for (const n of report.nodes) {
    if (!n.label || n.id.startsWith('reading.') || !['heading', 'text', 'status', 'alert'].includes(n.role)) continue;
    for (const s of n.label.split(/(?<=[。！？；\n])/)) if (s.replace(/[\s。！？；]/g, '')) out.push(s);
  }
  return out;
}

export async function readAloud(driver) {
  if (!driver.spoken) throw new Error(`${driver.name}: the driver cannot hear what is said (no spoken()): read-aloud cannot be checked`);
  await goHome(driver);
  await activate(driver, 'tile.settings');
  await expectScreen(driver, 'settings', undefined, 'opens 设置');
  await activate(driver, 'settings.voice.on');
  await waitFor(driver, (r) => r.settings.voice === true);
  await goHome(driver);

  if (driver.mode !== 'touch') {  // focus moves by keys: each move says the item now focused
    await focusOn(driver, 'tile.policies');
    const before = (await driver.spoken()).length;
    await driver.key('right');
    const moved = await waitFor(driver, (r) => r.nodes.some((n) => n.focused && n.id === 'tile.guides'), 3000);
    const said = await waitForSpeech(driver, before + 1);
    driver.checks.check(moved && said.at(-1) === '办事指南', `${driver.name}: moving the focus says the item: 办事指南`, said.at(-1));
  }

  await activate(driver, 'tile.policies');
  await expectScreen(driver, 'policies', undefined, 'opens 政策资讯');
  await activate(driver, 'category.yanglao');
  const list = await waitFor(driver, (r) => r.nodes.some((n) => n.focusable && n.id.startsWith('policy.')));
  const first = list.nodes.find((n) => n.focusable && n.id.startsWith('policy.'));
  await activate(driver, first.id);
  const page = await waitFor(driver, (r) => r.screen === 'policy_detail' && node(r, 'policy.end'), 8000);
  if (!page) return driver.checks.check(false, `${driver.name}: the policy opens`);
  const expected = sentences(page);
  if (driver.mode !== 'touch') await focusOn(driver, 'page.read');  // (saying 返回 and 朗读 on the way)
  const start = (await driver.spoken()).length;
  await activate(driver, 'page.read');
  const done = await waitFor(driver, (r) => r.reading.sentences > 0 && !r.reading.playing && r.reading.index >= r.reading.sentences, 20000);
  const said = (await driver.spoken()).slice(start);
  driver.checks.check(done !== null && done.reading.sentences === expected.length, `${driver.name}: 朗读 reads the page to its end`,
    `${said.length} said, ${expected.length} on the page`);
  const inOrder = expected.every((s, i) => said[i] === s);
  driver.checks.check(inOrder && said[0] === first.label, `${driver.name}: sentence by sentence, in the page's order, the title first`,
    said.slice(0, 3).join(' / '));
  await driver.shot('reading-done');

  // Read to the end, the first button says 从头读, and no second button says the same.
  const end = await driver.report();
  driver.checks.check(node(end, 'reading.toggle') && node(end, 'reading.toggle').label === '从头读' && !node(end, 'reading.restart'),
    `${driver.name}: at the end one button says 从头读`, node(end, 'reading.toggle') && node(end, 'reading.toggle').label);
  await activate(driver, 'reading.toggle');
  await waitFor(driver, (r) => r.reading.playing || r.reading.index > 0, 3000);
  await activate(driver, 'reading.stop');
  const stopped = await waitFor(driver, (r) => r.reading.sentences === 0, 3000);
  driver.checks.check(stopped !== null, `${driver.name}: 停止 ends the reading`);

  await goHome(driver);  // voice off again for whatever comes next
  await activate(driver, 'tile.settings');
  await expectScreen(driver, 'settings', undefined, 'opens 设置 again');
  await activate(driver, 'settings.voice.off');
  await waitFor(driver, (r) => r.settings.voice === false);
}

async function waitForSpeech(driver, count) {
  for (let i = 0; i < 60; i++) {
    const said = await driver.spoken();
    if (said.length >= count) return said;
    await new Promise((r) => setTimeout(r, 50));
  }
  return driver.spoken();
}
