// Words read back from a screenshot by tesseract (Debian's tesseract-ocr with tesseract-ocr-chi-sim),
// as a resident would read them: a node's box is cut out of the picture, turned into dark ink on
// white (tesseract reads light-on-dark text poorly) and enlarged to a size it reads reliably.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL = 'install it with scripts/setup.sh (apt-get install tesseract-ocr tesseract-ocr-chi-sim)';

// Throws, saying how to install what is missing, unless tesseract reads Chinese and English.
export function requireTesseract() {
  let langs;
  try {
    langs = execFileSync('tesseract', ['--list-langs'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().split(/\s+/);
  } catch (e) {
    throw new Error(`tesseract cannot run (${e.code || e.message}): ${INSTALL}`);
  }
  for (const lang of ['chi_sim', 'eng'])
    if (!langs.includes(lang)) throw new Error(`tesseract has no '${lang}' language: ${INSTALL}`);
}

// Text as compared: no spaces (tesseract puts them between Chinese characters), no punctuation
// (full- and half-width marks look alike), full-width letters and digits as ASCII, one case (the
// model reads the capital J of an appointment code as j now and then), and the letters that codes
// never hold (server/crypto.hpp: no O, I, B, S, Z) as the digits they look like: the model reads a
// code's 5 as S now and then, and a code has no S.
const LOOK_ALIKES = { o: '0', i: '1', b: '8', s: '5', z: '2' };
export const normalise = (text) => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase()
  .replace(/[oibsz]/g, (c) => LOOK_ALIKES[c]);

// Tesseract's Chinese model misreads a character now and then at one size and not at another (the
// TV's alert headline: read right at 28, 37 and 42 px, one character wrong at 47 or 56 px; an
// appointment code's J or 5 read as ) or S at some sizes), so each box is read at five character
// sizes, and the words count as read when one reading has them all: a model does not make up a
// whole sentence, or a code, that is not in the picture.
const TARGET_PX = [28, 34, 40, 46, 52];
const MARGIN = 16;

// The box `rect` (layout units) of `image` (decoded PNG, `scale` device px per unit) as a greyscale
// PGM with characters `target` px tall: the background `bg` white, the farthest ink black.
function cropToPgm(image, rect, scale, bg, textPx, target) {
  const k = target / (textPx * scale);  // output pixels per device pixel
  const [x0, y0] = [Math.floor(rect[0] * scale), Math.floor(rect[1] * scale)];
  const [w, h] = [Math.min(Math.ceil(rect[2] * scale), image.width - x0), Math.min(Math.ceil(rect[3] * scale), image.height - y0)];
  const { width, channels, pixels } = image;
  const dist = new Float32Array(w * h);
  let far = 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = ((y0 + y) * width + x0 + x) * channels;
      dist[y * w + x] = Math.hypot(pixels[o] - bg[0], pixels[o + 1] - bg[1], pixels[o + 2] - bg[2]);
      far = Math.max(far, dist[y * w + x]);
    }
  }
  const [ow, oh] = [Math.max(1, Math.round(w * k)), Math.max(1, Math.round(h * k))];
  const W = ow + 2 * MARGIN, H = oh + 2 * MARGIN;
  const out = Buffer.alloc(W * H, 255);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // The mean over the device pixels this output pixel covers (at least the one under it).
      const [sx0, sy0] = [Math.floor(x / k), Math.floor(y / k)];
      const [sx1, sy1] = [Math.max(sx0 + 1, Math.floor((x + 1) / k)), Math.max(sy0 + 1, Math.floor((y + 1) / k))];
      let sum = 0, n = 0;
      for (let sy = sy0; sy < Math.min(sy1, h); sy++) for (let sx = sx0; sx < Math.min(sx1, w); sx++) { sum += dist[sy * w + sx]; n++; }
      out[(y + MARGIN) * W + x + MARGIN] = 255 - Math.round(255 * Math.min(1, sum / Math.max(1, n) / far));
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${W} ${H}\n255\n`), out]);
}

// Boxes to read, read together at the end (tesseract loads its Chinese model once per run, which
// takes longer than reading).
export class OcrBatch {
  items = [];
  // `words` must be read in `node`'s box; `bg`: the colour behind the text, as measured.
  add(what, image, scale, node, bg, words) {
    for (const target of TARGET_PX)
      this.items.push({ what, node, words, pgm: cropToPgm(image, node.rect, scale, bg, node.text_px, target) });
  }
  check(checks) {
    if (this.items.length === 0) return;
    const dir = mkdtempSync(join(tmpdir(), 'elder-ocr-'));
    try {
      const files = this.items.map((item, i) => {
        const file = join(dir, `${i}.pgm`);
        writeFileSync(file, item.pgm);
        return file;
      });
      writeFileSync(join(dir, 'list.txt'), files.join('\n') + '\n');
      // One page per image, in order, each ended by a form feed.
      const pages = execFileSync('tesseract', [join(dir, 'list.txt'), 'stdout', '-l', 'chi_sim+eng', '--psm', '6'],
        { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 }).toString().split('\f');
      for (let i = 0; i < this.items.length; i += TARGET_PX.length) {
        const { what, node, words } = this.items[i];
        const reads = pages.slice(i, i + TARGET_PX.length).map((p) => p.replace(/\s+/g, ' ').trim());
        checks.check(reads.some((read) => normalise(read).includes(normalise(words))),
          `${what}: OCR reads 「${words}」 in ${node.id}`, `read 「${reads.join('」, 「')}」`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    this.items = [];
  }
}
