import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isSaysoError, type SurveyResponse } from '@sayso/core';
import { analyzeAnswers, defineThemes } from '@sayso/insights';
import type { Collector } from '../collector.js';
import { resolveConfig } from '../config.js';
import type { SurveyInsights } from '../insights.js';
import { parseCursor } from './insights.js';
import { SECRET, SELF, post, response, testCollector, testConfig } from '../test-fixtures.js';

let c: Collector;
const THEMES = [{ name: 'Pricing', words: ['price', 'expensive', 'teuer', 'cher'] }];
const at = (day: string, i: number) => `${day}T${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`;

// Detractors complain about delivery (in English and German), promoters praise
// support, passives say little; in the last week (from Monday 2026-10-26) login
// trouble appears. Scores are spread over each band, so impact has variance.
const all: SurveyResponse[] = [];
for (let i = 0; i < 60; i++) {
  const de = i % 4 === 3;
  all.push(response({ score: i % 7, createdAt: at(`2026-10-${String(1 + (i % 25)).padStart(2, '0')}`, i), locale: de ? 'de-DE' : 'en', comment: de ? 'Die Lieferung kam zu spät und war zu teuer.' : i % 2 ? 'Late delivery, support never answered.' : 'The delivery was late and too expensive.' }));
  all.push(response({ score: 9 + (i % 2), createdAt: at(`2026-10-${String(1 + (i % 25)).padStart(2, '0')}`, i + 1), comment: i % 3 ? 'Friendly support, great app.' : 'Great support and a fair price.' }));
}
for (let i = 0; i < 20; i++) all.push(response({ score: 7 + (i % 2), createdAt: at('2026-10-12', i), comment: i % 2 ? 'OK.' : 'Works.' }));
for (let i = 0; i < 25; i++) all.push(response({ score: i % 9, createdAt: at(`2026-10-${26 + (i % 5)}`, i), comment: 'I cannot log in since the update.' }));
// Answers without a comment, and a markup comment, and one in a language insights does not know.
for (let i = 0; i < 10; i++) all.push(response({ score: i, createdAt: at('2026-10-05', i) }));
all.push(response({ score: 3, createdAt: at('2026-10-06', 1), comment: '<img src=x onerror=alert(1)> delivery', locale: 'en' }));
all.push(response({ score: 2, createdAt: at('2026-10-06', 2), comment: 'Доставка опоздала.', locale: 'ru' }));

const themedConfig = () => {
  const config = testConfig();
  config.sites[0]!.insights = { themes: THEMES };
  return config;
};

beforeAll(async () => {
  c = await testCollector({ config: themedConfig(), countTermsEveryMs: 0 });
  for (let i = 0; i < all.length; i += 50) expect((await post(c, { site: 'demo', responses: all.slice(i, i + 50) })).status).toBe(200);
});
afterAll(() => c.close());

const get = (path: string, secret: string | null = SECRET) =>
  c.fetch(new Request(`http://collector.test${path}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} }));
const RANGE = 'from=2026-10-01&to=2026-10-31';
const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

async function insights(qs = ''): Promise<{ surveys: SurveyInsights[]; pending: number } & Record<string, unknown>> {
  const res = await get(`/v1/insights?${RANGE}&survey=nps-main${qs}`);
  expect(res.status).toBe(200);
  return res.json() as never;
}

describe('GET /v1/insights', () => {
  test('needs the secret', async () => {
    expect((await get(`/v1/insights?${RANGE}`, null)).status).toBe(401);
    expect((await get(`/v1/insights?${RANGE}`, 'wrong-secret')).status).toBe(401);
    expect((await get(`/v1/insights/comments?${RANGE}&survey=nps-main&term=late`, null)).status).toBe(401);
  });

  test.each([
    ['interval', 'interval=year'],
    ['level', 'level=1'],
    ['level', 'level='],
    ['lang', 'lang=xx'],
    ['minComments', 'minComments=0'],
    ['minComments', 'minComments=1.5'],
    ['limit', 'limit=51'],
    ['from', 'from=2026-13-01'],
    ['to', 'to=yesterday'],
    ['segment', 'segment=plan'],
    ['limit', 'limit=5&limit=6'],
    // The checks every read route shares (query.ts).
    ['from', 'from=2026-10-31&to=2026-10-01'],
    ['to', 'from=1990-01-01&to=2026-10-01'],
    ['from', 'from=0000-01-01'],
    ['survey', 'survey='],
    ['survey', 'survey=a%00b'],
    ['lang', 'lang=%E0%A4%A'],
    ['site', 'site=demo&site=demo'],
    ['level', 'level=0.95001'],
  ])('400 naming %s for %s', async (param, qs) => {
    const res = await get(`/v1/insights?${qs}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
  });

  test('404 for an unknown survey or site', async () => {
    expect((await get(`/v1/insights?${RANGE}&survey=nope`)).status).toBe(404);
    expect((await get(`/v1/insights?${RANGE}&site=nope`)).status).toBe(404);
    expect((await get('/v1/insights?survey=nope')).status).toBe(404);
  });

  test('without a query: the only site, the last 90 days (this once answered 500)', async () => {
    const res = await get('/v1/insights');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { site: string; from: string; to: string; surveys: SurveyInsights[] };
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * 86400_000).toISOString().slice(0, 10);
    expect(body).toMatchObject({ site: 'demo', from, to: today });
    // The same answer as the range and site asked for by name (whether or not the fixtures' October falls in it).
    const named = (await (await get(`/v1/insights?site=demo&from=${from}&to=${today}`)).json()) as typeof body;
    expect(body.surveys).toEqual(named.surveys);
  });

  test('counts what was stored before the question, and matches @sayso/insights over the same answers in memory', async () => {
    const body = await insights('&minComments=10');
    expect(body.pending).toBe(0);
    const s = body.surveys[0]!;
    const commented = all.filter((r) => r.comment);
    expect(s.comments).toBe(commented.length);
    expect(s.bands).toEqual({
      detractor: commented.filter((r) => r.score <= 6).length,
      passive: commented.filter((r) => r.score === 7 || r.score === 8).length,
      promoter: commented.filter((r) => r.score >= 9).length,
    });
    // The reference: every answer tokenised in memory. Languages insights does not know have no terms there either.
    const known = commented.map((r) => ({ text: r.locale === 'ru' ? '' : r.comment!, score: r.score, lang: r.locale === 'ru' ? 'en' : r.locale, id: r.id }));
    const ref = analyzeAnswers(known.filter((a) => a.text !== ''), { kind: 'nps' });
    // The in-memory total leaves the empty text out; the stored one counts the Russian comment (no terms) too.
    const d = ref.distinctive({ minComments: 10, limit: 10 });
    const pick = (t: { term: string; z: number; countA: number; countB: number }) => [t.term, t.countA, t.countB];
    // Rates differ by the one comment without terms, so z differs a little; the terms and counts do not.
    expect(s.distinctive.low.map(pick)).toEqual(d.a.map(pick));
    expect(s.distinctive.high.map(pick)).toEqual(d.b.map(pick));
    expect(s.distinctive.low[0]!.term).toBe('deliveri');
    expect(s.distinctive.low[0]!.label).toBe('delivery');
    expect(s.distinctive.low[0]!.examples).toHaveLength(3);
    expect(s.distinctive.low[0]!.examples.every((e) => e.score <= 6 && /deliver/i.test(e.comment))).toBe(true);
    expect(s.distinctive.high.map((t) => t.term)).toContain('support');

    // Impact: the same tallies as in memory, plus the comment without terms in the total.
    const ru = commented.find((r) => r.locale === 'ru')!;
    const withRu = analyzeAnswers([...known.filter((a) => a.text !== ''), { text: 'zzzz', score: ru.score, lang: 'en' }], { kind: 'nps' });
    const refImpact = withRu.impact({ minComments: 10, limit: 10 }).filter((t) => t.term !== 'zzzz');
    const imp = (t: { term: string; mentions: number; scoreWith: number | null; scoreWithout: number | null; comparison: { ci: [number, number] | null; p: number | null } }) => [t.term, t.mentions, t.scoreWith, t.scoreWithout, t.comparison.ci, t.comparison.p];
    expect(s.impact.map(imp)).toEqual(refImpact.slice(0, s.impact.length).map(imp));
    expect(s.impact[0]!.comparison.ci![1]).toBeLessThan(0);
    expect(s.impact.find((t) => t.term === 'deliveri')!.examples.length).toBeGreaterThan(0);
  });

  test('rising themes: the week holding `to` against the four before it', async () => {
    const s = (await insights('&minComments=10&interval=week')).surveys[0]!;
    expect(s.rising.current).toEqual(['2026-10-26', '2026-10-31']);
    expect(s.rising.trailing).toEqual(['2026-09-28', '2026-10-25']);
    expect(s.rising.rising.map((t) => t.term)).toContain('log');
    expect(s.rising.rising.find((t) => t.term === 'log')).toMatchObject({ countA: 25, countB: 0 });
    // By month, October is the current period and has nothing before it.
    const m = (await insights('&minComments=10&interval=month')).surveys[0]!;
    expect(m.rising.current).toEqual(['2026-10-01', '2026-10-31']);
    expect(m.rising.rising).toEqual([]);
  });

  test('custom themes from the config, in every language, with their impact', async () => {
    const s = (await insights()).surveys[0]!;
    const pricing = s.themes.find((t) => t.name === 'Pricing')!;
    const mentioning = all.filter((r) => r.comment && /expensive|teuer|price/.test(r.comment));
    expect(pricing.mentions).toBe(mentioning.length);
    expect(pricing.impact!.mentions).toBe(mentioning.length);
    expect(pricing.impact!.comparison.ci).toHaveLength(2);
    // Not among the found themes.
    expect(s.impact.some((t) => t.term.startsWith('theme:'))).toBe(false);
  });

  test('one language only', async () => {
    const s = (await insights('&lang=de&minComments=5')).surveys[0]!;
    expect(s.comments).toBe(all.filter((r) => r.comment && r.locale === 'de-DE').length);
    expect(s.impact.every((t) => !['deliveri', 'late'].includes(t.term))).toBe(true);
  });

  test('disagreements: a promoter with an angry comment is flagged', async () => {
    const angry = response({ score: 10, createdAt: at('2026-10-30', 59), comment: 'Terrible support, I am cancelling.' });
    await post(c, { site: 'demo', responses: [angry] });
    const s = (await insights()).surveys[0]!;
    expect(s.disagreements.map((d) => d.id)).toContain(angry.id);
    const d = s.disagreements.find((x) => x.id === angry.id)!;
    expect(d.sentiment).toBeLessThan(-0.3);
    expect(d.spans.map((x) => x.text)).toContain('Terrible');
    // Praise with a promoter's score is not a disagreement.
    expect(s.disagreements.some((x) => x.comment.startsWith('Friendly support'))).toBe(false);
  });
});

describe('the read gate', () => {
  test('both routes read through it: with its slot held and its queue full, 503 with Retry-After; the rest then answer', async () => {
    // A second collector on the same store, whose survey list (the first read of both routes) waits for a release.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const storage = { ...c.storage, surveyShapes: async (site: string) => (await held, c.storage.surveyShapes(site)) };
    const busy = await testCollector({ config: themedConfig(), storage, countTermsEveryMs: 0 });
    try {
      const ask = (path: string) => busy.fetch(new Request(`${SELF}${path}`, { headers: { authorization: `Bearer ${SECRET}` } }));
      // PGlite: one slot, sixteen waiting.
      const waiting = Array.from({ length: 17 }, (_, i) => ask(i % 2 ? `/v1/insights?${RANGE}` : `/v1/insights/comments?${RANGE}&survey=nps-main&term=late`));
      const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 3000))]);
      for (const path of [`/v1/insights?${RANGE}`, `/v1/insights/comments?${RANGE}&survey=nps-main&term=late`]) {
        const res = await within(ask(path));
        expect(res === 'still waiting' ? res : res.status).toBe(503);
        expect(Number((res as Response).headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      release();
      expect((await Promise.all(waiting)).map((r) => r.status)).toEqual(new Array(17).fill(200));
    } finally {
      release();
      await busy.close();
    }
  });
});

describe('GET /v1/insights/comments', () => {
  test.each([
    ['survey', `${RANGE}&term=late`],
    ['term', `${RANGE}&survey=nps-main`],
    ['band', `${RANGE}&survey=nps-main&term=late&band=happy`],
    ['cursor', `${RANGE}&survey=nps-main&term=late&cursor=garbage`],
    ['limit', `${RANGE}&survey=nps-main&term=late&limit=0`],
    ['lang', `${RANGE}&survey=nps-main&term=late&lang=klingon`],
    ['interval', `${RANGE}&survey=nps-main&term=late&interval=week`],
    ['survey', `${RANGE}&survey=&term=late`],
    ['band', `${RANGE}&survey=nps-main&term=late&band=`],
    ['term', `${RANGE}&survey=nps-main&term=late&term=late`],
    ['to', `from=2026-10-01&to=2026-02-30&survey=nps-main&term=late`],
    // Cursors of the right shape whose values PostgreSQL would refuse to cast (each was a 500).
    ...[
      `2026-13-45 25:61:00+00|${ID}`,
      `2026-02-30 10:00:00+00|${ID}`,
      `0000-01-01 00:00:00+00|${ID}`,
      `2026-10-25 24:00:00+00|${ID}`,
      `2026-10-25 17:59:00.123+99|${ID}`,
      `2026-10-25 17:59:00+00|${'-'.repeat(36)}`,
      `2026-10-25 17:59:00+00|${ID.toUpperCase().replace(/[0-9]/g, 'g')}`,
      `2026-10-25 17:59:00+00|${ID}|x`,
    ].map((raw) => ['cursor', `${RANGE}&survey=nps-main&term=late&cursor=${Buffer.from(raw).toString('base64url')}`] as [string, string]),
  ])('400 naming %s: %s', async (param, qs) => {
    const res = await get(`/v1/insights/comments?${qs}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
  });

  test("lists a theme's comments, newest first, page by page, and only those", async () => {
    const want = all.filter((r) => r.comment && /deliver|Lieferung/i.test(r.comment) && r.locale !== 'de-DE').map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/v1/insights/comments?${RANGE}&survey=nps-main&term=deliveri&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { comments: Array<{ id: string; comment: string; createdAt: string }>; cursor: string | null };
      expect(body.comments.length).toBeLessThanOrEqual(7);
      for (const x of body.comments) expect(x.comment).toMatch(/deliver/i);
      seen.push(...body.comments.map((x) => x.id));
      cursor = body.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(want.sort());
    // A band narrows it; a custom theme is a term too.
    const res = await get(`/v1/insights/comments?${RANGE}&survey=nps-main&term=${encodeURIComponent('theme:Pricing')}&band=promoter&limit=100`);
    const body = (await res.json()) as { comments: Array<{ score: number; comment: string }> };
    expect(body.comments.length).toBe(all.filter((r) => r.score >= 9 && r.comment?.includes('price')).length);
    expect(body.comments.every((x) => x.score >= 9)).toBe(true);
  });
});

test('parseCursor takes what PostgreSQL writes for a timestamptz in any session time zone', () => {
  const of = (raw: string) => parseCursor(Buffer.from(raw).toString('base64url'));
  for (const ts of ['2026-10-25 17:59:00+00', '2026-10-25 17:59:00.123456+05:30', '2026-10-25 17:59:59.1-08', '1883-11-18 12:00:00-07:52:58', '2028-02-29 00:00:00+00']) {
    expect(of(`${ts}|${ID}`)).toEqual({ ts, id: ID });
  }
  expect(of(`2026-02-29 00:00:00+00|${ID}`)).toBeUndefined();
  expect(of(`2026-10-25 17:59:60+00|${ID}`)).toBeUndefined();
  expect(of(`2026-10-25 17:59:00+00|${ID}0`)).toBeUndefined();
});

describe('config: insights.themes', () => {
  const withThemes = (themes: unknown) => {
    const config = testConfig() as unknown as { sites: Array<Record<string, unknown>> };
    config.sites[0]!.insights = { themes };
    return config;
  };
  const pathOf = (config: unknown): string | undefined => {
    try {
      resolveConfig(config);
    } catch (err) {
      expect(isSaysoError(err) && err.code).toBe('E_CONFIG_INVALID');
      return (err as { path?: string }).path;
    }
    return undefined;
  };
  test.each([
    ['sites[0].insights.themes', 'price'],
    ['sites[0].insights.themes[0].name', [{ words: ['x'] }]],
    ['sites[0].insights.themes[1].name', [{ name: 'A', words: ['x'] }, { name: 'A', words: ['y'] }]],
    ['sites[0].insights.themes[0].words', [{ name: 'A', words: [] }]],
    ['sites[0].insights.themes[0].words[1]', [{ name: 'A', words: ['ok', 7] }]],
    ['sites[0].insights.themes[0].words[0]', [{ name: 'A', words: ['!!'] }]],
  ])('a bad theme stops the start with its path: %s', (path, themes) => {
    expect(pathOf(withThemes(themes))).toBe(path);
  });
  test('unknown keys are refused; good themes are kept', () => {
    const config = testConfig() as unknown as { sites: Array<Record<string, unknown>> };
    config.sites[0]!.insights = { themez: [] };
    expect(pathOf(config)).toBe('sites[0].insights.themez');
    const ok = resolveConfig(withThemes(THEMES)).sites.get('demo')!.insights;
    expect(ok.themes?.definitions).toEqual(defineThemes(THEMES).definitions);
    expect(ok.fingerprint).toContain('Pricing');
  });
});
