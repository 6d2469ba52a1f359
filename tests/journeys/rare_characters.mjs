// Content staff publish with characters outside GB 2312, and the checks every surface's test makes
// on it (tests/tv/tv_rare_characters.mjs, tests/e2e/web_rare_characters.mjs): names (玥 喆 堃 镕 旻 昇), the rarest of the 通用规范汉字表 (㑇 in Extension A, 𠙶 beyond
// U+FFFF, 鿏 and 鿰 late in the block), one block character outside the list (丂), and 㐀
// (Extension A, not in the list), which no font of the app has: it must show as a counted box.
import { dayInChina } from '../server/api_client.mjs';
import { waitFor } from './journeys.mjs';

export const NAMES = '王玥、李喆、张堃、刘镕、陈旻、赵昇';
export const RAREST = '㑇家巷的𠙶大爷，鿏鿰丂';
export const NO_FONT = 'U+3400';  // 㐀, as missing_glyphs names it
export const TIERS = ['elder-cjk-common.ttf', 'elder-cjk-rare.ttf', 'elder-cjk-last.ttf', 'elder-cjk-rest.ttf'];

// A policy written by `author` and published by `approver` (two people), and a severe alert.
// The policy's body starts with 㐀 and U+FFFD side by side: the box drawn for one is the other.
export async function publishRareContent(api, { author, approver, publisher = author }) {
  const fields = { category_id: 'yanglao', title: `测试：志愿者${NAMES.slice(0, 8)}`, summary: `志愿者：${NAMES}。`,
    body: `㐀\uFFFD\n本季度的社区志愿者：${NAMES}。\n住在${RAREST}。`, issuer: '幸福里社区居委会', published_on: dayInChina(0) };
  const draft = await api.post('/api/v1/staff/drafts', { kind: 'policies', fields }, { token: author });
  await api.post(`/api/v1/staff/drafts/${draft.json.id}/submit`, undefined, { token: author });
  const policy = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: approver });
  const alert = await api.post('/api/v1/staff/alerts', { msgType: 'Alert', colour_level: '红', info: [{ category: ['Met'], event: '暴雨',
    headline: `测试：${NAMES.slice(0, 5)}家附近暴雨红色预警`, instruction: `请留在家中。${RAREST}。` }] }, { token: publisher });
  return { policy, alert };
}

// A staff note to the resident or household with them.
export const NOTE = `志愿者${NAMES}马上到。${RAREST}。`;

// The ink of the first two characters of a text node (㐀 and U+FFFD in the policy's body), in a
// decoded PNG: [first, second], in pixels' worth of full-colour ink. `scale`: device pixels per
// layout unit. Each pixel counts by how far it lies from the cells' most common colour (the page)
// towards the farthest (the text): a stroke split across two pixels by a fractional position
// counts the same as one on a whole pixel.
export function firstTwoCellsInk(image, node, scale = 1) {
  const [x, y] = node.rect;
  const advance = node.text_px * 2048 / 2401;  // a hanzi's width: the font's em is 0.853 of the line's size
  const at = (px, py) => {
    const i = (py * image.width + px) * image.channels;
    return [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]];
  };
  const cell = (x0) => {
    const points = [];
    for (let py = Math.round(y * scale); py < Math.round((y + node.text_px * 1.2) * scale); py++)
      for (let px = Math.round(x0 * scale); px < Math.round((x0 + advance) * scale); px++) points.push(at(px, py));
    return points;
  };
  const both = [cell(x), cell(x + advance)];
  const counts = new Map();
  for (const p of both.flat()) counts.set(p.join(), (counts.get(p.join()) || 0) + 1);
  const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
  const distance = (p) => Math.hypot(p[0] - bg[0], p[1] - bg[1], p[2] - bg[2]);
  const full = Math.max(...both.flat().map(distance));
  return both.map((points) => Math.round(points.reduce((sum, p) => sum + distance(p) / full, 0)));
}

// The report once `ready` holds, no frame is due and no font tier is on its way (its arrival would
// draw the screen again). `explain()` adds to the error when it never comes (the app's log).
export async function settledOn(driver, ready, what, explain = () => '') {
  const r = await waitFor(driver, (x) => ready(x) && x.settled && !x.fonts_pending, 20000);
  if (!r) throw new Error(`${what}: not shown (last report: screen ${(await driver.report())?.screen}${explain()})`);
  return r;
}

// The policy's page as every surface must show it: each character drawn but 㐀, counted; every tier
// loaded on the way; 㐀 drawn as the same box as U+FFFD. `image`: the decoded screenshot of `shown`;
// `scale`: its pixels per layout unit; `tiers`: the tier files as the surface names them (a web
// site's are named after their content).
export function checkPolicyShown(checks, name, shown, image, { scale = 1, tiers = TIERS } = {}) {
  checks.check(shown.missing_glyphs.length === 1 && shown.missing_glyphs[0] === NO_FONT,
    `${name}: the policy shows every name and rare character; only 㐀, in no font, is counted`, JSON.stringify(shown.missing_glyphs));
  checks.check(tiers.every((f) => shown.fonts[f] === 'loaded'), `${name}: each tier was loaded when its first character showed`,
    JSON.stringify(shown.fonts));
  const body = shown.nodes.find((n) => n.label.startsWith('㐀\uFFFD'));
  const [missingInk, boxInk] = firstTwoCellsInk(image, body, scale);
  checks.check(boxInk > body.text_px && Math.abs(missingInk - boxInk) <= boxInk * 0.1,
    `${name}: a character no font has is drawn as a visible box (the same ink as U+FFFD)`, `㐀 ${missingInk}, U+FFFD ${boxInk}`);
}
