// Keyword search in a resident's browser, typed through the text agent (a real input over the
// canvas, so the system's pinyin input method works): Chinese words find policies and guides,
// Backspace edits the words (it is Back only outside the input), Enter closes the input.
//   node tests/e2e/browser_search.mjs SITE_DIR
import { Checks, confirmAlerts, launch, openPage, report, serve, waitForState, waitReady } from './browser.mjs';

const [siteDir] = process.argv.slice(2);
const checks = new Checks();
const { server, url } = await serve(siteDir);
const browser = await launch();
try {
  const { page, errors } = await openPage(browser, url + '?surface=browser&open=search', { viewport: { width: 1280, height: 800 } });
  await waitReady(page);
  checks.check(await waitForState(page, () => window.elder.report().data.resources.policies.freshness === 'current', null, 15000),
    'the policies have arrived');
  await confirmAlerts(page);
  const box = (await report(page)).nodes.find((n) => n.id === 'search.keyword');
  checks.check(box && box.role === 'textbox', 'the search page has a keyword box (a text box in the tree)');
  await page.mouse.click(box.rect[0] + box.rect[2] / 2, box.rect[1] + box.rect[3] / 2);
  const agent = page.locator('#text-agent');
  // The app opens the input on the frame after the click: wait for it, do not look at once.
  const opened = await page.waitForFunction(() => {
    const e = document.getElementById('text-agent');
    return e && !e.hidden && e.getClientRects().length > 0 && e === document.activeElement;
  }, null, { timeout: 5000, polling: 50 }).then(() => true, () => false);
  checks.check(opened, 'clicking it opens a real input over it, focused');
  await page.keyboard.insertText('津贴');  // what an input method commits
  checks.check(await waitForState(page, () => window.elder.report().keyword === '津贴', null, 5000), 'the typed words reach the app');
  const rep = await report(page);
  const results = rep.nodes.filter((n) => n.id.startsWith('result.') && n.focusable).map((n) => n.label);
  checks.check(results.length > 0, 'results for 津贴', results.join(' / '));
  checks.check(results.includes('高龄老人津贴发放办法'), '高龄老人津贴发放办法 is found');
  await page.keyboard.press('Backspace');
  checks.check(await waitForState(page, () => window.elder.report().keyword === '津', null, 5000) &&
    (await report(page)).screen === 'search', 'Backspace edits the words and does not leave the page');
  await page.keyboard.press('Enter');
  checks.check(await waitForState(page, () => !window.elder.report().editing, null, 5000) && !(await agent.isVisible()),
    'Enter closes the input');
  await page.keyboard.press('Escape');
  checks.check(await waitForState(page, () => window.elder.report().screen === 'home', null, 5000),
    'outside the input Escape is Back again');
  const before = (await report(page)).focus;
  await page.keyboard.press('Tab');
  const tabbed = await waitForState(page, (f) => window.elder.report().focus === f + 1, before, 3000);
  await page.keyboard.press('Shift+Tab');
  const back = await waitForState(page, (f) => window.elder.report().focus === f, before, 3000);
  checks.check(tabbed && back, 'Tab moves to the next item and Shift+Tab back');
  checks.check(errors.length === 0, 'no console errors', errors.join(' | '));
} finally {
  await browser.close();
  server.close();
}
process.exit(checks.summary());
