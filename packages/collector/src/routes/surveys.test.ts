import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collector } from '../collector.js';
import { latestVersion } from '../storage/schema.js';
import { ORIGIN, testCollector } from '../test-fixtures.js';

let c: Collector;
let sdk: string;
beforeAll(async () => {
  sdk = await mkdtemp(join(tmpdir(), 'sayso-sdk-'));
  await mkdir(join(sdk, 'chunks'));
  await writeFile(join(sdk, 'sayso.js'), 'console.log("sdk")');
  await writeFile(join(sdk, 'chunks', 'ui-Ab3dE_9x.js'), 'export const ui = 1');
  await writeFile(join(sdk, 'sayso-ui.css'), 'body{}');
  c = await testCollector({ sdkDir: sdk });
});
afterAll(() => c.close());

const get = (path: string, headers: Record<string, string> = {}) => c.fetch(new Request(`http://collector.test${path}`, { headers }));

test('GET /v1/sites/:site/surveys answers the surveys with an ETag, then 304', async () => {
  const res = await get('/v1/sites/demo/surveys', { origin: ORIGIN });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(res.headers.get('cache-control')).toContain('max-age=60');
  const body = (await res.json()) as { site: string; surveys: { id: string }[] };
  expect(body.site).toBe('demo');
  expect(body.surveys.map((s) => s.id)).toEqual(['nps-main', 'csat-checkout']);
  const etag = res.headers.get('etag')!;
  expect(etag).toMatch(/^".+"$/);
  const again = await get('/v1/sites/demo/surveys', { origin: ORIGIN, 'if-none-match': etag });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');
});

test('remote config: unknown site 404, foreign origin 403', async () => {
  expect((await get('/v1/sites/nope/surveys')).status).toBe(404);
  expect((await get('/v1/sites/demo/surveys', { origin: 'http://evil.test' })).status).toBe(403);
});

test('/sdk/* serves the built files with types and caching by name', async () => {
  const main = await get('/sdk/sayso.js');
  expect(main.status).toBe(200);
  expect(main.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(main.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
  expect(main.headers.get('access-control-allow-origin')).toBe('*');
  expect(await main.text()).toBe('console.log("sdk")');
  const hashed = await get('/sdk/chunks/ui-Ab3dE_9x.js');
  expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect((await get('/sdk/sayso-ui.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  const etag = main.headers.get('etag')!;
  expect((await get('/sdk/sayso.js', { 'if-none-match': etag })).status).toBe(304);
  expect((await get('/sdk/missing.js')).status).toBe(404);
  expect((await get('/sdk/%2e%2e/%2e%2e/package.json')).status).toBe(404);
});

test('/healthz reports the storage', async () => {
  const res = await get('/healthz');
  expect(await res.json()).toMatchObject({ ok: true, storage: 'pglite', schema: latestVersion });
});

test('a cross-origin revalidation may send If-None-Match: the preflight allows it', async () => {
  const res = await c.fetch(
    new Request('http://collector.test/v1/sites/demo/surveys', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    }),
  );
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(res.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/)).toContain('if-none-match');
});
