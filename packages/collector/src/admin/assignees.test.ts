// GET /v1/admin/assignees: any signed-in role reads who an answer can be
// given to; it lists enabled users only, with their id, name and email and
// nothing an admin's user list adds (role, sign-in times, disabled).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { testCollector } from '../test-fixtures.js';
import { addUser, call, signIn } from './people-fixtures.js';

let c: Collector;
let viewer: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  c = await testCollector();
  for (const [email, role] of [
    ['root@shop.test', 'admin'],
    ['vera@shop.test', 'viewer'],
    ['ed@shop.test', 'editor'],
    ['gone@shop.test', 'editor'],
  ] as const) {
    ids[email] = (await addUser(c, email, role)).id;
  }
  const admin = await signIn(c, 'root@shop.test');
  expect((await call(c, 'PATCH', `/v1/admin/users/${ids['gone@shop.test']}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
  viewer = await signIn(c, 'vera@shop.test');
}, 60_000);
afterAll(() => c?.close());

test('a viewer reads the enabled users, oldest first, as { id, name, email } only', async () => {
  const res = await call(c, 'GET', '/v1/admin/assignees', { cookie: viewer });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual({
    users: [
      { id: ids['root@shop.test'], name: 'root', email: 'root@shop.test' },
      { id: ids['vera@shop.test'], name: 'vera', email: 'vera@shop.test' },
      { id: ids['ed@shop.test'], name: 'ed', email: 'ed@shop.test' },
    ],
  });
});

test('without credentials: 401; a forged cookie: 401', async () => {
  expect((await call(c, 'GET', '/v1/admin/assignees')).status).toBe(401);
  expect((await call(c, 'GET', '/v1/admin/assignees', { cookie: `${viewer}x` })).status).toBe(401);
});

test('a disabled user signed in before being disabled is refused (their session ended)', async () => {
  const admin = await signIn(c, 'root@shop.test');
  const ed = await signIn(c, 'ed@shop.test');
  expect((await call(c, 'PATCH', `/v1/admin/users/${ids['ed@shop.test']}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
  expect((await call(c, 'GET', '/v1/admin/assignees', { cookie: ed })).status).toBe(401);
  const users = ((await (await call(c, 'GET', '/v1/admin/assignees', { cookie: admin })).json()) as { users: Array<{ email: string }> }).users;
  expect(users.map((u) => u.email)).toEqual(['root@shop.test', 'vera@shop.test']);
});
