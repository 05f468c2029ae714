import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { ORIGIN, SELF, post, response } from '../test-fixtures.js';
import { adminCollector, call, remote } from './test-client.js';

const LOADER = '!function(e,s,o,r){/* the loader */}(window,document,"/sdk/","sayso");';
let c: Collector;
beforeAll(async () => {
  const sdk = await mkdtemp(join(tmpdir(), 'sayso-sdk-'));
  await writeFile(join(sdk, 'snippet.min.js'), `${LOADER}\n`);
  ({ collector: c } = await adminCollector({ sdkDir: sdk }));
});
afterAll(() => c.close());

test("the config file's site is listed, and when each origin was last heard from", async () => {
  const before = await call(c, 'GET', '/v1/admin/sites', { as: 'viewer' });
  expect(before.status).toBe(200);
  const demo = before.body.sites.find((s: { id: string }) => s.id === 'demo');
  expect(demo).toMatchObject({ id: 'demo', name: 'demo', origins: [ORIGIN], segments: ['plan'], identitySecret: null, seen: [] });
  await remote(c);
  await post(c, { site: 'demo', responses: [response()] });
  // Written in the background (at most once a minute per origin): wait for it.
  let seen: Array<{ origin: string; lastSeenAt: string }> = [];
  for (let i = 0; i < 50 && seen.length === 0; i++) {
    seen = (await call(c, 'GET', '/v1/admin/sites/demo', { as: 'viewer' })).body.seen;
    if (seen.length === 0) await new Promise((r) => setTimeout(r, 20));
  }
  expect(seen).toEqual([{ origin: ORIGIN, lastSeenAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
});

test('an admin creates a site; its origins are checked with the path of the bad one; it serves at once', async () => {
  const bad = await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: ['https://blog.example', 'https://blog.example/path'] } });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ path: 'origins[1]' });
  expect((await call(c, 'POST', '/v1/admin/sites', { body: { id: 'bad id', origins: [] } })).body.error.path).toBe('id');
  expect((await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: [], segments: [''] } })).body.error.path).toBe('segments[0]');
  expect((await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: [], identitySecret: 'short' } })).body.error.path).toBe('identitySecret');
  expect((await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: [], insights: { themes: [{ name: 'Price' }] } } })).body.error.path).toMatch(/^insights\.themes\[0\]/);
  expect((await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: [], color: 'red' } })).body.error.path).toBe('color');

  const made = await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', name: 'The blog', origins: ['https://blog.example'] } });
  expect(made.status).toBe(201);
  expect(made.body).toMatchObject({ id: 'blog', name: 'The blog', origins: ['https://blog.example'], segments: [] });
  expect((await call(c, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: [] } })).status).toBe(409);
  // Ingest and remote config know it now, without a restart.
  const cfg = await c.fetch(new Request(`${SELF}/v1/sites/blog/surveys`, { headers: { origin: 'https://blog.example' } }));
  expect(cfg.status).toBe(200);
  expect(await cfg.json()).toEqual({ site: 'blog', surveys: [] });
  const refused = await c.fetch(new Request(`${SELF}/v1/sites/blog/surveys`, { headers: { origin: ORIGIN } }));
  expect(refused.status).toBe(403);
});

test('PATCH needs If-Match; a stale one is 409 with the site as it is; origins change what ingest accepts', async () => {
  await call(c, 'POST', '/v1/admin/sites', { body: { id: 'docs', origins: ['https://docs.example'] } });
  const got = await call(c, 'GET', '/v1/admin/sites/docs', { as: 'viewer' });
  const etag = got.headers.get('etag')!;
  expect((await call(c, 'PATCH', '/v1/admin/sites/docs', { body: { name: 'Docs' } })).status).toBe(428);
  expect((await call(c, 'PATCH', '/v1/admin/sites/docs', { as: 'publisher', ifMatch: etag, body: { name: 'Docs' } })).status).toBe(403);
  const bad = await call(c, 'PATCH', '/v1/admin/sites/docs', { ifMatch: etag, body: { origins: ['docs.example'] } });
  expect(bad.body.error.path).toBe('origins[0]');
  const ok = await call(c, 'PATCH', '/v1/admin/sites/docs', { ifMatch: etag, body: { name: 'Docs', origins: ['https://docs.example', 'https://help.example'] } });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ name: 'Docs', origins: ['https://docs.example', 'https://help.example'] });
  const stale = await call(c, 'PATCH', '/v1/admin/sites/docs', { ifMatch: etag, body: { name: 'Other' } });
  expect(stale.status).toBe(409);
  expect(stale.body.current).toMatchObject({ name: 'Docs' });
  const cfg = await c.fetch(new Request(`${SELF}/v1/sites/docs/surveys`, { headers: { origin: 'https://help.example' } }));
  expect(cfg.status).toBe(200);
  expect((await call(c, 'PATCH', '/v1/admin/sites/nope', { ifMatch: etag, body: {} })).status).toBe(404);
  const log = await c.storage.activity.list({ site: 'docs', limit: 5 });
  expect(log.map((e) => e.action)).toEqual(['site.update', 'site.create']);
  expect(log[0]!.diff).toEqual([
    { path: 'name', from: 'docs', to: 'Docs' },
    { path: 'origins[1]', to: 'https://help.example' },
  ]);
});

test('install: the loader snippet and the script tag as the widget README documents them, with this endpoint and the site key', async () => {
  const res = await call(c, 'GET', '/v1/admin/sites/demo/install', { as: 'viewer' });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    endpoint: SELF,
    siteKey: 'demo',
    snippet: `<script>\n!function(e,s,o,r){/* the loader */}(window,document,"${SELF}/sdk/","sayso");\nsayso('init', { site: 'demo', endpoint: '${SELF}' });\n</script>`,
    scriptTag: `<script src="${SELF}/sdk/sayso.js" data-site="demo" data-endpoint="${SELF}" async></script>`,
  });
  expect((await call(c, 'GET', '/v1/admin/sites/nope/install', { as: 'viewer' })).status).toBe(404);
  expect((await call(c, 'GET', '/v1/admin/sites/demo/install', { auth: null })).status).toBe(401);
});
