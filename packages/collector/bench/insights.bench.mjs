// `pnpm bench`: how fast /v1/insights answers over 10⁶ stored comments, and
// how fast the term counter counts. A year of comments (1,000,000, 2,740 a
// day) is stored for one NPS survey: topic sentences in four languages that go
// with their scores, half of them with a clause of words drawn from a Zipf
// law over 5,000 made-up words (so the vocabulary, and the bigrams, grow the
// way real text does). The first 20,000 go through the real ingest and the
// real term counter (timed); the rest are written straight into the tables,
// counted in this process with @sayso/insights the way the counter counts
// (checked against the counter on the first 20,000). Then /v1/insights is
// timed in-process (no HTTP), on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { terms, langOf } from '@sayso/insights';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createCollector, resolveConfig } from '../dist/index.js';
import { freshPostgres } from './postgres.mjs';

// PGlite fills far slower than PostgreSQL: a tenth of the comments unless told.
const TOTAL_PG = Number(process.env.SAYSO_BENCH_COMMENTS ?? 1_000_000);
const TOTAL_PGLITE = Number(process.env.SAYSO_BENCH_PGLITE_COMMENTS ?? 100_000);
let TOTAL = TOTAL_PG;
const THROUGH_INGEST = 20_000;
const DAYS = 365;
const THEMES = [{ name: 'Pricing', words: ['price', 'expensive', 'teuer', 'cher', 'caro'] }];
const config = { secret: 'bench-secret', sites: [{ id: 'bench', origins: [], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend?' }], insights: { themes: THEMES } }] };

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

const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
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

function bucketsOf(day) {
  const t = Date.parse(`${day}T00:00:00Z`);
  return { d: day, w: iso(t - ((new Date(t).getUTCDay() + 6) % 7) * 86400_000), m: `${day.slice(0, 8)}01` };
}

const themes = resolveConfig(config).sites.get('bench').insights.themes;

async function run(label, total, openCollector, withSql) {
  TOTAL = total;
  console.log(`${label}:`);
  let collector = await openCollector();
  const storage = collector.storage;
  // 1. The real path: ingest, then the term counter.
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
  for (let n; (n = await storage.insights.countPending({ limit: 500, settleSeconds: 90000, themesFor: () => themes })) > 0; ) counted += n;
  const s = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`  term counter: ${counted.toLocaleString('en')} comments in ${s.toFixed(1)} s = ${Math.round(counted / s).toLocaleString('en')} comments/s (collector CPU ${((used.user + used.system) / 1000 / counted * 1000).toFixed(0)} ms per 1000)`);

  await collector.close();
  // 2. The rest, straight into the tables (the trigger is off meanwhile: nothing to queue).
  t = performance.now();
  await withSql(async (sql) => {
  await sql(`alter table sayso_responses disable trigger sayso_queue_new_comments`);
  const maps = { d: new Map(), w: new Map(), m: new Map(), t: new Map() };
  const open = { d: '', w: '', m: '' };
  const flush = async (grain) => {
    const list = [...maps[grain].values()];
    maps[grain].clear();
    for (let i = 0; i < list.length; i += 20000) {
      await sql(
        `insert into sayso_terms (site, survey_id, grain, day, term, lang, score, n)
         select 'bench', 'nps', grain, day, term, lang, score, n from jsonb_to_recordset($1::text::jsonb) as r(grain text, day date, term text, lang text, score integer, n bigint)
         on conflict (site, survey_id, grain, day, term, lang, score) do update set n = sayso_terms.n + excluded.n`,
        [JSON.stringify(list.slice(i, i + 20000))],
      );
    }
  };
  let batch = [];
  const writeResponses = async () => {
    if (!batch.length) return;
    await sql(
      `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, locale, channel)
       select 'bench', gen_random_uuid(), 'nps', 'nps', score, 0, 10, comment, created_at, 'b', locale, 'web'
       from jsonb_to_recordset($1::text::jsonb) as r(score integer, comment text, created_at timestamptz, locale text)`,
      [JSON.stringify(batch)],
    );
    batch = [];
  };
  for (let i = THROUGH_INGEST; i < TOTAL; i++) {
    const c = comment(i);
    const day = iso(c.at);
    const b = bucketsOf(day);
    for (const grain of ['d', 'w', 'm']) if (open[grain] !== b[grain]) {
      if (open[grain]) await flush(grain);
      if (grain === 'm' && open.m) await flush('t');
      open[grain] = b[grain];
    }
    const lang = langOf(c.locale);
    for (const term of ['', ...terms(c.text, lang, { themes }).terms]) {
      for (const grain of ['d', 'w', 'm']) {
        const key = `${term}\x1f${lang}\x1f${c.score}`;
        const row = maps[grain].get(key);
        if (row) row.n++;
        else maps[grain].set(key, { grain, day: b[grain], term, lang, score: c.score, n: 1 });
      }
      // The month's total of the term (grain 't'), as the counter writes it.
      const row = maps.t.get(term);
      if (row) row.n++;
      else maps.t.set(term, { grain: 't', day: b.m, term, lang: '', score: -1, n: 1 });
    }
    batch.push({ score: c.score, comment: c.text, created_at: new Date(c.at).toISOString(), locale: c.locale });
    if (batch.length === 10000) await writeResponses();
  }
  await writeResponses();
  for (const grain of ['d', 'w', 'm', 't']) await flush(grain);
  await sql(`alter table sayso_responses enable trigger sayso_queue_new_comments`);
  await sql(`analyze sayso_terms`);
  await sql(`analyze sayso_responses`);
  const [{ n }] = await sql(`select count(*)::int as n from sayso_terms`);
  console.log(`  stored ${TOTAL.toLocaleString('en')} comments and ${n.toLocaleString('en')} term rows (day, week, month) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  });
  collector = await openCollector();

  // 3. /v1/insights, in-process.
  const yearAgo = iso(today - (DAYS - 1) * 86400_000);
  const get = (qs) => collector.fetch(new globalThis.Request(`http://bench/v1/insights?${qs}`, { headers: { authorization: 'Bearer bench-secret' } }));
  const time = async (name, qs, runs = 10) => {
    const res = await get(qs);
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${qs}: ${res.status} ${JSON.stringify(body)}`);
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await (await get(qs)).arrayBuffer();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const sv = body.surveys[0];
    console.log(`  ${name.padEnd(36)} median ${ms[runs >> 1].toFixed(0)} ms, max ${ms[runs - 1].toFixed(0)} ms  (${sv.comments.toLocaleString('en')} comments; top theme "${sv.impact[0]?.label}", ${sv.distinctive.low.length}+${sv.distinctive.high.length} distinctive)`);
  };
  // Where the time goes: the count query alone, over the same 90 days.
  {
    const ms = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      rows = (await collector.storage.insights.termScores({ site: 'bench', surveyId: 'nps', from: iso(today - 89 * 86400_000), to: iso(today), minComments: 10 })).length;
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(`  ${'count query alone, last 90 days'.padEnd(36)} median ${ms[2].toFixed(0)} ms (${rows.toLocaleString('en')} rows of frequent terms × scores)`);
  }
  await time('last 90 days, rising by week', 'survey=nps');
  await time(`whole year (${TOTAL.toLocaleString('en')} comments), by month`, `survey=nps&from=${yearAgo}&interval=month`);
  await time('whole year, minComments=100', `survey=nps&from=${yearAgo}&minComments=100`);
  const ms = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await (await collector.fetch(new globalThis.Request(`http://bench/v1/insights/comments?survey=nps&term=deliveri&limit=20`, { headers: { authorization: 'Bearer bench-secret' } }))).arrayBuffer();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${'a theme\'s 20 newest comments'.padEnd(36)} median ${ms[2].toFixed(0)} ms`);
  await collector.close();
}

const options = { config, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0 };

const pg = await freshPostgres('sayso_bench_insights');
if (!pg) console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
else {
  try {
    await run('PostgreSQL', TOTAL_PG, () => createCollector({ ...options, databaseUrl: pg.url }), async (fn) => {
      const db = postgres(pg.url, { max: 1, onnotice: () => {} });
      try {
        await fn((text, params = []) => db.unsafe(text, params));
      } finally {
        await db.end();
      }
    });
  } finally {
    await pg.stop();
  }
}

if (!process.env.SAYSO_BENCH_SKIP_PGLITE) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sayso-bench-insights-'));
  try {
    // PGlite lives in this process: the fill opens the data folder itself while no collector holds it.
    await run('PGlite', TOTAL_PGLITE, () => createCollector({ ...options, dataDir }), async (fn) => {
      const db = await PGlite.create(dataDir);
      try {
        await fn(async (text, params = []) => (await db.query(text, params)).rows);
      } finally {
        await db.close();
      }
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
