// Characters outside GB 2312 on the TV, as staff publish them: names (玥 喆 堃 镕 旻 昇), the rarest
// of the 通用规范汉字表 (㑇 in Extension A, 𠙶 beyond U+FFFF, 鿏 and 鿰 late in the block) and one
// outside the list (丂), in a policy, a severe alert, a household's name and a staff note. Each shows
// with `missing_glyphs` empty: the tier that holds it is read from disk when it first shows. 㐀
// (Extension A, not in the list) is in no font: it is drawn as the box the base font draws for
// U+FFFD (the size of a hanzi), never as "?", and counted.
//   node tests/tv/tv_rare_characters.mjs TVAPP SERVER DEMO_DIR OUTPUT_DIR
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { loadImage } from '../render/ink.mjs';
import { activate, node, waitFor } from '../journeys/journeys.mjs';
import { NOTE, RAREST, checkPolicyShown, publishRareContent, settledOn as shownWhenSettled } from '../journeys/rare_characters.mjs';
import { startCommunity } from './tv_community.mjs';
import { remoteDriver, startTvApp, startXvfb } from './tv_process.mjs';

const [tvapp, serverBinary, demoDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'elder-tv-rare-'));
const checks = new Checks();
const community = await startCommunity(serverBinary, demoDir, dir);
const { api } = community;
const xvfb = await startXvfb();
const screenshot = join(dir, 'frame.png');
let app = null;

// The TV app on `page` (its --open), drawing every frame to `screenshot`.
const start = async (page, extra = []) => {
  if (app) await app.stop();
  rmSync(join(dir, 'report.json'), { force: true });  // nothing read from the app before
  app = startTvApp(tvapp, ['--server', community.url, '--device', 'RARE-STB-1', '--data-dir', join(dir, 'tv-data'),
    '--screenshot', screenshot, '--screenshot-every-frame', '--open', page, ...extra], { display: xvfb.display, report: join(dir, 'report.json') });
  return remoteDriver(app, checks);
};
// The settled report, and the screenshot of that frame written (the report follows the picture).
const settledOn = async (tv, ready, what) => {
  const r = await shownWhenSettled(tv, ready, what, () => `, log: ${app.log()}`);
  return (await app.settled()) || r;
};
const shot = (name) => copyFileSync(screenshot, join(outDir, `tv-rare-${name}.png`));
const missing = (r) => JSON.stringify(r.missing_glyphs);

try {
  // Staff write a policy naming the volunteers (one person writes, another publishes) and a severe alert.
  const { policy: published, alert } = await publishRareContent(api, { author: community.staffToken, approver: community.server.reviewerToken });
  checks.check(published.status === 200, 'a policy with names outside GB 2312 is published', `${published.status} ${JSON.stringify(published.json?.detail)}`);
  const policyId = published.json.target_id;
  checks.check(alert.status === 201, 'a severe alert with them is published', String(alert.status));

  // The box starts on the policy; the severe alerts interrupt first. Ours is drawn whole.
  let tv = await start(`policy_detail/${policyId}`, ['--enrolment-code', await community.enrolmentCode()]);
  for (let i = 0; i < 4; i++) {
    const r = await waitFor(tv, (x) => x.interruption !== undefined && x.data.resources.alerts.freshness === 'current', 20000);
    if (r.interruption === null) break;
    if (r.interruption === alert.json.id) {
      const shown = await settledOn(tv, (x) => x.interruption === alert.json.id, 'the severe alert');
      checks.check(shown.missing_glyphs.length === 0, 'the severe alert shows every character', missing(shown));
      shot('alert');
    }
    await tv.key('ok');
    await waitFor(tv, (x) => x.interruption !== r.interruption, 5000);
  }

  const policy = await settledOn(tv, (x) => x.screen === 'policy_detail' && x.nodes.some((n) => n.label.includes(RAREST)), 'the policy');
  shot('policy');
  checkPolicyShown(checks, 'tv', policy, loadImage(screenshot));

  // Staff bind the box to a household whose name holds them; the booking step shows it.
  const registered = await waitFor(tv, (r) => r.account.device.id > 0, 15000);
  const bound = await community.bind(registered.account.device.id, { household_name: `3 号楼 赵昇 王玥家`, phone: '13800000019' });
  checks.check(bound.status === 200, 'staff bind the box to a household named with them', String(bound.status));
  tv = await start('book_who/1');
  const who = await settledOn(tv, (x) => x.screen === 'book_who' && node(x, 'booking.who.name')?.label.includes('赵昇 王玥家'), "the household's name");
  checks.check(who.missing_glyphs.length === 0, "the booking step shows the household's name whole", missing(who));
  shot('household');

  // An SOS from the box; the desk writes a note with them; 我的求助 shows it.
  tv = await start('sos');
  await waitFor(tv, (r) => r.screen === 'sos' && node(r, 'sos.start'), 15000);
  await activate(tv, 'sos.start');
  await waitFor(tv, (r) => r.screen === 'sos_confirm', 5000);
  await activate(tv, 'sos.confirm');
  const sent = await waitFor(tv, (r) => r.screen === 'help_sent' && node(r, 'help.ticket'), 10000);
  const ticket = node(sent, 'help.ticket').label.split(' ').pop();
  const queue = await api.get('/api/v1/staff/help-requests', { token: community.staffToken });
  const request = queue.json.items.find((x) => x.ticket === ticket);
  const noted = await api.call('PATCH', `/api/v1/staff/help-requests/${request.id}`,
    { token: community.staffToken, body: { status: 'accepted', note: NOTE } });
  checks.check(noted.status === 200, 'the desk writes the household a note with them', `${noted.status} ${JSON.stringify(noted.json)}`);
  tv = await start('my_requests');
  const requests = await settledOn(tv, (x) => x.screen === 'my_requests' && x.nodes.some((n) => n.label.includes('马上到')), 'the note');
  checks.check(requests.missing_glyphs.length === 0, "the staff note shows whole in 我的求助", missing(requests));
  shot('note');
} catch (e) {
  checks.check(false, 'the rare-character journey ran to its end', e.stack);
} finally {
  if (app) await app.stop();
  xvfb.stop();
  await community.server.stop();
}
console.log(`screenshots: ${outDir}`);
process.exit(checks.summary());
