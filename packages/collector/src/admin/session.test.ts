import { afterEach, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { secretHash } from '../auth/secret-ids.js';
import { STUDIO_SESSION } from '../auth/studio-session.js';
import { SECRET, SELF, testCollector, testConfig } from '../test-fixtures.js';
import { PASSWORD, addUser, call, signIn, studioCookieOf } from './people-fixtures.js';

let c: Collector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const signInBody = (email: string, password: string) => ({ origin: SELF, body: { email, password } });

test('sign-in sets sayso_studio: HttpOnly, SameSite=Strict, Path=/, not Secure over http; the cookie is a session for /me', async () => {
  c = await testCollector();
  const ana = await addUser(c, 'Ana@Shop.test', 'editor');
  const res = await call(c, 'POST', '/v1/admin/session', signInBody('ana@shop.TEST', PASSWORD));
  expect(res.status).toBe(204);
  const set = res.headers.getSetCookie();
  expect(set).toHaveLength(1);
  const attrs = set[0]!.split('; ');
  expect(attrs[0]).toMatch(/^sayso_studio=[A-Za-z0-9_-]{43}$/);
  expect(attrs.slice(1).sort()).toEqual([`Max-Age=${STUDIO_SESSION.maxSeconds}`, 'HttpOnly', 'Path=/', 'SameSite=Strict'].sort());
  expect(res.headers.get('cache-control')).toBe('no-store');
  const me = await call(c, 'GET', '/v1/admin/me', { cookie: studioCookieOf(res) });
  expect(me.status).toBe(200);
  expect(await me.json()).toEqual({ id: ana.id, email: 'Ana@Shop.test', name: 'Ana', role: 'editor', kind: 'user' });
  expect((await c.storage.users.get(ana.id))!.lastSignInAt).not.toBeNull();
});

test('the cookie is Secure when publicUrl is https', async () => {
  c = await testCollector({ config: testConfig({ publicUrl: 'https://feedback.test' }) });
  await addUser(c, 'ana@shop.test', 'viewer');
  const res2 = await c.fetch(
    new Request('https://feedback.test/v1/admin/session', {
      method: 'POST',
      headers: { origin: 'https://feedback.test', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@shop.test', password: PASSWORD }),
    }),
  );
  expect(res2.status).toBe(204);
  expect(res2.headers.getSetCookie()[0]!.split('; ')).toContain('Secure');
});

test('an unknown email and a wrong password get the same answer, after about the same work', async () => {
  c = await testCollector({ config: testConfig({ limits: { authFailuresPerMinute: 1000 } }) });
  await addUser(c, 'ana@shop.test', 'admin');
  const answer = async (email: string, password: string) => {
    const t = performance.now();
    const res = await call(c, 'POST', '/v1/admin/session', signInBody(email, password));
    const ms = performance.now() - t;
    return { status: res.status, body: await res.text(), headers: [...res.headers].filter(([k]) => k !== 'date'), ms };
  };
  const wrong = await answer('ana@shop.test', `${PASSWORD}!`);
  const unknown = await answer('bo@shop.test', PASSWORD);
  expect(wrong.status).toBe(401);
  expect(unknown).toMatchObject({ status: wrong.status, body: wrong.body, headers: wrong.headers });
  expect(JSON.parse(wrong.body)).toEqual({ error: 'wrong email or password' });
  // Timing: medians of a few tries each; an unknown email hashes a dummy, so neither is near-instant.
  const median = async (email: string, password: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) ms.push((await answer(email, password)).ms);
    return ms.sort((a, b) => a - b)[2]!;
  };
  const [w, u] = [await median('ana@shop.test', 'wrong password here'), await median('nobody@shop.test', 'wrong password here')];
  expect(u / w).toBeGreaterThan(0.5);
  expect(u / w).toBeLessThan(2);
  expect(u).toBeGreaterThan(10); // a dummy hash ran (no scrypt at these parameters is under 10 ms)
}, 60_000);

test('the password is stored as a salted scrypt hash, never as given', async () => {
  c = await testCollector();
  const res = await call(c, 'POST', '/v1/admin/users', { bearer: SECRET, body: { email: 'ana@shop.test', password: PASSWORD, role: 'viewer' } });
  expect(res.status).toBe(201);
  const body = await res.text();
  expect(body).not.toContain('scrypt');
  const stored = (await c.storage.users.byEmail('ana@shop.test'))!.passwordHash;
  expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(stored).not.toContain(PASSWORD);
  expect(stored).not.toContain(Buffer.from(PASSWORD).toString('base64url'));
  await call(c, 'POST', '/v1/admin/users', { bearer: SECRET, body: { email: 'bo@shop.test', password: PASSWORD, role: 'viewer' } });
  // A salt of its own: the same password hashes differently.
  expect((await c.storage.users.byEmail('bo@shop.test'))!.passwordHash).not.toBe(stored);
  expect(await signIn(c, 'ana@shop.test')).toMatch(/^sayso_studio=/);
});

test('failed sign-ins are limited per account across addresses and per address across accounts; the right password waits too (429)', async () => {
  c = await testCollector({ trustProxy: true, config: testConfig({ limits: { authFailuresPerMinute: 3 } }) });
  await addUser(c, 'ana@shop.test', 'admin');
  await addUser(c, 'bo@shop.test', 'admin');
  const from = (ip: string, email: string, password: string) => call(c, 'POST', '/v1/admin/session', { ...signInBody(email, password), headers: { 'x-forwarded-for': ip } });
  // Per account: three wrong guesses from three addresses, then even the right password from a fourth is 429.
  for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) expect((await from(ip, 'ana@shop.test', 'wrong password one')).status).toBe(401);
  const locked = await from('10.0.0.4', 'ANA@shop.test', PASSWORD);
  expect(locked.status).toBe(429);
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await locked.json()).toEqual({ error: 'too many failed sign-ins for this address or account: try again later' });
  expect(locked.headers.getSetCookie()).toEqual([]);
  // An unknown account is limited the same way (the 429 does not tell which emails exist).
  for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) expect((await from(ip, 'nobody@shop.test', 'wrong password one')).status).toBe(401);
  expect((await from('10.0.1.4', 'nobody@shop.test', 'wrong password one')).status).toBe(429);
  // Another account from a fresh address is not affected.
  expect((await from('10.0.2.1', 'bo@shop.test', PASSWORD)).status).toBe(204);
  // Per address: three failures on different accounts lock the address out, for bo's right password too.
  for (const email of ['x@shop.test', 'y@shop.test', 'z@shop.test']) expect((await from('10.0.3.1', email, 'wrong password one')).status).toBe(401);
  expect((await from('10.0.3.1', 'bo@shop.test', PASSWORD)).status).toBe(429);
  // Two failures are under the limit: the third try with the right password passes.
  for (let i = 0; i < 2; i++) expect((await from('10.0.4.1', 'bo@shop.test', 'wrong password one')).status).toBe(401);
  expect((await from('10.0.4.2', 'bo@shop.test', PASSWORD)).status).toBe(204);
}, 60_000);

test('sign-out revokes the session (the old cookie is refused) and clears the cookie', async () => {
  c = await testCollector();
  await addUser(c, 'ana@shop.test', 'viewer');
  const cookie = await signIn(c, 'ana@shop.test');
  const out = await call(c, 'DELETE', '/v1/admin/session', { cookie });
  expect(out.status).toBe(204);
  const cleared = out.headers.getSetCookie()[0]!;
  expect(cleared).toMatch(/^sayso_studio=; Max-Age=0; /);
  expect(cleared).toContain('HttpOnly');
  const after = await call(c, 'GET', '/v1/admin/me', { cookie });
  expect(after.status).toBe(401);
  expect((await after.json()).error).toMatch(/session has ended/);
  // Without a session, signing out is still 204.
  expect((await call(c, 'DELETE', '/v1/admin/session')).status).toBe(204);
  // Signing out from another site is refused, and the session lives on.
  const other = await signIn(c, 'ana@shop.test');
  expect((await call(c, 'DELETE', '/v1/admin/session', { cookie: other, origin: 'http://evil.test' })).status).toBe(403);
  expect((await call(c, 'GET', '/v1/admin/me', { cookie: other })).status).toBe(200);
});

test('signing in again in one browser ends its previous session', async () => {
  c = await testCollector();
  await addUser(c, 'ana@shop.test', 'viewer');
  const first = await signIn(c, 'ana@shop.test');
  const res = await call(c, 'POST', '/v1/admin/session', { ...signInBody('ana@shop.test', PASSWORD), headers: { cookie: first } });
  expect(res.status).toBe(204);
  expect((await call(c, 'GET', '/v1/admin/me', { cookie: first })).status).toBe(401);
  expect((await call(c, 'GET', '/v1/admin/me', { cookie: studioCookieOf(res) })).status).toBe(200);
});

test('401 says why: none, a wrong cookie, expired, revoked by a password change, a disabled user', async () => {
  c = await testCollector();
  const ana = await addUser(c, 'ana@shop.test', 'admin');
  const bo = await addUser(c, 'bo@shop.test', 'viewer');
  const me = (cookie?: string) => call(c, 'GET', '/v1/admin/me', cookie === undefined ? {} : { cookie });
  const why = async (res: Response) => [res.status, ((await res.json()) as { error: string }).error];
  expect(await why(await me())).toEqual([401, 'sign in, or send a token (Authorization: Bearer <token>)']);
  expect(await why(await me('sayso_studio=not-a-session'))).toEqual([401, expect.stringMatching(/session has ended/)]);
  const cookie = await signIn(c, 'bo@shop.test');
  expect((await me(cookie)).status).toBe(200);
  // Disabled: the admin disables bo; bo's sessions end and the answer says so at sign-in.
  const admin = await signIn(c, 'ana@shop.test');
  expect((await call(c, 'PATCH', `/v1/admin/users/${bo.id}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
  expect(await why(await me(cookie))).toEqual([401, expect.stringMatching(/session has ended/)]);
  expect(await why(await call(c, 'POST', '/v1/admin/session', signInBody('bo@shop.test', PASSWORD)))).toEqual([401, 'this account is disabled']);
  // A disabled account with a wrong password hears only "wrong".
  expect(await why(await call(c, 'POST', '/v1/admin/session', signInBody('bo@shop.test', 'not the password at all')))).toEqual([401, 'wrong email or password']);
  // A password change (by an admin) ends the user's sessions, not the admin's own.
  const anaElsewhere = await signIn(c, 'ana@shop.test');
  expect((await call(c, 'PATCH', `/v1/admin/users/${ana.id}`, { cookie: admin, body: { password: 'a brand new passphrase' } })).status).toBe(200);
  expect(await why(await me(anaElsewhere))).toEqual([401, expect.stringMatching(/session has ended/)]);
  expect(await signIn(c, 'ana@shop.test', 'a brand new passphrase')).toMatch(/^sayso_studio=/);
});

test('an expired session answers 401 "expired"', async () => {
  c = await testCollector();
  const bo = await addUser(c, 'bo@shop.test', 'viewer');
  const cookie = await signIn(c, 'bo@shop.test');
  // The same session id, stored again with a lifetime already over (as the database clock would have it).
  const id = cookie.split('=')[1]!;
  await c.storage.sessions.revoke(secretHash(id));
  await c.storage.sessions.create(secretHash(id), bo.id, { idleSeconds: 0, maxSeconds: 0, touchSeconds: 60 });
  const res = await call(c, 'GET', '/v1/admin/me', { cookie });
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: 'your session expired: sign in again' });
});

test('sign-in refuses bad bodies with the field, and cross-site or Origin-less posts (login CSRF)', async () => {
  c = await testCollector();
  await addUser(c, 'ana@shop.test', 'viewer');
  const post = (body: unknown, o: { origin?: string | null; type?: string } = {}) =>
    call(c, 'POST', '/v1/admin/session', { origin: o.origin === undefined ? SELF : o.origin, body, headers: o.type ? { 'content-type': o.type } : {} });
  const path = async (res: Response) => [res.status, ((await res.json()) as { error: { path: string } }).error.path];
  expect(await path(await post({ email: 'ana@shop.test' }))).toEqual([400, 'password']);
  expect(await path(await post({ email: 'not an email', password: PASSWORD }))).toEqual([400, 'email']);
  expect(await path(await post({ email: 'ana@shop.test', password: PASSWORD, remember: true }))).toEqual([400, 'remember']);
  expect(await path(await post('[1]'))).toEqual([400, '(root)']);
  expect(await path(await post('{"email":'))).toEqual([400, '(root)']);
  expect((await post(`email=ana@shop.test&password=${PASSWORD}`, { type: 'application/x-www-form-urlencoded' })).status).toBe(415);
  for (const origin of [null, 'null', 'http://evil.test', 'http://collector.test.evil', 'http://collector.test:8080', 'https://collector.test']) {
    const res = await post({ email: 'ana@shop.test', password: PASSWORD }, { origin });
    expect(res.status, String(origin)).toBe(403);
    expect(await res.json()).toEqual({ error: 'cross-site request refused' });
  }
  expect((await post({ email: 'ana@shop.test', password: PASSWORD }, { origin: 'HTTP://Collector.Test' })).status).toBe(204);
});

test('/me for a token and for the config secret', async () => {
  c = await testCollector();
  const ana = await addUser(c, 'ana@shop.test', 'publisher');
  const cookie = await signIn(c, 'ana@shop.test');
  const made = (await (await call(c, 'POST', '/v1/admin/tokens', { cookie, body: { name: 'ci', role: 'editor' } })).json()) as { id: string; token: string };
  expect(await (await call(c, 'GET', '/v1/admin/me', { bearer: made.token })).json()).toEqual({
    id: ana.id,
    email: 'ana@shop.test',
    name: 'ana',
    role: 'editor',
    kind: 'token',
    token: { id: made.id, name: 'ci', role: 'editor' },
  });
  expect(await (await call(c, 'GET', '/v1/admin/me', { bearer: SECRET })).json()).toEqual({ id: 'secret', email: null, name: 'config secret', role: 'admin', kind: 'secret' });
});
