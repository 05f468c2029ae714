// `pnpm bench`: how fast /v1/scores answers over 10 million stored
// responses. Scoring reads only the daily tallies that ingest keeps, so the
// benchmark writes the tallies 10 million responses over a year produce
// (3 surveys, every shard, channel/locale/plan/country segments) and times
// the endpoint in-process (no HTTP), on PGlite and on PostgreSQL, before and
// after the hourly rollup of finished days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createCollector, pgliteStorage } from '../dist/index.js';
import { freshPostgres } from './postgres.mjs';

const PER_CELL = 149; // × 365 days × 23 scale points × 8 shards ≈ 10.0 million responses
const SURVEYS = [
  { id: 'nps', kind: 'nps', question: 'Recommend?' },
  { id: 'csat', kind: 'csat', question: 'Satisfied?' },
  { id: 'ces', kind: 'ces', question: 'Easy?' },
];
// The app is called in-process at http://bench/: that host must be one of the collector's names.
const SECRET = 'bench-secret-0123456789abcdefghijklmnop';
const config = { secret: SECRET, allowedHosts: ['bench'], sites: [{ id: 'bench', origins: [], segments: ['plan', 'country'], surveys: SURVEYS }] };

const FILL = `
insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n)
select 'bench', s.survey, d.day::date, v.dim, v.val, 'response', sc.score, sh.shard,
       ${PER_CELL} / v.k + case when v.i < ${PER_CELL} % v.k then 1 else 0 end
from (values ('nps', 0, 10), ('csat', 1, 5), ('ces', 1, 7)) s(survey, lo, hi)
cross join lateral generate_series(s.lo, s.hi) sc(score)
cross join generate_series(current_date - 364, current_date, interval '1 day') d(day)
cross join generate_series(0, 7) sh(shard)
cross join (values ('', '', 0, 1), ('channel', 'web', 0, 2), ('channel', 'link', 1, 2),
  ('locale', 'en', 0, 3), ('locale', 'de', 1, 3), ('locale', 'fr', 2, 3),
  ('attr:plan', 'free', 0, 3), ('attr:plan', 'pro', 1, 3), ('attr:plan', 'enterprise', 2, 3),
  ('attr:country', 'DE', 0, 5), ('attr:country', 'US', 1, 5), ('attr:country', 'FR', 2, 5), ('attr:country', 'BR', 3, 5), ('attr:country', 'JP', 4, 5)
) v(dim, val, i, k)`;

async function time(collector, label, qs, runs = 20) {
  const get = () => collector.fetch(new globalThis.Request(`http://bench/v1/scores?${qs}`, { headers: { authorization: `Bearer ${SECRET}` } }));
  const first = await (await get()).json();
  const n = first.surveys.reduce((sum, s) => sum + s.total.n, 0);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await (await get()).arrayBuffer();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(34)} median ${ms[runs >> 1].toFixed(1)} ms, max ${ms[runs - 1].toFixed(1)} ms  (${n.toLocaleString('en')} responses scored)`);
}

async function measure(label, collector) {
  console.log(`${label}:`);
  await time(collector, 'last 90 days by week (unrolled)', 'interval=week', 5);
  // What the collector does hourly: fold finished days' write shards into one row.
  const t = performance.now();
  const rows = await collector.storage.compact(new Date(Date.now() - 86400_000).toISOString().slice(0, 10));
  console.log(`  rollup of the year's shards: ${rows.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 364 * 86400_000).toISOString().slice(0, 10);
  await time(collector, 'last 90 days by week', 'interval=week');
  await time(collector, 'whole year by day', `from=${yearAgo}&to=${today}&interval=day`);
  await time(collector, 'whole year by month, by plan', `from=${yearAgo}&to=${today}&interval=month&segment=plan`);
  await time(collector, 'whole year by week, by country', `from=${yearAgo}&to=${today}&interval=week&segment=country`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'sayso-bench-scores-'));
try {
  const s = await pgliteStorage({ dataDir });
  await s.migrate();
  await s.close();
  const db = await PGlite.create(dataDir);
  await db.exec(FILL);
  await db.close();
  const collector = await createCollector({ config, dataDir, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0 });
  await measure('PGlite', collector);
  await collector.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const pg = await freshPostgres('sayso_bench_scores');
if (!pg) console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
else {
  try {
    const collector = await createCollector({ config, databaseUrl: pg.url, logLevel: 'error', sdkDir: false, examplesDir: false, compactEveryMs: 0 });
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(FILL);
    await sql.unsafe('analyze sayso_tallies');
    await sql.end();
    await measure('PostgreSQL', collector);
    await collector.close();
  } finally {
    await pg.stop();
  }
}
