import { Hono } from 'hono';
import { expect, test } from 'vitest';
import { resolveConfig } from '../config.js';
import type { AppContext } from '../server/context.js';
import { jsonLogger } from '../server/log.js';
import { rateLimiter } from '../server/rate-limit.js';
import { SECRET, testConfig } from '../test-fixtures.js';
import { actorOf, requireRole } from './guard.js';
import type { Role } from './roles.js';

function app(role: Role) {
  const ctx = { config: resolveConfig(testConfig()), limiter: rateLimiter(), log: jsonLogger('error'), trustProxy: false } as unknown as AppContext;
  const a = new Hono();
  a.get('/x', requireRole(ctx, role), (c) => c.json(actorOf(c)));
  return (auth?: string) => a.request('/x', { headers: auth === undefined ? {} : { authorization: auth } });
}

test('the config secret passes every role as the admin actor', async () => {
  for (const role of ['viewer', 'editor', 'publisher', 'admin'] as const) {
    const res = await app(role)(`Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'secret', id: 'secret', label: 'config secret', role: 'admin' });
  }
});

test('no credentials is 401 with a challenge; near-misses of the secret are 401 too', async () => {
  const call = app('viewer');
  const none = await call();
  expect(none.status).toBe(401);
  expect(none.headers.get('www-authenticate')).toBe('Bearer');
  for (const wrong of ['', 'Bearer ', `Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET}x`, `Bearer ${SECRET.toUpperCase()}`, `Basic ${SECRET}`]) {
    expect((await call(wrong)).status).toBe(401);
  }
});

test('wrong credentials are counted: past the limit even the right secret waits (429)', async () => {
  const call = app('viewer');
  for (let i = 0; i < 10; i++) expect((await call('Bearer nope')).status).toBe(401);
  const locked = await call(`Bearer ${SECRET}`);
  expect(locked.status).toBe(429);
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
});

test('actorOf outside a guard is a wiring error', async () => {
  const a = new Hono();
  a.get('/y', (c) => c.json(actorOf(c)));
  a.onError((err, c) => c.text(err.message, 500));
  const res = await a.request('/y');
  expect(res.status).toBe(500);
  expect(await res.text()).toMatch(/no requireRole guard/);
});
