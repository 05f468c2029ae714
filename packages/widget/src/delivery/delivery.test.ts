// @vitest-environment node
// The delivery queue under the faults of issue 4, with fake timers, msw for
// real HTTP round trips through httpAdapter, and a de-duplicating backend.
import { isSaysoError, type IngestBatch, type SurveyResponse } from '@sayso/core';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpAdapter } from '../adapters/http.js';
import { memoryStorage } from '../storage/memory.js';
import type { QueueStorage } from '../storage/types.js';
import { sampleEvent, sampleResponse } from '../testing.js';
import { createDelivery, type DeliveryOptions } from './create.js';
import { testBackend } from './test-backend.js';
import type { Adapter, Delivery, DeliveryEvent } from './types.js';

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

/** An msw collector: records each request, answers from `answer(n)` (n from 1). */
function collector(answer: (n: number, body: IngestBatch) => Response | Promise<Response>) {
  const calls: Array<{ key: string | null; ids: string[]; at: number }> = [];
  server.use(
    http.post(URL, async ({ request }) => {
      const body = (await request.json()) as IngestBatch;
      calls.push({ key: request.headers.get('idempotency-key'), ids: [...(body.responses ?? []), ...(body.events ?? [])].map((r) => r.id), at: Date.now() });
      return answer(calls.length, body);
    }),
  );
  return calls;
}
const okBody = (n = 1) => HttpResponse.json({ accepted: n, duplicates: 0 });

describe('retries', () => {
  it('500 three times then 200: one accepted record, four attempts with the same key, then silence', async () => {
    const calls = collector((n) => (n <= 3 ? new HttpResponse(null, { status: 500 }) : okBody()));
    const { d, events } = make({ adapter: httpAdapter({ url: URL }) });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(calls.length).toBe(1);
    // random() = 1: full-jitter waits at their ceiling, 1 s, 2 s, 4 s.
    await tick(999);
    expect(calls.length).toBe(1);
    await tick(1);
    expect(calls.length).toBe(2);
    await tick(2000);
    expect(calls.length).toBe(3);
    await tick(4000);
    expect(calls.length).toBe(4);
    await tick(3_600_000);
    expect(calls.length).toBe(4);
    expect(calls.map((c) => c.key)).toEqual([r.id, r.id, r.id, r.id]);
    expect(calls.every((c) => c.ids.length == 1 && c.ids[0] == r.id)).toBe(true);
    expect(events.filter((e) => e.type == 'delivered')).toEqual([{ type: 'delivered', ids: [r.id] }]);
    expect(await d.pending()).toBe(0);
  });

  it('backoff doubles with full jitter and stops growing at 5 minutes', async () => {
    const calls = collector(() => new HttpResponse(null, { status: 503 }));
    const { d } = make({ adapter: httpAdapter({ url: URL }) });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    for (let i = 0; i < 12; i++) await tick(Math.min(1000 * 2 ** i, 300_000));
    expect(calls.length).toBe(13);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(gaps.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(gaps.at(-1)).toBe(300_000);
    expect(await d.pending()).toBe(1);
  });

  it.each([
    ['seconds', () => '7', 7000],
    ['an HTTP date', () => new Date(Date.now() + 7000).toUTCString(), 7000],
    ['garbage (backoff decides: 1 s)', () => 'soon-ish', 1000],
  ])('429 with Retry-After as %s: nothing before the delay, one request after', async (_label, header, wait) => {
    const calls = collector((n) => (n == 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': header() } }) : okBody()));
    const { d } = make({ adapter: httpAdapter({ url: URL }) });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    expect(calls.length).toBe(1);
    await tick(wait - 1);
    // Triggers do not jump a server-given wait.
    if (wait == 7000) await d.flush();
    expect(calls.length).toBe(1);
    await tick(1);
    expect(calls.length).toBe(2);
    await tick(600_000);
    expect(calls.length).toBe(2);
    expect(await d.pending()).toBe(0);
  });

  it('caps a Retry-After of a day at 5 minutes', async () => {
    const calls = collector((n) => (n == 1 ? new HttpResponse(null, { status: 503, headers: { 'retry-after': '86400' } }) : okBody()));
    const { d } = make({ adapter: httpAdapter({ url: URL }) });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(300_000);
    expect(calls.length).toBe(2);
  });

  it('the server stores a batch and the connection resets before the answer: resent, stored once', async () => {
    const stored = new Set<string>();
    let n = 0;
    server.use(
      http.post(URL, async ({ request }) => {
        const body = (await request.json()) as IngestBatch;
        n++;
        const dup = body.responses!.filter((r) => stored.has(r.id)).length;
        body.responses!.forEach((r) => stored.add(r.id));
        return n == 1 ? HttpResponse.error() : HttpResponse.json({ accepted: body.responses!.length - dup, duplicates: dup });
      }),
    );
    const { d } = make({ adapter: httpAdapter({ url: URL }) });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(1000);
    expect(n).toBe(2);
    expect([...stored]).toEqual([r.id]);
    expect(await d.pending()).toBe(0);
  });

  it.each([
    ['throws', 'throw'],
    ['returns a malformed outcome', 'garbage'],
    ['hangs past the timeout', 'hang'],
  ] as const)('an adapter that %s is retried, never crashing the host', async (_l, fault) => {
    const b = testBackend();
    b.script.push(fault);
    const { d, errors } = make({ adapter: b.adapter, timeout: 5000 });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(fault == 'hang' ? 5000 + 1000 : 1000);
    expect(b.stored.has(r.id)).toBe(true);
    expect(b.batches.length).toBe(2);
    expect(errors()).toEqual([]);
    expect(await d.pending()).toBe(0);
  });
});

describe('rejections', () => {
  it.each([400, 404, 422])('%i: no retry, dead-lettered, one error event', async (status) => {
    const calls = collector(() => HttpResponse.json({ accepted: 0, duplicates: 0 }, { status }));
    const storage = memoryStorage();
    const { d, errors } = make({ adapter: httpAdapter({ url: URL }) }, storage);
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(3_600_000);
    expect(calls.length).toBe(1);
    expect(errors()).toEqual([{ type: 'error', code: 'E_DELIVERY_REJECTED', message: `HTTP ${status}`, ids: [r.id] }]);
    expect(await d.pending()).toBe(0);
    const kept = (await storage.entries())[0]![1];
    expect(kept).toMatchObject({ dead: 'E_DELIVERY_REJECTED', value: r });
  });

  it('400 with items: a partial acceptance dead-letters only those, the rest count as delivered', async () => {
    const rs = [sampleResponse(), sampleResponse(), sampleResponse()];
    const calls = collector(() =>
      HttpResponse.json({ accepted: 2, duplicates: 0, errors: [{ list: 'responses', index: 1, field: 'score', reason: 'out of scale' }] }, { status: 400 }),
    );
    const storage = memoryStorage();
    for (const r of rs) await storage.put([[r.id, { v: 1, id: r.id, kind: 'response', value: r, at: Date.now() }]]);
    const { d, events } = make({ adapter: httpAdapter({ url: URL }) }, storage);
    await tick(0);
    await tick(600_000);
    expect(calls.length).toBe(1);
    expect(events.filter((e) => e.type == 'error')).toEqual([{ type: 'error', code: 'E_DELIVERY_REJECTED', message: 'HTTP 400', ids: [rs[1]!.id] }]);
    expect(events.filter((e) => e.type == 'delivered').flatMap((e) => (e as { ids: string[] }).ids).sort()).toEqual([rs[0]!.id, rs[2]!.id].sort());
    expect(await d.pending()).toBe(0);
  });

  it('413 on a batch of 10: split until all land', async () => {
    const calls = collector((_n, body) => (body.responses!.length > 3 ? new HttpResponse(null, { status: 413 }) : okBody(body.responses!.length)));
    const { d, errors } = make({ adapter: httpAdapter({ url: URL }) });
    // Stored before the sender looks, so the first batch really holds all ten.
    const storage = memoryStorage();
    const rs = Array.from({ length: 10 }, () => sampleResponse());
    d.destroy();
    for (const r of rs) await storage.put([[r.id, { v: 1, id: r.id, kind: 'response', value: r, at: Date.now() }]]);
    const { d: d2 } = make({ adapter: httpAdapter({ url: URL }) }, storage);
    await tick(0);
    await d2.flush();
    expect(calls[0]!.ids.length).toBe(10);
    const landed = calls.filter((c) => c.ids.length <= 3).flatMap((c) => c.ids);
    expect(landed.sort()).toEqual(rs.map((r) => r.id).sort());
    expect(errors()).toEqual([]);
    expect(await d2.pending()).toBe(0);
  });

  it('413 on a single record: dead-lettered with E_DELIVERY_TOO_LARGE', async () => {
    collector(() => new HttpResponse(null, { status: 413 }));
    const { d, errors } = make({ adapter: httpAdapter({ url: URL }) });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(errors()).toEqual([expect.objectContaining({ code: 'E_DELIVERY_TOO_LARGE', ids: [r.id] })]);
    expect(await d.pending()).toBe(0);
  });

  it.each([401, 403])('%i: pauses, keeps the records, reports once', async (status) => {
    const calls = collector((n) => (n <= 2 ? new HttpResponse(null, { status }) : okBody()));
    const { d, errors } = make({ adapter: httpAdapter({ url: URL }) });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await d.flush();
    await tick(299_000);
    expect(calls.length).toBe(1);
    expect(await d.pending()).toBe(2);
    await tick(1000);
    expect(calls.length).toBe(2);
    await tick(300_000);
    expect(calls.length).toBe(3);
    expect(errors()).toEqual([{ type: 'error', code: 'E_DELIVERY_UNAUTHORIZED', message: `HTTP ${status}` }]);
    expect(await d.pending()).toBe(0);
  });
});

describe('the queue', () => {
  it('resolves enqueue only once stored, reporting durability', async () => {
    const storage = memoryStorage();
    const { d, events } = make({ adapter: testBackend().adapter }, storage);
    const r = sampleResponse();
    const res = await d.enqueue({ kind: 'response', value: r });
    expect(res).toEqual({ id: r.id, durability: 'memory' });
    expect(events[0]).toEqual({ type: 'queued', id: r.id, durability: 'memory' });
  });

  it('stores and sends the same id once when enqueued twice at once (a double-click)', async () => {
    const b = testBackend();
    const { d } = make({ adapter: b.adapter });
    const r = sampleResponse();
    const [a, c] = await Promise.all([d.enqueue({ kind: 'response', value: r }), d.enqueue({ kind: 'response', value: structuredClone(r) })]);
    expect(a).toEqual(c);
    await tick(0);
    expect(b.batches.flatMap((x) => x.responses).map((x) => x.id)).toEqual([r.id]);
  });

  it('sends responses and events in one batch, keyed by the first id', async () => {
    const calls = collector(() => okBody(2));
    const { d } = make({ adapter: httpAdapter({ url: URL }) }, memoryStorage());
    d.destroy();
    const storage = memoryStorage();
    const r = sampleResponse();
    const e = sampleEvent();
    await storage.put([[e.id, { v: 1, id: e.id, kind: 'event', value: e, at: Date.now() }], [r.id, { v: 1, id: r.id, kind: 'response', value: r, at: Date.now() }]]);
    make({ adapter: httpAdapter({ url: URL }) }, storage);
    await tick(0);
    expect(calls).toEqual([{ key: [e.id, r.id].sort()[0], ids: [r.id, e.id], at: expect.any(Number) }]);
  });

  it('a full queue refuses a submit clearly and loses nothing stored', async () => {
    const b = testBackend();
    b.script.push('hang');
    const { d } = make({ adapter: b.adapter, capacity: { records: 3 } });
    const rs = [sampleResponse(), sampleResponse(), sampleResponse()];
    for (const r of rs) await d.enqueue({ kind: 'response', value: r });
    const refused = await d.enqueue({ kind: 'response', value: sampleResponse() }).catch((e) => e);
    expect(isSaysoError(refused) && refused.code).toBe('E_QUEUE_FULL');
    expect(await d.pending()).toBe(3);
    await tick(60_000);
    expect([...b.stored.keys()].sort()).toEqual(rs.map((r) => r.id).sort());
  });

  it('refuses a record without an id with E_ARGUMENT_INVALID, storing nothing', async () => {
    const { d, errors } = make({ adapter: testBackend().adapter });
    const bad = { ...sampleResponse(), id: undefined } as unknown as ReturnType<typeof sampleResponse>;
    await expect(d.enqueue({ kind: 'response', value: bad })).rejects.toMatchObject({ code: 'E_ARGUMENT_INVALID' });
    expect(await d.pending()).toBe(0);
    expect(errors()).toEqual([]);
    // The queue still works afterwards.
    expect((await d.enqueue({ kind: 'response', value: sampleResponse() })).durability).toBe('memory');
  });

  it('refuses by bytes too', async () => {
    const { d } = make({ adapter: testBackend().adapter, capacity: { bytes: 1000 } });
    const big = sampleResponse({ comment: 'x'.repeat(1200) });
    await expect(d.enqueue({ kind: 'response', value: big })).rejects.toMatchObject({ code: 'E_QUEUE_FULL' });
    expect(await d.pending()).toBe(0);
  });

  it('a corrupt record at the head is dead-lettered and the rest drains', async () => {
    const storage = memoryStorage();
    const good = [sampleResponse(), sampleResponse()];
    await storage.put([
      ['00000000-corrupt', '{not json'],
      ['00000000-future', { v: 99, id: '00000000-future' }],
      ...good.map((r): [string, unknown] => [r.id, { v: 1, id: r.id, kind: 'response', value: r, at: Date.now() }]),
    ]);
    const b = testBackend();
    const { d, errors } = make({ adapter: b.adapter }, storage);
    await tick(0);
    expect([...b.stored.keys()].sort()).toEqual(good.map((r) => r.id).sort());
    expect(errors()).toEqual([{ type: 'error', code: 'E_RECORD_CORRUPT', message: 'corrupt', ids: ['00000000-corrupt', '00000000-future'] }]);
    expect(await d.pending()).toBe(0);
    expect((await storage.entries()).map(([, v]) => (v as { dead: string }).dead)).toEqual(['E_RECORD_CORRUPT', 'E_RECORD_CORRUPT']);
  });

  it('a record older than maxAgeDays is dead-lettered, not dropped', async () => {
    const storage = memoryStorage();
    const old = sampleResponse();
    await storage.put([[old.id, { v: 1, id: old.id, kind: 'response', value: old, at: Date.now() - 31 * 864e5 }]]);
    const b = testBackend();
    const { errors } = make({ adapter: b.adapter }, storage);
    await tick(0);
    expect(b.batches).toEqual([]);
    expect(errors()).toEqual([expect.objectContaining({ code: 'E_RECORD_EXPIRED', ids: [old.id] })]);
    expect(await storage.entries()).toEqual([[old.id, expect.objectContaining({ dead: 'E_RECORD_EXPIRED' })]]);
  });

  it('clear deletes everything stored', async () => {
    const b = testBackend();
    b.script.push('hang');
    const st = memoryStorage();
    const { d } = make({ adapter: b.adapter }, st);
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await d.clear();
    await tick(60_000);
    expect(await st.entries()).toEqual([]);
    expect(await d.pending()).toBe(0);
  });
});

describe('leases and clocks', () => {
  it('a record leased by a sender that died waits for the lease, then goes', async () => {
    const storage = memoryStorage();
    const b = testBackend();
    b.script.push('hang');
    const first = make({ adapter: b.adapter, timeout: 10_000 }, storage);
    const r = sampleResponse();
    await first.d.enqueue({ kind: 'response', value: r });
    await tick(0);
    first.d.destroy(); // the tab dies with its request in flight
    make({ adapter: b.adapter, timeout: 10_000 }, storage);
    await tick(14_000);
    expect(b.stored.size).toBe(0);
    await tick(1100); // lease = timeout + 5 s
    expect([...b.stored.keys()]).toEqual([r.id]);
  });

  it.each([
    ['back', -864e5],
    ['forward', 864e5],
  ])('a clock jumping a day %s stalls nothing', async (_l, jump) => {
    const storage = memoryStorage();
    const b = testBackend();
    b.script.push('hang');
    let skew = 0;
    const now = () => Date.now() + skew;
    const first = make({ adapter: b.adapter, timeout: 10_000, now }, storage);
    const r = sampleResponse();
    await first.d.enqueue({ kind: 'response', value: r });
    await tick(0);
    first.d.destroy();
    skew = jump;
    b.script.push('500');
    make({ adapter: b.adapter, timeout: 10_000, now }, storage);
    await tick(0);
    // Back a day: the lease looks a day long, which no lease can be, so it is ignored at once.
    // Forward a day: the lease has simply expired.
    expect(b.batches.length).toBe(2);
    await tick(1000);
    expect([...b.stored.keys()]).toEqual([r.id]);
  });
});

describe('reloads', () => {
  it('what one page stored, the next page delivers', async () => {
    const storage = memoryStorage();
    const b = testBackend();
    b.script.push('offline');
    const first = make({ adapter: b.adapter }, storage);
    const r = sampleResponse();
    await first.d.enqueue({ kind: 'response', value: r });
    await tick(0);
    first.d.destroy();
    make({ adapter: b.adapter }, storage);
    await tick(0);
    expect(b.received.get(r.id)).toBe(1);
  });
});

describe('dead letters', () => {
  /** A backend that refuses every batch, as a 422 does. */
  const refuse: Adapter = { name: 'refuse', send: async () => ({ status: 'reject', reason: 'HTTP 422' }) };
  const rec = (r: SurveyResponse, at = Date.now()): [string, unknown] => [r.id, { v: 1, id: r.id, kind: 'response', value: r, at }];

  it('lists what was given up with the record, the reason and when; clearDeadLetters deletes only them', async () => {
    const storage = memoryStorage();
    const old = sampleResponse();
    await storage.put([['00000000-corrupt', '{not json'], rec(old, Date.now() - 31 * 864e5)]);
    const b = testBackend();
    b.script.push('hang'); // so a live record stays queued beside the dead ones
    const { d } = make({ adapter: b.adapter }, storage);
    await tick(0);
    const live = sampleResponse();
    await d.enqueue({ kind: 'response', value: live });
    const t = Date.now();
    expect(await d.deadLetters()).toEqual([
      { id: '00000000-corrupt', raw: '{not json', code: 'E_RECORD_CORRUPT', reason: 'corrupt', at: t },
      { id: old.id, record: { kind: 'response', value: old }, code: 'E_RECORD_EXPIRED', reason: 'expired', at: t },
    ]);
    await d.clearDeadLetters();
    expect(await d.deadLetters()).toEqual([]);
    expect((await storage.entries()).map(([k]) => k)).toEqual([live.id]);
    expect(await d.pending()).toBe(1);
  });

  it('a refused record is a dead letter with the server reason and the time it was refused', async () => {
    const { d } = make({ adapter: refuse });
    const r = sampleResponse();
    const at = Date.now();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(await d.deadLetters()).toEqual([{ id: r.id, record: { kind: 'response', value: r }, code: 'E_DELIVERY_REJECTED', reason: 'HTTP 422', at }]);
    // JSON-safe, so a host can export it as it is.
    expect(JSON.parse(JSON.stringify(await d.deadLetters()))[0].record.value).toEqual(r);
  });

  it('keeps the newest 100, dropping the oldest with one E_QUEUE_FULL event naming them', async () => {
    const storage = memoryStorage();
    const rs = Array.from({ length: 101 }, () => sampleResponse());
    await storage.put(rs.map((r) => rec(r)));
    const { d, errors } = make({ adapter: refuse }, storage);
    await tick(0);
    const letters = await d.deadLetters();
    expect(letters.length).toBe(100);
    expect(letters.map((l) => l.id)).toEqual(rs.slice(1).map((r) => r.id));
    const full = errors().filter((e) => e.type == 'error' && e.code == 'E_QUEUE_FULL');
    expect(full).toEqual([{ type: 'error', code: 'E_QUEUE_FULL', message: 'dead-letter queue full', ids: [rs[0]!.id] }]);
    // Every refusal was still announced first, so nothing went unreported.
    expect(errors().filter((e) => e.type == 'error' && e.code == 'E_DELIVERY_REJECTED').flatMap((e) => (e as { ids: string[] }).ids).length).toBe(101);
    // One more refusal pushes out the next oldest.
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect((await d.deadLetters()).map((l) => l.id)).toEqual([...rs.slice(2), r].map((x) => x.id));
    expect(errors().at(-1)).toEqual({ type: 'error', code: 'E_QUEUE_FULL', message: 'dead-letter queue full', ids: [rs[1]!.id] });
  });

  it('keeps at most 256 KB, oldest out first, but always the newest however large', async () => {
    const storage = memoryStorage();
    const rs = Array.from({ length: 5 }, () => sampleResponse({ comment: 'x'.repeat(60_000) }));
    await storage.put(rs.map((r) => rec(r)));
    const { d, errors } = make({ adapter: refuse }, storage);
    await tick(0);
    // 5 × ~60 KB is over 256 KB: the oldest goes, 4 (~240 KB) stay.
    expect((await d.deadLetters()).map((l) => l.id)).toEqual(rs.slice(1).map((r) => r.id));
    expect(errors().at(-1)).toMatchObject({ code: 'E_QUEUE_FULL', ids: [rs[0]!.id] });
    const big = sampleResponse({ comment: 'y'.repeat(300_000) });
    await d.enqueue({ kind: 'response', value: big });
    await tick(0);
    // Alone over the limit, the newest stays; everything older goes.
    expect((await d.deadLetters()).map((l) => l.id)).toEqual([big.id]);
    expect(errors().at(-1)).toMatchObject({ code: 'E_QUEUE_FULL', ids: rs.slice(1).map((r) => r.id) });
  });
});
