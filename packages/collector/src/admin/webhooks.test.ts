// The admin API of webhook endpoints, in-process on PGlite, with a real
// receiver on loopback for "send test event" and replays.
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, SELF, post, response, testCollector, testConfig } from '../test-fixtures.js';
import type { WebhookEndpoint } from '../webhooks/endpoint.js';
import type { Delivery } from '../webhooks/outbox.js';
import { startReceiver, type Receiver } from '../webhooks/test-receiver.js';
import { webhookPaths } from './webhooks.js';

const open: Array<{ close: () => Promise<void> }> = [];
// Opening the file's shared PGlite takes seconds on a busy machine: in the hook's time, not the first test's.
beforeAll(async () => {
  await (await testCollector()).close();
});
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function setup(): Promise<{ c: Collector; r: Receiver }> {
  const c = await testCollector({ config: testConfig({ webhooks: { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.0001, dispatch: false } }) });
  const r = await startReceiver();
  open.push(c, r);
  return { c, r };
}

const call = (c: Collector, path: string, init: { method?: string; body?: unknown; auth?: string | null; raw?: string } = {}) =>
  c.fetch(
    new Request(`${SELF}/v1/admin/sites${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.auth === null ? {} : { authorization: init.auth ?? `Bearer ${SECRET}` }) },
      ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    }),
  );

const create = async (c: Collector, body: Record<string, unknown>) => {
  const res = await call(c, '/demo/webhooks', { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as { endpoint: WebhookEndpoint; secret: string; error?: { field: string; reason: string } } };
};

describe('admin API: webhook endpoints', () => {
  test('create, read, list, change, delete; each change in the activity log', async () => {
    const { c, r } = await setup();
    const made = await create(c, { url: `${r.url}/hook`, eventTypes: ['response.created', 'alert.triggered'], description: 'CRM', filters: { bands: ['detractor'], hasComment: true } });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    const e = made.body.endpoint;
    expect(e).toMatchObject({ site: 'demo', url: `${r.url}/hook`, description: 'CRM', eventTypes: ['response.created', 'alert.triggered'], filters: { bands: ['detractor'], hasComment: true }, enabled: true, disabled: null, needsAttention: false });
    // The whole secret is never shown again.
    expect(JSON.stringify(e)).not.toContain(made.body.secret.slice(6));
    expect(e.secrets[0]!.start).toBe(made.body.secret.slice(0, 12) + '…');

    expect(((await (await call(c, `/demo/webhooks/${e.id}`)).json()) as { endpoint: WebhookEndpoint }).endpoint).toEqual(e);
    const list = (await (await call(c, '/demo/webhooks')).json()) as { endpoints: WebhookEndpoint[]; eventTypes: string[] };
    expect(list.endpoints.map((x) => x.id)).toEqual([e.id]);
    expect(list.eventTypes).toEqual(['response.created', 'response.updated', 'response.closed', 'alert.triggered']);

    const changed = await call(c, `/demo/webhooks/${e.id}`, { method: 'PATCH', body: { filters: { scoreAtMost: 6 }, enabled: false } });
    expect(changed.status).toBe(200);
    const after = ((await changed.json()) as { endpoint: WebhookEndpoint }).endpoint;
    expect(after).toMatchObject({ filters: { scoreAtMost: 6 }, enabled: false, disabled: { reason: 'disabled by an admin' }, url: e.url });
    expect((await call(c, `/demo/webhooks/${e.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(c, `/demo/webhooks/${e.id}`)).status).toBe(404);
    expect((await call(c, `/demo/webhooks/${e.id}`, { method: 'DELETE' })).status).toBe(404);

    const log = await c.storage.activity.list({ site: 'demo', subject: { type: 'webhook', id: e.id }, limit: 10 });
    expect(log.map((x) => x.action)).toEqual(['webhook.delete', 'webhook.update', 'webhook.create']);
    expect(log.every((x) => x.actor.label === 'config secret')).toBe(true);
    expect(log[1]!.diff).toEqual({ filters: { from: { bands: ['detractor'], hasComment: true }, to: { scoreAtMost: 6 } }, enabled: { from: true, to: false } });
    expect(JSON.stringify(log)).not.toContain(made.body.secret);
  });

  test('bad fields answer 400 with their path', async () => {
    const { c, r } = await setup();
    const url = `${r.url}/hook`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ eventTypes: ['response.created'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['response.created'] }, 'url'],
      [{ url: 'ftp://8.8.8.8/x', eventTypes: ['response.created'] }, 'url'],
      [{ url: 'http://user:pw@8.8.8.8/x', eventTypes: ['response.created'] }, 'url'],
      [{ url, eventTypes: [] }, 'eventTypes'],
      [{ url, eventTypes: ['response.created', 'response.create'] }, 'eventTypes[1]'],
      [{ url, eventTypes: ['Response.Created'] }, 'eventTypes[0]'],
      [{ url, eventTypes: ['response.created'], filters: { scoreAtMost: 6.5 } }, 'filters.scoreAtMost'],
      [{ url, eventTypes: ['response.created'], filters: { scoreAtLeast: 7, scoreAtMost: 6 } }, 'filters.scoreAtMost'],
      [{ url, eventTypes: ['response.created'], filters: { bands: ['detractors'] } }, 'filters.bands[0]'],
      [{ url, eventTypes: ['response.created'], filters: { hasComment: 'yes' } }, 'filters.hasComment'],
      [{ url, eventTypes: ['response.created'], filters: { attribute: { key: '', value: 'x' } } }, 'filters.attribute.key'],
      [{ url, eventTypes: ['response.created'], filters: { score: 3 } }, 'filters.score'],
      [{ url, eventTypes: ['response.created'], secret: 'whsec_mine' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const res = await create(c, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error!.field, JSON.stringify(body)).toBe(field);
    }
    expect((await call(c, '/demo/webhooks', { method: 'POST', raw: '{"url":' })).status).toBe(400);
    expect((await call(c, '/demo/webhooks', { method: 'POST', raw: '[]' })).status).toBe(400);
    const ok = await create(c, { url, eventTypes: ['response.created'] });
    const id = ok.body.endpoint.id;
    expect(((await (await call(c, `/demo/webhooks/${id}`, { method: 'PATCH', body: {} })).json()) as { error: { field: string } }).error.field).toBe('');
    expect((await call(c, `/demo/webhooks/${id}/rotate-secret`, { method: 'POST', body: { keepOldSeconds: -1 } })).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/rotate-secret`, { method: 'POST', body: { keepOldSeconds: 604801 } })).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/replay`, { method: 'POST', body: { since: '2026-13-01' } })).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/replay`, { method: 'POST', body: { since: '2026-12-01T00:00:00' } })).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/deliveries?limit=0`)).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/deliveries?limit=201`)).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/deliveries?status=done`)).status).toBe(400);
    expect((await call(c, `/demo/webhooks/${id}/deliveries?cursor=x`)).status).toBe(400);
  });

  test('admins only; unknown sites and endpoints are 404', async () => {
    const { c } = await setup();
    for (const auth of [null, `Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET}x`]) {
      expect((await call(c, '/demo/webhooks', { auth })).status).toBe(401);
      expect((await call(c, '/demo/webhooks', { method: 'POST', auth, body: { url: 'https://8.8.8.8/', eventTypes: ['response.created'] } })).status).toBe(401);
    }
    expect((await call(c, '/nope/webhooks')).status).toBe(404);
    expect((await call(c, '/demo/webhooks/not-a-uuid')).status).toBe(404);
    expect((await call(c, '/demo/webhooks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await c.storage.webhooks.listEndpoints('demo')).toEqual([]);
  });

  test('send test event, the delivery log, replay one and replay the failed ones since a date', async () => {
    const { c, r } = await setup();
    const { body } = await create(c, { url: `${r.url}/hook`, eventTypes: ['response.created'] });
    const id = body.endpoint.id;
    const test = await call(c, `/demo/webhooks/${id}/test`, { method: 'POST' });
    expect(test.status).toBe(202);
    await c.webhooks.drain();
    const sent = new Webhook(body.secret).verify(r.received[0]!.body, r.received[0]!.headers as Record<string, string>) as { type: string };
    expect(sent.type).toBe('webhook.test');

    // Three answers that fail every attempt (8 with the scaled schedule), then the receiver recovers.
    r.answer(() => ({ status: 500 }));
    await post(c, { site: 'demo', responses: [response(), response(), response()] });
    const end = Date.now() + 20_000;
    const failed = async () => ((await (await call(c, `/demo/webhooks/${id}/deliveries?status=failed`)).json()) as { deliveries: Delivery[] }).deliveries;
    while ((await failed()).length < 3 && Date.now() < end) {
      await c.webhooks.drain();
      await new Promise((res) => setTimeout(res, 50));
    }
    const gaveUp = await failed();
    expect(gaveUp).toHaveLength(3);
    expect(gaveUp.every((d) => d.attempts.length === 8 && d.nextAt === null)).toBe(true);

    // The log pages newest first.
    const page1 = (await (await call(c, `/demo/webhooks/${id}/deliveries?limit=2`)).json()) as { deliveries: Delivery[]; before: string };
    expect(page1.deliveries).toHaveLength(2);
    const page2 = (await (await call(c, `/demo/webhooks/${id}/deliveries?limit=2&before=${page1.before}`)).json()) as { deliveries: Delivery[]; before?: string };
    expect(page2.deliveries).toHaveLength(2);
    expect(new Set([...page1.deliveries, ...page2.deliveries].map((d) => d.id)).size).toBe(4);
    expect(page2.before).toBe(page2.deliveries[1]!.id);

    r.answer(() => ({ status: 204 }));
    const before = r.received.length;
    const one = gaveUp[0]!;
    expect((await call(c, `/demo/webhooks/${id}/deliveries/${one.id}/replay`, { method: 'POST' })).status).toBe(202);
    await c.webhooks.drain();
    expect(r.received.length).toBe(before + 1);
    expect(r.received.at(-1)!.headers['webhook-id']).toBe(one.webhookId);
    // The others: every failed one since a date (tomorrow: none; today: the two left).
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    expect(await (await call(c, `/demo/webhooks/${id}/replay`, { method: 'POST', body: { since: tomorrow } })).json()).toEqual({ replayed: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect(await (await call(c, `/demo/webhooks/${id}/replay`, { method: 'POST', body: { since: today } })).json()).toEqual({ replayed: 2 });
    await c.webhooks.drain();
    expect(r.received.length).toBe(before + 3);
    const all = ((await (await call(c, `/demo/webhooks/${id}/deliveries`)).json()) as { deliveries: Delivery[] }).deliveries;
    expect(all.every((d) => d.status === 'succeeded')).toBe(true);
    expect(all.filter((d) => d.eventType === 'response.created').every((d) => d.attempts.length === 9 && d.attempts[0]!.status === 204)).toBe(true);
    // A replay of a delivery of another endpoint, or an unknown one, is 404.
    expect((await call(c, `/demo/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/replay`, { method: 'POST' })).status).toBe(404);
    const actions = (await c.storage.activity.list({ site: 'demo', subject: { type: 'webhook', id }, limit: 10 })).map((a) => a.action);
    expect(actions).toEqual(['webhook.replay-failed', 'webhook.replay-failed', 'webhook.replay', 'webhook.test', 'webhook.create']);
  }, 40_000);

  test('every route is in the OpenAPI paths, and every documented path is routed', async () => {
    const { c } = await setup();
    const routes = c.app.routes.filter((r) => r.path.startsWith('/v1/admin/sites/:site/webhooks') && r.method !== 'ALL');
    const documented = Object.entries(webhookPaths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const routed = [...new Set(routes.map((r) => `${r.method} ${r.path}`))];
    expect(routed.sort()).toEqual(documented.sort());
  });
});
