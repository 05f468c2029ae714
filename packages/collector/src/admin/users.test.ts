import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, testCollector } from '../test-fixtures.js';
import type { User } from '../storage/users.js';
import { PASSWORD, addUser, call, signIn } from './people-fixtures.js';

let c: Collector;
let root: User;
let admin: string;
beforeAll(async () => {
  c = await testCollector();
  root = await addUser(c, 'root@shop.test', 'admin');
  admin = await signIn(c, 'root@shop.test');
}, 60_000);
afterAll(() => c?.close());

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

test('add, list, get with ETag, change and delete a user; every change is in the activity log, never with a password', async () => {
  const res = await call(c, 'POST', '/v1/admin/users', { cookie: admin, body: { email: 'Ed@Shop.test', name: 'Ed', password: 'ed has a long passphrase', role: 'editor' } });
  expect(res.status).toBe(201);
  const ed = await json<User>(res);
  expect(Object.keys(ed).sort()).toEqual(['createdAt', 'disabled', 'email', 'id', 'lastSignInAt', 'name', 'role']);
  expect(ed).toMatchObject({ email: 'Ed@Shop.test', name: 'Ed', role: 'editor', disabled: false, lastSignInAt: null });
  expect(await signIn(c, 'ed@shop.test', 'ed has a long passphrase')).toMatch(/^sayso_studio=/);
  const list = await json<{ users: User[] }>(await call(c, 'GET', '/v1/admin/users', { cookie: admin }));
  expect(list.users.map((u) => u.email)).toContain('Ed@Shop.test');
  expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  const one = await call(c, 'GET', `/v1/admin/users/${ed.id}`, { cookie: admin });
  const etag = one.headers.get('etag')!;
  expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  const changed = await call(c, 'PATCH', `/v1/admin/users/${ed.id}`, { cookie: admin, headers: { 'if-match': etag }, body: { role: 'publisher', name: 'Edward', password: 'a fresh new passphrase' } });
  expect(changed.status).toBe(200);
  expect(await json(changed)).toMatchObject({ role: 'publisher', name: 'Edward' });
  // The old ETag is stale now: 409 with the user as it is.
  const stale = await call(c, 'PATCH', `/v1/admin/users/${ed.id}`, { cookie: admin, headers: { 'if-match': etag }, body: { name: 'Ted' } });
  expect(stale.status).toBe(409);
  expect(await json(stale)).toMatchObject({ error: 'this user was changed since you read it', current: { name: 'Edward', role: 'publisher' } });
  expect((await call(c, 'DELETE', `/v1/admin/users/${ed.id}`, { cookie: admin })).status).toBe(204);
  expect((await call(c, 'GET', `/v1/admin/users/${ed.id}`, { cookie: admin })).status).toBe(404);
  expect((await call(c, 'DELETE', `/v1/admin/users/${ed.id}`, { cookie: admin })).status).toBe(404);
  expect((await call(c, 'PATCH', `/v1/admin/users/${ed.id}`, { cookie: admin, body: { name: 'x' } })).status).toBe(404);
  const log = await json<{ entries: Array<{ action: string; actor: { id: string }; diff: unknown }> }>(await call(c, 'GET', `/v1/admin/activity?subjectType=user&subjectId=${ed.id}`, { cookie: admin }));
  expect(log.entries.map((e) => e.action)).toEqual(['user.delete', 'user.update', 'user.add']);
  expect(log.entries.every((e) => e.actor.id === root.id)).toBe(true);
  expect(log.entries[1]!.diff).toEqual({ name: { from: 'Ed', to: 'Edward' }, role: { from: 'editor', to: 'publisher' }, password: 'changed' });
  expect(JSON.stringify(log)).not.toMatch(/passphrase|scrypt/);
});

test('a taken email is 409 whatever its case', async () => {
  const res = await call(c, 'POST', '/v1/admin/users', { cookie: admin, body: { email: 'ROOT@shop.test', password: PASSWORD, role: 'viewer' } });
  expect(res.status).toBe(409);
  expect(await json(res)).toEqual({ error: 'a user with the email ROOT@shop.test exists' });
});

test('bad bodies name the field', async () => {
  const add = async (body: unknown) => {
    const res = await call(c, 'POST', '/v1/admin/users', { cookie: admin, body });
    return [res.status, (await json<{ error: { path: string; code: string } }>(res)).error];
  };
  const ok = { email: 'new@shop.test', password: PASSWORD, role: 'viewer' };
  expect(await add({ ...ok, email: 'new' })).toEqual([400, expect.objectContaining({ path: 'email', code: 'E_ARGUMENT_INVALID' })]);
  expect(await add({ ...ok, email: 'a b@shop.test' })).toEqual([400, expect.objectContaining({ path: 'email' })]);
  expect(await add({ ...ok, role: 'owner' })).toEqual([400, expect.objectContaining({ path: 'role' })]);
  expect(await add({ ...ok, role: 'ADMIN' })).toEqual([400, expect.objectContaining({ path: 'role' })]);
  // 15 characters is the least: 14 is refused.
  expect(await add({ ...ok, password: 'x'.repeat(14) })).toEqual([400, expect.objectContaining({ path: 'password' })]);
  expect(await add({ ...ok, password: 12345678901234567 })).toEqual([400, expect.objectContaining({ path: 'password' })]);
  expect(await add({ ...ok, name: 'a\u0000b' })).toEqual([400, expect.objectContaining({ path: 'name' })]);
  expect(await add({ ...ok, admin: true })).toEqual([400, expect.objectContaining({ path: 'admin' })]);
  const patch = async (body: unknown) => {
    const res = await call(c, 'PATCH', `/v1/admin/users/${root.id}`, { cookie: admin, body });
    return [res.status, (await json<{ error: { path: string } }>(res)).error.path];
  };
  expect(await patch({})).toEqual([400, '(root)']);
  expect(await patch({ disabled: 'yes' })).toEqual([400, 'disabled']);
  expect(await patch({ role: 'root' })).toEqual([400, 'role']);
  expect(await patch({ password: 'short' })).toEqual([400, 'password']);
  expect(await patch({ email: 'x@shop.test' })).toEqual([400, 'email']);
  expect((await call(c, 'POST', '/v1/admin/users', { cookie: admin, body: { ...ok, password: 'x'.repeat(15) } })).status).toBe(201);
});

test('the last active admin cannot be demoted, disabled or deleted (409 with the reason); with a second admin it can', async () => {
  const refusals = [
    await call(c, 'PATCH', `/v1/admin/users/${root.id}`, { cookie: admin, body: { role: 'publisher' } }),
    await call(c, 'PATCH', `/v1/admin/users/${root.id}`, { cookie: admin, body: { disabled: true } }),
    await call(c, 'DELETE', `/v1/admin/users/${root.id}`, { cookie: admin }),
  ];
  for (const res of refusals) {
    expect(res.status).toBe(409);
    expect(await json(res)).toEqual({ error: 'root@shop.test is the last active admin: make another user an admin first' });
  }
  const second = await addUser(c, 'second@shop.test', 'editor');
  expect((await call(c, 'PATCH', `/v1/admin/users/${second.id}`, { cookie: admin, body: { role: 'admin' } })).status).toBe(200);
  const secondCookie = await signIn(c, 'second@shop.test');
  // Root steps down; now second is the last one.
  expect((await call(c, 'PATCH', `/v1/admin/users/${root.id}`, { cookie: admin, body: { role: 'editor' } })).status).toBe(200);
  expect((await call(c, 'PATCH', `/v1/admin/users/${second.id}`, { cookie: secondCookie, body: { role: 'editor' } })).status).toBe(409);
  // Root is an editor now, in the very next request: 403.
  expect((await call(c, 'GET', '/v1/admin/users', { cookie: admin })).status).toBe(403);
  expect((await call(c, 'PATCH', `/v1/admin/users/${root.id}`, { cookie: secondCookie, body: { role: 'admin' } })).status).toBe(200);
});

test('the config secret manages users as an admin; its changes are logged as the config secret', async () => {
  const res = await call(c, 'POST', '/v1/admin/users', { bearer: SECRET, body: { email: 'auto@shop.test', password: PASSWORD, role: 'viewer' } });
  expect(res.status).toBe(201);
  const { id } = await json<User>(res);
  const log = await json<{ entries: Array<{ actor: unknown }> }>(await call(c, 'GET', `/v1/admin/activity?subjectType=user&subjectId=${id}`, { bearer: SECRET }));
  expect(log.entries[0]!.actor).toEqual({ kind: 'secret', id: 'secret', label: 'config secret' });
});
