// 报平安 on a kiosk and in a browser (issue 18): a resident whose household checks in daily sees
// one large button at the top of home once signed in, presses it once (a tap, or arrows and OK),
// and it becomes one line; the community's staff see the day as checked in. Screen readers find the
// button by its name. The household is enrolled by staff beforehand (enrolForCheckIn, its id in
// driver.householdId), as in life.
import { client } from '../server/api_client.mjs';
import { activate, goHome, node, waitFor } from './journeys.mjs';

// Staff make the phone's owner a household that checks in daily: household, member, consent, plan.
export async function enrolForCheckIn(serverUrl, staffToken, phone, name) {
  const api = client(serverUrl);
  const as = { token: staffToken };
  const made = await api.post('/api/v1/staff/households', { name, phone, lives_alone: true, members: [{ name, phone }] }, as);
  if (made.status !== 201) throw new Error(`household for ${phone}: ${made.status} ${JSON.stringify(made.json)}`);
  const consent = await api.post(`/api/v1/staff/households/${made.json.id}/consents`, { kind: 'check_in', given_by: '本人' }, as);
  if (consent.status !== 201) throw new Error(`consent for ${phone}: ${consent.status} ${JSON.stringify(consent.json)}`);
  const plan = await api.call('PUT', `/api/v1/staff/households/${made.json.id}/check-in`, { ...as, body: { deadline: '23:59' } });
  if (plan.status !== 200) throw new Error(`check-in plan for ${phone}: ${plan.status} ${JSON.stringify(plan.json)}`);
  return made.json.id;
}

const above = (a, b) => a.rect[1] + a.rect[3] <= b.rect[1] + 1;

export async function checkIn(driver) {
  const { checks, name } = driver;
  const api = client(driver.serverUrl);
  await goHome(driver);
  const home = await waitFor(driver, (r) => r.screen === 'home' && node(r, 'home.check_in'), 8000);
  checks.check(home !== null, `${name}: a signed-in resident of an enrolled household sees 报平安 on home`);
  if (!home) return;
  const button = node(home, 'home.check_in');
  const tiles = home.nodes.filter((n) => n.id.startsWith('tile.'));
  checks.check(button.focusable && /报平安/.test(button.label) && tiles.length > 0 && tiles.every((t) => above(button, t)),
    `${name}: 报平安 is one button above the tiles, and says what it does`, `${button.label} at ${button.rect}`);
  const widest = Math.max(...tiles.map((t) => t.rect[0] + t.rect[2])) - Math.min(...tiles.map((t) => t.rect[0]));
  checks.check(button.rect[2] >= widest - 2 && button.rect[3] >= Math.min(...tiles.map((t) => t.rect[3])) * 0.5,
    `${name}: 报平安 is as wide as the tiles together, and tall`, `button ${button.rect}, tiles ${widest} wide`);
  if (driver.mirror) {
    // The mirror follows the drawn frame, which may come a little after the report.
    let aria = '';
    for (const end = Date.now() + 5000; Date.now() < end && !/button "报平安/.test(aria); await new Promise((r) => setTimeout(r, 100)))
      aria = await driver.mirror();
    checks.check(/button "报平安/.test(aria), `${name}: a screen reader finds the 报平安 button by its name`, aria.slice(0, 300));
  }
  await driver.shot('check-in');
  const id = driver.householdId;
  const before = await api.get(`/api/v1/staff/households/${id}`, { token: driver.staffToken });
  checks.check(before.status === 200 && before.json.check_in && before.json.check_in.days[0].checked_in_at === null,
    `${name}: staff see today not yet checked in`, JSON.stringify(before.json.check_in).slice(0, 200));
  await activate(driver, 'home.check_in');
  const done = await waitFor(driver, (r) => r.screen === 'home' && node(r, 'home.checked_in') && !node(r, 'home.check_in'), 8000);
  // One line, and the time of day alone (it is today's): 今天已报平安，上午10:15
  checks.check(done !== null && /^今天已报平安，(凌晨|早上|上午|中午|下午|晚上)?[0-9]{1,2}(:[0-9]{2}|点半|点)$/.test(node(done, 'home.checked_in').label),
    `${name}: one press, and the button becomes one line: 今天已报平安 and the time`, done ? node(done, 'home.checked_in').label : '');
  await driver.shot('checked-in');
  const after = await api.get(`/api/v1/staff/households/${id}`, { token: driver.staffToken });
  const today = after.json.check_in?.days[0];
  checks.check(after.status === 200 && today && typeof today.checked_in_at === 'string',
    `${name}: staff see the household checked in today`, JSON.stringify(today));
}
