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
// SAYSO_BENCH_WEBHOOK=0 skips the webhook variants: after each storage's
// plain run, the same run with one webhook endpoint that every response
// matches (its deliveries written by the outbox trigger in the ingest
// statement), first with the dispatcher off in the measured collector (the
// outbox's cost alone), then with it sending to a receiver in this process;
// each printed as a ratio of the plain run's figures, with `uptime`'s load.
// Besides throughput it prints CPU per 1000 responses for the collector, the
// PostgreSQL backends and the load generator: on a shared machine throughput
// swings with other work, CPU per response much less.
import { execFileSync, fork } from 'node:child_process';
import { createServer } from 'node:http';
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
      ...(counts.deliveries
        ? [
            `  webhook deliveries: ${counts.deliveries.pending + counts.deliveries.succeeded + counts.deliveries.failed} queued (${counts.deliveries.succeeded} sent, ${counts.deliveries.pending} pending) for ${counts.responses} stored: ` +
              (counts.deliveries.pending + counts.deliveries.succeeded + counts.deliveries.failed === counts.responses ? 'OK, one per response' : 'MISMATCH'),
          ]
        : []),
    ].join('\n'),
  );
  return { perSecond, cpu, p50: result.latency.p50, p99: result.latency.p99, errors, lost };
}

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return 'uptime: unavailable';
  }
};

/** A webhook receiver answering 204 at once, in this process (its CPU counts as the load generator's). */
async function receiver() {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, received: () => received, close: () => new Promise((r) => server.close(r)) };
}

const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '-');
/** The plain run, then with one webhook endpoint (outbox only, then dispatching too), each with its ratio to the plain one. */
async function runWithWebhooks(label, options) {
  console.log(`load before ${label}: ${uptime()}`);
  const plain = await run(label, options);
  if (process.env.SAYSO_BENCH_WEBHOOK === '0') return;
  const hook = await receiver();
  try {
    for (const dispatch of [false, true]) {
      const fresh = await options.fresh();
      console.log(`load: ${uptime()}`);
      const w = await run(`${label}, one webhook endpoint${dispatch ? ', dispatching' : ', outbox only'}`, { ...fresh, webhook: { url: hook.url, dispatch } });
      console.log(
        `  against the plain run: responses/s ×${ratio(w.perSecond, plain.perSecond)}, p99 ×${ratio(w.p99, plain.p99)}, ` +
          `collector CPU per response ×${ratio(w.cpu.collector / w.perSecond, plain.cpu.collector / plain.perSecond)}` +
          (w.cpu.pg === null ? '' : `, PostgreSQL CPU per response ×${ratio(w.cpu.pg / w.perSecond, plain.cpu.pg / plain.perSecond)}`) +
          (dispatch ? `; the receiver got ${hook.received()} deliveries so far` : ''),
      );
    }
  } finally {
    await hook.close();
  }
  console.log(`load after: ${uptime()}`);
}

const only = process.env.SAYSO_BENCH_STORAGE;
if (only !== 'postgres') {
  const dirs = [];
  const fresh = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sayso-bench-'));
    dirs.push(dataDir);
    return { dataDir };
  };
  try {
    await runWithWebhooks('PGlite', { ...(await fresh()), fresh });
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

const pgs = [];
const freshPg = async () => {
  const pg = await freshPostgres(`sayso_bench_ingest${pgs.length ? `_${pgs.length}` : ''}`);
  if (pg) pgs.push(pg);
  return pg;
};
const pg = only === 'pglite' ? null : await freshPg();
if (!pg) {
  console.log("PostgreSQL: skipped (set SAYSO_TEST_DATABASE_URL, or install Debian's postgresql for a throwaway server)");
} else {
  try {
    await runWithWebhooks('PostgreSQL', { databaseUrl: pg.url, fresh: async () => ({ databaseUrl: (await freshPg()).url }) });
  } finally {
    for (const p of pgs) await p.stop();
  }
}
