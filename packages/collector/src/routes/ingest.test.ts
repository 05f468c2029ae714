import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { IngestResult } from '@sayso/core';
import type { Collector } from '../collector.js';
import { signUserId } from '../identity.js';
import { IDENTITY, ORIGIN, event, post, response, testCollector, testConfig } from '../test-fixtures.js';

let c: Collector;
beforeEach(async () => {
  c = await testCollector();
});
afterEach(() => c.close());

describe('POST /v1/responses', () => {
  test('stores a valid batch and answers accepted/duplicates with ids', async () => {
    const batch = { site: 'demo', responses: [response(), response({ score: 3 })], events: [event()] };
    const res = await post(c, batch);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await res.json()) as IngestResult;
    expect(body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(body.ids).toHaveLength(3);
    expect(await c.storage.counts('demo')).toEqual({ responses: 2, events: 1, tallied: 2 });
  });

  test('a resent batch is stored once and reported as duplicates, not errors', async () => {
    const batch = { site: 'demo', responses: [response(), response()], events: [event()] };
    await post(c, batch);
    const again = await post(c, batch);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 3 });
    const r = response();
    const twiceInOne = await post(c, { site: 'demo', responses: [r, r] });
    expect(await twiceInOne.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await c.storage.counts('demo')).toEqual({ responses: 3, events: 1, tallied: 3 });
  });

  test.each([
    ['id', { id: 'not-a-uuid' }],
    ['score', { score: 11 }],
    ['score', { score: 7.5 }],
    ['scale', { scale: [10, 0] as [number, number] }],
    ['kind', { kind: 'xyz' as 'nps' }],
    ['kind', { kind: 'csat' as const, scale: [1, 5] as [number, number], score: 4 }], // nps-main is an NPS survey
    ['createdAt', { createdAt: 'yesterday' }],
    ['createdAt', { createdAt: new Date(Date.now() + 3 * 86400_000).toISOString() }],
    ['anonymousId', { anonymousId: '' }],
    ['attributes.plan', { attributes: { plan: { nested: true } } as never }],
    ['page', { page: 'x' as never }],
    ['comment', { comment: 'x'.repeat(2001) }],
    ['answers.why', { answers: { why: 'y'.repeat(2001) } }],
    ['attributes.note', { attributes: { note: 'z'.repeat(2001) } }],
  ])('a bad %s is refused with its index, field and reason; the good items are stored', async (field, bad) => {
    const good = response();
    const res = await post(c, { site: 'demo', responses: [good, response(bad)] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as IngestResult;
    expect(body.accepted).toBe(1);
    expect(body.ids).toEqual([good.id]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ list: 'responses', index: 1 });
    // The field is the bad one or inside it (`scale[0]`).
    expect(body.errors![0]!.field.startsWith(field)).toBe(true);
    expect(body.errors![0]!.reason.length).toBeGreaterThan(3);
    expect(await c.storage.counts('demo')).toMatchObject({ responses: 1 });
  });

  test('an item the database refuses is a 400 entry at its batch index; the rest is stored; a retry is the same', async () => {
    // An unforeseen value: the parsers pass the item, then a storage that
    // stands in for the database's surprise makes its date one PostgreSQL refuses.
    const storage = c.storage;
    const poisoned = { ...storage, ingest: (site: string, records: Parameters<typeof storage.ingest>[1], segments: readonly string[]) =>
      storage.ingest(site, {
        responses: records.responses.map((r) => (r.comment === 'poison' ? { ...r, createdAt: '0000-01-01T00:00:00Z' } : r)),
        events: records.events.map((e) => (e.anonymousId === 'poison' ? { ...e, createdAt: '0000-01-01T00:00:00Z' } : e)),
      }, segments) };
    const d = await testCollector({ storage: poisoned });
    try {
      const good = [response(), response(), event()];
      const bad = response({ comment: 'poison' });
      const badEvent = event({ anonymousId: 'poison' });
      // Index 0 is refused by parseResponse, so the poisoned item is storage's index 1 but the batch's index 2.
      // The poisoned response again at index 4: not stored either, so not a duplicate.
      const batch = { site: 'demo', responses: [response({ score: 11 }), good[0], bad, good[1], bad], events: [badEvent, good[2]] };
      for (const attempt of [1, 2]) {
        const res = await post(d, batch);
        expect(res.status).toBe(400);
        const body = (await res.json()) as IngestResult;
        expect(body).toMatchObject(attempt === 1 ? { accepted: 3, duplicates: 0 } : { accepted: 0, duplicates: 3 });
        expect([...body.ids!].sort()).toEqual(good.map((x) => x.id).sort());
        expect(body.errors).toEqual([
          expect.objectContaining({ list: 'responses', index: 0, field: 'score' }),
          { list: 'responses', index: 2, id: bad.id, field: '', reason: 'could not be stored (database error 22008)' },
          { list: 'responses', index: 4, id: bad.id, field: '', reason: 'could not be stored (its first copy in this batch was refused)' },
          { list: 'events', index: 0, id: badEvent.id, field: '', reason: 'could not be stored (database error 22008)' },
        ]);
      }
      expect(await d.storage.counts('demo')).toEqual({ responses: 2, events: 1, tallied: 2 });
    } finally {
      await d.close();
    }
  });

  test('JSON nested as deep as the body limit allows is refused per item, never a 5xx', async () => {
    const good = response();
    const depth = 18_000; // two of these (6 bytes a level) and the list (2): about 253 kB, under the default maxBodyBytes (256 kB)
    const nested = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const list = '['.repeat(depth) + ']'.repeat(depth);
    const items = [good, { ...response(), attributes: '@A' }, { ...response(), page: '@A' }, '@L'].map((x) => JSON.stringify(x));
    const body = `{"site":"demo","responses":[${items.join(',')}]}`.replace('"@A"', nested).replace('"@A"', nested).replace('"@L"', list);
    expect(body.length).toBeGreaterThan(250_000);
    expect(body.length).toBeLessThan(262_144);
    const res = await post(c, body);
    expect(res.status).toBe(400);
    const result = (await res.json()) as IngestResult;
    expect(result).toMatchObject({ accepted: 1, ids: [good.id] });
    expect(result.errors!.map((e) => [e.index, e.field])).toEqual([[1, 'attributes.a'], [2, 'page.a'], [3, '']]);
  });

  test('bad events and non-object items are refused by index', async () => {
    const res = await post(c, { site: 'demo', responses: [42], events: [event(), event({ type: 'click' as 'display' })] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as IngestResult;
    expect(body.errors).toEqual([
      expect.objectContaining({ list: 'responses', index: 0, field: '' }),
      expect.objectContaining({ list: 'events', index: 1, field: 'type' }),
    ]);
    expect(body.accepted).toBe(1);
  });

  test('a body that is not a batch is refused whole', async () => {
    for (const body of ['{not json', '[1,2]', JSON.stringify({ site: 'demo', responses: 'x' })]) {
      const res = await post(c, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { reason: string } }).error.reason).toBeTruthy();
    }
    expect((await post(c, { responses: [] })).status).toBe(400);
    expect((await post(c, { site: 'demo' }, { 'x-sayso-site': 'other' })).status).toBe(400);
  });

  test('an unknown site is 404 without an Origin; a page of any origin gets the 403 of a foreign origin', async () => {
    const body = JSON.stringify({ site: 'nope', responses: [response()] });
    const res = await c.fetch(new Request('http://collector.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    expect(res.status).toBe(404);
    // Even an origin another site allows: from a page, unknown and refusing sites look the same.
    const unknown = await post(c, { site: 'nope', responses: [response()] });
    const foreign = await post(c, { site: 'demo', responses: [response()] }, { origin: 'http://evil.test' });
    expect([unknown.status, foreign.status]).toEqual([403, 403]);
    expect(await unknown.text()).toBe(await foreign.text());
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('sendBeacon bodies (text/plain) are accepted', async () => {
    const res = await post(c, { site: 'demo', responses: [response()] }, { 'content-type': 'text/plain;charset=UTF-8' });
    expect(res.status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (origin: string, path = '/v1/responses') =>
    c.fetch(
      new Request(`http://collector.test${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key,x-sayso-user-signature' },
      }),
    );

  test('a preflight from an allowed origin allows the SDK headers', async () => {
    const res = await preflight(ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['content-type', 'idempotency-key', 'x-sayso-user-signature']) expect(allowed).toContain(h);
  });

  test('another origin gets no CORS headers and its posts are refused unstored', async () => {
    const res = await preflight('http://evil.test');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const post403 = await post(c, { site: 'demo', responses: [response()] }, { origin: 'http://evil.test' });
    expect(post403.status).toBe(403);
    expect(post403.headers.get('access-control-allow-origin')).toBeNull();
    expect(await c.storage.counts('demo')).toMatchObject({ responses: 0 });
    expect((await preflight('http://evil.test', '/v1/sites/demo/surveys')).status).toBe(403);
  });
});

describe('abuse limits', () => {
  test('a body over the limit is 413', async () => {
    await c.close();
    c = await testCollector({ config: testConfig({ limits: { maxBodyBytes: 4096 } }) });
    const many = Array.from({ length: 20 }, () => response({ comment: 'x'.repeat(300) }));
    const res = await post(c, { site: 'demo', responses: many });
    expect(res.status).toBe(413);
    expect(await c.storage.counts('demo')).toMatchObject({ responses: 0 });
    expect((await post(c, { site: 'demo', responses: many.slice(0, 2) })).status).toBe(200);
  });

  test('too many items in one batch is 413 so the client splits', async () => {
    await c.close();
    c = await testCollector({ config: testConfig({ limits: { maxBatchItems: 5 } }) });
    const res = await post(c, { site: 'demo', events: Array.from({ length: 6 }, () => event()) });
    expect(res.status).toBe(413);
  });

  test('per-IP and per-site limits answer 429 with Retry-After', async () => {
    await c.close();
    c = await testCollector({ config: testConfig({ limits: { ipPerMinute: 3, sitePerMinute: 5 } }), trustProxy: true });
    const from = (ip: string) => post(c, { site: 'demo', events: [event()] }, { 'x-forwarded-for': ip });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).status).toBe(200);
    const limited = await from('10.0.0.1');
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // Another client still gets through until the site's own budget (5) is spent.
    expect((await from('10.0.0.2')).status).toBe(200);
    expect((await from('10.0.0.3')).status).toBe(200);
    const siteLimited = await from('10.0.0.4');
    expect(siteLimited.status).toBe(429);
    expect(siteLimited.headers.get('retry-after')).toBeTruthy();
  });
});

describe('identity', () => {
  test('only records with a valid signature are verified', async () => {
    const good = response({ userId: 'u-1', userSignature: signUserId(IDENTITY, 'u-1') });
    const forged = response({ userId: 'u-1', userSignature: signUserId('some-other-secret-xx', 'u-1') });
    const res = await post(c, { site: 'demo', responses: [good, forged] });
    expect(res.status).toBe(200);
    const history = await c.storage.history('demo', 'u-1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ surveyId: 'nps-main', type: 'response' });
  });
});
