// `pnpm start -- --demo-data`: the demo site and its synthetic answers, stored
// through the real ingest path and scored by the real /v1/scores, so the
// report has three surveys with scores, intervals and response rates to draw.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from './collector.js';
import { DEMO_SECRET, demoConfig, seedDemoData } from './demo.js';
import type { SurveyInsights } from './insights.js';
import type { SurveyScores } from './scores.js';
import { SECRET, SELF, testCollector } from './test-fixtures.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
let c: Collector;
beforeAll(async () => {
  // As `pnpm start` runs it: --dev accepts the short demo secret.
  c = await testCollector({ config: { ...demoConfig(8787), allowedHosts: ['collector.test'] }, dev: true });
});
afterAll(() => c.close());

test('seeds answers over 90 days for each demo survey, with displays and dismissals, scored by /v1/scores', async () => {
  expect(await seedDemoData(c.storage, 'demo', 600, NOW)).toBe(600);
  const counts = await c.storage.counts('demo');
  expect(counts).toMatchObject({ responses: 600, events: 2400, tallied: 600 });

  const res = await c.fetch(new Request('http://collector.test/v1/scores?from=2026-08-20&to=2026-11-24&interval=month', { headers: { authorization: `Bearer ${DEMO_SECRET}` } }));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { surveys: SurveyScores[] };
  const byId = new Map(body.surveys.map((s) => [s.surveyId, s]));
  expect([...byId.keys()].sort()).toEqual(['csat', 'nps', 'upgrade-ces']);
  const total = body.surveys.reduce((n, s) => n + s.total.n, 0);
  expect(total).toBe(600);
  for (const s of body.surveys) {
    const t = s.total;
    expect(t.n).toBeGreaterThan(100);
    expect(t.score).not.toBeNull();
    expect(t.ci![0]).toBeLessThanOrEqual(t.score!);
    expect(t.ci![1]).toBeGreaterThanOrEqual(t.score!);
    expect(t.displays).toBe(3 * t.n);
    expect(t.dismissals).toBe(t.n);
    expect(t.responseRate!.rate).toBeCloseTo(100 / 3, 5);
  }
  // The demo's story: NPS improves over the 90 days.
  const nps = byId.get('nps')!.periods;
  expect(nps.at(-1)!.score!).toBeGreaterThan(nps[0]!.score!);
});

test('demo comments go with their scores, in four languages, so insights mean something on the first run', async () => {
  // As many answers as `pnpm start -- --demo-data` stores, on an emptied store.
  await c.close();
  // Outside --dev, with the fixtures' secret (the demo's is too short) and name.
  c = await testCollector({ config: { ...demoConfig(8787), secret: SECRET, publicUrl: SELF } });
  expect(await seedDemoData(c.storage, 'demo', 3000, NOW)).toBe(3000);
  const res = await c.fetch(new Request(`${SELF}/v1/insights?from=2026-08-20&to=2026-11-24&survey=nps`, { headers: { authorization: `Bearer ${SECRET}` } }));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { pending: number; surveys: SurveyInsights[] };
  // Link responses got their comments by the follow-up path, so nothing waits.
  expect(body.pending).toBe(0);
  const s = body.surveys[0]!;
  expect(s.comments).toBeGreaterThan(100);
  // Detractors complain about delivery; the themes that cost most have an interval below zero.
  expect(s.distinctive.low.map((t) => t.label)).toContain('delivery');
  expect(s.impact[0]!.comparison.ci![1]).toBeLessThan(0);
  const locales = new Set<string>();
  for await (const r of c.storage.exportResponses({ site: 'demo', from: '2026-08-20', to: '2026-11-24' })) if (r.comment) locales.add(r.locale!);
  expect([...locales].sort()).toEqual(['de', 'en', 'es', 'fr']);
  // A detractor's comment is a complaint, a promoter's praise (English sentiment as the judge).
  const { sentiment } = await import('@sayso/insights');
  let agree = 0;
  let judged = 0;
  for await (const r of c.storage.exportResponses({ site: 'demo', surveyId: 'nps', from: '2026-08-20', to: '2026-11-24' })) {
    if (!r.comment || r.locale !== 'en' || (r.score > 6 && r.score < 9)) continue;
    const v = sentiment(r.comment, 'en').score;
    if (v === 0) continue;
    judged++;
    if ((r.score <= 6) === v < 0) agree++;
  }
  expect(judged).toBeGreaterThan(30);
  expect(agree / judged).toBeGreaterThan(0.8);
});
