// `node packages/collector/bench/inbox-index-cost.mjs` (after `pnpm build`;
// not part of `pnpm bench`): what migration 14's indexes on the answers cost
// ingest. 5,000 inserts of 20 answers (as ingest batches them, with the
// answers' triggers) into a fresh database, PostgreSQL backend CPU per answer
// from /proc, in alternating rounds: with every index, without the attributes
// GIN, and with neither it nor the comment index on sayso_comment_words (the
// old to_tsvector index instead). Figures are printed, never asserted.
import postgres from 'postgres';
import { createCollector } from '../dist/index.js';
import { freshPostgres, postgresCpuMs } from './postgres.mjs';

const ROUNDS = Number(process.env.SAYSO_BENCH_RUNS ?? 5);
const pg = await freshPostgres('sayso_bench_index_cost');
if (!pg) {
  console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
  process.exit(0);
}
const database = new URL(pg.url).pathname.slice(1);
const config = { secret: 'bench-secret-bench-secret-bench-secret', allowedHosts: ['bench'], sites: [{ id: 'bench', origins: [], segments: ['plan'], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend?' }] }] };
const collector = await createCollector({ config, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0, databaseUrl: pg.url });
await collector.close();
const db = postgres(pg.url, { max: 1, onnotice: () => {} });
const insert = `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, channel)
  select 'bench', gen_random_uuid(), 'nps', 'nps', g % 11, 0, 10, case when g % 3 = 0 then 'The delivery was late again and support never answered.' end,
    now() - g * interval '1 second', 'anon-' || g, jsonb_build_object('plan', (array['free', 'pro', 'team'])[g % 3 + 1], 'country', 'de', 'seats', g % 50), 'web'
  from generate_series($1::integer, $1::integer + 19) g`;
const all = [
  'drop index if exists sayso_responses_comment_search',
  'create index if not exists sayso_responses_attributes on sayso_responses using gin (attributes jsonb_path_ops)',
  'create index if not exists sayso_responses_comment_words on sayso_responses using gin (sayso_comment_words(comment)) where comment is not null',
];
const variants = {
  'migration 14': [],
  'without the attributes GIN': ['drop index sayso_responses_attributes'],
  'neither (as before)': [
    'drop index sayso_responses_attributes',
    'drop index sayso_responses_comment_words',
    `create index sayso_responses_comment_search on sayso_responses using gin (to_tsvector('simple', comment)) where comment is not null`,
  ],
};
const results = {};
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, ddl] of Object.entries(variants)) {
      await db.unsafe('truncate sayso_responses, sayso_term_queue');
      for (const s of [...all, ...ddl]) await db.unsafe(s);
      const cpu = postgresCpuMs(database);
      for (let i = 0; i < 5000; i++) await db.unsafe(insert, [i * 20], { prepare: true });
      (results[name] ??= []).push(((postgresCpuMs(database) - cpu) * 1000) / 100_000);
    }
  }
  console.log(`PostgreSQL backend CPU per answer, 5,000 inserts of 20, median of ${ROUNDS} alternating rounds:`);
  for (const [name, us] of Object.entries(results)) {
    us.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(28)} ${us[Math.floor(us.length / 2)].toFixed(1)} µs (${us.map((x) => x.toFixed(1)).join(', ')})`);
  }
} finally {
  await db.end();
  await pg.stop();
}
