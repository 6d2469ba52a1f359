// One screen looked at: its screenshot measured against ACCESSIBILITY.md (text_rules.mjs) and the
// words that matter on it read back by OCR (ocr.mjs).
import { loadImage } from './ink.mjs';
import { checkScreen } from './text_rules.mjs';

// `words`: node id -> what must be read there, queued on `ocr` (an OcrBatch).
export function checkShot(checks, what, file, report, words, ocr) {
  const image = loadImage(file);
  const measured = checkScreen(checks, what, image, report);
  const scale = image.width / report.display[0];
  for (const [id, text] of Object.entries(words || {})) {
    const found = measured.find(({ node }) => node.id === id);
    if (!checks.check(found !== undefined, `${what}: ${id} is on screen for OCR`)) continue;
    ocr.add(what, image, scale, found.node, found.m.bg, text);
  }
}
