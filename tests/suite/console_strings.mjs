// The staff console's words: both catalogues hold the same keys, and every key the console's code
// asks for by name (t('...')) is in them. A missing key would show the key itself on a screen.
//   node tests/suite/console_strings.mjs WEB_STAFF_DIR
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Checks } from '../e2e/browser.mjs';

const [dir] = process.argv.slice(2);
const checks = new Checks();
const zh = JSON.parse(readFileSync(join(dir, 'strings/zh-CN.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(dir, 'strings/en.json'), 'utf8'));
const onlyZh = Object.keys(zh).filter((k) => !(k in en));
const onlyEn = Object.keys(en).filter((k) => !(k in zh));
checks.check(onlyZh.length === 0 && onlyEn.length === 0, 'both catalogues have the same keys', `only zh-CN: ${onlyZh} | only en: ${onlyEn}`);
const empty = Object.entries({ ...zh, ...en }).filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k);
checks.check(empty.length === 0, 'no entry is empty', empty.join());
const files = ['js', 'js/pages'].flatMap((d) => readdirSync(join(dir, d)).filter((f) => f.endsWith('.js')).map((f) => join(dir, d, f)));
const asked = new Set();
for (const f of files)
  for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-z_]+\.[a-z_.]+)'/g)) if (!/[._]$/.test(m[1])) asked.add(m[1]);  // prefixes ('kind.' + kind) are completed at run time
const missing = [...asked].filter((k) => !(k in zh));
checks.check(asked.size > 100 && missing.length === 0, `every key the console asks for by name is in the catalogues (${asked.size} keys)`, missing.join(', '));
process.exit(checks.summary());
