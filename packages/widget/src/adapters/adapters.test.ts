// @vitest-environment node
// Every built-in adapter through the shared conformance suite, then
// httpAdapter's wire format and status mapping against msw.
import type { IngestBatch } from '@sayso/core';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Batch, SendContext } from '../delivery/types.js';
import { sampleEvent, sampleResponse, testAdapter } from '../testing.js';
import { beaconAdapter } from './beacon.js';
import { callbackAdapter } from './callback.js';
import { patched, type PatchName } from '../../../../test/builtin-patches.js';
import { body, httpAdapter, retryAfter } from './http.js';
import { memoryAdapter } from './memory.js';

const URL = 'https://collector.test/v1/responses';
const stored = new Set<string>();
const server = setupServer(
  http.post(URL, async ({ request }) => {
    const b = (await request.json()) as IngestBatch;
    const ids = [...(b.responses ?? []), ...(b.events ?? [])].map((x) => x.id);
    const dup = ids.filter((id) => stored.has(id)).length;
    ids.forEach((id) => stored.add(id));
    return HttpResponse.json({ accepted: ids.length - dup, duplicates: dup, ids });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

testAdapter(() => httpAdapter({ url: URL }), { label: 'httpAdapter' });
testAdapter(() => memoryAdapter(), { label: 'memoryAdapter' });
testAdapter(() => callbackAdapter(() => {}), { label: 'callbackAdapter' });
// Node has no sendBeacon: the adapter must still answer (retry), never throw.
testAdapter(() => beaconAdapter({ url: URL }), { label: 'beaconAdapter' });

const batch = (): Batch => ({ site: 'pk_1', responses: [sampleResponse()], events: [] });
const ctx = (b: Batch, over: Partial<SendContext> = {}): SendContext => ({
  signal: new AbortController().signal,
  idempotencyKey: b.responses[0]!.id,
  attempt: 1,
  unloading: false,
  ...over,
});
const answer = (res: () => Response) => server.use(http.post(URL, () => res()));

describe('httpAdapter', () => {
  it('posts the wire format with the idempotency key, site and custom headers', async () => {
    let seen: { headers: Headers; body: IngestBatch } | undefined;
    server.use(
      http.post(URL, async ({ request }) => {
        seen = { headers: request.headers, body: (await request.json()) as IngestBatch };
        return HttpResponse.json({ accepted: 1, duplicates: 0 });
      }),
    );
    const b = batch();
    let n = 0;
    const a = httpAdapter({ url: URL, headers: () => ({ authorization: `Bearer t${++n}` }) });
    expect(await a.send(b, ctx(b))).toEqual({ status: 'ok' });
    expect(seen!.headers.get('idempotency-key')).toBe(b.responses[0]!.id);
    expect(seen!.headers.get('content-type')).toBe('application/json');
    expect(seen!.headers.get('x-sayso-site')).toBe('pk_1');
    expect(seen!.headers.get('authorization')).toBe('Bearer t1');
    expect(seen!.body).toEqual({ site: 'pk_1', sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), responses: b.responses, events: [] });
    await a.send(b, ctx(b));
    expect(seen!.headers.get('authorization')).toBe('Bearer t2'); // evaluated per send
  });

  it.each([
    [200, { status: 'ok' }],
    [202, { status: 'ok' }],
    [408, { status: 'retry', reason: 'HTTP 408' }],
    [429, { status: 'retry', reason: 'HTTP 429' }],
    [500, { status: 'retry', reason: 'HTTP 500' }],
    [502, { status: 'retry', reason: 'HTTP 502' }],
    [503, { status: 'retry', reason: 'HTTP 503' }],
    [501, { status: 'reject', reason: 'HTTP 501' }],
    [505, { status: 'reject', reason: 'HTTP 505' }],
    [413, { status: 'too-large' }],
    [401, { status: 'reject', reason: 'HTTP 401', auth: true }],
    [403, { status: 'reject', reason: 'HTTP 403', auth: true }],
    [400, { status: 'reject', reason: 'HTTP 400' }],
    [404, { status: 'reject', reason: 'HTTP 404' }],
    [422, { status: 'reject', reason: 'HTTP 422' }],
  ])('maps %i', async (status, expected) => {
    answer(() => new HttpResponse(status == 200 || status == 202 ? '{}' : null, { status }));
    const b = batch();
    expect(await httpAdapter({ url: URL }).send(b, ctx(b))).toMatchObject(expected);
  });

  it('reads the refused items of a 400 partial acceptance', async () => {
    const errors = [{ list: 'responses', index: 0, field: 'score', reason: 'out of scale' }];
    answer(() => HttpResponse.json({ accepted: 0, duplicates: 0, errors }, { status: 400 }));
    const b = batch();
    expect(await httpAdapter({ url: URL }).send(b, ctx(b))).toEqual({ status: 'reject', reason: 'HTTP 400', items: errors });
  });

  it('passes Retry-After on as delayMs', async () => {
    answer(() => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '12' } }));
    const b = batch();
    expect(await httpAdapter({ url: URL }).send(b, ctx(b))).toMatchObject({ status: 'retry', delayMs: 12_000 });
  });

  it('answers retry on a network error', async () => {
    answer(() => HttpResponse.error());
    const b = batch();
    expect(await httpAdapter({ url: URL }).send(b, ctx(b))).toMatchObject({ status: 'retry' });
  });

  it('gives up after its own timeout', async () => {
    server.use(http.post(URL, () => new Promise<Response>(() => {})));
    const b = batch();
    const t = Date.now();
    expect(await httpAdapter({ url: URL, timeout: 100 }).send(b, ctx(b))).toMatchObject({ status: 'retry' });
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('stops when delivery aborts the attempt', async () => {
    server.use(http.post(URL, () => new Promise<Response>(() => {})));
    const b = batch();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await httpAdapter({ url: URL }).send(b, ctx(b, { signal: ac.signal }))).toMatchObject({ status: 'retry' });
  });
});

describe('retryAfter', () => {
  const now = Date.parse('2026-11-24T07:00:00Z');
  it.each([
    ['7', 7000],
    [' 120 ', 120_000],
    ['0', 0],
    ['86400', 300_000], // capped at 5 minutes
    ['Tue, 24 Nov 2026 07:00:30 GMT', 30_000], // RFC 9110 IMF-fixdate
    ['Tue, 24 Nov 2026 06:00:00 GMT', 0], // in the past: now
    ['Wed, 25 Nov 2026 07:00:00 GMT', 300_000],
    ['soon', undefined],
    ['7.5', undefined],
    ['-3', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (v, ms) => expect(retryAfter(v, now)).toBe(ms));
});

describe('beaconAdapter', () => {
  it('hands the wire-format body to sendBeacon and keeps the records either way (a beacon confirms nothing)', async () => {
    const calls: Array<[string, string]> = [];
    let accept = true;
    vi.stubGlobal('navigator', { sendBeacon: (url: string, body: string) => (calls.push([url, body]), accept) });
    try {
      const b = batch();
      const a = beaconAdapter({ url: URL });
      expect(await a.send(b, ctx(b, { unloading: true }))).toEqual({ status: 'retry', reason: 'beacon queued' });
      accept = false;
      expect(await a.send(b, ctx(b, { unloading: true }))).toEqual({ status: 'retry', reason: 'beacon refused' });
      expect(calls[0]![0]).toBe(URL);
      expect(JSON.parse(calls[0]![1])).toMatchObject({ site: 'pk_1', responses: b.responses, events: [] });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('callbackAdapter', () => {
  it.each([
    [undefined, { status: 'ok' }],
    [true, { status: 'ok' }],
    [false, { status: 'retry', reason: 'callback returned false' }],
    [{ status: 'too-large' }, { status: 'too-large' }],
  ])('maps a return of %j', async (ret, expected) => {
    const b = batch();
    expect(await callbackAdapter(() => ret as never).send(b, ctx(b))).toEqual(expected);
  });

  it('gives the host the batch and context', async () => {
    const fn = vi.fn();
    const b = batch();
    await callbackAdapter(fn).send(b, ctx(b, { attempt: 3 }));
    expect(fn).toHaveBeenCalledWith(b, expect.objectContaining({ attempt: 3, idempotencyKey: b.responses[0]!.id }));
  });
});

describe('memoryAdapter', () => {
  it('keeps each item once and counts repeats as duplicates', async () => {
    const a = memoryAdapter();
    const b = batch();
    expect(await a.send(b, ctx(b))).toEqual({ status: 'ok', duplicates: 0 });
    expect(await a.send(b, ctx(b))).toEqual({ status: 'ok', duplicates: 1 });
    expect([...a.items.keys()]).toEqual([b.responses[0]!.id]);
    expect(a.batches.length).toBe(2);
  });
});

describe('the wire body on pages whose libraries patch built-ins', () => {
  it.each<PatchName[]>([['prototype'], ['objectPrototype'], ['mootools'], ['stringify']])(
    'is the batch, its lists as lists, with %s installed',
    (...names) => {
      const b: Batch = { ...batch(), events: [sampleEvent()] };
      const sent = JSON.parse(patched(names, () => body(b)));
      // Exactly the wire format's keys: nothing inherited, nothing turned into a string.
      expect(sent).toStrictEqual({ ...JSON.parse(JSON.stringify(b)), sentAt: expect.any(String) });
    },
  );
});
