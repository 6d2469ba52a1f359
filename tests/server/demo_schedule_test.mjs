// Issue 16 item 8: the demo's guides and the times it offers for booking agree. A guide says
// "周一至周五 8:30-12:00，13:30-17:00"; the server seeds bookable slots from the guide's schedule
// (server/demo_seed.cpp add_office_slots). A resident who reads the guide and then finds 这天不办理
// on a day it lists as open, or a time outside its hours, stops trusting both. Reads
// assets/demo/guides.json and asks the seeded server for every bookable guide's slots.
//   node tests/server/demo_schedule_test.mjs SERVER_BINARY DEMO_DIR
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';
import { client, dayInChina } from './api_client.mjs';
import { startServer } from './server_process.mjs';

const [binary, demoDir] = process.argv.slice(2);
const checks = new Checks();
const DAY = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0 };

// "周一至周五 8:30-12:00，13:30-17:00" or "每周二、周四 9:00-11:30": the weekdays (0 Sunday .. 6,
// as the server counts them) and the opening spans in minutes of the day.
export function parseHours(text) {
  const days = new Set();
  const range = text.match(/周([一二三四五六日天])至周([一二三四五六日天])/);
  if (range) for (let d = DAY[range[1]]; ; d = (d + 1) % 7) { days.add(d); if (d === DAY[range[2]]) break; }
  else for (const m of text.matchAll(/周([一二三四五六日天])/g)) days.add(DAY[m[1]]);
  const minutes = (hm) => { const [h, m] = hm.split(':').map(Number); return h * 60 + m; };
  const spans = [...text.matchAll(/(\d{1,2}:\d{2})-(\d{1,2}:\d{2})/g)].map((m) => [minutes(m[1]), minutes(m[2])]);
  return { days, spans };
}

const weekday = (date) => new Date(date + 'T12:00:00Z').getUTCDay();
const clock = (iso) => Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));

const dir = mkdtempSync(join(tmpdir(), 'elder-demo-schedule-'));
const server = await startServer(binary, ['--db', join(dir, 'd.db'), '--demo', '--demo-dir', demoDir, '--quiet']);
try {
  const api = client(server.url);
  const demo = JSON.parse(readFileSync(join(demoDir, 'guides.json'), 'utf8')).guides.filter((g) => g.bookable);
  checks.check(demo.length > 0, 'the demo has bookable guides');
  const served = (await api.get('/api/v1/guides?limit=100')).json.items;
  for (const guide of demo) {
    const name = guide.title;
    const { days, spans } = parseHours(guide.hours);
    checks.check(days.size > 0 && spans.length > 0, `${name}: its hours name days and times`, guide.hours);
    checks.check([...days].sort().join() === [...guide.schedule.weekdays].sort().join(),
      `${name}: the schedule's weekdays are the guide's`, `${guide.hours} vs ${guide.schedule.weekdays}`);
    const listed = served.find((g) => g.title === name);
    if (!checks.check(listed && listed.schedule_id, `${name}: served with its schedule`)) continue;
    const slots = (await api.get(`/api/v1/schedules/${listed.schedule_id}/slots?from=${dayInChina(1)}&to=${dayInChina(14)}`)).json.items;
    const outside = slots.filter((s) => !days.has(weekday(s.start.slice(0, 10))) ||
      !spans.some(([open, close]) => clock(s.start) >= open && clock(s.end) <= close));
    checks.check(slots.length > 0 && outside.length === 0, `${name}: every bookable time lies within the guide's hours`,
      outside.map((s) => s.start).join(' '));
    const bookedDays = new Set(slots.map((s) => s.start.slice(0, 10)));
    const closed = [];
    for (let d = 1; d <= 14; d++) if (days.has(weekday(dayInChina(d))) && !bookedDays.has(dayInChina(d))) closed.push(dayInChina(d));
    checks.check(closed.length === 0, `${name}: every day the guide lists as open can be booked (none says 这天不办理)`, closed.join(' '));
  }
} finally {
  await server.stop();
}
process.exit(checks.summary());
