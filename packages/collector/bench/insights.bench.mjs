// `pnpm bench`: how fast /v1/insights answers over 10⁶ stored comments, and
// how fast the term counter counts. A year of comments (1,000,000, 2,740 a
// day) is stored for one NPS survey: topic sentences in four languages that go
// with their scores, half of them with a clause of words drawn from a Zipf
// law over 5,000 made-up words (so the vocabulary, and the bigrams, grow the
// way real text does). The first 20,000 go through the real ingest and the
// real term counter (timed); the rest are written straight into
// sayso_responses (10,000 rows a statement, the queue trigger off) and counted
// by `storage.insights.addComments`, the term counter's own counting code,
// while the next rows are written. Then /v1/insights is timed in-process (no
// HTTP) for the last 30 and 90 days, against a naive baseline measured in the
// same run: counting the range's stored comments at request time.
//
// SAYSO_BENCH_COMMENTS (default 1,000,000) and SAYSO_BENCH_PGLITE_COMMENTS
// (100,000; SAYSO_BENCH_SKIP_PGLITE=1 skips PGlite) size the fills,
// SAYSO_BENCH_RUNS (20) the timed requests. SAYSO_BENCH_KEEP=1 with
// SAYSO_TEST_DATABASE_URL keeps the PostgreSQL fill in a database named by its
// size and reuses it on the next run (start a server that outlives the run
// with `source .ci/postgres.sh && start_test_postgres`).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { terms, langOf } from '@sayso/insights';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createCollector, resolveConfig } from '../dist/index.js';
import { freshPostgres, keptPostgres, postgresCpuMs } from './postgres.mjs';

// PGlite fills far slower than PostgreSQL: a tenth of the comments unless told.
const TOTAL_PG = Number(process.env.SAYSO_BENCH_COMMENTS ?? 1_000_000);
const TOTAL_PGLITE = Number(process.env.SAYSO_BENCH_PGLITE_COMMENTS ?? 100_000);
let TOTAL = TOTAL_PG;
const THROUGH_INGEST = 20_000;
const RUNS = Number(process.env.SAYSO_BENCH_RUNS ?? 20);
const KEEP = Boolean(process.env.SAYSO_BENCH_KEEP);
/** Bump when the fill changes, so a kept database from an older fill is not reused. */
const FILL_VERSION = 3;
/** Comments per statement of the fill. */
const CHUNK = 10_000;
const DAYS = 365;
const SECRET = 'bench-secret-bench-secret-bench-secret';
const THEMES = [{ name: 'Pricing', words: ['price', 'expensive', 'teuer', 'cher', 'caro'] }];
const config = { secret: SECRET, allowedHosts: ['bench'], sites: [{ id: 'bench', origins: [], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend?' }], insights: { themes: THEMES } }] };

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(2026);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const BAD = {
  en: ['The delivery was late again.', 'Far too expensive for what it does.', 'Support never answered my emails.', 'The app crashes when I log in.', 'The quality is poor and it broke.'],
  de: ['Die Lieferung kam zu spät.', 'Viel zu teuer.', 'Der Support hat nie geantwortet.', 'Die App stürzt bei der Anmeldung ab.'],
  fr: ['La livraison est arrivée en retard.', 'Beaucoup trop cher.', "Le support n'a jamais répondu.", "L'application plante à la connexion."],
  es: ['El envío llegó tarde.', 'Demasiado caro.', 'El soporte nunca respondió.', 'La aplicación se cierra al iniciar sesión.'],
};
const GOOD = {
  en: ['Fast shipping and great support.', 'Great value for the price.', 'The app is easy to use.', 'Excellent quality.'],
  de: ['Schnelle Lieferung, toller Support.', 'Guter Preis.', 'Die App ist einfach zu bedienen.'],
  fr: ['Livraison rapide, super support.', 'Très bon prix.', "L'application est facile à utiliser."],
  es: ['Envío rápido y buen soporte.', 'Buen precio.', 'La aplicación es fácil de usar.'],
};
const LANGS = ['en', 'en', 'en', 'de', 'fr', 'es'];
// 5,000 made-up words, drawn by a Zipf law (s = 1.1): a few common, most rare.
const SYL = ['ka', 'lo', 'mi', 'ru', 'te', 'vo', 'sa', 'ne', 'di', 'po', 'fa', 'gu', 'ba', 'ze', 'ti'];
const VOCAB = Array.from({ length: 5000 }, (_, i) => {
  let w = '';
  for (let n = i + 15; n > 0; n = Math.floor(n / 15)) w += SYL[n % 15];
  return w;
});
const zipf = (() => {
  const cum = [];
  let s = 0;
  for (let k = 1; k <= VOCAB.length; k++) cum.push((s += 1 / k ** 1.1));
  return () => {
    const r = rand() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return VOCAB[lo];
  };
})();

// The day the fill ends; a kept fill keeps its own.
let today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** The i-th comment, in day order (oldest first): its score, text, locale and time. */
function comment(i) {
  const day = Math.floor((i * DAYS) / TOTAL);
  const at = today - (DAYS - 1 - day) * 86400_000 + Math.floor(rand() * 86400_000);
  const score = Math.min(10, Math.floor(rand() * 11));
  const locale = pick(LANGS);
  let text = score <= 6 ? pick(BAD[locale]) : score >= 9 ? pick(GOOD[locale]) : `${pick(GOOD[locale])} ${pick(BAD[locale])}`;
  if (rand() < 0.5) text += ` ${zipf()} ${zipf()} ${zipf()}.`;
  return { score, text, locale, at };
}


const themes = resolveConfig(config).sites.get('bench').insights.themes;
const themesFor = () => themes;

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
// The database the timed requests read, for the CPU its backends use (null on PGlite: it runs in this process).
let database = null;
/**
 * Median and p95 wall time of `runs` calls, and the CPU they cost per call:
 * this process (the collector runs in it) and the PostgreSQL backends. On a
 * shared machine wall time swings with other work, CPU much less.
 */
async function timed(runs, fn) {
  const ms = [];
  const cpu = process.cpuUsage();
  const pg = postgresCpuMs(database);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const used = process.cpuUsage(cpu);
  ms.sort((a, b) => a - b);
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95), max: ms[ms.length - 1], node: (used.user + used.system) / 1000 / runs, pg: pg === null ? null : (postgresCpuMs(database) - pg) / runs };
}
const fmt = (t) => `median ${t.median.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms; CPU per request: Node ${t.node.toFixed(0)} ms${t.pg === null ? '' : `, PostgreSQL ${t.pg.toFixed(0)} ms`}`;

const insertResponses = (sql, list) =>
  sql(
    `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, locale, channel)
     select 'bench', gen_random_uuid(), 'nps', 'nps', score, 0, 10, comment, created_at, 'b', locale, 'web'
     from jsonb_to_recordset($1::text::jsonb) as r(score integer, comment text, created_at timestamptz, locale text)`,
    [JSON.stringify(list.map((c) => ({ score: c.score, comment: c.text, created_at: new Date(c.at).toISOString(), locale: c.locale })))],
  );
const countable = (list) => list.map((c) => ({ site: 'bench', surveyId: 'nps', score: c.score, comment: c.text, locale: c.locale, day: iso(c.at) }));

/**
 * Stores `total` comments: the first THROUGH_INGEST through the ingest and
 * the term counter (timed), the rest in bulk. `sql` runs raw SQL; with
 * `together` false (PGlite: one process holds the data folder) the collector
 * is closed while it runs, and the rows are counted afterwards.
 */
async function fill(total, openCollector, withSql, together) {
  let collector = await openCollector();
  const storage = collector.storage;
  let t = performance.now();
  const first = [];
  for (let i = 0; i < THROUGH_INGEST; i++) first.push(comment(i));
  for (let i = 0; i < first.length; i += 500) {
    const responses = first.slice(i, i + 500).map((c) => ({
      id: randomUUID(), surveyId: 'nps', kind: 'nps', score: c.score, scale: [0, 10], comment: c.text, createdAt: new Date(c.at).toISOString(),
      anonymousId: 'b', attributes: {}, page: { url: 'https://bench.test/' }, locale: c.locale, channel: 'web',
    }));
    await storage.ingest('bench', { responses, events: [] }, []);
  }
  console.log(`  ingest of ${THROUGH_INGEST.toLocaleString('en')} comments: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const cpu = process.cpuUsage();
  let counted = 0;
  for (let n; (n = await storage.insights.countPending({ limit: 500, settleSeconds: 90000, themesFor })) > 0; ) counted += n;
  const s = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`  term counter: ${counted.toLocaleString('en')} comments in ${s.toFixed(1)} s = ${Math.round(counted / s).toLocaleString('en')} comments/s (collector CPU ${((used.user + used.system) / 1000 / counted * 1000).toFixed(0)} ms per 1000)`);

  t = performance.now();
  if (!together) await collector.close();
  const later = [];
  await withSql(async (sql) => {
    // The trigger is off meanwhile: these rows are counted in bulk, not queued.
    await sql(`alter table sayso_responses disable trigger sayso_queue_new_comments`);
    let counting = Promise.resolve();
    for (let i = THROUGH_INGEST; i < total; i += CHUNK) {
      const list = [];
      for (let j = i; j < Math.min(total, i + CHUNK); j++) list.push(comment(j));
      const stored = insertResponses(sql, list);
      if (together) {
        // One chunk counted while the next is generated and stored (the counting is JS, the storing PostgreSQL).
        await counting;
        counting = storage.insights.addComments(countable(list), themesFor).then(() => {});
      } else later.push(list);
      await stored;
    }
    await counting;
    await sql(`alter table sayso_responses enable trigger sayso_queue_new_comments`);
  });
  if (!together) {
    collector = await openCollector();
    for (const list of later) await collector.storage.insights.addComments(countable(list), themesFor);
  }
  await collector.close();
  const stored = (performance.now() - t) / 1000;
  t = performance.now();
  let rows = 0;
  await withSql(async (sql) => {
    // What autovacuum would do by the time anyone asks: visibility maps for index-only scans, statistics for the planner.
    await sql(`vacuum analyze sayso_terms`);
    await sql(`vacuum analyze sayso_responses`);
    rows = (await sql(`select count(*)::float8 as n from sayso_terms`))[0].n;
    await sql(`create table if not exists sayso_bench_fill (total integer, today date, version integer)`);
    await sql(`insert into sayso_bench_fill values ($1, $2, $3)`, [total, iso(today), FILL_VERSION]);
  });
  console.log(`  stored and counted ${(total - THROUGH_INGEST).toLocaleString('en')} more comments (${Number(rows).toLocaleString('en')} term rows in all) in ${stored.toFixed(0)} s, vacuum ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

/** The naive baseline: a range's term counts per score, counted from its stored comments at request time (read page by page). */
async function naiveCounts(storage, from, to, minComments) {
  const counts = new Map();
  let comments = 0;
  let before;
  for (;;) {
    const page = await storage.insights.comments({ site: 'bench', surveyId: 'nps', from, to, before, limit: 5000 });
    for (const r of page) {
      const lang = r.locale ? langOf(r.locale) : null;
      for (const term of ['', ...(lang ? terms(r.comment, lang, { themes }).terms : [])]) {
        let c = counts.get(term);
        if (!c) counts.set(term, (c = new Array(11).fill(0)));
        c[r.score]++;
      }
    }
    comments += page.length;
    if (page.length < 5000) break;
    before = { ts: page[page.length - 1].ts, id: page[page.length - 1].id };
  }
  let kept = 0;
  for (const c of counts.values()) if (c.reduce((a, b) => a + b, 0) >= minComments) kept++;
  return { comments, kept };
}

async function measure(collector, runs) {
  const get = (qs) => collector.fetch(new globalThis.Request(`http://bench/v1/insights?${qs}`, { headers: { authorization: `Bearer ${SECRET}` } }));
  const results = {};
  for (const days of [30, 90]) {
    const from = iso(today - (days - 1) * 86400_000);
    const qs = `survey=nps&from=${from}&to=${iso(today)}`;
    const res = await get(qs);
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${qs}: ${res.status} ${JSON.stringify(body)}`);
    const sv = body.surveys[0];
    const fast = await timed(runs, async () => (await get(qs)).arrayBuffer());
    let naive;
    const naiveTime = await timed(Math.max(1, Math.min(3, runs)), async () => (naive = await naiveCounts(collector.storage, from, iso(today), 10)));
    // Where the time goes: each storage read alone.
    const base = { site: 'bench', surveyId: 'nps', minComments: 10 };
    const parts = [
      ['term counts', () => collector.storage.insights.termScores({ ...base, from, to: iso(today) })],
      ['rising (by week)', () => collector.storage.insights.termPeriods({ ...base, current: sv.rising.current, trailing: sv.rising.trailing })],
      ['newest 1,000 comments', () => collector.storage.insights.comments({ site: 'bench', surveyId: 'nps', from, to: iso(today), limit: 1000 })],
    ];
    const split = [];
    for (const [name, fn] of parts) split.push(`${name} ${(await timed(5, fn)).median.toFixed(0)} ms`);
    console.log(`  last ${days} days (${sv.comments.toLocaleString('en')} comments; top theme "${sv.impact[0]?.label}", ${sv.distinctive.low.length}+${sv.distinctive.high.length} distinctive, ${sv.distinctive.tested.toLocaleString('en')} terms tested)`);
    console.log(`    GET /v1/insights              ${fmt(fast)}  (${runs} runs; alone: ${split.join(', ')})`);
    console.log(`    naive: count stored comments  ${fmt(naiveTime)}  (${naive.comments.toLocaleString('en')} comments read and tokenised, ${naive.kept.toLocaleString('en')} terms kept; term counts alone)`);
    console.log(`    ratio naive / insights (median): ×${(naiveTime.median / fast.median).toFixed(1)}`);
    results[days] = fast;
  }
  const yearAgo = iso(today - (DAYS - 1) * 86400_000);
  const year = await timed(Math.max(1, runs >> 2), async () => (await get(`survey=nps&from=${yearAgo}&to=${iso(today)}&interval=month`)).arrayBuffer());
  console.log(`  whole year, by month            ${fmt(year)}`);
  const list = await timed(5, async () => (await collector.fetch(new globalThis.Request(`http://bench/v1/insights/comments?survey=nps&term=deliveri&limit=20&from=${yearAgo}&to=${iso(today)}`, { headers: { authorization: `Bearer ${SECRET}` } }))).arrayBuffer());
  console.log(`  a theme's 20 newest comments    ${fmt(list)}`);
  return results;
}

async function run(label, total, openCollector, withSql, { together, reuse }) {
  TOTAL = total;
  console.log(`${label}, ${total.toLocaleString('en')} comments over ${DAYS} days:`);
  let reused = false;
  if (reuse) {
    await withSql(async (sql) => {
      const [marker] = await sql(`select total, to_char(today, 'YYYY-MM-DD') as today, version from sayso_bench_fill`).catch(() => []);
      if (marker && marker.total === total && marker.version === FILL_VERSION) {
        today = Date.parse(`${marker.today}T00:00:00Z`);
        reused = true;
      }
    });
  }
  if (!reused) await fill(total, openCollector, withSql, together);
  const collector = await openCollector();
  try {
    // A kept fill whose counts the collector dropped at start (new term rules) is of no use: say so.
    const pending = await collector.storage.insights.pending('bench');
    if (pending > 0) throw new Error(`${pending} comments are queued again (the term rules changed): drop the kept database and run again`);
    if (reused) console.log(`  reusing the kept fill of ${iso(today)} (SAYSO_BENCH_KEEP)`);
    await measure(collector, RUNS);
  } finally {
    await collector.close();
  }
}

const options = { config, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0 };
const pgSql = (url) => async (fn) => {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn((text, params = []) => db.unsafe(text, params));
  } finally {
    await db.end();
  }
};

const kept = KEEP ? await keptPostgres(`sayso_bench_insights_k${TOTAL_PG}_v${FILL_VERSION}`) : null;
if (KEEP && !kept) console.log('SAYSO_BENCH_KEEP needs SAYSO_TEST_DATABASE_URL (a server that outlives the run): filling a throwaway database');
const pg = kept ?? (await freshPostgres('sayso_bench_insights'));
if (!pg) console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
else {
  try {
    const open = () => createCollector({ ...options, databaseUrl: pg.url });
    database = new URL(pg.url).pathname.slice(1);
    const sql = pgSql(pg.url);
    if (kept?.existed) {
      // A fill that did not finish (or an older one) leaves no marker of this size: start again.
      const ok = await sql((q) => q(`select 1 from sayso_bench_fill where total = $1 and version = $2`, [TOTAL_PG, FILL_VERSION])).catch(() => []);
      if (ok.length === 0) await kept.drop();
    }
    await run('PostgreSQL', TOTAL_PG, open, sql, { together: true, reuse: Boolean(kept?.existed) });
  } finally {
    await pg.stop();
  }
}

if (!process.env.SAYSO_BENCH_SKIP_PGLITE) {
  database = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'sayso-bench-insights-'));
  try {
    // PGlite lives in this process: the fill opens the data folder itself while no collector holds it.
    await run('PGlite', TOTAL_PGLITE, () => createCollector({ ...options, dataDir }), async (fn) => {
      const db = await PGlite.create(dataDir);
      try {
        return await fn(async (text, params = []) => (await db.query(text, params)).rows);
      } finally {
        await db.close();
      }
    }, { together: false, reuse: false });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
