// `pnpm bench`: /healthz under read load. A collector on PGlite (its own
// process, as ingest.bench.mjs starts it) holds a few thousand responses;
// /healthz is timed alone, then while 200 /v1/scores requests are kept in
// flight (half identical, half each with its own range and segment), and the
// p50/p99 under load are printed as ratios of those without. Reads answered
// 503 (the read gate said "retry") are counted; any other failure is flagged.
// The load runs in its own process (health-load.mjs), the timing here.
// SAYSO_BENCH_SECONDS (default 10) sets how long the load lasts.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const SECONDS = Number(process.env.SAYSO_BENCH_SECONDS ?? 10);
const CONCURRENT = 200;
const SECRET = 'bench-secret-0123456789abcdefghijklmnop'; // as in ingest-server.mjs

/** One request on its own connection (as 200 separate clients would be), or on `agent`'s kept-alive one. */
function send(url, { method = 'GET', headers = {}, body, agent = false } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

function seedBatch(site) {
  const now = Date.now();
  return JSON.stringify({
    site,
    responses: Array.from({ length: 50 }, (_, i) => ({
      id: randomUUID(),
      surveyId: 'nps',
      kind: 'nps',
      score: Math.floor(Math.random() * 11),
      scale: [0, 10],
      createdAt: new Date(now - Math.floor(Math.random() * 90 * 86400_000)).toISOString(),
      anonymousId: `a-${Math.floor(Math.random() * 1e6)}`,
      attributes: { plan: ['free', 'pro', 'enterprise'][i % 3], country: ['de', 'fr', 'us', 'jp'][i % 4] },
      page: { url: 'https://shop.example/checkout' },
      locale: 'en',
      channel: 'web',
    })),
  });
}

/**
 * /healthz, one after another, for `ms` (or `count` rounds): each round on a
 * new connection (as most load balancers probe) and on one kept alive, so
 * the two show how much of a wait is in reaching the process at all (the
 * kernel's accept queue, shared with every other client) and how much in it.
 */
async function probeHealth(url, { ms, count }) {
  const fresh = [];
  const kept = [];
  let failed = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const until = performance.now() + (ms ?? Infinity);
  while (performance.now() < until && (count === undefined || fresh.length + failed < count)) {
    for (const [list, options] of [[fresh, {}], [kept, { agent }]]) {
      const r = await send(`${url}/healthz`, options);
      if (r.status === 200) list.push(r.ms);
      else failed++;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  agent.destroy();
  return { fresh, kept, failed };
}

const dataDir = mkdtempSync(join(tmpdir(), 'sayso-bench-health-'));
const child = fork(join(here, 'ingest-server.mjs'), [JSON.stringify({ dataDir })], { stdio: 'inherit' });
const next = (type) => new Promise((resolve) => child.on('message', (m) => m.type === type && resolve(m)));
try {
  const { url } = await next('ready');
  for (let i = 0; i < 60; i++) await send(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: seedBatch('bench') });
  const auth = { authorization: `Bearer ${SECRET}` };
  await send(`${url}/v1/scores?interval=week`, { headers: auth }); // warm up

  const idle = await probeHealth(url, { count: 200 });

  const load = fork(join(here, 'health-load.mjs'), [JSON.stringify({ url, secret: SECRET, concurrent: CONCURRENT })], { stdio: 'inherit' });
  const done = new Promise((resolve, reject) => {
    load.once('message', resolve);
    load.once('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the load build up
  child.send({ type: 'lag-start' });
  const loaded = await probeHealth(url, { ms: SECONDS * 1000 });
  const lagReply = next('lag');
  child.send({ type: 'lag' });
  const lag = await lagReply;
  load.send('stop');
  const reads = new Map(Object.entries(await done).map(([s, k]) => [Number(s), k]));
  load.disconnect();

  const fmt = (x) => `${x.toFixed(1)} ms`;
  const byStatus = [...reads].map(([s, k]) => `${k} × ${s}`).join(', ');
  console.log(`/healthz on PGlite, alone and under ${CONCURRENT} concurrent /v1/scores requests for ${SECONDS} s:`);
  for (const [label, key] of [['new connection per probe', 'fresh'], ['kept-alive connection', 'kept']]) {
    const [i50, i99, l50, l99] = [quantile(idle[key], 0.5), quantile(idle[key], 0.99), quantile(loaded[key], 0.5), quantile(loaded[key], 0.99)];
    console.log(`  ${label}: alone p50 ${fmt(i50)}, p99 ${fmt(i99)} (${idle[key].length} probes); under load p50 ${fmt(l50)}, p99 ${fmt(l99)} (${loaded[key].length} probes)`);
    console.log(`    ratio under load / alone: p50 ×${(l50 / i50).toFixed(1)}, p99 ×${(l99 / i99).toFixed(1)}`);
  }
  if (loaded.failed) console.log(`  ${loaded.failed} probes under load were not 200  ← failures`);
  console.log(`  the collector's event loop under load: delay p50 ${fmt(lag.p50)}, p99 ${fmt(lag.p99)}, max ${fmt(lag.max)}`);
  console.log(`  reads: ${byStatus}${reads.has(500) || reads.has(0) ? '  ← failures' : ''}`);
} finally {
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
