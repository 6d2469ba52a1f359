// Every string keeps to the glossary (assets/strings/glossary.json): one word for one thing, the verb
// of the surface a string is read on, no Chinese punctuation in English. Also: a string worded per
// surface has all three wordings, and both catalogues have the same keys.
//   node tests/suite/glossary.mjs SOURCE_DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';

const [root] = process.argv.slice(2);
const read = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const checks = new Checks();
const glossary = read('assets/strings/glossary.json');
const zh = read('assets/strings/zh-CN.json');
const en = read('assets/strings/en.json');
const consoleZh = read('web/staff/strings/zh-CN.json');
const SURFACES = ['remote', 'touch', 'pointer'];
const surfaceOf = (key) => SURFACES.find((s) => key.endsWith(`.${s}`)) ?? glossary.only_on[key] ?? null;

const onlyZh = Object.keys(zh).filter((k) => !(k in en)), onlyEn = Object.keys(en).filter((k) => !(k in zh));
checks.check(onlyZh.length === 0 && onlyEn.length === 0, 'both catalogues have the same keys', `only zh-CN: ${onlyZh} | only en: ${onlyEn}`);

// One word for one thing, in the residents' strings and the staff console's.
for (const term of glossary.terms) {
  const found = [...Object.entries(zh), ...Object.entries(consoleZh).map(([k, v]) => [`staff:${k}`, v])]
    .flatMap(([k, v]) => term.not.filter((w) => v.includes(w)).map((w) => `${k} says ${w}`));
  checks.check(found.length === 0, `${term.thing}: always ${term.word}`, found.join('; '));
}

// The verb of the surface: 按确认键 on a TV, 点 on a kiosk, 点击 in a browser; none on a string read everywhere.
const wrongVerb = Object.entries(zh).flatMap(([k, v]) => {
  const rule = glossary.verbs[surfaceOf(k) ?? 'everywhere'];
  return rule.not.filter((w) => v.includes(w)).map((w) => `${k} (${surfaceOf(k) ?? 'every surface'}) says ${w}`);
});
checks.check(wrongVerb.length === 0, "every string uses its surface's verb and no other's", wrongVerb.join('; '));
const worded = new Set(Object.keys(zh).filter((k) => SURFACES.some((s) => k.endsWith(`.${s}`))).map((k) => k.replace(/\.[a-z]+$/, '')));
const partial = [...worded].filter((base) => SURFACES.some((s) => !(`${base}.${s}` in zh)) || base in zh);
checks.check(worded.size >= 4 && partial.length === 0, `a string worded per surface has all three wordings and no fallback (${worded.size})`, partial.join(', '));
const unused = Object.keys(glossary.only_on).filter((k) => !(k in zh));
checks.check(unused.length === 0, 'every string the glossary shows on one surface exists', unused.join(', '));

// English is written with English punctuation (no "Orange warning：寒潮预警").
const cjkPunctuation = Object.entries(en).flatMap(([k, v]) => glossary.english.not.filter((p) => v.includes(p)).map((p) => `${k} has ${p}`));
checks.check(cjkPunctuation.length === 0, 'no Chinese punctuation in the English catalogue', cjkPunctuation.join('; '));
process.exit(checks.summary());
