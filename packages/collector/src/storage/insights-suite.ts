// The insights part of the shared storage suite (storage-suite.ts calls it
// inside its describe, so it runs on PGlite and on PostgreSQL): comments are
// queued by the ingest statement and counted once, however many workers run,
// whatever is sent twice; ranges read as months, weeks and days add up to the
// same counts as day by day; link responses wait for their follow-up.
import { expect, test } from 'vitest';
import { uuidv7 } from '@sayso/core';
import { defineThemes, terms } from '@sayso/insights';
import type { SqlDriver } from './driver.js';
import { latestVersion } from './schema.js';
import type { Storage, StoredResponse } from './types.js';

type Make = (migrate?: boolean) => Promise<{ storage: Storage; driver: SqlDriver }>;

const at = (month: number, day: number, minute = 0) => new Date(Date.UTC(2026, month - 1, day, 12, minute)).toISOString();

function resp(o: Partial<StoredResponse> = {}): StoredResponse {
  return { id: uuidv7(), surveyId: 's1', kind: 'nps', score: 9, scale: [0, 10], createdAt: at(10, 1), anonymousId: 'a', attributes: {}, page: { url: 'https://x.test/' }, locale: 'en', channel: 'web', ...o };
}

const TEXTS: Array<[string, string]> = [
  ['en', 'The delivery was late again and support never answered.'],
  ['en', 'Great prices, fast delivery.'],
  ['de', 'Die Lieferung kam zu spät, der Support antwortet nicht.'],
  ['fr', 'Livraison rapide, très bon prix.'],
  ['es', 'El envío llegó tarde y el soporte no responde.'],
  ['en-GB', 'Delivery was fine.'],
  ['ru', 'Доставка опоздала.'], // not one of the 14 languages: counted as a comment, with no terms
];

const run = (storage: Storage, limit = 1000, settleSeconds = 25 * 3600, themes?: ReturnType<typeof defineThemes>) =>
  storage.insights.countPending({ limit, settleSeconds, themesFor: () => themes });

async function drain(storage: Storage, limit = 1000): Promise<number> {
  let total = 0;
  for (let n; (n = await run(storage, limit)) > 0; ) total += n;
  return total;
}

/** term|score|n lines, the way the storage reads them. */
async function read(storage: Storage, from: string, to: string, o: { site?: string; surveyId?: string; lang?: string; minComments?: number } = {}): Promise<string[]> {
  const rows = await storage.insights.termScores({ site: o.site ?? 's', surveyId: o.surveyId ?? 's1', from, to, lang: o.lang, minComments: o.minComments ?? 1 });
  return sortLines(rows.map((r) => `${r.term}|${r.score}|${r.n}`));
}

/** By term (code points: the database's collation may differ), then score. */
const sortLines = (lines: string[]): string[] =>
  lines.sort((a, b) => {
    const [ta, sa] = a.split('|');
    const [tb, sb] = b.split('|');
    return ta! < tb! ? -1 : ta! > tb! ? 1 : Number(sa) - Number(sb);
  });

/** The same lines computed in memory from the responses, with @sayso/insights directly. */
function expected(responses: readonly StoredResponse[], from: string, to: string, lang?: string): string[] {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const day = r.createdAt.slice(0, 10);
    if (!r.comment || day < from || day > to) continue;
    const code = r.locale.split('-')[0]!;
    const known = ['en', 'de', 'fr', 'es'].includes(code);
    if (lang !== undefined && (known ? code : '') !== lang) continue;
    for (const t of ['', ...(known ? terms(r.comment, r.locale).terms : [])]) counts.set(`${t}|${r.score}`, (counts.get(`${t}|${r.score}`) ?? 0) + 1);
  }
  return sortLines([...counts].map(([k, n]) => `${k}|${n}`));
}

/** Registers the insights tests; `make` opens a fresh storage. */
export function insightsSuite(make: Make): void {
  test('insights: comments are queued at ingest and counted exactly once, by any number of workers', async () => {
    const { storage } = await make();
    // Over two months and a bit, so ranges are read as months, weeks and days.
    const all = Array.from({ length: 240 }, (_, i) => {
      const [locale, text] = TEXTS[i % TEXTS.length]!;
      const day = i % 70; // 2026-10-01 + day
      const created = new Date(Date.UTC(2026, 9, 1 + day, 8 + (i % 10), i % 60)).toISOString();
      return resp({ score: i % 11, locale, createdAt: created, ...(i % 9 === 8 ? {} : { comment: text }) });
    });
    const batches = Array.from({ length: 12 }, (_, b) => all.slice(b * 20, b * 20 + 20));
    // Every batch twice, concurrently, with workers running at the same time: duplicates queue nothing.
    const workers = Promise.all([run(storage, 7), run(storage, 7), run(storage, 7)]);
    await Promise.all([...batches, ...batches].map((responses) => storage.ingest('s', { responses, events: [] }, [])));
    await workers;
    const commented = all.filter((r) => r.comment).length;
    expect(await Promise.all([drain(storage, 13), drain(storage, 13)]).then(() => storage.insights.pending('s'))).toBe(0);
    // Nothing left to do; counting again adds nothing.
    expect(await run(storage)).toBe(0);
    for (const [from, to] of [
      ['2026-10-01', '2026-12-09'],
      ['2026-10-01', '2026-10-31'],
      ['2026-10-04', '2026-11-17'],
      ['2026-10-31', '2026-11-02'],
      ['2026-11-09', '2026-11-09'],
    ] as const) {
      expect(await read(storage, from, to), `${from}..${to}`).toEqual(expected(all, from, to));
      // With a threshold, candidate terms are found by their monthly totals: the same lines, those of frequent terms only.
      for (const min of [4, 9]) {
        const want = expected(all, from, to);
        const totals = new Map<string, number>();
        for (const l of want) totals.set(l.split('|')[0]!, (totals.get(l.split('|')[0]!) ?? 0) + Number(l.split('|')[2]));
        expect(await read(storage, from, to, { minComments: min }), `${from}..${to} ≥ ${min}`).toEqual(want.filter((l) => l.startsWith('|') || totals.get(l.split('|')[0]!)! >= min));
      }
    }
    const total = (await storage.insights.termScores({ site: 's', surveyId: 's1', from: '2026-01-01', to: '2026-12-31', minComments: 1 }))
      .filter((r) => r.term === '')
      .reduce((n, r) => n + r.n, 0);
    expect(total).toBe(commented);
    // One language; the unknown one counts under ''.
    expect(await read(storage, '2026-10-01', '2026-12-09', { lang: 'de' })).toEqual(expected(all, '2026-10-01', '2026-12-09', 'de'));
    expect(await read(storage, '2026-10-01', '2026-12-09', { lang: '' })).toEqual(expected(all, '2026-10-01', '2026-12-09', ''));
    // Other sites see nothing.
    expect(await read(storage, '2026-10-01', '2026-12-09', { site: 'other' })).toEqual([]);
  });

  test('insights: minComments keeps frequent terms with all their scores; periods compare two ranges', async () => {
    const { storage } = await make();
    const rs = [
      ...Array.from({ length: 5 }, (_, i) => resp({ score: i, comment: 'late delivery', createdAt: at(10, 20) })),
      ...Array.from({ length: 3 }, () => resp({ score: 10, comment: 'late delivery', createdAt: at(10, 5) })),
      resp({ score: 10, comment: 'lovely staff', createdAt: at(10, 20) }),
    ];
    await storage.ingest('s', { responses: rs, events: [] }, []);
    await drain(storage);
    const frequent = await read(storage, '2026-10-01', '2026-10-31', { minComments: 8 });
    // 'late', 'deliveri' and the bigram have 8 comments: kept with every score; 'love' (1) is not; '' always.
    expect(frequent.filter((l) => l.startsWith('deliveri|'))).toEqual(['deliveri|0|1', 'deliveri|1|1', 'deliveri|2|1', 'deliveri|3|1', 'deliveri|4|1', 'deliveri|10|3']);
    expect(frequent.some((l) => l.startsWith('love'))).toBe(false);
    expect(frequent.filter((l) => l.startsWith('|'))).toEqual(['|0|1', '|1|1', '|2|1', '|3|1', '|4|1', '|10|4']);
    expect(await read(storage, '2026-10-01', '2026-10-31', { minComments: 9 })).toEqual(['|0|1', '|1|1', '|2|1', '|3|1', '|4|1', '|10|4']);
    const periods = await storage.insights.termPeriods({ site: 's', surveyId: 's1', current: ['2026-10-15', '2026-10-31'], trailing: ['2026-10-01', '2026-10-14'], minComments: 2 });
    expect(periods.find((p) => p.term === 'deliveri')).toEqual({ term: 'deliveri', current: 5, trailing: 3 });
    expect(periods.find((p) => p.term === '')).toEqual({ term: '', current: 6, trailing: 3 });
    expect(periods.some((p) => p.term === 'love')).toBe(false);
  });

  test('insights: addComments (a bulk fill) counts exactly as the term counter does', async () => {
    const { storage } = await make();
    const rs = TEXTS.map(([locale, comment], i) => resp({ locale, comment, score: i % 11, createdAt: at(9 + (i % 3), 1 + i * 4) }));
    await storage.ingest('s', { responses: rs, events: [] }, []);
    await drain(storage);
    // The same comments, counted without the queue under another survey.
    const added = await storage.insights.addComments(
      rs.map((r) => ({ site: 's', surveyId: 's2', score: r.score, comment: r.comment!, locale: r.locale, day: r.createdAt.slice(0, 10) })),
      () => undefined,
    );
    expect(added).toBeGreaterThan(0);
    for (const [from, to] of [['2026-09-01', '2026-11-30'], ['2026-09-03', '2026-10-17']] as const) {
      expect(await read(storage, from, to, { surveyId: 's2' })).toEqual(await read(storage, from, to));
      expect(await read(storage, from, to, { surveyId: 's2' })).toEqual(expected(rs, from, to));
    }
  });

  test('insights: migration 6 (a column per score) drops the counts made before it and counts every comment again', async () => {
    const { storage, driver } = await make(false);
    expect(await storage.migrate(5)).toBe(5);
    const rs = TEXTS.map(([locale, comment], i) => resp({ locale, comment, score: 10 - i, createdAt: at(10, 1 + i) }));
    // As the code of that time stored them (today's ingest names columns added since).
    for (const r of rs) {
      await driver.query(
        `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, page_url, locale, channel)
         values ('s', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12, $13)`,
        [r.id, r.surveyId, r.kind, r.score, r.scale[0], r.scale[1], r.comment ?? null, r.createdAt, r.anonymousId, JSON.stringify(r.attributes), r.page.url, r.locale, r.channel],
      );
    }
    // Counted under fingerprint 'fp', as prepare did then (today's prepare reads columns added since).
    await driver.query(`insert into sayso_term_state (site, fingerprint) values ('s', 'fp')`);
    // Counted in the old layout (a row per score) by hand: the new code cannot write it.
    await driver.query(`delete from sayso_term_queue`);
    await driver.query(`insert into sayso_terms (site, survey_id, grain, day, term, lang, score, n) values ('s', 's1', 'm', '2026-10-01', '', 'en', 9, 99)`);
    expect(await storage.migrate()).toBe(latestVersion);
    expect(await driver.query(`select * from sayso_terms`)).toEqual([]);
    expect(await storage.insights.prepare('s', 'fp')).toBe(true);
    expect(await storage.insights.pending('s')).toBe(rs.length);
    await drain(storage);
    expect(await read(storage, '2026-10-01', '2026-10-31')).toEqual(expected(rs, '2026-10-01', '2026-10-31'));
  });

  test('insights: a link response is counted once it has its follow-up, with the score it ends with', async () => {
    const { storage, driver } = await make();
    const scoreOnly = resp({ channel: 'link', score: 9 });
    const withComment = resp({ channel: 'link', score: 2, comment: 'slow delivery' });
    await storage.ingest('s', { responses: [scoreOnly, withComment], events: [] }, []);
    // Still open for a follow-up: not counted (its score may change).
    expect(await run(storage)).toBe(0);
    expect(await storage.insights.pending('s')).toBe(1);
    expect(await storage.amendLinkResponse({ site: 's', surveyId: 's1', id: scoreOnly.id, windowSeconds: 86400 }, { score: 3, comment: 'Delivery broke' }, [])).toBe('amended');
    expect(await run(storage)).toBe(1);
    expect(await read(storage, '2026-10-01', '2026-10-01')).toEqual(['|3|1', 'broke|3|1', 'deliveri|3|1', 'deliveri broke|3|1']);
    // The other one, once the window (and margin) has passed.
    await driver.query(`update sayso_responses set received_at = now() - interval '26 hours' where id = $1::uuid`, [withComment.id]);
    expect(await run(storage)).toBe(1);
    expect(await storage.insights.pending('s')).toBe(0);
    expect(await read(storage, '2026-10-01', '2026-10-01')).toEqual(['|2|1', '|3|1', 'broke|3|1', 'deliveri|2|1', 'deliveri|3|1', 'deliveri broke|3|1', 'slow|2|1', 'slow deliveri|2|1']);
  });

  test('insights: a new fingerprint (term rules, custom themes) drops the counts and counts every comment again, once', async () => {
    const { storage, driver } = await make(false);
    // Comments stored before insights existed are counted on the first start.
    expect(await storage.migrate(3)).toBe(3);
    const old = [resp({ comment: 'Too expensive', score: 2 }), resp({ comment: 'Great price', score: 10 }), resp({ score: 5 })];
    // As the code of that time stored them (today's ingest names columns added since).
    for (const r of old) {
      await driver.query(
        `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, page_url, locale, channel)
         values ('s', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12, $13)`,
        [r.id, r.surveyId, r.kind, r.score, r.scale[0], r.scale[1], r.comment ?? null, r.createdAt, r.anonymousId, JSON.stringify(r.attributes), r.page.url, r.locale, r.channel],
      );
    }
    await storage.migrate();
    expect(await storage.insights.pending('s')).toBe(0);
    expect(await storage.insights.prepare('s', 'v1')).toBe(true);
    expect(await storage.insights.pending('s')).toBe(2);
    expect(await storage.insights.prepare('s', 'v1')).toBe(false);
    expect(await storage.insights.pending('s')).toBe(2);
    await drain(storage);
    const before = await read(storage, '2026-10-01', '2026-10-01');
    expect(before).toEqual(expected(old, '2026-10-01', '2026-10-01'));
    // A custom theme: everything recounted with it.
    const themes = defineThemes([{ name: 'Pricing', words: ['price', 'expensive'] }]);
    expect(await storage.insights.prepare('s', 'v2')).toBe(true);
    expect(await read(storage, '2026-10-01', '2026-10-01')).toEqual([]);
    while ((await run(storage, 1000, 1, themes)) > 0);
    const after = await read(storage, '2026-10-01', '2026-10-01');
    expect(after.filter((l) => !l.startsWith('theme:'))).toEqual(before);
    expect(after.filter((l) => l.startsWith('theme:'))).toEqual(['theme:Pricing|2|1', 'theme:Pricing|10|1']);
  });

  test('insights: comments of a survey page newest first by a keyset cursor', async () => {
    const { storage } = await make();
    const rs = Array.from({ length: 9 }, (_, i) => resp({ comment: `c${i}`, createdAt: at(10, 2, i % 3) }));
    await storage.ingest('s', { responses: [...rs, resp({ createdAt: at(10, 2) }), resp({ comment: 'other survey', surveyId: 's2', createdAt: at(10, 2) })], events: [] }, []);
    const seen: string[] = [];
    let before: { ts: string; id: string } | undefined;
    for (;;) {
      const page = await storage.insights.comments({ site: 's', surveyId: 's1', from: '2026-10-02', to: '2026-10-02', before, limit: 4 });
      seen.push(...page.map((c) => c.id));
      if (page.length < 4) break;
      before = { ts: page[page.length - 1]!.ts, id: page[page.length - 1]!.id };
    }
    const want = [...rs].sort((a, b) => (a.createdAt + a.id > b.createdAt + b.id ? -1 : 1)).map((r) => r.id);
    expect(seen).toEqual(want);
    expect(await storage.insights.comments({ site: 's', surveyId: 's1', from: '2026-10-03', to: '2026-10-03', limit: 4 })).toEqual([]);
  });
}
