// What a text node of the semantics tree really looks like in a screenshot: the colour behind it,
// its ink (the pixels far from that colour), how tall the ink is, its colour and its contrast. The
// semantics tree says what a widget meant to draw; this says what was drawn.
import { readFileSync } from 'node:fs';
import { decodePng } from '../e2e/png.mjs';

export const HAN = /\p{Script=Han}/gu;

// WCAG 2.2 relative luminance and contrast ratio.
export function luminance([r, g, b]) {
  const lin = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
export const hexColour = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
export const colourHex = (c) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('').toUpperCase();
const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

export function loadImage(file) {
  return decodePng(readFileSync(file));
}

// A pixel is ink when it is at least this share of the farthest pixel's distance from the
// background: glyph bodies are in, the faint antialiased fringe is out.
const INK_SHARE = 0.5;
// The ink's colour is that of its farthest cluster (stroke cores), not of antialiased edges.
const CORE_SHARE = 0.85;
// Nothing at all was drawn when no pixel is this far from the background (text in the colour of
// what is behind it); the closest two colours the product draws next to each other, the high-contrast
// tile on black, are 45 apart.
const NOTHING = 24;

// Device-pixel bounds of a layout rect: everything the rect touches.
function bounds([x, y, w, h], scale, image) {
  return {
    x0: Math.max(0, Math.floor(x * scale)), y0: Math.max(0, Math.floor(y * scale)),
    x1: Math.min(image.width, Math.ceil((x + w) * scale)), y1: Math.min(image.height, Math.ceil((y + h) * scale)),
  };
}

// Measures `node` in `image` (a decoded PNG). `scale`: device pixels per layout unit (the device
// pixel ratio on the web). `masks`: rects of other nodes drawn inside this one (a tile's hint and
// number badge), left out. `lineStep`: layout units from one line of text to the next (0: one line).
// `radius`: the box's rounded corners (layout units); what lies outside them (the page, a focus
// ring's curve) is left out.
// Returns { bg, ink, contrast, inkHeight (device px, the tallest line), lines, edge } where `edge`
// names the sides of the box that ink touches.
export function measure(image, node, scale, { masks = [], lineStep = 0, radius = 0 } = {}) {
  const b = bounds(node.rect, scale, image);
  const masked = masks.map((m) => bounds(m, scale, image));
  const r = radius * scale;
  const inCorner = (x, y) => {
    const cx = x < b.x0 + r ? b.x0 + r : x >= b.x1 - r ? b.x1 - r : null;
    const cy = y < b.y0 + r ? b.y0 + r : y >= b.y1 - r ? b.y1 - r : null;
    return cx !== null && cy !== null && Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r;
  };
  const inside = (x, y) => !inCorner(x, y) &&
    !masked.some((m) => x >= m.x0 - 1 && x < m.x1 + 1 && y >= m.y0 - 1 && y < m.y1 + 1);
  const { width, channels, pixels } = image;
  const at = (x, y) => { const o = (y * width + x) * channels; return [pixels[o], pixels[o + 1], pixels[o + 2]]; };
  const counts = new Map();
  for (let y = b.y0; y < b.y1; y++) {
    for (let x = b.x0; x < b.x1; x++) {
      if (!inside(x, y)) continue;
      const o = (y * width + x) * channels;
      const key = (pixels[o] << 16) | (pixels[o + 1] << 8) | pixels[o + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  let bgKey = 0, most = -1;
  for (const [k, n] of counts) if (n > most) { most = n; bgKey = k; }
  const bg = [bgKey >> 16, (bgKey >> 8) & 255, bgKey & 255];
  let far = 0;
  for (const k of counts.keys()) far = Math.max(far, distance(bg, [k >> 16, (k >> 8) & 255, k & 255]));
  if (far < NOTHING) return { bg, ink: null, contrast: 1, inkHeight: 0, lines: [], edge: [] };

  const core = [0, 0, 0];
  let cores = 0;
  const rows = new Set();
  const edge = new Set();
  for (let y = b.y0; y < b.y1; y++) {
    for (let x = b.x0; x < b.x1; x++) {
      if (!inside(x, y)) continue;
      const c = at(x, y);
      const d = distance(bg, c);
      if (d < far * INK_SHARE) continue;
      rows.add(y);
      if (x === b.x0) edge.add('left');
      if (x === b.x1 - 1) edge.add('right');
      if (y === b.y0) edge.add('top');
      if (y === b.y1 - 1) edge.add('bottom');
      if (d >= far * CORE_SHARE) { core[0] += c[0]; core[1] += c[1]; core[2] += c[2]; cores++; }
    }
  }
  const ink = core.map((v) => v / cores);
  // Ink height per line of text: the rows with ink within each line's band.
  const step = lineStep > 0 ? lineStep * scale : b.y1 - b.y0;
  const lines = [];
  for (let top = b.y0; top < b.y1; top += step) {
    const band = [...rows].filter((y) => y >= top && y < top + step);
    if (band.length) lines.push(Math.max(...band) - Math.min(...band) + 1);
  }
  return { bg, ink, contrast: contrast(ink, bg), inkHeight: Math.max(0, ...lines), lines, edge: [...edge] };
}
