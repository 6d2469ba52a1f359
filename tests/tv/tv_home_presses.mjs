// "Any home function is at most 2 presses from home" (ACCESSIBILITY.md), on the real TV app under
// Xvfb with real key presses. The functions are read from home's semantics tree, not listed here:
// every focusable item on home and the page it opens. For each, the presses a resident needs from
// home as the app starts: the number key shown on it (one press), or the arrows from the first
// focused item plus OK (one press each); the fewer counts, and it must be <= 2.
//   node tests/tv/tv_home_presses.mjs TVAPP SERVER DEMO_DIR
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { confirmAlerts, focusOn, node, waitFor } from '../journeys/journeys.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const MOST_PRESSES = 2;
const [tvapp, serverBinary, demoDir] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-presses-'));
const checks = new Checks();
const community = await startCommunity(serverBinary, demoDir, dir);
const xvfb = await startXvfb();
const app = startTvApp(tvapp, ['--server', community.url, '--data-dir', join(dir, 'data')],
  { display: xvfb.display, report: join(dir, 'report.json') });
const tv = remoteDriver(app, checks);
const destination = (r) => `${r.screen}/${r.arg}`;

// Home as the app shows it on start: the first item focused (moving there is not counted).
async function freshHome(firstId) {
  await tv.key('home');
  if (!(await waitFor(tv, (r) => r.screen === 'home' && r.interruption === null, 5000)))
    throw new Error('Home did not return to the home page');
  await focusOn(tv, firstId);
}

// Presses `key` on home and returns the page it opened (null if none opened in 5 s).
async function opened(key) {
  await tv.key(key);
  const r = await waitFor(tv, (x) => x.screen !== 'home', 5000);
  return r && destination(r);
}

try {
  const ready = await waitFor(tv, (r) => r.screen === 'home' && r.data.resources.alerts.freshness === 'current', 20000);
  checks.check(ready !== null, 'the TV app shows home with the alerts arrived');
  await confirmAlerts(tv);  // the demo's severe alert interrupts first; home is underneath
  const home = await waitFor(tv, (r) => r.screen === 'home' && r.interruption === null, 5000);
  const items = home ? home.nodes.filter((n) => n.focusable) : [];
  const first = home && home.nodes.find((n) => n.focused);
  // Eight tiles and the alert banner today; fewer than the eight tiles would mean the tree lost some.
  checks.check(items.length >= 8 && first, 'home lists its functions in the semantics tree',
    items.map((n) => n.label).join(' '));
  // Each item: where it leads, reached with arrows + OK, and whether its number key leads there too.
  const ways = new Map();  // destination -> [{ label, presses, how }]
  for (const item of items) {
    await freshHome(first.id);
    const arrows = await focusOn(tv, item.id);
    const target = await opened('ok');
    if (!target) {
      checks.check(false, `「${item.label}」 opens something with OK`);
      continue;
    }
    const found = ways.get(target) || [];
    found.push({ label: item.label, presses: arrows + 1, how: `${arrows} arrow key(s) + OK` });
    const badge = node(home, item.id + '.badge');
    if (badge) {
      await freshHome(first.id);
      const byNumber = await opened(badge.label);
      checks.check(byNumber === target, `「${item.label}」: its number key ${badge.label} opens what OK opens`,
        `${byNumber} vs ${target}`);
      if (byNumber === target) found.push({ label: item.label, presses: 1, how: `number key ${badge.label}` });
    }
    ways.set(target, found);
  }
  for (const [target, found] of ways) {
    const best = found.reduce((a, b) => (b.presses < a.presses ? b : a));
    checks.check(best.presses <= MOST_PRESSES, `「${best.label}」 (${target}) is ${best.presses} press(es) from home`,
      `${best.how}; at most ${MOST_PRESSES}`);
  }
  checks.check(ways.size > 0 && [...ways.values()].flat().length >= items.length, 'every home item was counted',
    `${items.length} items, ${ways.size} functions`);
} catch (e) {
  checks.check(false, 'home functions within two presses', e.stack);
} finally {
  await app.stop();
  await community.server.stop();
  xvfb.stop();
}
process.exit(checks.summary());
