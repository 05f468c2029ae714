// Health and ingest stay responsive under read load on PGlite (one
// connection): 200 concurrent /v1/scores requests, distinct and identical,
// over a real socket. Reads may be refused with 503 and Retry-After; none
// may fail, /healthz answers within a bound, ingests still go through.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { seedDemoData } from '../demo.js';
import { SECRET, testCollector } from '../test-fixtures.js';
import { healthProbe } from './health.js';
import { coalescer, gate, isBusy } from './load.js';

describe('under 200 concurrent score requests', () => {
  let c: Collector;
  let server: Listening;
  beforeAll(async () => {
    c = await testCollector();
    await seedDemoData(c.storage, 'demo', 2000);
    server = await c.listen({ port: 0 });
  }, 120_000);
  afterAll(() => c.close());

  test('/healthz answers within a bound, ingests succeed, reads are 200 or 503 with Retry-After, never 500', async () => {
    const auth = { authorization: `Bearer ${SECRET}` };
    // Warm up (first queries plan and cache), and prime the health probe.
    expect((await fetch(`${server.url}/v1/scores?interval=week`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const day = (i: number) => new Date(Date.now() - (30 + i) * 86400_000).toISOString().slice(0, 10);
    // Half identical (coalesced into one query), half distinct (a different range and segment each).
    const urls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? `${server.url}/v1/scores?interval=week` : `${server.url}/v1/scores?from=${day(i)}&interval=day&segment=${['plan', 'country', 'channel', 'locale'][i % 4]}`,
    );
    const { reads, healthMs, ingests } = await loadFromWorker({ urls, headers: auth, healthUrl: `${server.url}/healthz`, ingestUrl: `${server.url}/v1/responses`, site: 'demo' });

    const statuses = reads.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const r of reads.filter((x) => x.status === 503)) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(100); // the identical half is one computation
    expect(healthMs.every((h) => h.status === 200)).toBe(true);
    expect(ingests.length).toBeGreaterThan(0);
    expect(ingests.every((s) => s === 200)).toBe(true);
    // Before the gate and the probe, /healthz waited behind every read: 12 s and more.
    // A probe that queued behind the reads would make every probe slow, so the
    // median is the check; a single probe on a loaded CI machine can wait seconds
    // for the kernel's accept queue (6.5 s once, with the median still low), so the
    // worst only has to stay clear of the old 12 s.
    const sorted = healthMs.map((h) => h.ms).sort((a, b) => a - b);
    const worst = sorted[sorted.length - 1]!;
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(1500);
    expect(worst).toBeLessThan(10_000);
    console.log(`200 reads: ${statuses.filter((s) => s === 200).length} answered, ${statuses.filter((s) => s === 503).length} told to retry; /healthz worst ${Math.round(worst)} ms over ${healthMs.length} probes; ${ingests.length} ingests`);
  }, 120_000);
});

/** Runs load-client.mjs in a worker thread and returns what it measured. */
function loadFromWorker(data: Record<string, unknown>): Promise<{ reads: Array<{ status: number; retryAfter: string | null }>; healthMs: Array<{ ms: number; status: number }>; ingests: number[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-client.mjs', import.meta.url), { workerData: data });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('gate', () => {
  test('runs `slots` at once, queues `queue` more, refuses the rest at once; a release passes the slot on', async () => {
    const g = gate(2, 1, 10_000);
    const a = await g.acquire();
    await g.acquire();
    const third = g.acquire();
    await expect(g.acquire()).rejects.toSatisfy(isBusy);
    expect([g.active, g.waiting]).toEqual([2, 1]);
    a();
    a(); // a second release of the same slot changes nothing
    const c3 = await third;
    expect([g.active, g.waiting]).toEqual([2, 0]);
    c3();
    expect(g.active).toBe(1);
  });

  test('a waiter that waits too long is refused, and leaves the queue', async () => {
    const g = gate(1, 5, 30);
    await g.acquire();
    await expect(g.acquire()).rejects.toSatisfy(isBusy);
    expect(g.waiting).toBe(0);
  });
});

describe('coalescer', () => {
  test('identical calls in flight and within the TTL share one computation; after it, or after a failure, it runs again', async () => {
    let t = 0;
    const memo = coalescer<number>(100, 500, () => t);
    let runs = 0;
    const compute = async () => ++runs;
    const [x, y] = await Promise.all([memo.get('k', compute), memo.get('k', compute)]);
    expect([x, y, runs]).toEqual([1, 1, 1]);
    t = 99;
    expect(await memo.get('k', compute)).toBe(1);
    t = 100;
    expect(await memo.get('k', compute)).toBe(2);
    expect(await memo.get('other', compute)).toBe(3);
    const failing = memo.get('bad', () => Promise.reject(new Error('db down')));
    await expect(failing).rejects.toThrow('db down');
    expect(await memo.get('bad', compute)).toBe(4);
  });

  test('keeps at most maxEntries keys', async () => {
    const memo = coalescer<number>(60_000, 2);
    let runs = 0;
    const compute = async () => ++runs;
    await memo.get('a', compute);
    await memo.get('b', compute);
    await memo.get('c', compute); // evicts a
    expect(await memo.get('b', compute)).toBe(2);
    expect(await memo.get('a', compute)).toBe(4);
  });
});

describe('health probe', () => {
  test('answers from a recent success while a probe hangs; without one, waits at most timeoutMs and says 503', async () => {
    let t = 0;
    let hang = false;
    const probe = healthProbe({ schemaVersion: () => (hang ? new Promise<number>(() => {}) : Promise.resolve(7)) }, { freshMs: 1000, staleMs: 10_000, timeoutMs: 50, now: () => t });
    expect(await probe.check()).toEqual({ ok: true, schema: 7 });
    hang = true;
    t = 5000; // stale: answered at once, a probe starts (and hangs)
    expect(await probe.check()).toEqual({ ok: true, schema: 7 });
    t = 10_000; // too old: waits for the hanging probe, at most 50 ms
    const started = performance.now();
    expect(await probe.check()).toEqual({ ok: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('a failed probe forgets the last success', async () => {
    let t = 0;
    let fail = false;
    const probe = healthProbe({ schemaVersion: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(7)) }, { freshMs: 1000, staleMs: 10_000, now: () => t });
    expect(await probe.check()).toEqual({ ok: true, schema: 7 });
    fail = true;
    t = 2000;
    expect(await probe.check()).toEqual({ ok: true, schema: 7 }); // stale answer, the probe fails behind it
    await new Promise((r) => setTimeout(r, 0));
    expect(await probe.check()).toEqual({ ok: false });
  });
});
