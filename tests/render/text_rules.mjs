// ACCESSIBILITY.md's text numbers held to what was drawn: for every visible text node of a screen,
// its ink is measured in the screenshot (ink.mjs) and must be tall enough, contrast enough with
// what is behind it, stay inside its box, and agree with what the semantics tree declares (so a
// wrong size passed to ImGui, a colour not applied or a cut-off label fails even when the declared
// numbers are right).
import { HAN, colourHex, contrast, hexColour, measure } from './ink.mjs';

// How tall the project's font (assets/fonts/elder-cjk.ttf, from WenQuanYi Micro Hei) inks a line of
// Chinese, as a share of the size ImGui is given. Measured once on the TV app at 1920x1080 (40, 56
// and 64 px, 180 lines of demo text): the tallest glyphs of a line ink 0.75 (返回) to 0.82 (a line
// with full-width brackets) of the size, median 0.79.
export const HAN_INK = 0.79;
// Lines differ by their characters (see above): +-0.045 of the size; and where antialiasing crosses
// the ink threshold moves each edge of the ink by up to a device pixel.
const HAN_SPREAD = 0.045;
const EDGE_PX = 2;

// The floors of ACCESSIBILITY.md per surface (TV numbers are for 1080p; a 720p box scales them, as
// the app does), times the resident's text size.
const FLOORS = { tv: { body: 40, heading: 56 }, kiosk: { body: 36, heading: 48 }, browser: { body: 20, heading: 28 } };
const TEXT_SCALE = [1, 1.3, 1.6];  // shared/core/settings.cpp: 标准, 大, 特大

export function floors(report) {
  const f = FLOORS[report.surface];
  const display = report.surface === 'tv' ? Math.min(report.display[0] / 1920, report.display[1] / 1080) : 1;
  const s = TEXT_SCALE[report.settings.text_size] * display;
  return { body: f.body * s, heading: f.heading * s, heading_at: f.heading * display };
}

// Drawn by text_line / text_block: the box is the text's own, one line every 1.5 x its size.
const TEXT_ROLES = new Set(['text', 'heading', 'status']);
const CORNER = 16;  // widgets.cpp: tiles' corner radius (list rows and cards use less)
const within = (inner, outer) => inner[0] >= outer[0] - 0.5 && inner[1] >= outer[1] - 0.5 &&
  inner[0] + inner[2] <= outer[0] + outer[2] + 0.5 && inner[1] + inner[3] <= outer[1] + outer[3] + 0.5;

// The text nodes wholly on screen, each with the nodes drawn inside it. A box whose words are drawn
// by the nodes inside it (a list row's title, a card's lines) is measured through those.
// Where a node can show: the whole view for what stays put (the pinned title bar, 下面还有), the
// scrolled part of the page (under the title bar, above 下面还有) for the rest.
const areaOf = (report, n) => (n.fixed || !report.scroll_area ? report.viewport : report.scroll_area);

export function textNodes(report) {
  const shown = report.nodes.filter((n) => n.visible && n.role !== 'image' && n.label.trim() !== '' &&
    within(n.rect, areaOf(report, n)));
  return shown.map((n) => ({ node: n, inner: shown.filter((m) => m !== n && within(m.rect, n.rect)) }))
    .filter(({ node, inner }) => !inner.some((m) => node.label.includes(m.label)));
}

const scaleOf = (image, report) => image.width / report.display[0];

// Nodes that the edge of the viewport cuts: fine where the page scrolls on to them, a defect where it
// cannot (an overlay does not scroll; nothing scrolls sideways).
export function cutOff(report) {
  const below = Math.max(0, report.max_scroll - report.scroll), above = report.scroll;
  return report.nodes.filter((n) => n.visible && !within(n.rect, areaOf(report, n))).filter((n) => {
    const [vx, vy, vw, vh] = areaOf(report, n), [x, y, w, h] = n.rect;
    const moves = !n.fixed;  // what stays put cannot be scrolled into view
    return x < vx - 0.5 || x + w > vx + vw + 0.5 || y + h - (vy + vh) > (moves ? below : 0) + 0.5 ||
      vy - y > (moves ? above : 0) + 0.5;
  });
}

// Measures every text node of `report` in `image`; returns one entry per node.
export function measureScreen(image, report) {
  const scale = scaleOf(image, report);
  return textNodes(report).map(({ node, inner }) => ({
    node,
    m: measure(image, node, scale, {
      masks: inner.map((n) => n.rect),
      lineStep: TEXT_ROLES.has(node.role) ? node.text_px * 1.5 : 0,
      radius: TEXT_ROLES.has(node.role) ? 0 : CORNER,
    }),
  }));
}

// The checks, each over all nodes of the screen; `what` names the screen in the messages.
export function checkScreen(checks, what, image, report) {
  const scale = scaleOf(image, report);
  checks.check(Math.abs(image.height / report.display[1] - scale) < 0.01 && scale >= 1,
    `${what}: the screenshot is the display at a device pixel ratio`, `${image.width}x${image.height} for ${report.display.join('x')}`);
  const f = floors(report);
  const hc = report.settings.high_contrast;
  const measured = measureScreen(image, report);
  const bad = { ink: [], contrast: [], colour: [], size: [], floor: [], box: [] };
  const say = (n, text) => `${n.id} '${n.label.slice(0, 16)}' ${text}`;
  for (const { node: n, m } of measured) {
    if (!m.ink) { bad.ink.push(say(n, 'has no ink')); continue; }
    const fg = hexColour(n.fg), bg = hexColour(n.bg);
    const heading = n.text_px >= f.heading_at - 0.01 && !hc;
    const need = hc ? 12 : heading ? 4.5 : 7;
    if (m.contrast < need) bad.contrast.push(say(n, `${colourHex(m.ink)} on ${colourHex(m.bg)} = ${m.contrast.toFixed(2)}:1 < ${need}:1`));
    // Flat fills are drawn exactly; a stroke's core comes within a fifth of the way to the background.
    const far = Math.hypot(...fg.map((v, i) => v - bg[i]));
    const off = (a, b) => Math.hypot(...a.map((v, i) => v - b[i]));
    if (off(m.bg, bg) > 3 || off(m.ink, fg) > far * 0.2)
      bad.colour.push(say(n, `drawn ${colourHex(m.ink)} on ${colourHex(m.bg)}, declared ${n.fg} on ${n.bg}`));
    // A filled box (a tile, a button) must hold its words; a line of text must fit its line height
    // (its sides are the glyphs' advances, which some glyphs' ink may touch).
    const edge = TEXT_ROLES.has(n.role) ? m.edge.filter((e) => e === 'top' || e === 'bottom') : m.edge;
    if (edge.length) bad.box.push(say(n, `ink reaches the ${edge.join(', ')} edge of its box`));
    // Chinese lines only: Latin letters reach above and below Chinese characters (预约码 Q7J...).
    if ((n.label.match(HAN) || []).length >= 2 && !/[A-Za-z]/.test(n.label)) {
      const expected = HAN_INK * n.text_px * scale;
      const slack = HAN_SPREAD * n.text_px * scale + EDGE_PX;
      if (Math.abs(m.inkHeight - expected) > slack)
        bad.size.push(say(n, `ink ${m.inkHeight} px tall, ${n.text_px} px text inks ${expected.toFixed(1)} +- ${slack.toFixed(1)}`));
      const floor = n.role === 'heading' ? f.heading : f.body;
      const least = (HAN_INK - HAN_SPREAD) * floor * scale - EDGE_PX;
      if (m.inkHeight < least)
        bad.floor.push(say(n, `ink ${m.inkHeight} px tall, below ${least.toFixed(1)} px (${floor.toFixed(1)} px text)`));
    }
  }
  const count = `${measured.length} text nodes`;
  const report1 = (list, text) => checks.check(list.length === 0, `${what}: ${text}`, list.length ? list.join('; ') : count);
  report1(bad.ink, 'every text node was drawn');
  report1(bad.contrast, `ink against background >= ${hc ? '12:1' : '7:1 (4.5:1 at heading size)'}`);
  report1(bad.colour, 'drawn colours are the declared ones');
  report1(bad.size, 'Chinese ink height agrees with the declared text size');
  report1(bad.floor, `Chinese text at least ${f.body.toFixed(0)} px (headings ${f.heading.toFixed(0)} px)`);
  report1(bad.box, 'no text cut off or running out of its box');
  report1(cutOff(report).map((n) => `${n.id} '${n.label.slice(0, 16)}' at ${n.rect.map(Math.round).join(',')} is cut by the ` +
    `viewport ${report.viewport.map(Math.round).join(',')} (scroll ${report.scroll} of ${report.max_scroll})`),
    'everything on the screen can be seen whole (scrolling where the page scrolls)');
  return measured;
}
