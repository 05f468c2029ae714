import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, testCollector } from '../test-fixtures.js';
import type { User } from '../storage/users.js';
import { addUser, call, signIn } from './people-fixtures.js';

let c: Collector;
let ana: User;
let anaCookie: string;
let adminCookie: string;
beforeAll(async () => {
  c = await testCollector();
  ana = await addUser(c, 'ana@shop.test', 'publisher');
  await addUser(c, 'root@shop.test', 'admin');
  anaCookie = await signIn(c, 'ana@shop.test');
  adminCookie = await signIn(c, 'root@shop.test');
}, 60_000);
afterAll(() => c?.close());

const make = (cookie: string, body: unknown) => call(c, 'POST', '/v1/admin/tokens', { cookie, body });

test('a token is shown once with the sayso_ prefix, stored as its SHA-256, and works as a Bearer with its role', async () => {
  const res = await make(anaCookie, { name: 'ci deploy', role: 'editor' });
  expect(res.status).toBe(201);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const made = (await res.json()) as { id: string; name: string; role: string; createdAt: string; token: string };
  expect(made).toMatchObject({ name: 'ci deploy', role: 'editor', lastUsedAt: null });
  expect(made.token).toMatch(/^sayso_[A-Za-z0-9_-]{43}$/);
  // The list never shows it again.
  const list = await (await call(c, 'GET', '/v1/admin/tokens', { cookie: anaCookie })).text();
  expect(list).toContain(made.id);
  expect(list).not.toContain(made.token.slice(6));
  // Stored: the hash, not the token (read the table through a token lookup by hash).
  const sha = createHash('sha256').update(made.token).digest('hex');
  expect(await c.storage.apiTokens.use(sha, 60)).toMatchObject({ token: { id: made.id } });
  expect(await c.storage.apiTokens.use(made.token, 60)).toBe('unknown');
  const me = await call(c, 'GET', '/v1/admin/me', { bearer: made.token });
  expect(await me.json()).toMatchObject({ kind: 'token', role: 'editor', email: 'ana@shop.test' });
  // Near-misses of the token are refused and counted as failures.
  for (const near of [made.token.slice(0, -1), `${made.token}x`, made.token.toUpperCase(), made.token.replace('sayso_', 'sayso-'), made.token.slice(6)]) {
    const r = await call(c, 'GET', '/v1/admin/me', { bearer: near, headers: { 'x-test': near } });
    expect(r.status, near).toBe(401);
  }
});

test("a token's role is at most its maker's: asking for more is 403", async () => {
  const res = await make(anaCookie, { name: 'too much', role: 'admin' });
  expect(res.status).toBe(403);
  expect(await res.json()).toEqual({ error: "a token's role can be at most yours: ana@shop.test has publisher" });
  expect((await make(anaCookie, { name: 'same', role: 'publisher' })).status).toBe(201);
});

test("a demoted user's tokens lose power at once; promoted again, they get it back (never above their own role)", async () => {
  const bo = await addUser(c, 'bo@shop.test', 'publisher');
  const boCookie = await signIn(c, 'bo@shop.test');
  const { token } = (await (await make(boCookie, { name: 'publish bot', role: 'publisher' })).json()) as { token: string };
  const activity = () => call(c, 'GET', '/v1/admin/activity', { bearer: token });
  const demote = (role: string) => call(c, 'PATCH', `/v1/admin/users/${bo.id}`, { cookie: adminCookie, body: { role } });
  expect((await call(c, 'GET', '/v1/admin/me', { bearer: token }).then((r) => r.json())).role).toBe('publisher');
  expect((await demote('editor')).status).toBe(200);
  expect((await call(c, 'GET', '/v1/admin/me', { bearer: token }).then((r) => r.json())).role).toBe('editor');
  expect((await demote('viewer')).status).toBe(200);
  expect((await activity()).status).toBe(200);
  // A viewer-capped token is refused an editor's route… (users are admin-only: the clearest 403)
  const refused = await call(c, 'GET', '/v1/admin/users', { bearer: token });
  expect(refused.status).toBe(403);
  expect(await refused.json()).toEqual({ error: `this needs the admin role; token "publish bot" of bo@shop.test has viewer (capped by its maker's role)` });
  expect((await demote('admin')).status).toBe(200);
  expect((await call(c, 'GET', '/v1/admin/me', { bearer: token }).then((r) => r.json())).role).toBe('publisher');
  // Disabling the maker stops the token; deleting the maker deletes it.
  expect((await call(c, 'PATCH', `/v1/admin/users/${bo.id}`, { cookie: adminCookie, body: { disabled: true } })).status).toBe(200);
  const off = await call(c, 'GET', '/v1/admin/me', { bearer: token });
  expect(off.status).toBe(401);
  expect(await off.json()).toEqual({ error: 'the account that made this token (bo@shop.test) is disabled' });
  expect((await call(c, 'DELETE', `/v1/admin/users/${bo.id}`, { cookie: adminCookie })).status).toBe(204);
  expect(await (await call(c, 'GET', '/v1/admin/me', { bearer: token })).json()).toEqual({ error: 'unknown API token' });
});

test('revoking: the token answers 401 "revoked" afterwards; only its maker or an admin may revoke it', async () => {
  const { id, token } = (await (await make(anaCookie, { name: 'to revoke', role: 'viewer' })).json()) as { id: string; token: string };
  const viewer = await addUser(c, 'vi@shop.test', 'viewer');
  const viCookie = await signIn(c, viewer.email);
  expect((await call(c, 'DELETE', `/v1/admin/tokens/${id}`, { cookie: viCookie })).status).toBe(404);
  expect((await call(c, 'DELETE', `/v1/admin/tokens/${id}`, { cookie: anaCookie })).status).toBe(204);
  const res = await call(c, 'GET', '/v1/admin/me', { bearer: token });
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: 'this API token was revoked' });
  expect((await call(c, 'DELETE', `/v1/admin/tokens/${id}`, { cookie: anaCookie })).status).toBe(404);
  const other = (await (await make(anaCookie, { name: 'leaked', role: 'viewer' })).json()) as { id: string; token: string };
  expect((await call(c, 'DELETE', `/v1/admin/tokens/${other.id}`, { cookie: adminCookie })).status).toBe(204);
  expect((await call(c, 'GET', '/v1/admin/me', { bearer: other.token })).status).toBe(401);
  const log = (await (await call(c, 'GET', '/v1/admin/activity?subjectType=token', { bearer: SECRET })).json()) as { entries: Array<{ action: string; actor: { label: string } }> };
  expect(log.entries.slice(0, 2).map((e) => [e.action, e.actor.label])).toEqual([
    ['token.revoke', 'root@shop.test'],
    ['token.add', 'ana@shop.test'],
  ]);
});

test('a token cannot make tokens, nor can the config secret (no account to cap them by)', async () => {
  const { token } = (await (await make(anaCookie, { name: 'bot', role: 'publisher' })).json()) as { token: string };
  const byToken = await call(c, 'POST', '/v1/admin/tokens', { bearer: token, body: { name: 'child', role: 'viewer' } });
  expect(byToken.status).toBe(403);
  expect((await byToken.json()).error).toMatch(/cannot make tokens/);
  expect((await call(c, 'POST', '/v1/admin/tokens', { bearer: SECRET, body: { name: 'x', role: 'viewer' } })).status).toBe(403);
  expect((await call(c, 'GET', '/v1/admin/tokens', { bearer: SECRET })).status).toBe(403);
  // A token lists its maker's tokens.
  expect(((await (await call(c, 'GET', '/v1/admin/tokens', { bearer: token })).json()) as { tokens: unknown[] }).tokens.length).toBeGreaterThan(0);
});

test('bad token bodies name the field', async () => {
  const path = async (body: unknown) => {
    const res = await make(anaCookie, body);
    return [res.status, ((await res.json()) as { error: { path: string } }).error.path];
  };
  expect(await path({ role: 'viewer' })).toEqual([400, 'name']);
  expect(await path({ name: '', role: 'viewer' })).toEqual([400, 'name']);
  expect(await path({ name: 'x'.repeat(101), role: 'viewer' })).toEqual([400, 'name']);
  expect(await path({ name: 'a\nb', role: 'viewer' })).toEqual([400, 'name']);
  expect(await path({ name: 'x', role: 'Viewer' })).toEqual([400, 'role']);
  expect(await path({ name: 'x', role: 'viewer', expires: 1 })).toEqual([400, 'expires']);
  expect((await make(anaCookie, { name: 'x'.repeat(100), role: 'viewer' })).status).toBe(201);
});
