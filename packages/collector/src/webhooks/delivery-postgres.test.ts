// The outbox and the dispatcher on a real PostgreSQL server (when
// SAYSO_TEST_DATABASE_URL is set): two collector instances on one database
// send every delivery, none twice at the same time, and the triggers and
// filters behave as on PGlite.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, SELF, post, response, testCollector, testConfig } from '../test-fixtures.js';
import type { Logger } from '../server/log.js';
import type { WebhooksConfig } from './config.js';
import { startReceiver, type Receiver } from './test-receiver.js';

const url = process.env.SAYSO_TEST_DATABASE_URL;

describe.skipIf(!url)('webhooks on PostgreSQL', () => {
  const name = `sayso_webhooks_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  let dbUrl: string;
  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const instance = (webhooks: WebhooksConfig, logger?: Logger) => testCollector({ ...(logger ? { logger } : {}), databaseUrl: dbUrl, config: testConfig({ webhooks: { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.0001, ...webhooks } }) });
  const create = async (c: Collector, body: Record<string, unknown>) => {
    const res = await c.fetch(
      new Request(`${SELF}/v1/admin/sites/demo/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventTypes: ['response.created'], ...body }),
      }),
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { endpoint: { id: string } }).endpoint.id;
  };

  test('two instances on one database: every delivery sent, none twice at the same time', async () => {
    // Each instance counts the attempts it made (its log lines).
    const made = [0, 0];
    const counting = (i: number): Logger => ({ debug: (m) => void (m === 'webhook delivered' && made[i]!++), info: (m) => void (m === 'webhook attempt failed' && made[i]!++), warn: () => {}, error: () => {} });
    const a = await instance({ pollMs: 10, concurrency: 8 }, counting(0));
    const b = await instance({ pollMs: 10, concurrency: 8 }, counting(1));
    let r: Receiver | undefined;
    try {
      r = await startReceiver();
      // Each delivery's first attempt fails (so it is claimed again), the second succeeds; each takes a while.
      const attempts = new Map<string, number>();
      r.answer((req) => {
        const id = String(req.headers['webhook-id']);
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        return { status: n === 1 ? 503 : 200, delayMs: 20 };
      });
      const endpoint = await create(a, { url: `${r.url}/hook` });
      const sent = [];
      for (let i = 0; i < 10; i++) {
        const batch = Array.from({ length: 15 }, () => response({ score: i % 11 }));
        sent.push(...batch);
        expect((await post(i % 2 ? a : b, { site: 'demo', responses: batch })).status).toBe(200);
      }
      const deadline = Date.now() + 60_000;
      const succeeded = async () => (await a.storage.webhooks.deliveries('demo', endpoint, { limit: 200, status: 'succeeded' })).length;
      while ((await succeeded()) < 150 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
      expect(await succeeded()).toBe(150);
      expect(r.maxConcurrentPerId).toBe(1);
      // Exactly two attempts each: no instance sent a delivery another had already sent.
      expect(attempts.size).toBe(150);
      expect([...attempts.values()].every((n) => n === 2)).toBe(true);
      const ids = new Set(r.received.map((x) => (JSON.parse(x.body) as { data: { response: { id: string } } }).data.response.id));
      expect(ids).toEqual(new Set(sent.map((s) => s.id.toLowerCase())));
      // Both instances did part of the work.
      expect(made[0]! + made[1]!).toBe(300);
      expect(Math.min(made[0]!, made[1]!)).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
      await r?.close();
    }
  }, 90_000);

  test('the triggers and filters, with a near miss each', async () => {
    const c = await instance({ dispatch: false });
    try {
      const cases: Array<[Record<string, unknown>, Parameters<typeof response>[0], Parameters<typeof response>[0]]> = [
        [{ scoreAtMost: 6 }, { score: 6 }, { score: 7 }],
        [{ scoreAtLeast: 9 }, { score: 9 }, { score: 8 }],
        [{ bands: ['detractor'] }, { score: 6 }, { score: 7 }],
        [{ surveys: ['nps-main'] }, { surveyId: 'nps-main' }, { surveyId: 'nps-main2' }],
        [{ hasComment: true }, { comment: 'slow' }, { comment: '' }],
        [{ attribute: { key: 'plan', value: 'pro' } }, { attributes: { plan: 'pro' } }, { attributes: { plan: 'Pro' } }],
      ];
      for (const [filters, hit, miss] of cases) {
        const id = await create(c, { url: 'http://127.0.0.1:9/hook', filters });
        await post(c, { site: 'demo', responses: [response(hit), response(miss)] });
        expect((await c.storage.webhooks.deliveries('demo', id, { limit: 10 })).length, JSON.stringify(filters)).toBe(1);
        await c.storage.webhooks.deleteEndpoint('demo', id, { kind: 'secret', id: 'secret', label: 't', role: 'admin' });
      }
    } finally {
      await c.close();
    }
  });
});
