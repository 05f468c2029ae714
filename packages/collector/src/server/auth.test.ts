// Guessing the secret (or a user signature, an API token, a studio password)
// is limited per client on every route that authenticates, and near-misses
// of the secret are refused. Client IPs come from X-Forwarded-For (trustProxy).
import { afterEach, describe, expect, test } from 'vitest';
import { signUserId } from '../identity.js';
import { resolveConfig } from '../config.js';
import type { Collector } from '../collector.js';
import { PASSWORD, addUser } from '../admin/people-fixtures.js';
import { IDENTITY, ORIGIN, SECRET, SELF, testCollector, testConfig } from '../test-fixtures.js';

const FAILURES = 4;
let c: Collector;
afterEach(() => c?.close());
const make = async () => {
  c = await testCollector({ config: testConfig({ limits: { authFailuresPerMinute: FAILURES } }), trustProxy: true });
  await addUser(c, 'admin@shop.test', 'admin');
  return c;
};

const get = (path: string, ip: string, headers: Record<string, string> = {}) => c.fetch(new Request(`${SELF}${path}`, { headers: { 'x-forwarded-for': ip, ...headers } }));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
// A wrong guess names an account nobody has: it counts against the address (and that name), so
// another address still signs the real account in (its own per-account limit is sign-in's test, admin/session.test.ts).
const signIn = (ip: string, good: boolean) =>
  c.fetch(
    new Request(`${SELF}/v1/admin/session`, {
      method: 'POST',
      headers: { 'x-forwarded-for': ip, origin: SELF, 'content-type': 'application/json' },
      body: JSON.stringify(good ? { email: 'admin@shop.test', password: PASSWORD } : { email: 'nobody@shop.test', password: 'guess' }),
    }),
  );
// An API token's shape with random letters: looked up, unknown, so a guess.
const UNKNOWN_TOKEN = `sayso_${'x'.repeat(43)}`;

/** One authenticated request per route, made with `good` or bad credentials. */
const routes: Record<string, (ip: string, good: boolean) => Promise<Response>> = {
  scores: (ip, good) => get('/v1/scores', ip, bearer(good ? SECRET : `${SECRET}x`)),
  comments: (ip, good) => get('/v1/comments', ip, bearer(good ? SECRET : SECRET.slice(0, -1))),
  export: (ip, good) => get('/v1/responses/export', ip, bearer(good ? SECRET : SECRET.toUpperCase())),
  insights: (ip, good) => get('/v1/insights', ip, bearer(good ? SECRET : SECRET.slice(1))),
  'insights comments': (ip, good) => get('/v1/insights/comments?survey=nps-main&term=late', ip, bearer(good ? SECRET : UNKNOWN_TOKEN)),
  'admin API': (ip, good) => get('/v1/admin/me', ip, bearer(good ? SECRET : UNKNOWN_TOKEN)),
  'studio sign-in': (ip, good) => signIn(ip, good),
  history: (ip, good) => get('/v1/sites/demo/users/u-1/history', ip, { origin: ORIGIN, 'x-sayso-user-signature': signUserId(good ? IDENTITY : `${IDENTITY}x`, 'u-1') }),
};
/** True when `res` is the route's answer to good credentials (a sign-in's 204, else a 200). */
const succeeded = async (name: string, res: Response) => res.status === (name === 'studio sign-in' ? 204 : 200);

describe('the secret', () => {
  test('near-misses are refused with 401: a prefix, one character more, empty, another case, Bearer alone, another scheme', async () => {
    await make();
    const misses: Record<string, string> = {
      prefix: `Bearer ${SECRET.slice(0, -1)}`,
      'one more': `Bearer ${SECRET}x`,
      empty: '',
      'Bearer with an empty token': 'Bearer ',
      'another case': `Bearer ${SECRET.toUpperCase()}`,
      'Bearer alone': 'Bearer',
      'another scheme': `Basic ${SECRET}`,
      'the secret alone': SECRET,
      'two spaces': `Bearer  ${SECRET}`,
    };
    for (const [what, header] of Object.entries(misses)) {
      // Each from its own address, so the failure limit does not decide the answer.
      const res = await get('/v1/scores', `10.1.0.${Object.keys(misses).indexOf(what)}`, { authorization: header });
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
    }
    expect((await get('/v1/scores', '10.1.1.1', bearer(SECRET))).status).toBe(200);
    expect((await get('/v1/scores', '10.1.1.1', { authorization: `bearer ${SECRET}` })).status).toBe(200); // the scheme is case-insensitive
  });

  test('a wrong Authorization header is not rescued by a valid studio session cookie', async () => {
    await make();
    const cookie = (await signIn('10.2.0.9', true)).headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await get('/v1/scores', '10.2.0.1', { cookie })).status).toBe(200);
    const res = await get('/v1/scores', '10.2.0.1', { authorization: 'Bearer wrong', cookie });
    expect(res.status).toBe(401);
  });
});

describe('failed authentications per client', () => {
  test.each(Object.keys(routes))('%s: after the limit, 429 with Retry-After even for the right credentials; other clients unaffected', async (name) => {
    await make();
    const attempt = routes[name]!;
    for (let i = 0; i < FAILURES; i++) {
      const res = await attempt('10.3.0.1', false);
      expect(res.status).toBe(401);
    }
    const locked = await attempt('10.3.0.1', true);
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await succeeded(name, await attempt('10.3.0.2', true))).toBe(true);
  });

  test('failures on one route lock the client out of every route that authenticates', async () => {
    await make();
    const names = Object.keys(routes);
    for (let i = 0; i < FAILURES; i++) await routes[names[i % names.length]!]!('10.4.0.1', false);
    for (const name of names) expect({ name, status: (await routes[name]!('10.4.0.1', true)).status }).toEqual({ name, status: 429 });
  });

  test('successes are not counted: many of them, then limit − 1 failures, and the right secret still works', async () => {
    await make();
    for (let i = 0; i < 30; i++) expect((await routes.scores!('10.5.0.1', true)).status).toBe(200);
    for (let i = 0; i < FAILURES - 1; i++) expect((await routes.scores!('10.5.0.1', false)).status).toBe(401);
    expect((await routes.scores!('10.5.0.1', true)).status).toBe(200);
    // …and the failure that reaches the limit locks the client.
    expect((await routes.scores!('10.5.0.1', false)).status).toBe(401);
    expect((await routes.scores!('10.5.0.1', true)).status).toBe(429);
  });

  test("no credentials at all, an ended studio session, and the retired report's cookie are not guesses", async () => {
    await make();
    for (let i = 0; i < FAILURES * 3; i++) {
      expect((await get('/v1/scores', '10.6.0.1')).status).toBe(401);
      expect((await get('/v1/scores', '10.6.0.1', { cookie: 'sayso_studio=ended-long-ago' })).status).toBe(401);
      // What the old /report sign-in set (an expiry and an HMAC under the secret): no credential now, so no 200, and no lockout either.
      expect((await get('/v1/scores', '10.6.0.1', { cookie: `sayso_session=${Date.now() + 3600_000}.${'A'.repeat(43)}` })).status).toBe(401);
      expect((await get('/v1/sites/demo/users/u-1/history', '10.6.0.1', { origin: ORIGIN })).status).toBe(401);
    }
    expect((await routes.scores!('10.6.0.1', true)).status).toBe(200);
  });
});

describe('config', () => {
  const base = (secret: string, extra: Record<string, unknown> = {}) => ({ secret, sites: [{ id: 'shop', origins: ['https://shop.example'], surveys: [] }], ...extra });
  const error = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err as { code: string; path: string; message: string };
    }
    throw new Error('expected a config error');
  };

  test('outside --dev the secret needs 32 characters; 31 is refused naming the field', () => {
    expect(resolveConfig(base('x'.repeat(32))).secret).toHaveLength(32);
    const err = error(() => resolveConfig(base('x'.repeat(31))));
    expect(err).toMatchObject({ code: 'E_CONFIG_INVALID', path: 'secret' });
    expect(err.message).toMatch(/^secret: .*32 characters/);
  });

  test('identitySecret, top-level and per site, follows the same rule', () => {
    expect(error(() => resolveConfig(base('x'.repeat(32), { identitySecret: 'i'.repeat(31) })))).toMatchObject({ path: 'identitySecret' });
    const site = base('x'.repeat(32));
    (site.sites[0] as Record<string, unknown>).identitySecret = 'i'.repeat(31);
    expect(error(() => resolveConfig(site))).toMatchObject({ path: 'sites[0].identitySecret' });
    expect(resolveConfig(base('x'.repeat(32), { identitySecret: 'i'.repeat(32) })).sites.get('shop')!.identitySecret).toHaveLength(32);
  });

  test('--dev accepts the demo secret (8 characters and up), not less', () => {
    expect(resolveConfig(base('demo-secret'), { dev: true }).secret).toBe('demo-secret');
    expect(resolveConfig(base('12345678'), { dev: true }).dev).toBe(true);
    expect(error(() => resolveConfig(base('1234567'), { dev: true }))).toMatchObject({ path: 'secret' });
  });

  test('publicUrl and allowedHosts are checked', () => {
    expect(error(() => resolveConfig(base('x'.repeat(32), { publicUrl: 'feedback.example' })))).toMatchObject({ path: 'publicUrl' });
    expect(error(() => resolveConfig(base('x'.repeat(32), { allowedHosts: ['ok.example', 'not a host'] })))).toMatchObject({ path: 'allowedHosts[1]' });
    expect(resolveConfig(base('x'.repeat(32), { publicUrl: 'https://Feedback.Example/x', allowedHosts: ['A.example:8443'] }))).toMatchObject({
      publicOrigin: 'https://feedback.example',
      allowedHosts: ['a.example:8443'],
    });
  });
});
