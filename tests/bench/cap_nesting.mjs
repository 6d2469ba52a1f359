// How long the CAP importer takes for deeply nested documents (issue 12: 60,000 nested elements
// once took 32.8 s on the single I/O thread), against a plain CAP alert imported the same way as
// the baseline, and /api/v1/health answered while the largest document is being imported.
// Prints one line per shape; no pass/fail.
//   node tests/bench/cap_nesting.mjs [DEPTH=60000] [SERVER_BINARY=build/native/bin/elder-server]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/server_process.mjs';
import { figure, saveFigures } from './figures.mjs';

const root = new URL('../..', import.meta.url).pathname;
const [depthArg, binaryArg] = process.argv.slice(2);
const depth = Number(depthArg ?? 60000);
const binary = binaryArg ?? join(root, 'build/native/bin/elder-server');
const dir = mkdtempSync(join(tmpdir(), 'elder-cap-bench-'));
writeFileSync(join(dir, 'config.json'), JSON.stringify({ max_body_bytes: 16 * 1024 * 1024 }));
const server = await startServer(binary, ['--config', join(dir, 'config.json'), '--db', join(dir, 'b.db'), '--quiet'], { staff: true });

const CAP = 'urn:oasis:names:tc:emergency:cap:1.2';
const alert = `<alert xmlns="${CAP}"><identifier>bench-1</identifier><sender>bench@example.cn</sender>` +
  '<sent>2026-11-25T10:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>' +
  '<info><category>Met</category><event>大风</event><urgency>Expected</urgency><severity>Moderate</severity>' +
  '<certainty>Likely</certainty><headline>大风蓝色预警</headline><area><areaDesc>本社区</areaDesc></area></info></alert>';
const nest = (open, close, inner) => open.repeat(depth) + inner + close.repeat(depth);
const shapes = {
  'EDXL envelope, alert under nested elements': `<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">` +
    nest('<x:e xmlns:x="urn:x">', '</x:e>', alert) + '</EDXLDistribution>',
  'EDXL envelope, nested prefixed elements': `<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">` +
    nest('<c:e>', '</c:e>', '') + alert + '</EDXLDistribution>',
  // The document: 60,000 nested <alert> elements (900 KB) in an envelope.
  'EDXL envelope, nested <alert> elements': '<EDXLDistribution>' + nest('<alert>', '</alert>', '') + '</EDXLDistribution>',
  'EDXL envelope, nested <c:alert> elements of an undeclared prefix': `<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">` +
    nest('<c:alert>', '</c:alert>', '') + alert + '</EDXLDistribution>',
  'nested elements inside <note>': alert.replace('<scope>Public</scope>', '<scope>Public</scope><note>' + nest('<e>', '</e>', '') + '</note>'),
};
async function post(body) {
  const started = process.hrtime.bigint();
  const res = await fetch(server.url + '/api/v1/staff/alerts/cap', {
    method: 'POST', body, headers: { Authorization: 'Bearer ' + server.staffToken, 'Content-Type': 'application/cap+xml' } });
  const text = await res.text();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.status, text };
}
const times = [];
for (let i = 0; i < 20; i++) times.push((await post(alert.replace('bench-1', `bench-base-${i}`))).ms);
times.sort((a, b) => a - b);
console.log(`plain CAP alert (baseline): ${(alert.length / 1024).toFixed(1)} KB, median ${times[10].toFixed(1)} ms of 20`);
for (const [name, body] of Object.entries(shapes)) {
  const r = await post(body);
  console.log(`${name}: ${(body.length / 1024).toFixed(0)} KB, ${depth} nested, ${r.ms.toFixed(1)} ms (${(r.ms / times[10]).toFixed(1)}x), ${r.status} ${r.text.slice(0, 120)}`);
  figure({ name: `CAP import, ${name} (${(body.length / 1024).toFixed(0)} KB, answer ${r.status})`, value: r.ms, unit: 'ms',
    baseline: { name: 'a plain 0.4 KB alert', value: times[10] } });
}
// Health while the document is imported: the I/O thread must not wait for the parser.
const importing = post(shapes['EDXL envelope, nested <alert> elements']);
const t0 = process.hrtime.bigint();
const health = await fetch(server.url + '/api/v1/health');
const healthMs = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`/api/v1/health during that import: ${health.status} in ${healthMs.toFixed(1)} ms`);
const imported = await importing;
if (health.status !== 200) throw new Error(`/health answered ${health.status} during the import`);
// The I/O thread does not wait for the parser: health answers well before the import ends.
figure({ name: '/health answered while the nested document is imported', value: healthMs, unit: 'ms',
  baseline: { name: 'that import', value: imported.ms } });
saveFigures('cap_nesting');
await server.stop();
