// `node packages/collector/bench/inbox.bench.mjs` (after `pnpm build`): how
// fast a filtered page of the inbox (GET /v1/admin/sites/:site/responses)
// answers over many stored answers on PostgreSQL, first and second (keyset)
// page of every filter the studio offers and the combinations it is used
// for, against the same first page asked of a second collector on the same
// database whose sessions may not use indexes (enable_indexscan,
// enable_bitmapscan, enable_indexonlyscan off: the baseline is the same SQL,
// unindexed, measured in the same run).
//
// The fill (SAYSO_BENCH_INBOX_ANSWERS, default 10⁶) is written straight into
// sayso_responses by one generate_series statement: a year of answers to an
// NPS and a CSAT survey, scores spread evenly, four plans (one rare:
// "enterprise", 1 in 1,000), comments from a small vocabulary with one rare
// word ("refund", 1 in 200); 5 % of the answers have an inbox row (status,
// an assignee on a fifth of those, tags). SAYSO_BENCH_RUNS (15) sets the timed
// requests per page, SAYSO_BENCH_BASELINE_RUNS (3) those of the unindexed
// baseline. SAYSO_BENCH_KEEP=1 with SAYSO_TEST_DATABASE_URL keeps the filled
// database on that server and reuses it next time (the fill is about half a
// minute per 10⁶). Figures are printed, never asserted.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { createCollector } from '../dist/index.js';
import { freshPostgres, keptPostgres } from './postgres.mjs';

const TOTAL = Number(process.env.SAYSO_BENCH_INBOX_ANSWERS ?? 1_000_000);
const RUNS = Number(process.env.SAYSO_BENCH_RUNS ?? 15);
const BASELINE_RUNS = Number(process.env.SAYSO_BENCH_BASELINE_RUNS ?? 3);
const KEEP = Boolean(process.env.SAYSO_BENCH_KEEP);
/** Bump when the fill changes, so a kept database from an older fill is not reused. */
const FILL_VERSION = 2;
const SECRET = 'bench-secret-bench-secret-bench-secret';
const config = {
  secret: SECRET,
  allowedHosts: ['bench'],
  sites: [{ id: 'bench', origins: [], segments: ['plan'], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend?' }, { id: 'csat', kind: 'csat', question: 'Happy?' }] }],
};
const options = { config, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0 };
const UNINDEXED = 'enable_indexscan=off&enable_bitmapscan=off&enable_indexonlyscan=off';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
async function timed(fn, runs) {
  await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function fill(url) {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  // The comment's words: a rare one ("refund") in 1 of 200 comments, the others common.
  await db.unsafe(
    `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, channel)
     select 'bench', gen_random_uuid(), s.survey, s.kind, s.score, s.lo, s.hi,
       case when g % 3 = 0 then null
            when g % 200 = 1 then 'asked for a refund after the delivery was late'
            else (array['slow checkout', 'great support team', 'the price is too high', 'delivery was late', 'love the new design'])[g % 5 + 1] end,
       now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second', 'anon-' || g,
       jsonb_build_object('plan', case when g % 1000 = 7 then 'enterprise' else (array['free', 'pro', 'team'])[g % 3 + 1] end), 'web'
     from generate_series(1, $1::integer) g,
       lateral (select case when g % 4 = 0 then 'csat' else 'nps' end as survey, case when g % 4 = 0 then 'csat' else 'nps' end as kind,
                       case when g % 4 = 0 then 1 + g % 5 else g * 7 % 11 end as score,
                       case when g % 4 = 0 then 1 else 0 end as lo, case when g % 4 = 0 then 5 else 10 end as hi) s`,
    [TOTAL],
  );
  // The inbox rows copy their answer's created_at (migration 14), as the first change writes it.
  await db.unsafe(
    `insert into sayso_inbox (site, response_id, created_at, status, assignee, tags, closed_at)
     select site, id, created_at, (array['new', 'in_progress', 'closed'])[n % 3 + 1], case when n % 5 = 0 then 'user-' || (n % 7) end,
       case when n % 4 = 0 then array['vip'] when n % 4 = 1 then array['vip-gold', 'billing'] else array['billing'] end,
       case when n % 3 = 2 then created_at + interval '2 hours' end
     from (select site, id, created_at, row_number() over () as n from sayso_responses where abs(hashtext(id::text)) % 20 = 0) x`,
  );
  // The comments the insert queued for counting: the bench does not count them.
  await db.unsafe('truncate sayso_term_queue');
  // One statement per call: VACUUM cannot run in the implicit transaction of several.
  for (const table of ['sayso_responses', 'sayso_inbox']) await db.unsafe(`vacuum analyze ${table}`);
  await db.unsafe(`create table sayso_bench_fill (total integer, version integer)`);
  await db.unsafe(`insert into sayso_bench_fill values ($1, $2)`, [TOTAL, FILL_VERSION]);
  const [{ inbox }] = await db.unsafe('select count(*)::int as inbox from sayso_inbox');
  await db.end();
  console.log(`PostgreSQL: ${TOTAL.toLocaleString('en')} answers (${inbox.toLocaleString('en')} with inbox state) written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function filled(url) {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await db.unsafe(`select 1 from sayso_bench_fill where total = $1 and version = $2`, [TOTAL, FILL_VERSION]).catch(() => []);
  await db.end();
  return rows.length > 0;
}

const kept = KEEP ? await keptPostgres(`sayso_bench_inbox_k${TOTAL}_v${FILL_VERSION}`) : null;
if (KEEP && !kept) console.log('SAYSO_BENCH_KEEP needs SAYSO_TEST_DATABASE_URL (a server that outlives the run): filling a throwaway database');
const pg = kept ?? (await freshPostgres('sayso_bench_inbox'));
if (!pg) {
  console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
  process.exit(0);
}
let indexed;
let unindexed;
try {
  const reuse = kept?.existed && (await filled(pg.url));
  if (kept?.existed && !reuse) await kept.drop();
  // The collector migrates the schema (on a kept fill, the migrations added since build their indexes now).
  const t0 = performance.now();
  indexed = await createCollector({ ...options, databaseUrl: pg.url });
  if (reuse) console.log(`PostgreSQL: reusing the kept fill of ${TOTAL.toLocaleString('en')} answers (SAYSO_BENCH_KEEP; start and migrations ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  else await fill(pg.url);
  unindexed = await createCollector({ ...options, databaseUrl: `${pg.url}?${UNINDEXED}` });

  const day = (d) => new Date(Date.now() - d * 86400_000).toISOString().slice(0, 10);
  const pages = [
    ['newest', ''],
    ['survey', 'survey=csat'],
    ['band', 'band=passive'],
    ['survey, band, 30 days', `survey=nps&band=detractor&from=${day(30)}&to=${day(0)}`],
    ['score range', 'scoreMin=9&scoreMax=10'],
    ['score range, narrow', 'scoreMin=0&scoreMax=0'],
    ['date range, 30 days', `from=${day(90)}&to=${day(60)}`],
    ['date range, one day', `from=${day(300)}&to=${day(300)}`],
    ['segment', 'attr.plan=team'],
    ['segment, rare value', 'attr.plan=enterprise'],
    ['segment, no such value', 'attr.plan=nobody'],
    ['segment and has-comment', 'attr.plan=team&hasComment=true'],
    ['has-comment', 'hasComment=true'],
    ['no comment', 'hasComment=false'],
    ['text, a rare word', 'q=refund'],
    ['text, a common word', 'q=late'],
    ['text, no match', 'q=zebra'],
    ['status open', 'status=open'],
    ['status closed', 'status=closed'],
    ['assignee', 'assignee=user-3'],
    ['status and assignee', 'status=in_progress&assignee=user-3'],
    ['tag', 'tag=vip'],
    ['test answers only', 'test=only'],
    ['to call back', 'survey=nps&band=detractor&hasComment=true&status=open'],
    ['tag, survey, band', 'tag=vip&survey=nps&band=detractor'],
    ['closed detractors, 30 days', `status=closed&band=detractor&from=${day(30)}&to=${day(0)}`],
    ['text and band', 'q=refund&band=detractor'],
  ];
  const get = (c, qs) => async () => {
    const res = await c.fetch(new globalThis.Request(`http://bench/v1/admin/sites/bench/responses?limit=50&${qs}`, { headers: { authorization: `Bearer ${SECRET}` } }));
    if (res.status !== 200) throw new Error(`${qs}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const ms = (t) => `${t.median.toFixed(1)} ms (p95 ${t.p95.toFixed(1)})`;
  console.log(`pages of 50, median of ${RUNS} in-process requests (p95); baseline: the first page with index scans off, median of ${BASELINE_RUNS}`);
  for (const [name, qs] of pages) {
    const first = await get(indexed, qs)();
    const a = await timed(get(indexed, qs), RUNS);
    let second = '';
    if (first.next) {
      const qs2 = `${qs}&before=${encodeURIComponent(first.next)}`;
      const next = await get(indexed, qs2)();
      second = `; second page ${String(next.responses.length).padStart(2)}: ${ms(await timed(get(indexed, qs2), RUNS))}`;
    }
    const b = await timed(get(unindexed, qs), BASELINE_RUNS);
    console.log(`  ${name.padEnd(27)} ${String(first.responses.length).padStart(2)} items: ${ms(a)}${second}; unindexed ${b.median.toFixed(1)} ms: ${(b.median / a.median).toFixed(1)}×`);
  }
} finally {
  await unindexed?.close();
  await indexed?.close();
  if (kept) await kept.stop();
  else await pg.stop();
}
