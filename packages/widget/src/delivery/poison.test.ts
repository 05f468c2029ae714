// @vitest-environment node
// A record the server cannot take (it answers 5xx for any batch holding it)
// must not hold back the others: delivery bisects the failing batch until the
// record is alone, delivers the rest, and dead-letters it once the server is
// seen storing other records meanwhile. An outage (everything failing) splits
// a batch once at most and dead-letters nothing.
import type { IngestBatch } from '@sayso/core';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpAdapter } from '../adapters/http.js';
import { memoryStorage } from '../storage/memory.js';
import type { QueueStorage } from '../storage/types.js';
import { sampleResponse } from '../testing.js';
import { createDelivery, type DeliveryOptions } from './create.js';
import { testBackend } from './test-backend.js';
import type { Delivery, DeliveryEvent } from './types.js';

const URL = 'https://collector.test/v1/responses';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let open: Delivery[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-24T07:00:00Z'));
});
afterEach(() => {
  open.forEach((d) => d.destroy());
  open = [];
  server.resetHandlers();
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function make(o: Partial<DeliveryOptions> & Pick<DeliveryOptions, 'adapter'>, storage: QueueStorage = memoryStorage()) {
  const events: DeliveryEvent[] = [];
  const d = createDelivery({ site: 'pk_test', storage, random: () => 1, ...o });
  d.on((e) => events.push(e));
  open.push(d);
  return { d, events, errors: () => events.filter((e) => e.type == 'error') };
}

/** `n` responses already stored when the sender starts, so its first batch holds all of them (up to 50). */
async function stored(n: number, storage = memoryStorage()) {
  const rs = Array.from({ length: n }, () => sampleResponse());
  await storage.put(rs.map((r) => [r.id, { v: 1, id: r.id, kind: 'response', value: r, at: Date.now() }]));
  return { rs, storage };
}

const ids = (rs: Array<{ id: string }>) => rs.map((r) => r.id).sort();

describe('a record the server 500s', () => {
  it('over HTTP: a batch of 50 with one poisoned record delivers the 49 and dead-letters it, in a bounded number of requests', async () => {
    const { rs, storage } = await stored(50);
    const bad = rs[20]!.id;
    const calls: string[][] = [];
    const kept = new Set<string>();
    server.use(
      http.post(URL, async ({ request }) => {
        const body = (await request.json()) as IngestBatch;
        const got = body.responses!.map((r) => r.id);
        calls.push(got);
        if (got.includes(bad)) return new HttpResponse(null, { status: 500 });
        got.forEach((id) => kept.add(id));
        return HttpResponse.json({ accepted: got.length, duplicates: 0 });
      }),
    );
    const { d, events, errors } = make({ adapter: httpAdapter({ url: URL }) }, storage);
    await tick(0);
    expect(calls[0]!.length).toBe(50);
    await tick(120_000);
    expect([...kept].sort()).toEqual(ids(rs.filter((r) => r.id != bad)));
    expect(errors()).toEqual([{ type: 'error', code: 'E_DELIVERY_REJECTED', message: 'HTTP 500: fails while others are delivered', ids: [bad] }]);
    expect(await d.pending()).toBe(0);
    expect(await d.deadLetters()).toEqual([expect.objectContaining({ id: bad, code: 'E_DELIVERY_REJECTED', record: { kind: 'response', value: rs[20] } })]);
    // Each good record stored by exactly one request; log2(50) halvings, two failures each, and the siblings.
    expect(calls.filter((c) => !c.includes(bad)).flat().sort()).toEqual(ids(rs.filter((r) => r.id != bad)));
    expect(calls.length).toBeLessThanOrEqual(3 * Math.ceil(Math.log2(50)));
    const delivered = events.filter((e) => e.type == 'delivered').flatMap((e) => (e as { ids: string[] }).ids);
    expect(delivered.sort()).toEqual(ids(rs.filter((r) => r.id != bad)));
    // Then silence: nothing is left to send.
    const n = calls.length;
    await tick(3_600_000);
    expect(calls.length).toBe(n);
  });

  it('at every position of a batch of 50: the rest delivered once, it dead-lettered, in at most 3·log2(50) requests', async () => {
    for (let at = 0; at < 50; at++) {
      const { rs, storage } = await stored(50);
      const b = testBackend();
      b.poisoned.add(rs[at]!.id);
      const { d, errors } = make({ adapter: b.adapter }, storage);
      await tick(120_000);
      expect([...b.stored.keys()].sort()).toEqual(ids(rs.filter((_, i) => i != at)));
      expect([...b.received.values()].every((n) => n == 1)).toBe(true);
      expect(errors()).toEqual([expect.objectContaining({ code: 'E_DELIVERY_REJECTED', ids: [rs[at]!.id] })]);
      expect(await d.pending()).toBe(0);
      expect(b.batches.length).toBeLessThanOrEqual(18);
      d.destroy();
    }
  });

  it('queued first, it does not delay the records queued after it', async () => {
    const b = testBackend();
    const { d, errors } = make({ adapter: b.adapter });
    const bad = sampleResponse();
    b.poisoned.add(bad.id);
    await d.enqueue({ kind: 'response', value: bad });
    await tick(0);
    const late: string[] = [];
    for (let i = 0; i < 10; i++) {
      await tick(1000);
      const r = sampleResponse();
      await d.enqueue({ kind: 'response', value: r });
      // Delivered by the send its own enqueue starts, before the poisoned record is tried again.
      await tick(0);
      if (!b.stored.has(r.id)) late.push(r.id);
    }
    expect(late).toEqual([]);
    expect(b.stored.size).toBe(10);
    // Each delivery between two of its attempts is a strike: given up on at the fifth.
    expect(errors()).toEqual([expect.objectContaining({ code: 'E_DELIVERY_REJECTED', message: 'HTTP 500: fails while others are delivered', ids: [bad.id] })]);
    // Never sent with a good record: the poisoned one always alone.
    expect(b.batches.filter((x) => x.responses.some((r) => r.id == bad.id)).every((x) => x.responses.length == 1)).toBe(true);
    expect(await d.pending()).toBe(0);
  });

  it.each([
    [3, 40],
    [20, 21],
    [0, 49],
  ])('two poisoned records (at %i and %i of 50): the 48 delivered once, both dead-lettered', async (i, j) => {
    const { rs, storage } = await stored(50);
    const b = testBackend();
    b.poisoned.add(rs[i]!.id).add(rs[j]!.id);
    const { d, errors } = make({ adapter: b.adapter }, storage);
    await tick(120_000);
    expect([...b.stored.keys()].sort()).toEqual(ids(rs.filter((_, k) => k != i && k != j)));
    expect([...b.received.values()].every((n) => n == 1)).toBe(true);
    expect(errors().flatMap((e) => (e as { ids: string[] }).ids).sort()).toEqual([rs[i]!.id, rs[j]!.id].sort());
    expect(errors().every((e) => e.type == 'error' && e.code == 'E_DELIVERY_REJECTED')).toBe(true);
    expect(await d.pending()).toBe(0);
    expect(b.batches.length).toBeLessThanOrEqual(2 * 18);
  });

  it('with nothing else queued to prove the server works, it is retried alone on its own schedule; later deliveries prove it', async () => {
    const { rs, storage } = await stored(2);
    const b = testBackend();
    b.poisoned.add(rs[0]!.id);
    const { d, errors } = make({ adapter: b.adapter }, storage);
    await tick(120_000);
    expect([...b.stored.keys()].sort()).toEqual(ids(rs.slice(1)));
    const n = b.batches.length;
    await tick(3_600_000);
    // Backing off to one try per 5 minutes, alone, never given up on: this could be an outage.
    expect(b.batches.length - n).toBeGreaterThanOrEqual(11);
    expect(b.batches.length - n).toBeLessThanOrEqual(14);
    expect(b.batches.slice(n).every((x) => x.responses.length == 1 && x.responses[0]!.id == rs[0]!.id)).toBe(true);
    expect(errors()).toEqual([]);
    expect(await d.pending()).toBe(1);
    // Records queued later are delivered between its attempts: evidence that it is the record, not the server.
    let later = 0;
    for (; later < 3 && errors().length == 0; later++) {
      await tick(60_000);
      await d.enqueue({ kind: 'response', value: sampleResponse() });
      await tick(0);
    }
    expect(errors()).toEqual([expect.objectContaining({ code: 'E_DELIVERY_REJECTED', ids: [rs[0]!.id] })]);
    expect(await d.pending()).toBe(0);
    expect(b.stored.size).toBe(1 + later);
  });
});

describe('an outage (every batch fails)', () => {
  it('dead-letters nothing in a day, backs off, and delivers everything in two requests once it ends', async () => {
    const { rs, storage } = await stored(50);
    const b = testBackend();
    const all = rs.map((r) => r.id);
    all.forEach((id) => b.poisoned.add(id));
    const { d, errors } = make({ adapter: b.adapter }, storage);
    await tick(864e5);
    expect(errors()).toEqual([]);
    expect(await d.pending()).toBe(50);
    // One request per wait, the waits doubling to 5 minutes: about 288 a day.
    expect(b.batches.length).toBeGreaterThanOrEqual(280);
    expect(b.batches.length).toBeLessThanOrEqual(300);
    b.poisoned.clear();
    const n = b.batches.length;
    await tick(300_000);
    // The halves it left go together again once the server stores the first: no trail of small batches.
    expect(b.batches.length - n).toBeLessThanOrEqual(2);
    expect([...b.stored.keys()].sort()).toEqual(ids(rs));
    expect(errors()).toEqual([]);
  });

  it('during a bisection: the records already split off are not dead-lettered, however long it lasts', async () => {
    const { rs, storage } = await stored(50);
    const b = testBackend();
    b.poisoned.add(rs[20]!.id);
    const { d, errors } = make({ adapter: b.adapter }, storage);
    await tick(4000); // part way: some halves delivered, the poisoned one's half still failing
    const left = await d.pending();
    expect(left).toBeGreaterThan(1);
    expect(left).toBeLessThan(50);
    rs.forEach((r) => b.poisoned.add(r.id)); // now the server is down
    await tick(2 * 864e5);
    expect(errors()).toEqual([]);
    expect(await d.pending()).toBe(left);
    b.poisoned.clear();
    b.poisoned.add(rs[20]!.id);
    await tick(600_000);
    expect([...b.stored.keys()].sort()).toEqual(ids(rs.filter((_, i) => i != 20)));
    // The good records never were dead-lettered; the poisoned one stays until others prove the server works.
    expect(errors().flatMap((e) => (e as { ids: string[] }).ids).every((id) => id == rs[20]!.id)).toBe(true);
  });
});

describe('reloads', () => {
  it('a page closed mid-bisection: the next one goes on from the halves it left, losing nothing', async () => {
    const { rs, storage } = await stored(50);
    const b = testBackend();
    b.poisoned.add(rs[30]!.id);
    const first = make({ adapter: b.adapter }, storage);
    await tick(2000);
    first.d.destroy();
    const sent = b.batches.length;
    const split = Math.max(...(await storage.entries()).map(([, v]) => (v as { part?: number }).part ?? 0));
    expect(split).toBeGreaterThan(0);
    expect(split).toBeLessThan(50);
    const { d, errors } = make({ adapter: b.adapter }, storage);
    await tick(0);
    // No batch of 50 again: the halves were kept with the records.
    expect(b.batches.slice(sent).every((x) => x.responses.length <= split)).toBe(true);
    await tick(120_000);
    expect([...b.stored.keys()].sort()).toEqual(ids(rs.filter((_, i) => i != 30)));
    expect([...b.received.values()].every((n) => n == 1)).toBe(true);
    expect(await d.pending()).toBe(0);
    expect((await d.deadLetters()).map((l) => l.id)).toEqual([rs[30]!.id]);
    expect(errors()).toEqual([expect.objectContaining({ ids: [rs[30]!.id] })]);
  });
});
