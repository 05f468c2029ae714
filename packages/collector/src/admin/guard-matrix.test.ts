// Every route of the people side against every role, by cookie and by token,
// and the CSRF rule against its near-misses.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { ROLES, atLeast, type Role } from '../auth/roles.js';
import { SECRET, testCollector } from '../test-fixtures.js';
import { addUser, call, signIn } from './people-fixtures.js';

let c: Collector;
const cookies = {} as Record<Role, string>;
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  c = await testCollector();
  for (const role of ROLES) {
    await addUser(c, `${role}@shop.test`, role);
    cookies[role] = await signIn(c, `${role}@shop.test`);
    const res = await call(c, 'POST', '/v1/admin/tokens', { cookie: cookies[role], body: { name: role, role } });
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
}, 120_000);
afterAll(() => c?.close());

// Requests that get past the guard without changing anything that matters:
// an unknown id (404) or a bad body (400).
const ROUTES: Array<{ method: string; path: string; role: Role; body?: unknown; signedInOnly?: true }> = [
  { method: 'GET', path: '/v1/admin/me', role: 'viewer' },
  { method: 'PATCH', path: '/v1/admin/me', role: 'viewer', body: {}, signedInOnly: true },
  { method: 'GET', path: '/v1/admin/activity', role: 'viewer' },
  { method: 'GET', path: '/v1/admin/tokens', role: 'viewer' },
  // Tokens are made by signed-in users only: a token is refused whatever its role.
  { method: 'POST', path: '/v1/admin/tokens', role: 'viewer', body: { name: '' }, signedInOnly: true },
  { method: 'DELETE', path: '/v1/admin/tokens/nope', role: 'viewer' },
  { method: 'GET', path: '/v1/admin/users', role: 'admin' },
  // Who to assign an answer to: any signed-in role reads it (the users list stays an admin's).
  { method: 'GET', path: '/v1/admin/assignees', role: 'viewer' },
  { method: 'POST', path: '/v1/admin/users', role: 'admin', body: { email: 'bad' } },
  { method: 'GET', path: '/v1/admin/users/nope', role: 'admin' },
  { method: 'PATCH', path: '/v1/admin/users/nope', role: 'admin', body: { name: 'x' } },
  { method: 'DELETE', path: '/v1/admin/users/nope', role: 'admin' },
  // The inbox: an id no answer has (404) past the guard.
  { method: 'GET', path: '/v1/admin/sites/demo/responses', role: 'viewer' },
  { method: 'GET', path: '/v1/admin/sites/demo/responses/0192a000-0000-7000-8000-000000000000', role: 'viewer' },
  { method: 'PATCH', path: '/v1/admin/sites/demo/responses/0192a000-0000-7000-8000-000000000000', role: 'editor', body: { status: 'closed' } },
  { method: 'POST', path: '/v1/admin/sites/demo/responses/0192a000-0000-7000-8000-000000000000/notes', role: 'editor', body: { text: 'x' } },
  { method: 'GET', path: '/v1/admin/sites/demo/closed-loop', role: 'viewer' },
  // Alerts: viewers read; publishers write (a bad body, or a rule that does not exist, past the guard).
  { method: 'GET', path: '/v1/admin/sites/demo/alerts', role: 'viewer' },
  { method: 'GET', path: '/v1/admin/sites/demo/alerts/rules/nope', role: 'viewer' },
  { method: 'POST', path: '/v1/admin/sites/demo/alerts/rules', role: 'publisher', body: { type: 'nope' } },
  { method: 'PUT', path: '/v1/admin/sites/demo/alerts/rules/nope', role: 'publisher', body: {} },
  { method: 'DELETE', path: '/v1/admin/sites/demo/alerts/rules/nope', role: 'publisher' },
  { method: 'PUT', path: '/v1/admin/sites/demo/alerts/slack', role: 'publisher', body: {} },
  { method: 'POST', path: '/v1/admin/sites/nope/alerts/test', role: 'publisher' },
  // Each studio user's own email opt-in, whatever the role (by cookie or by a token of theirs).
  { method: 'GET', path: '/v1/admin/me/notifications', role: 'viewer' },
  { method: 'PUT', path: '/v1/admin/me/notifications', role: 'viewer', body: { site: 'nope', email: true } },
];

describe.each(ROUTES)('$method $path needs $role', (route) => {
  test.each(ROLES)('as %s, by cookie and by token', async (role) => {
    for (const [via, creds] of [
      ['cookie', { cookie: cookies[role] }],
      ['token', { bearer: tokens[role] }],
    ] as const) {
      const res = await call(c, route.method, route.path, { ...creds, ...(route.body !== undefined ? { body: route.body } : {}) });
      if (via === 'token' && route.signedInOnly) {
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(/^(an API token cannot make tokens|token "\w+" of \S+ is not a signed-in user): sign in to the studio/);
      } else if (atLeast(role, route.role)) {
        expect([401, 403], `${via}: ${res.status}`).not.toContain(res.status);
      } else {
        expect(res.status, via).toBe(403);
        const label = via === 'cookie' ? `${role}@shop.test` : `token "${role}" of ${role}@shop.test`;
        expect(await res.json()).toEqual({ error: `this needs the ${route.role} role; ${label} has ${role}` });
      }
    }
  });

  test('without credentials: 401 with a challenge', async () => {
    const res = await call(c, route.method, route.path, route.body !== undefined ? { body: route.body } : {});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('CSRF: cookie requests that change something need one of our own origins', () => {
  const post = (origin: string | null, creds: { cookie?: string; bearer?: string } = { cookie: cookies.viewer }) =>
    call(c, 'POST', '/v1/admin/tokens', { ...creds, origin, body: { name: 'csrf probe', role: 'viewer' } });

  test.each([
    ['none', null],
    ['null', 'null'],
    ['another site', 'http://evil.test'],
    ['our host as a prefix', 'http://collector.test.evil'],
    ['our host as a suffix', 'http://evilcollector.test'],
    ['another port', 'http://collector.test:8080'],
    ['another scheme', 'https://collector.test'],
    ['with a path', 'http://collector.test/'],
    ['with credentials', 'http://user@collector.test'],
    ['empty', ''],
    ['not a URL', 'collector.test'],
  ])('refused: %s', async (_, origin) => {
    const res = await post(origin);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'cross-site request refused' });
  });

  test.each([
    ['exactly ours', 'http://collector.test'],
    ['other case of scheme and host (URL normalisation)', 'HTTP://Collector.TEST'],
    ['the default port spelled out', 'http://collector.test:80'],
  ])('accepted: %s', async (_, origin) => {
    expect((await post(origin)).status).toBe(201);
  });

  test('Bearer requests are exempt (no ambient credential to forge), safe methods too', async () => {
    expect((await post(null, { bearer: tokens.viewer })).status).toBe(403); // a token cannot make tokens: not a CSRF refusal
    expect(await (await post('http://evil.test', { bearer: tokens.viewer })).json()).toEqual({ error: 'an API token cannot make tokens: sign in to the studio to make one' });
    const bySecret = await call(c, 'PATCH', '/v1/admin/users/nope', { bearer: SECRET, origin: 'http://evil.test', body: { name: 'x' } });
    expect(bySecret.status).toBe(404);
    const read = await call(c, 'GET', '/v1/admin/tokens', { cookie: cookies.viewer, origin: 'http://evil.test' });
    expect(read.status).toBe(200);
  });

  test("the retired report's session cookie is no credential: 401 without counting as a guess, never the secret's admin", async () => {
    // What the old sign-in set: `<expiry>.<HMAC-SHA256 of "sayso-session:<expiry>" under the secret>`.
    const expires = Date.now() + 3600_000;
    const report = `sayso_session=${expires}.${createHmac('sha256', SECRET).update(`sayso-session:${expires}`).digest('base64url')}`;
    for (let i = 0; i < 12; i++) {
      const me = await call(c, 'GET', '/v1/admin/me', { cookie: report });
      expect(me.status).toBe(401);
      expect(await me.json()).toEqual({ error: 'sign in, or send a token (Authorization: Bearer <token>)' });
    }
    expect((await call(c, 'PATCH', '/v1/admin/users/nope', { cookie: report, body: { name: 'x' } })).status).toBe(401);
    expect((await call(c, 'GET', '/v1/scores', { cookie: report })).status).toBe(401);
    // Beside a studio cookie it changes nothing: the user is who signed in (not the secret's admin).
    expect(await (await call(c, 'GET', '/v1/admin/me', { cookie: `${report}; ${cookies.viewer}` })).json()).toMatchObject({ kind: 'user', role: 'viewer' });
    // Not counted: the secret still works from here.
    expect((await call(c, 'GET', '/v1/admin/me', { bearer: SECRET })).status).toBe(200);
  });

});

test('the reading API (scores, comments, insights, export) takes every studio role, by cookie and by token', async () => {
  for (const path of ['/v1/scores', '/v1/comments', '/v1/insights', '/v1/insights/comments?survey=nps-main&term=x', '/v1/responses/export?format=ndjson']) {
    for (const creds of [{ cookie: cookies.viewer }, { bearer: tokens.viewer }, { bearer: SECRET }]) {
      const res = await call(c, 'GET', path, creds);
      expect(res.status, `${path} ${JSON.stringify(creds).slice(0, 20)}`).toBe(200);
      await res.arrayBuffer();
    }
    const none = await call(c, 'GET', path);
    expect(none.status, path).toBe(401);
  }
});
