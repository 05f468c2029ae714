// node test/bench/version-split.mjs (after pnpm build). Why /v1/scores reads versions from the tallies; see packages/collector/README.md.
// How much a version split or filter costs against the pre-aggregated tallies, on 20 000 responses over 90 days.
import { performance } from 'node:perf_hooks';
import { pgliteStorage } from '../../packages/collector/dist/index.js';
import { uuidv7 } from '../../packages/core/dist/index.js';
const s = await pgliteStorage({});
await s.migrate();
const day0 = Date.UTC(2026, 7, 1);
for (let b = 0; b < 40; b++) {
  const responses = Array.from({ length: 500 }, (_, i) => {
    const k = b * 500 + i;
    return { id: uuidv7(), surveyId: 'nps', kind: 'nps', score: k % 11, scale: [0, 10], createdAt: new Date(day0 + (k % 90) * 86400000 + k).toISOString(), anonymousId: 'a' + k, attributes: { plan: k % 3 ? 'pro' : 'free', country: ['DE', 'US', 'FR'][k % 3] }, page: { url: 'https://x.test/' }, locale: 'en', channel: 'web', version: 1 + (k % 3) };
  });
  await s.ingest('shop', { responses, events: [] }, ['plan']);
}
await s.compact('2026-12-01');
const q = { site: 'shop', from: '2026-08-01', to: '2026-10-29', surveyIds: ['nps'], by: 'range' };
const time = async (label, fn) => {
  await fn();
  const runs = [];
  for (let i = 0; i < 7; i++) { const t = performance.now(); await fn(); runs.push(performance.now() - t); }
  runs.sort((a, b) => a - b);
  return [label, runs[3]];
};
const rows = [
  await time('segment=plan (pre-aggregated tallies)', () => s.tallies({ ...q, dimension: 'attr:plan' })),
  await time('segment=country (counted from responses)', () => s.tallies({ ...q, dimension: 'attr:country', fromResponses: true })),
  await time('split=version (counted from responses)', () => s.tallies({ ...q, dimension: 'version', fromResponses: true })),
  await time('split=version (tallies, as shipped)', () => s.tallies({ ...q, dimension: 'version' })),
  await time('overall, no filter (tallies, by week)', () => s.tallies({ ...q, dimension: '', by: 'week' })),
  await time('overall, version=2 (tallies, by week)', () => s.tallies({ ...q, dimension: '', by: 'week', version: 2 })),
];
const base = rows[0][1];
for (const [label, ms] of rows) console.log(`${label.padEnd(45)} ${ms.toFixed(1).padStart(7)} ms  x${(ms / base).toFixed(1)}`);
await s.close();
