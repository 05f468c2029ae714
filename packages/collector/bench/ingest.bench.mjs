// `pnpm bench`: ingest throughput. Posts batches of 20 responses to a real
// collector on loopback for a fixed time (autocannon), prints responses/s,
// p50/p99 latency and errors, then checks the database holds exactly what
// was acknowledged. Runs on PGlite, then on PostgreSQL (SAYSO_TEST_DATABASE_URL,
// or a throwaway server from .ci/postgres.sh when PostgreSQL is installed).
// SAYSO_BENCH_SECONDS (default 10) and SAYSO_BENCH_CONNECTIONS (default 16) tune it;
// SAYSO_BENCH_STORAGE=pglite|postgres runs one only; SAYSO_BENCH_PROFILE=<dir>
// writes a V8 CPU profile of the collector process there; SAYSO_BENCH_DIST=<dir>
// benchmarks another build of the collector, for A/B: copy dist/ to a folder
// inside this package before changing the code (packages/collector/.bench-base/dist,
// so its imports still resolve), then alternate runs of both.
// Besides throughput it prints CPU per 1000 responses for the collector, the
// PostgreSQL backends and the load generator: on a shared machine throughput
// swings with other work, CPU per response much less.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freshPostgres, postgresCpuMs } from './postgres.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const SECONDS = Number(process.env.SAYSO_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.SAYSO_BENCH_CONNECTIONS ?? 16);
const BATCH = 20;

const plans = ['free', 'pro', 'enterprise'];
// SAYSO_BENCH_COMMENT_SHARE (default 0.35, the demo's share) of responses carry a comment, so the term counter works while ingest runs.
const COMMENT_SHARE = Number(process.env.SAYSO_BENCH_COMMENT_SHARE ?? 0.35);
const COMMENTS = ['The delivery was late again and support never answered.', 'Great support, fast shipping.', 'Too expensive for what it does.', 'The app crashes when I log in.', 'Love it, easy to use.'];
function batchBody() {
  const now = Date.now();
  const responses = [];
  for (let i = 0; i < BATCH; i++) {
    responses.push({
      id: randomUUID(),
      surveyId: 'nps',
      kind: 'nps',
      score: Math.floor(Math.random() * 11),
      scale: [0, 10],
      createdAt: new Date(now - Math.floor(Math.random() * 30 * 86400_000)).toISOString(),
      anonymousId: `a-${Math.floor(Math.random() * 1e6)}`,
      attributes: { plan: plans[i % 3] },
      page: { url: 'https://shop.example/checkout' },
      locale: 'en',
      channel: 'web',
      ...(Math.random() < COMMENT_SHARE ? { comment: `${COMMENTS[i % COMMENTS.length]} #${Math.floor(Math.random() * 1e4)}` } : {}),
    });
  }
  return JSON.stringify({ site: 'bench', responses });
}

function startServer(options) {
  const child = fork(join(here, 'ingest-server.mjs'), [JSON.stringify(options)], { stdio: 'inherit', execArgv: process.env.SAYSO_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SAYSO_BENCH_PROFILE}`] : [] });
  const next = (type) => new Promise((resolve) => child.on('message', (m) => m.type === type && resolve(m)));
  return {
    ready: next('ready'),
    cpu: () => {
      const p = next('cpu');
      child.send({ type: 'cpu' });
      return p.then((m) => m.cpu);
    },
    counts: () => {
      const p = next('counts');
      child.send({ type: 'counts' });
      return p.then((m) => m.counts);
    },
    stop: () => new Promise((resolve) => {
      child.on('exit', resolve);
      child.send({ type: 'stop' });
    }),
  };
}

async function run(label, options) {
  const server = startServer(options);
  const { url, driver } = await server.ready;
  let acked = 0;
  const database = options.databaseUrl ? new URL(options.databaseUrl).pathname.slice(1) : null;
  const before = { collector: await server.cpu(), pg: postgresCpuMs(database), load: process.cpuUsage() };
  const result = await autocannon({
    url: `${url}/v1/responses`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: batchBody() }),
        onResponse: (status, body) => {
          if (status === 200) acked += JSON.parse(body).accepted;
        },
      },
    ],
  });
  const cpuMs = (u, v) => (v.user + v.system - u.user - u.system) / 1000;
  const after = await server.cpu();
  const cpu = { collector: cpuMs(before.collector, after), collectorSystem: (after.system - before.collector.system) / 1000, load: cpuMs(before.load, process.cpuUsage()), pg: before.pg === null ? null : postgresCpuMs(database) - before.pg };
  // Let in-flight requests that the load generator abandoned at the bell finish.
  await new Promise((r) => setTimeout(r, 1000));
  const counts = await server.counts();
  await server.stop();
  const perSecond = acked / SECONDS;
  const errors = result.errors + result.timeouts + result.non2xx;
  const lost = Math.max(0, acked - counts.responses);
  const per1000 = (ms) => (acked > 0 ? ((ms / acked) * 1000).toFixed(0) : '-');
  console.log(
    [
      `${label} (${driver}): ${Math.round(perSecond).toLocaleString('en')} responses/s`,
      `  ${result.requests.total} batches of ${BATCH} in ${SECONDS} s over ${CONNECTIONS} connections`,
      `  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `  CPU per 1000 responses: collector ${per1000(cpu.collector)} ms (${per1000(cpu.collectorSystem)} in the kernel)` +
        (cpu.pg === null ? '' : `, PostgreSQL backends ${per1000(cpu.pg)} ms`) +
        `, load generator ${per1000(cpu.load)} ms`,
      `  errors ${errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts})`,
      `  acknowledged ${acked}, stored ${counts.responses}, tallied ${counts.tallied}, lost ${lost}` +
        (counts.responses > acked ? ` (${counts.responses - acked} more stored than acknowledged: in flight when the clock stopped)` : ''),
      `  ${lost === 0 && counts.tallied === counts.responses ? 'OK: every acknowledged response is stored and tallied once' : 'MISMATCH'}`,
    ].join('\n'),
  );
  return { perSecond, cpu, p50: result.latency.p50, p99: result.latency.p99, errors, lost };
}

const only = process.env.SAYSO_BENCH_STORAGE;
if (only !== 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'sayso-bench-'));
  try {
    await run('PGlite', { dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pg = only === 'pglite' ? null : await freshPostgres('sayso_bench_ingest');
if (!pg) {
  console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
} else {
  try {
    await run('PostgreSQL', { databaseUrl: pg.url });
  } finally {
    await pg.stop();
  }
}
