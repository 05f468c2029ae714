// `node packages/collector/bench/inbox.bench.mjs` (after `pnpm build`): how
// fast a filtered page of the inbox (GET /v1/admin/sites/:site/responses)
// answers over many stored answers on PostgreSQL, against the same request
// to a second collector on the same database whose sessions may not use
// indexes (enable_indexscan, enable_bitmapscan, enable_indexonlyscan off:
// the baseline is the same SQL, unindexed, measured in the same run).
//
// The fill (SAYSO_BENCH_INBOX_ANSWERS, default 200,000) is written straight
// into sayso_responses by one generate_series statement: a year of answers to
// an NPS and a CSAT survey, three plans, comments from a small vocabulary with
// one rare word ("refund", 1 in 200); 5 % of the answers have an inbox row
// (status, an assignee on a fifth of those, tags). SAYSO_BENCH_RUNS (15) sets
// the timed requests per query. Figures are printed, never asserted.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { createCollector } from '../dist/index.js';
import { freshPostgres } from './postgres.mjs';

const TOTAL = Number(process.env.SAYSO_BENCH_INBOX_ANSWERS ?? 200_000);
const RUNS = Number(process.env.SAYSO_BENCH_RUNS ?? 15);
const SECRET = 'bench-secret-bench-secret-bench-secret';
const config = {
  secret: SECRET,
  allowedHosts: ['bench'],
  sites: [{ id: 'bench', origins: [], segments: ['plan'], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend?' }, { id: 'csat', kind: 'csat', question: 'Happy?' }] }],
};
const options = { config, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0 };
const UNINDEXED = 'enable_indexscan=off&enable_bitmapscan=off&enable_indexonlyscan=off';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
async function timed(fn) {
  await fn();
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

const pg = await freshPostgres('sayso_bench_inbox');
if (!pg) {
  console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
  process.exit(0);
}
let indexed;
let unindexed;
try {
  indexed = await createCollector({ ...options, databaseUrl: pg.url });
  const db = postgres(pg.url, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  // The comment's words: a rare one ("refund") in 1 of 200 comments, the others common.
  await db.unsafe(
    `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, channel)
     select 'bench', gen_random_uuid(), s.survey, s.kind, s.score, s.lo, s.hi,
       case when g % 3 = 0 then null
            when g % 200 = 1 then 'asked for a refund after the delivery was late'
            else (array['slow checkout', 'great support team', 'the price is too high', 'delivery was late', 'love the new design'])[g % 5 + 1] end,
       now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second', 'anon-' || g,
       jsonb_build_object('plan', (array['free', 'pro', 'team'])[g % 3 + 1]), 'web'
     from generate_series(1, $1::integer) g,
       lateral (select case when g % 4 = 0 then 'csat' else 'nps' end as survey, case when g % 4 = 0 then 'csat' else 'nps' end as kind,
                       case when g % 4 = 0 then 1 + g % 5 else g * 7 % 11 end as score,
                       case when g % 4 = 0 then 1 else 0 end as lo, case when g % 4 = 0 then 5 else 10 end as hi) s`,
    [TOTAL],
  );
  await db.unsafe(
    `insert into sayso_inbox (site, response_id, status, assignee, tags, closed_at)
     select site, id, (array['new', 'in_progress', 'closed'])[n % 3 + 1], case when n % 5 = 0 then 'user-' || (n % 7) end,
       case when n % 4 = 0 then array['vip'] when n % 4 = 1 then array['vip-gold', 'billing'] else array['billing'] end,
       case when n % 3 = 2 then created_at + interval '2 hours' end
     from (select site, id, created_at, row_number() over () as n from sayso_responses where abs(hashtext(id::text)) % 20 = 0) x`,
  );
  await db.unsafe('analyze sayso_responses; analyze sayso_inbox');
  const [{ inbox }] = await db.unsafe('select count(*)::int as inbox from sayso_inbox');
  await db.end();
  console.log(`PostgreSQL: ${TOTAL.toLocaleString('en')} answers (${inbox.toLocaleString('en')} with inbox state) written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  unindexed = await createCollector({ ...options, databaseUrl: `${pg.url}?${UNINDEXED}` });
  const month = (d) => new Date(Date.now() - d * 86400_000).toISOString().slice(0, 10);
  const first = await (await indexed.fetch(new globalThis.Request('http://bench/v1/admin/sites/bench/responses?limit=50', { headers: { authorization: `Bearer ${SECRET}` } }))).json();
  const queries = [
    ['newest page', 'limit=50'],
    ['second page (keyset)', `limit=50&before=${encodeURIComponent(first.next)}`],
    ['text search, a rare word', 'q=refund&limit=50'],
    ['tag', 'tag=vip&limit=50'],
    ['status and assignee', 'status=in_progress&assignee=user-3&limit=50'],
    ['survey, band, 30 days', `survey=nps&band=detractor&from=${month(30)}&to=${month(0)}&limit=50`],
    ['segment and has-comment', 'attr.plan=team&hasComment=true&limit=50'],
  ];
  console.log(`median of ${RUNS} in-process requests (p95); baseline: the same request with index scans off`);
  for (const [name, qs] of queries) {
    const get = (c) => async () => {
      const res = await c.fetch(new globalThis.Request(`http://bench/v1/admin/sites/bench/responses?${qs}`, { headers: { authorization: `Bearer ${SECRET}` } }));
      if (res.status !== 200) throw new Error(`${qs}: ${res.status} ${await res.text()}`);
      const body = await res.json();
      return body.responses.length;
    };
    const a = await timed(get(indexed));
    const b = await timed(get(unindexed));
    const n = await get(indexed)();
    console.log(`  ${name.padEnd(26)} ${String(n).padStart(3)} items: ${a.median.toFixed(1)} ms (p95 ${a.p95.toFixed(1)}) vs unindexed ${b.median.toFixed(1)} ms (p95 ${b.p95.toFixed(1)}): ${(b.median / a.median).toFixed(1)}× faster`);
  }
} finally {
  await unindexed?.close();
  await indexed?.close();
  await pg.stop();
}
