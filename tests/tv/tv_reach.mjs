// Whether a warning reached people, with real TV apps (issue 18), under Xvfb, remote keys:
// three boxes, two in one household (A and B) and one in another (C, through a proxy that can cut
// its network), and a third household without a box. A severe alert interrupts all three and each
// tells the server it was shown; OK on A confirms it, and B stops interrupting by itself (the
// household confirmed); C confirms while its network is down and the receipt arrives when the
// network is back; the reach figures say so; after the site's time only the household without a
// box is on the call list (the server's clock moved by --dev-clock, not waited for). Then the daily
// check-in: staff set it up for A and B's household, both boxes show 报平安 at once with the focus
// on it, one OK on A checks the household in, and B says 今天已报平安 too.
//   node tests/tv/tv_reach.mjs TVAPP SERVER DEMO_DIR
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { waitFor } from '../journeys/journeys.mjs';
import { startFaultProxy } from '../fault/fault_proxy.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, serverBinary, demoDir] = process.argv.slice(2);
if (!demoDir) {
  console.error('usage: node tv_reach.mjs TVAPP SERVER DEMO_DIR');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-reach-'));
const checks = new Checks();
const CALL_AFTER_S = 60;
writeFileSync(join(dir, 'config.json'), JSON.stringify({ alert_call_after_s: CALL_AFTER_S }));
const community = await startCommunity(serverBinary, demoDir, dir, { args: ['--config', join(dir, 'config.json'), '--dev-clock'] });
const { api, staffToken } = community;
const staff = { token: staffToken };
const proxy = await startFaultProxy(community.url);
// Each box in its own X server, as each is its own TV: a key goes to the box it is pressed on.
const boxes = {};
for (const [name, server] of [['A', community.url], ['B', community.url], ['C', proxy.url]]) {
  const xvfb = await startXvfb();
  const app = startTvApp(tvapp, ['--server', server, '--device', `REACH-TV-${name}`, '--enrolment-code', await community.enrolmentCode(),
    '--data-dir', join(dir, 'data-' + name)], { display: xvfb.display, report: join(dir, `report-${name}.json`) });
  boxes[name] = { app, xvfb, tv: remoteDriver(app, checks, name) };
}
const stopAll = async () => {
  for (const { app, xvfb } of Object.values(boxes)) await app.stop(), xvfb.stop();
  await proxy.close();
  await community.server.stop();
};

try {
  // Staff keep three households; the boxes are bound to the first two.
  const household = async (body) => (await api.post('/api/v1/staff/households', body, staff)).json.id;
  const home = await household({ name: '3 号楼 401 王家', phone: '13800000401', lives_alone: true });
  const other = await household({ name: '5 号楼 102 李家', phone: '13800000102' });
  const nobox = await household({ name: '7 号楼 203 赵家', phone: '010-66881234', special_attention: true });
  for (const [name, target] of [['A', home], ['B', home], ['C', other]]) {
    const registered = await waitFor(boxes[name].tv, (r) => r.account.device.id > 0, 20000);
    if (!checks.check(Boolean(registered), `box ${name} registers`)) throw new Error('a box did not register');
    const bound = await api.call('PUT', `/api/v1/staff/devices/${registered.account.device.id}/household`, { token: staffToken, body: { household_id: target } });
    checks.check(bound.status === 200, `staff bind box ${name} to its household`, String(bound.status));
  }
  // Binding ends a box's stream; each reconnects, now carrying its household's events.
  let connected = [];
  for (const end = Date.now() + 20000; Date.now() < end && connected.length < 3; await new Promise((r) => setTimeout(r, 250)))
    connected = (await api.get('/api/v1/staff/devices?q=REACH-TV', staff)).json.items.filter((d) => d.stream_connected && d.household);
  checks.check(connected.length === 3, 'the three boxes, bound, have their streams open again', connected.map((d) => d.serial).join(' '));
  // Whatever the demo's own severe alerts, confirmed first so that the new one is the one on screen.
  for (const { tv } of Object.values(boxes))
    for (let i = 0; i < 5; i++) {
      const r = await tv.report();
      if (r.interruption === null) break;
      await tv.key('ok');
      await waitFor(tv, (x) => x.interruption !== r.interruption, 5000);
    }

  const published = await community.publish({ msgType: 'Alert', colour_level: '红',
    info: [{ category: ['Met'], event: '暴雨', headline: '暴雨红色预警', instruction: '请留在家中，不要外出' }] });
  const alert = published.json.id;
  const reach = async () => (await api.get(`/api/v1/staff/alerts/${alert}/reach`, staff)).json;
  for (const name of ['A', 'B', 'C'])
    checks.check(Boolean(await waitFor(boxes[name].tv, (r) => r.interruption === alert, 15000)), `the alert interrupts box ${name}`);
  const until = async (predicate, ms = 15000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const now = await reach();
      if (predicate(now)) return now;
    }
    return reach();
  };
  let figures = await until((f) => f.shown === 2 && f.devices.shown === 3);
  checks.check(figures.shown === 2 && figures.devices.shown === 3 && figures.confirmed === 0,
    'each box told the server it showed the alert (2 households, 3 devices)', JSON.stringify({ ...figures, by_minute: undefined }));

  // OK on A: A confirms; B, in the same home, stops interrupting without a key.
  await boxes.A.tv.key('ok');
  checks.check(Boolean(await waitFor(boxes.A.tv, (r) => r.interruption !== alert, 5000)), 'OK on box A confirms the alert there');
  const bDone = await waitFor(boxes.B.tv, (r) => r.interruption !== alert, 15000);
  checks.check(Boolean(bDone), 'box B, in the same household, stops interrupting by itself');
  checks.check((await boxes.C.tv.report()).interruption === alert, 'box C, in another household, still interrupts');

  // C confirms while its network is down: the receipt waits, and arrives when the network is back.
  proxy.setMode('drop');
  await boxes.C.tv.key('ok');
  checks.check(Boolean(await waitFor(boxes.C.tv, (r) => r.interruption !== alert, 5000)), 'OK on box C confirms it on the screen at once, offline');
  await new Promise((r) => setTimeout(r, 3000));
  figures = await reach();
  checks.check(figures.confirmed === 1, 'while C is offline the server knows of one household confirmed', String(figures.confirmed));
  proxy.setMode('none');
  figures = await until((f) => f.confirmed === 2, 30000);
  checks.check(figures.confirmed === 2 && figures.devices.confirmed === 2,
    'the network back, C\'s receipt arrives: 2 households confirmed (A and C; B never pressed)', JSON.stringify({ ...figures, by_minute: undefined }));
  checks.check(figures.not_yet === figures.targeted - 2 && figures.targeted >= 3, 'the figures add up', `${figures.targeted} targeted`);

  // After the site's time, the household without a box is on the call list; the others are not.
  await api.post('/api/v1/dev/clock', { advance_s: CALL_AFTER_S + 1 });
  const list = (await api.get(`/api/v1/staff/follow-ups?kind=alert&alert_id=${alert}`, staff)).json.items;
  const ids = list.map((f) => f.household.id);
  checks.check(ids.includes(nobox) && !ids.includes(home) && !ids.includes(other),
    'the call list has the household no screen reached, not the two that confirmed', list.map((f) => f.household.name).join(', '));

  // The daily check-in (报平安), set up while the boxes run; the deadline is the end of the day.
  await api.post(`/api/v1/staff/households/${home}/consents`, { kind: 'check_in', given_by: '本人' }, staff);
  const plan = await api.call('PUT', `/api/v1/staff/households/${home}/check-in`, { token: staffToken, body: { deadline: '23:59' } });
  checks.check(plan.status === 200, 'staff set up the daily check-in for A and B\'s household', String(plan.status));
  for (const name of ['A', 'B']) {
    await boxes[name].tv.key('home');
    const shown = await waitFor(boxes[name].tv, (r) => r.screen === 'home' && r.nodes.some((n) => n.id === 'home.check_in' && n.visible), 15000);
    const seen = await boxes[name].tv.report();
    checks.check(Boolean(shown), `box ${name} shows 报平安 at once, without a restart`,
      `${seen.screen} ${seen.interruption} ${seen.account.device.bound} ${seen.data.stream_open} ${seen.nodes.filter((n) => n.id.startsWith('home')).map((n) => n.id).join(',')}`);
  }
  const focused = await waitFor(boxes.A.tv, (r) => r.nodes.some((n) => n.id === 'home.check_in' && n.focused), 5000);
  checks.check(Boolean(focused), 'the focus is on 报平安: one OK says it');
  await boxes.A.tv.key('ok');
  const said = await waitFor(boxes.A.tv, (r) => r.nodes.some((n) => n.id === 'home.checked_in' && n.label.startsWith('今天已报平安')), 10000);
  checks.check(Boolean(said), 'one OK on box A: 今天已报平安', said ? said.nodes.find((n) => n.id === 'home.checked_in').label : '');
  const alsoB = await waitFor(boxes.B.tv, (r) => r.nodes.some((n) => n.id === 'home.checked_in'), 10000);
  checks.check(Boolean(alsoB), 'box B, in the same household, says so too');
  const record = (await api.get(`/api/v1/staff/households/${home}`, staff)).json;
  checks.check(record.check_in.days[0].checked_in_at !== null, 'the server has the household\'s check-in for today');
  checks.check(!(await boxes.C.tv.report()).nodes.some((n) => n.id.startsWith('home.check')), 'box C\'s household does not check in: no button');
} catch (e) {
  checks.check(false, 'the test ran to its end', e.stack);
} finally {
  await stopAll();
}
process.exit(checks.summary());
