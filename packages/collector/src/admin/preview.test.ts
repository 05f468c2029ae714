import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { ORIGIN, SELF } from '../test-fixtures.js';
import { adminCollector, call } from './test-client.js';

let c: Collector;
let clock: { now: number };
beforeAll(async () => {
  ({ collector: c, clock } = await adminCollector());
});
afterAll(() => c.close());

const link = (id: string, body: unknown, as: 'viewer' | 'editor' | 'admin' = 'editor') => call(c, 'POST', `/v1/admin/sites/demo/surveys/${id}/preview-link`, { as, body });
const tokenOf = (url: string) => new URL(url).hash.replace(/^#sayso_preview=/, '');
const preview = (token: string, origin: string | null = ORIGIN, site = 'demo') =>
  c.fetch(new Request(`${SELF}/v1/sites/${site}/preview/${token}`, { headers: origin === null ? {} : { origin } }));

test("an editor's link opens the site's page with a token in the fragment; the SDK gets the draft with it", async () => {
  const made = await link('nps-main', { url: `${ORIGIN}/checkout?step=2#top` });
  expect(made.status).toBe(200);
  expect(made.headers.get('cache-control')).toBe('no-store');
  expect(made.body.url).toMatch(/^http:\/\/shop\.test\/checkout\?step=2#sayso_preview=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  expect(made.body.expiresAt).toBe(new Date(clock.now + 86400_000).toISOString());
  const res = await preview(tokenOf(made.body.url));
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual({ site: 'demo', survey: { id: 'nps-main', kind: 'nps', question: 'How likely are you to recommend us?', scale: { min: 0, max: 10 } }, preview: { expiresAt: made.body.expiresAt } });
  // Another survey's link gives that survey.
  const other = await link('csat-checkout', { url: `${ORIGIN}/` });
  expect(((await (await preview(tokenOf(other.body.url))).json()) as { survey: { id: string } }).survey.id).toBe('csat-checkout');
  // Recorded, with the page (never the token) and the hash it pins.
  const log = await c.storage.activity.list({ site: 'demo', subject: { type: 'survey', id: 'nps-main' }, limit: 50 });
  const entry = log.find((e) => e.action === 'survey.preview-link');
  expect(entry).toMatchObject({ actor: { label: 'editor@shop.test' }, diff: { url: `${ORIGIN}/checkout`, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), expiresAt: made.body.expiresAt } });
});

test('viewers cannot make links; no credentials is 401; unknown survey or site is 404', async () => {
  expect((await link('nps-main', { url: `${ORIGIN}/` }, 'viewer')).status).toBe(403);
  expect((await call(c, 'POST', '/v1/admin/sites/demo/surveys/nps-main/preview-link', { auth: null, body: { url: `${ORIGIN}/` } })).status).toBe(401);
  expect((await link('nope', { url: `${ORIGIN}/` })).body).toEqual({ error: 'survey not found' });
  expect((await call(c, 'POST', '/v1/admin/sites/nope/surveys/nps-main/preview-link', { as: 'editor', body: { url: `${ORIGIN}/` } })).status).toBe(404);
});

test("the page must be on one of the site's origins, exactly; expiresIn from 60 s to a week", async () => {
  for (const url of ['http://shop.test.evil/', 'https://shop.test/', 'http://shop.test:8080/', 'http://sub.shop.test/', 'http://shop.tes/', `${SELF}/`, 'javascript:alert(1)', '/checkout', '', 42]) {
    const res = await link('nps-main', { url });
    expect(res.status, String(url)).toBe(400);
    expect(res.body.error.path, String(url)).toBe('url');
  }
  expect((await link('nps-main', {})).body.error.path).toBe('url');
  expect((await link('nps-main', { url: `${ORIGIN}/`, extra: 1 })).body.error.path).toBe('extra');
  for (const expiresIn of [59, 604801, 60.5, '3600', null]) expect((await link('nps-main', { url: `${ORIGIN}/`, expiresIn })).body.error?.path, String(expiresIn)).toBe('expiresIn');
  for (const expiresIn of [60, 604800]) {
    const ok = await link('nps-main', { url: `${ORIGIN}/`, expiresIn });
    expect(ok.status).toBe(200);
    expect(ok.body.expiresAt).toBe(new Date(clock.now + expiresIn * 1000).toISOString());
  }
});

test('a link works until its expiry: 1 s before, yes; at it and after, 410', async () => {
  const start = clock.now;
  const token = tokenOf((await link('nps-main', { url: `${ORIGIN}/`, expiresIn: 600 })).body.url);
  try {
    clock.now = start + 599_000;
    expect((await preview(token)).status).toBe(200);
    clock.now = start + 600_000;
    const late = await preview(token);
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: string }).error).toMatch(/expired/);
    clock.now = start + 601_000;
    expect((await preview(token)).status).toBe(410);
  } finally {
    clock.now = start;
  }
});

test('refused: a foreign page, another site, a truncated or tampered token; an edited draft makes the link stale', async () => {
  const token = tokenOf((await link('csat-checkout', { url: `${ORIGIN}/` })).body.url);
  const foreign = await preview(token, 'http://shop.test.evil');
  expect(foreign.status).toBe(403);
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  expect((await preview(token, null)).status).toBe(200);
  await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: [ORIGIN] } });
  const elsewhere = await preview(token, ORIGIN, 'blog');
  expect(elsewhere.status).toBe(403);
  expect(await elsewhere.json()).toEqual({ error: 'preview link refused: another site' });
  expect((await preview(token.slice(0, -1))).status).toBe(403);
  expect((await preview(`x${token}`)).status).toBe(403);
  expect((await preview('not-a-token')).status).toBe(403);

  const got = await call(c, 'GET', '/v1/admin/sites/demo/surveys/csat-checkout', { as: 'viewer' });
  const edited = await call(c, 'PUT', '/v1/admin/sites/demo/surveys/csat-checkout', { as: 'editor', ifMatch: got.headers.get('etag')!, body: { survey: { ...got.body.draft, question: 'How was paying?' } } });
  expect(edited.status).toBe(200);
  const stale = await preview(token);
  expect(stale.status).toBe(410);
  expect(((await stale.json()) as { error: string }).error).toMatch(/draft changed/);
  const fresh = await preview(tokenOf((await link('csat-checkout', { url: `${ORIGIN}/` })).body.url));
  expect(((await fresh.json()) as { survey: { question: string } }).survey.question).toBe('How was paying?');
});

test("a preflight for the preview route is allowed from the site's origins only", async () => {
  const ask = (origin: string, path = '/v1/sites/demo/preview/abc.def') =>
    c.fetch(new Request(`${SELF}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-sayso-site' } }));
  const ok = await ask(ORIGIN);
  expect(ok.status).toBe(204);
  expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect((await ask('http://shop.test.evil')).status).toBe(403);
  expect((await ask(ORIGIN, '/v1/sites/demo/preview/abc/more')).status).toBe(403);
  expect((await ask(ORIGIN, '/v1/sites/nope/preview/abc.def')).status).toBe(403);
});
