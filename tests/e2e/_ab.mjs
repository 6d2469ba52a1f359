import { launch, serve, waitReady } from './browser.mjs';
const sites = { old: '/tmp/siteOld', new: '/work/main/build/wasm/site' };
const servers = {};
for (const [k, d] of Object.entries(sites)) servers[k] = await serve(d);
const browser = await launch(process.argv.slice(3));
const res = { old: [], new: [] };
for (let i = 0; i < Number(process.argv[2] || 4); i++) for (const k of ['old', 'new']) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(servers[k].url); await waitReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  await page.reload(); await waitReady(page); await page.reload(); await waitReady(page);
  const t = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return { ...window.elder.timings, resp: n.responseEnd }; });
  res[k].push(Object.fromEntries(Object.entries(t).map(([a, b]) => [a, Math.round(b)])));
  await context.close();
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const k of ['old', 'new']) {
  const keys = Object.keys(res[k][0]);
  console.log(k, keys.map((key) => `${key}=${med(res[k].map((r) => r[key]))}`).join(' '));
}
await browser.close(); for (const s of Object.values(servers)) s.server.close();
