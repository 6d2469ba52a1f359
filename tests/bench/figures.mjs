// Every benchmark reports its figures through `figure()`: what was measured, the baseline measured in
// the same run, their ratio, and the goal where an issue set one. Each benchmark writes its rows to
// build/bench/NAME.json when it ends; `node tests/bench/figures.mjs table FILES...` (scripts/bench.sh)
// prints all of them as one table and exits 1 if a goal was missed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const rows = [];

// `goal`: {at_most: N} or {at_least: N} in the figure's unit, or null where no issue set one.
// `baseline`: {name, value} measured in the same run (same unit), or null where none exists.
export function figure({ name, value, unit, baseline = null, goal = null }) {
  if (!Number.isFinite(value)) throw new Error(`${name}: measured value is ${value}`);
  const row = { name, value, unit, baseline, goal };
  rows.push(row);
  console.log(`[figure] ${line(row).join(' | ')}`);
}

// Writes the rows of this benchmark for scripts/bench.sh; call once at the end.
export function saveFigures(benchmark) {
  const dir = join(root, 'build/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${benchmark}.json`), JSON.stringify(rows, null, 1));
}

const number = (v) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString());
const withUnit = (v, unit) => (unit ? `${number(v)} ${unit}` : number(v));
const met = (row) => !row.goal || ('at_most' in row.goal ? row.value <= row.goal.at_most : row.value >= row.goal.at_least);
const goalText = (row) => (!row.goal ? '-' : 'at_most' in row.goal ? `<= ${withUnit(row.goal.at_most, row.unit)}` : `>= ${withUnit(row.goal.at_least, row.unit)}`);

function line(row) {
  const base = row.baseline;
  return [
    row.name,
    goalText(row),
    withUnit(row.value, row.unit),
    base ? `${withUnit(base.value, row.unit)} (${base.name})` : '-',
    base && base.value ? `${number(row.value / base.value)}x` : '-',
    row.goal ? `${met(row) ? 'met' : 'MISSED'}${margin(row)}` : '-',
  ];
}

// How far inside its goal a figure is: 3.2x means a third of an "at most" or three times an "at least".
function margin(row) {
  const [goal, value] = ['at_most' in row.goal ? row.goal.at_most : row.value, 'at_most' in row.goal ? row.value : row.goal.at_least];
  return goal > 0 && value > 0 ? `, ${number(goal / value)}x` : '';
}

function printTable(files) {
  console.log('| benchmark | figure | goal | measured | baseline, same run | ratio | goal met, margin |');
  console.log('|---|---|---|---|---|---|---|');
  let missed = 0;
  for (const file of files) {
    for (const row of JSON.parse(readFileSync(file, 'utf8'))) {
      if (!met(row)) missed++;
      console.log(`| ${basename(file, '.json')} | ${line(row).join(' | ')} |`);
    }
  }
  if (missed) console.error(`${missed} goal(s) missed`);
  return missed ? 1 : 0;
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2] === 'table') {
  process.exit(printTable(process.argv.slice(3)));
}
