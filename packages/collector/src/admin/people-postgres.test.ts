// Two collector instances on one PostgreSQL (when SAYSO_TEST_DATABASE_URL is
// set), over real HTTP: a session made on one is a session on the other,
// and signing out, disabling and revoking on one take effect on the other at
// once, since sessions and tokens live in the database.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { SELF, testCollector } from '../test-fixtures.js';
import { addUser, call, signIn, studioCookieOf, PASSWORD } from './people-fixtures.js';

const url = process.env.SAYSO_TEST_DATABASE_URL;

describe.skipIf(!url)('accounts on PostgreSQL, two instances', () => {
  const name = `sayso_people_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  let a: Collector;
  let b: Collector;
  let la: Listening;
  let lb: Listening;
  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    // Started together on an empty database: migrations take an advisory lock.
    [a, b] = await Promise.all([testCollector({ databaseUrl: u.toString() }), testCollector({ databaseUrl: u.toString() })]);
    [la, lb] = await Promise.all([a.listen({ port: 0 }), b.listen({ port: 0 })]);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  // Both instances have publicUrl http://collector.test: that is the Origin their studio pages send.
  const on = (l: Listening) => ({ base: l.url, origin: SELF });

  test('a session made on A works on B; signing out on B ends it on A', async () => {
    await addUser(a, 'ana@shop.test', 'editor');
    const res = await call(undefined, 'POST', '/v1/admin/session', { ...on(la), body: { email: 'ana@shop.test', password: PASSWORD } });
    expect(res.status).toBe(204);
    const cookie = studioCookieOf(res);
    expect(res.headers.getSetCookie()[0]).toMatch(/^sayso_studio=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(await (await call(undefined, 'GET', '/v1/admin/me', { ...on(lb), cookie })).json()).toMatchObject({ email: 'ana@shop.test', kind: 'user' });
    expect((await call(undefined, 'DELETE', '/v1/admin/session', { ...on(lb), cookie })).status).toBe(204);
    const after = await call(undefined, 'GET', '/v1/admin/me', { ...on(la), cookie });
    expect(after.status).toBe(401);
  });

  test('disabling a user on A ends their sessions and stops their tokens on B', async () => {
    await addUser(a, 'root@shop.test', 'admin');
    const bo = await addUser(b, 'bo@shop.test', 'publisher');
    const root = await signIn(undefined, 'root@shop.test', PASSWORD, { base: la.url });
    const boCookie = await signIn(undefined, 'bo@shop.test', PASSWORD, { base: lb.url });
    const made = await call(undefined, 'POST', '/v1/admin/tokens', { ...on(lb), cookie: boCookie, body: { name: 'bot', role: 'editor' } });
    const { token } = (await made.json()) as { token: string };
    expect((await call(undefined, 'GET', '/v1/admin/me', { base: la.url, bearer: token })).status).toBe(200);
    expect((await call(undefined, 'PATCH', `/v1/admin/users/${bo.id}`, { ...on(la), cookie: root, body: { disabled: true } })).status).toBe(200);
    expect((await call(undefined, 'GET', '/v1/admin/me', { ...on(lb), cookie: boCookie })).status).toBe(401);
    const byToken = await call(undefined, 'GET', '/v1/admin/me', { base: lb.url, bearer: token });
    expect(byToken.status).toBe(401);
    expect(await byToken.json()).toEqual({ error: 'the account that made this token (bo@shop.test) is disabled' });
  });

  test('a token revoked on A is refused on B; a demotion on B caps it on A', async () => {
    await addUser(a, 'cy@shop.test', 'publisher');
    const cy = await signIn(undefined, 'cy@shop.test', PASSWORD, { base: la.url });
    const t1 = (await (await call(undefined, 'POST', '/v1/admin/tokens', { ...on(la), cookie: cy, body: { name: 'one', role: 'publisher' } })).json()) as { id: string; token: string };
    expect((await call(undefined, 'DELETE', `/v1/admin/tokens/${t1.id}`, { ...on(la), cookie: cy })).status).toBe(204);
    expect(await (await call(undefined, 'GET', '/v1/admin/me', { base: lb.url, bearer: t1.token })).json()).toEqual({ error: 'this API token was revoked' });
    const t2 = (await (await call(undefined, 'POST', '/v1/admin/tokens', { ...on(la), cookie: cy, body: { name: 'two', role: 'publisher' } })).json()) as { token: string };
    const root = await signIn(undefined, 'root@shop.test', PASSWORD, { base: lb.url });
    const cyUser = (await a.storage.users.byEmail('cy@shop.test'))!;
    expect((await call(undefined, 'PATCH', `/v1/admin/users/${cyUser.id}`, { ...on(lb), cookie: root, body: { role: 'viewer' } })).status).toBe(200);
    expect((await (await call(undefined, 'GET', '/v1/admin/me', { base: la.url, bearer: t2.token })).json()).role).toBe('viewer');
  });

  test('two admins demoting each other on two instances at once: one is refused, one admin remains', async () => {
    const x = await addUser(a, 'x@shop.test', 'admin');
    const y = await addUser(b, 'y@shop.test', 'admin');
    const root = (await a.storage.users.byEmail('root@shop.test'))!;
    // Leave exactly x and y as the active admins.
    await a.storage.users.update(root.id, { role: 'editor' }, { kind: 'secret', id: 'test', label: 'test' });
    const [cx, cyy] = await Promise.all([signIn(undefined, x.email, PASSWORD, { base: la.url }), signIn(undefined, y.email, PASSWORD, { base: lb.url })]);
    const [rx, ry] = await Promise.all([
      call(undefined, 'PATCH', `/v1/admin/users/${y.id}`, { ...on(la), cookie: cx, body: { role: 'editor' } }),
      call(undefined, 'PATCH', `/v1/admin/users/${x.id}`, { ...on(lb), cookie: cyy, body: { role: 'editor' } }),
    ]);
    // One wins; the other is refused: 409 (last admin), or 403 when its guard ran after its maker had lost admin.
    const statuses = [rx.status, ry.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect((await a.storage.users.list()).filter((u) => u.role === 'admin' && !u.disabled)).toHaveLength(1);
  });
});
