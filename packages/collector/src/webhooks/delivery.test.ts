// Webhooks end to end on PGlite: answers stored through the real ingest
// route, deliveries written by the outbox triggers, sent by the dispatcher
// to real HTTP receivers on loopback, verified with the standardwebhooks
// package. The retry schedule is scaled by configuration (retryScale); the
// tests call `drain()` where they need to control when attempts happen.
import { scoreBand, type SurveyKind } from '@sayso/core';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import type { WebhooksConfig } from './config.js';
import { SECRET, SELF, post, response, testCollector, testConfig } from '../test-fixtures.js';
import type { Resolver } from './address-guard.js';
import type { Delivery } from './outbox.js';
import { startReceiver } from './test-receiver.js';

const LOOPBACK: WebhooksConfig = { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.0001, dispatch: false };
const open: Array<{ close: () => Promise<void> }> = [];
// Opening the file's shared PGlite takes seconds on a busy machine: in the hook's time, not the first test's.
beforeAll(async () => {
  await (await testCollector()).close();
});
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function collector(webhooks: WebhooksConfig = LOOPBACK, extra: Parameters<typeof testCollector>[0] = {}) {
  const c = await testCollector({ config: testConfig({ webhooks, limits: { maxTextLength: 30_000, maxBodyBytes: 1 << 20 } }), ...extra });
  open.push(c);
  return c;
}
async function receiver(port?: number) {
  const r = await startReceiver(port);
  open.push(r);
  return r;
}

const admin = (c: Collector, path: string, init: { method?: string; body?: unknown } = {}) =>
  c.fetch(
    new Request(`${SELF}/v1/admin/sites/demo/webhooks${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    }),
  );

async function endpoint(c: Collector, body: Record<string, unknown>) {
  const res = await admin(c, '', { method: 'POST', body: { eventTypes: ['response.created'], ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { endpoint: { id: string }; secret: string };
}

const log = async (c: Collector, id: string) => ((await (await admin(c, `/${id}/deliveries`)).json()) as { deliveries: Delivery[] }).deliveries;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Drains until `done()` or `ms` pass. */
async function until(c: Collector, done: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await c.webhooks.drain();
    await sleep(20);
  }
}
const verify = (secret: string, r: { body: string; headers: Record<string, unknown> }) =>
  new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; data: { response: { id: string; score: number } } };

describe('the outbox', () => {
  test('an answer and its deliveries are written by one ingest statement, before any send', async () => {
    const c = await collector();
    const r = await receiver();
    const { endpoint: e } = await endpoint(c, { url: `${r.url}/hook` });
    const batch = [response({ score: 2 }), response({ score: 9 }), response({ score: 5 })];
    expect((await post(c, { site: 'demo', responses: batch })).status).toBe(200);
    const logged = await log(c, e.id);
    expect(logged.map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    expect(r.received).toHaveLength(0);
    // A duplicate batch stores nothing new and queues nothing new.
    await post(c, { site: 'demo', responses: batch });
    expect(await log(c, e.id)).toHaveLength(3);
  });

  test('the band filter agrees with @sayso/core scoreBand on every point of the default scales', async () => {
    const c = await collector();
    const storage = c.storage as unknown as { webhooks: unknown };
    expect(storage.webhooks).toBeDefined();
    const scales: Array<[SurveyKind, number, number]> = [['nps', 0, 10], ['csat', 1, 5], ['ces', 1, 7]];
    const { pgliteDriver } = await import('../storage/pglite.js');
    const { sqlStorage } = await import('../storage/sql-storage.js');
    const driver = await pgliteDriver();
    open.push(driver);
    await sqlStorage(driver).migrate();
    for (const [kind, lo, hi] of scales) {
      for (let s = lo; s <= hi; s++) {
        const [row] = await driver.query<{ band: string }>(`select sayso_score_band($1, $2, $3, $4) as band`, [kind, s, lo, hi]);
        expect(row!.band, `${kind} ${s}`).toBe(scoreBand(kind, s, { min: lo, max: hi }));
      }
    }
  });

  test('each filter lets through what matches and not its near miss', async () => {
    const c = await collector();
    const r = await receiver();
    const cases: Array<[Record<string, unknown>, Parameters<typeof response>[0], Parameters<typeof response>[0]]> = [
      [{ scoreAtMost: 6 }, { score: 6 }, { score: 7 }],
      [{ scoreAtLeast: 9 }, { score: 9 }, { score: 8 }],
      [{ bands: ['detractor'] }, { score: 6 }, { score: 7 }],
      [{ bands: ['promoter', 'passive'] }, { score: 7 }, { score: 6 }],
      [{ surveys: ['nps-main'] }, { surveyId: 'nps-main' }, { surveyId: 'nps-main2' }],
      [{ hasComment: true }, { comment: 'slow' }, { comment: '' }],
      [{ hasComment: false }, {}, { comment: 'x' }],
      [{ attribute: { key: 'plan', value: 'pro' } }, { attributes: { plan: 'pro' } }, { attributes: { plan: 'Pro' } }],
      [{ attribute: { key: 'plan', value: 'pro' } }, { attributes: { plan: 'pro' } }, { attributes: { plan: 'pro ' } }],
      [{ attribute: { key: 'seats', value: 3 } }, { attributes: { seats: 3 } }, { attributes: { seats: 30 } }],
      [{ scoreAtLeast: 0, scoreAtMost: 0 }, { score: 0 }, { score: 1 }],
    ];
    for (const [filters, hit, miss] of cases) {
      const { endpoint: e } = await endpoint(c, { url: `${r.url}/hook`, filters });
      const yes = response(hit);
      const no = response(miss);
      await post(c, { site: 'demo', responses: [yes, no] });
      const got = await c.storage.webhooks.deliveries('demo', e.id, { limit: 10 });
      expect(got.length, JSON.stringify(filters)).toBe(1);
      await c.storage.webhooks.deleteEndpoint('demo', e.id, { kind: 'secret', id: 'secret', label: 't', role: 'admin' });
    }
  });

  test('enqueue (for alert.triggered and response.closed producers): subscribed endpoints only, by survey', async () => {
    const c = await collector();
    const r = await receiver();
    const { endpoint: alerts } = await endpoint(c, { url: `${r.url}/a`, eventTypes: ['alert.triggered'] });
    const { endpoint: other } = await endpoint(c, { url: `${r.url}/b`, eventTypes: ['alert.triggered'], filters: { surveys: ['csat-checkout'] } });
    const { endpoint: created } = await endpoint(c, { url: `${r.url}/c`, eventTypes: ['response.created'] });
    const ids = await c.storage.webhooks.enqueue('demo', 'alert.triggered', { surveyId: 'nps-main', drop: 12.5 });
    expect(ids).toHaveLength(1);
    expect((await log(c, alerts.id)).map((d) => d.eventType)).toEqual(['alert.triggered']);
    expect(await log(c, other.id)).toHaveLength(0);
    expect(await log(c, created.id)).toHaveLength(0);
    expect(await c.storage.webhooks.enqueue('other-site', 'alert.triggered', { surveyId: 'nps-main' })).toEqual([]);
    await c.webhooks.drain();
    expect(JSON.parse(r.received[0]!.body)).toMatchObject({ type: 'alert.triggered', data: { surveyId: 'nps-main', drop: 12.5 } });
  });

  test('response.updated when a link follow-up completes an answer, not on its first store', async () => {
    const c = await collector();
    const r = await receiver();
    const { endpoint: e } = await endpoint(c, { url: `${r.url}/hook`, eventTypes: ['response.updated'] });
    const link = response({ channel: 'link', score: 9 });
    await post(c, { site: 'demo', responses: [link] });
    expect(await log(c, e.id)).toHaveLength(0);
    expect(await c.storage.amendLinkResponse({ site: 'demo', surveyId: 'nps-main', id: link.id, windowSeconds: 86400 }, { score: 4, comment: 'actually, no' }, [])).toBe('amended');
    const [d] = await log(c, e.id);
    expect(d!.eventType).toBe('response.updated');
    await until(c, () => r.received.length === 1);
    const body = JSON.parse(r.received[0]!.body);
    expect(body).toMatchObject({ type: 'response.updated', data: { response: { id: link.id, score: 4, comment: 'actually, no', band: 'detractor' } } });
    // A second follow-up is refused, and queues nothing.
    await c.storage.amendLinkResponse({ site: 'demo', surveyId: 'nps-main', id: link.id, windowSeconds: 86400 }, { score: 5 }, []);
    expect(await log(c, e.id)).toHaveLength(1);
  });
});

describe('delivery', () => {
  test('a receiver down, then 500, then 429 with Retry-After, then 200: every event arrives, signed, with one webhook-id per event', async () => {
    const c = await collector();
    // A port nothing listens on yet: the receiver is "down".
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const { endpoint: e, secret } = await endpoint(c, { url: `http://127.0.0.1:${port}/hook` });
    const batch = [response({ score: 1, comment: 'Too slow – “really”' }), response({ score: 10 }), response({ score: 7 })];
    await post(c, { site: 'demo', responses: batch });
    // drain() goes on while deliveries are due: the first waits (0.5 ms, 30 ms, …) pass inside it.
    await c.webhooks.drain();
    const down = await log(c, e.id);
    expect(down.every((d) => d.attempts.length >= 2 && d.attempts.every((a) => a.status === null && /ECONNREFUSED/.test(a.error!)))).toBe(true);
    const wereDown = Math.min(...down.map((d) => d.attempts.length));
    // The 429's Retry-After (5 s) must be above the scaled schedule's wait for that attempt to show it is honoured.
    expect(wereDown).toBeLessThanOrEqual(4);

    const r = await receiver(port);
    const seen = new Map<string, number>();
    r.answer((req) => {
      const id = String(req.headers['webhook-id']);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return n === 1 ? { status: 500, body: 'boom' } : n === 2 ? { status: 429, headers: { 'retry-after': '5' }, body: 'slow down' } : { status: 200, body: 'thanks' };
    });
    await until(c, async () => (await log(c, e.id)).every((d) => d.status === 'succeeded'), 25_000);

    // Every event arrived; each verifies with the independent verifier; its id never changed.
    const ids = new Set(r.received.map((x) => x.headers['webhook-id']));
    expect(ids.size).toBe(3);
    const events = r.received.map((x) => verify(secret, x));
    expect(new Set(events.map((x) => x.data.response.id))).toEqual(new Set(batch.map((b) => b.id.toLowerCase())));
    for (const id of ids) {
      const mine = r.received.filter((x) => x.headers['webhook-id'] === id);
      expect(mine).toHaveLength(3);
      expect(new Set(mine.map((x) => x.body)).size).toBe(1);
      // Retry-After: 5 held the next attempt back although the scaled schedule said at most 3.96 s.
      expect(mine[2]!.at - mine[1]!.at).toBeGreaterThanOrEqual(4990);
      expect(mine[1]!.at - mine[0]!.at).toBeLessThan(4000);
    }
    // The log shows every attempt, newest first, with the start of each answer.
    for (const d of await log(c, e.id)) {
      const n = d.attempts.length;
      expect(d.attempts.map((a) => a.status)).toEqual([200, 429, 500, ...Array(n - 3).fill(null)]);
      expect(d.attempts.map((a) => a.n)).toEqual(Array.from({ length: n }, (_, i) => n - i));
      expect(d.attempts[0]!.responseStart).toBe('thanks');
      expect(d.attempts[2]!.responseStart).toBe('boom');
      expect(d.webhookId).toBe(String([...ids].find((i) => i === d.webhookId)));
      expect(d.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
    }
  }, 40_000);

  test('a 410 disables the endpoint, flags it and logs why; later answers queue nothing for it', async () => {
    const c = await collector();
    const r = await receiver();
    r.answer(() => ({ status: 410 }));
    const { endpoint: e } = await endpoint(c, { url: `${r.url}/gone` });
    await post(c, { site: 'demo', responses: [response()] });
    await c.webhooks.drain();
    const shown = (await (await admin(c, `/${e.id}`)).json()) as { endpoint: { enabled: boolean; needsAttention: boolean; disabled: { reason: string } } };
    expect(shown.endpoint).toMatchObject({ enabled: false, needsAttention: true, disabled: { reason: 'the endpoint answered 410 Gone' } });
    const activity = await c.storage.activity.list({ site: 'demo', subject: { type: 'webhook', id: e.id }, limit: 10 });
    expect(activity[0]).toMatchObject({ action: 'webhook.disable', actor: { id: 'webhook-dispatcher' } });
    await post(c, { site: 'demo', responses: [response()] });
    expect(await log(c, e.id)).toHaveLength(1);
    // An admin turns it back on: the flag clears, new answers are queued again.
    const back = (await (await admin(c, `/${e.id}`, { method: 'PATCH', body: { enabled: true } })).json()) as { endpoint: { enabled: boolean; needsAttention: boolean; disabled: unknown } };
    expect(back.endpoint).toMatchObject({ enabled: true, needsAttention: false, disabled: null });
    await post(c, { site: 'demo', responses: [response()] });
    expect(await log(c, e.id)).toHaveLength(2);
  });

  test('an endpoint failing for longer than disableAfterMs is disabled and its owner told', async () => {
    const c = await collector({ ...LOOPBACK, disableAfterMs: 300 });
    const r = await receiver();
    r.answer(() => ({ status: 503 }));
    const { endpoint: e } = await endpoint(c, { url: `${r.url}/x` });
    await post(c, { site: 'demo', responses: [response()] });
    await c.webhooks.drain();
    expect((await c.storage.webhooks.getEndpoint('demo', e.id))!.enabled).toBe(true);
    await sleep(350);
    await until(c, async () => !(await c.storage.webhooks.getEndpoint('demo', e.id))!.enabled);
    const shown = (await c.storage.webhooks.getEndpoint('demo', e.id))!;
    expect(shown.needsAttention).toBe(true);
    expect(shown.disabled!.reason).toMatch(/^every attempt failed for/);
  });

  test('redirects are not followed: a 3xx is a failed attempt', async () => {
    const c = await collector();
    const target = await receiver();
    const r = await receiver();
    r.answer(() => ({ status: 307, headers: { location: `${target.url}/elsewhere` } }));
    const { endpoint: e } = await endpoint(c, { url: `${r.url}/hook` });
    await post(c, { site: 'demo', responses: [response()] });
    await c.webhooks.drain();
    const [d] = await log(c, e.id);
    expect(d!.status).toBe('pending');
    expect(d!.attempts[0]!.status).toBe(307);
    await sleep(50);
    await c.webhooks.drain();
    expect(target.received).toHaveLength(0);
    expect(r.received.length).toBeGreaterThanOrEqual(2);
  });

  test('private addresses are refused at send time unless allowed; a name is connected to at the address it resolved to', async () => {
    const r = await receiver();
    // The test resolver says hooks.example is 127.0.0.1 (where the receiver is), evil.example is 10.0.0.5.
    const resolver: Resolver = async (host) => (host === 'hooks.example' ? [{ address: '127.0.0.1', family: 4 }] : host === 'evil.example' ? [{ address: '10.0.0.5', family: 4 }] : []);
    const c = await collector(LOOPBACK, { webhookResolver: resolver });
    const { endpoint: good, secret } = await endpoint(c, { url: `http://hooks.example:${r.port}/named` });
    const res = await admin(c, '', { method: 'POST', body: { url: 'http://evil.example/x', eventTypes: ['response.created'] } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { field: 'url', reason: expect.stringMatching(/evil\.example resolves to 10\.0\.0\.5, a private address/) } });
    for (const url of ['http://127.0.0.2/', 'http://[::1]/', 'http://0x7f.2/', 'http://169.254.169.254/']) {
      const refused = await admin(c, '', { method: 'POST', body: { url, eventTypes: ['response.created'] } });
      expect(refused.status, url).toBe(400);
    }
    await post(c, { site: 'demo', responses: [response()] });
    await c.webhooks.drain();
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.headers.host).toBe(`hooks.example:${r.port}`);
    expect(r.received[0]!.path).toBe('/named');
    verify(secret, r.received[0]!);
    expect((await log(c, good.id))[0]!.status).toBe('succeeded');

    // The same endpoint seen by a collector that allows no private address: refused when sending, nothing reaches the receiver.
    const strict = await collector({ retryScale: 0.0001, dispatch: false }, { storage: c.storage, webhookResolver: resolver });
    await post(strict, { site: 'demo', responses: [response()] });
    await strict.webhooks.drain();
    expect(r.received).toHaveLength(1);
    const [latest] = await log(strict, good.id);
    expect(latest!.attempts[0]).toMatchObject({ status: null, error: expect.stringMatching(/^refused: hooks\.example resolves to 127\.0\.0\.1, a loopback address/) });
  });

  test('a secret rotation signs with both secrets until the old one expires', async () => {
    const c = await collector();
    const r = await receiver();
    const { endpoint: e, secret: first } = await endpoint(c, { url: `${r.url}/hook` });
    const rotated = (await (await admin(c, `/${e.id}/rotate-secret`, { method: 'POST', body: { keepOldSeconds: 3600 } })).json()) as { secret: string; endpoint: { secrets: unknown[] } };
    expect(rotated.secret).not.toBe(first);
    expect(rotated.endpoint.secrets).toHaveLength(2);
    await post(c, { site: 'demo', responses: [response()] });
    await c.webhooks.drain();
    expect(String(r.received[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    verify(first, r.received[0]!);
    verify(rotated.secret, r.received[0]!);
    // Rotating again with no overlap: only the newest secret signs.
    const again = (await (await admin(c, `/${e.id}/rotate-secret`, { method: 'POST', body: { keepOldSeconds: 0 } })).json()) as { secret: string };
    await post(c, { site: 'demo', responses: [response()] });
    await c.webhooks.drain();
    const last = r.received[1]!;
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(1);
    verify(again.secret, last);
    expect(() => verify(rotated.secret, last)).toThrow();
    expect(() => verify(first, last)).toThrow();
  });

  test('a body over 20 kB is trimmed, and says so', async () => {
    const c = await collector();
    const r = await receiver();
    const { secret } = await endpoint(c, { url: `${r.url}/hook` });
    const res = await post(c, { site: 'demo', responses: [response({ comment: '€'.repeat(5000), answers: { why: 'é'.repeat(5000) } })] });
    expect(res.status, await res.text()).toBe(200);
    await c.webhooks.drain();
    expect(Buffer.byteLength(r.received[0]!.body)).toBeLessThanOrEqual(20_000);
    const event = verify(secret, r.received[0]!) as unknown as { data: { truncated: string[]; response: { comment: string } } };
    expect(event.data.truncated).toEqual(['comment']);
    expect(event.data.response.comment.length).toBeLessThan(5000);
    expect(event.data.response.comment.endsWith('…')).toBe(true);
  });

  test('the running dispatcher keeps claiming after every slot was busy', async () => {
    const c = await collector({ ...LOOPBACK, dispatch: true, pollMs: 10, concurrency: 2 });
    const r = await receiver();
    r.answer(() => ({ status: 200, delayMs: 50 }));
    await endpoint(c, { url: `${r.url}/hook` });
    await post(c, { site: 'demo', responses: Array.from({ length: 10 }, () => response()) });
    await r.waitFor(10, 10_000);
    expect(r.maxConcurrentPerId).toBe(1);
  });

  test('a receiver that takes 10 s per request does not slow ingest', async () => {
    const c = await collector({ ...LOOPBACK, dispatch: true, pollMs: 20 });
    const r = await receiver();
    r.answer(() => ({ status: 200, delayMs: 10_000 }));
    await endpoint(c, { url: `${r.url}/slow` });
    const time = async () => {
      const start = performance.now();
      expect((await post(c, { site: 'demo', responses: [response(), response()] })).status).toBe(200);
      return performance.now() - start;
    };
    const before: number[] = [];
    for (let i = 0; i < 5; i++) before.push(await time());
    await r.waitFor(8); // the dispatcher now holds 8 requests open at the receiver (its concurrency)
    const during: number[] = [];
    for (let i = 0; i < 40; i++) during.push(await time());
    const worst = Math.max(...during);
    const median = during.sort((a, b) => a - b)[20]!;
    // Ingest waits for nothing the dispatcher does: a few ms a batch here, far from the receiver's 10 s.
    expect(worst).toBeLessThan(1000);
    expect(median).toBeLessThan(Math.max(100, 5 * Math.max(...before)));
    expect(r.received.length).toBe(8);
  }, 30_000);
});
