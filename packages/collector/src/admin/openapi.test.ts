import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SELF } from '../test-fixtures.js';
import { adminCollector } from './test-client.js';

let c: Collector;
beforeAll(async () => {
  ({ collector: c } = await adminCollector());
});
afterAll(() => c.close());

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

test('GET /v1/admin/openapi.json is an OpenAPI 3.1 document whose every operation has answers and whose refs resolve', async () => {
  const res = await c.fetch(new Request(`${SELF}/v1/admin/openapi.json`));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  const doc = JSON.parse(await res.text()) as { openapi: string; paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  expect(doc.openapi).toBe('3.1.0');
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => [path, m, item[m]!] as const));
  expect(ops.length).toBeGreaterThan(20);
  for (const [path, method, op] of ops) {
    expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
    for (const status of Object.keys(op.responses!)) expect(status, `${method} ${path}`).toMatch(/^[1-5]\d\d$/);
  }
  // Every $ref points at something in the document.
  const text = JSON.stringify(doc);
  for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
    let at: unknown = doc;
    for (const part of ref!.split('/')) at = (at as Record<string, unknown>)[part];
    expect(at, ref).toBeDefined();
  }
});

test("the document's operations are exactly the app's admin routes", async () => {
  const doc = (await (await c.fetch(new Request(`${SELF}/v1/admin/openapi.json`))).json()) as { paths: Record<string, Record<string, unknown>> };
  const documented = new Set(Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`)));
  const routed = new Set(
    c.app.routes
      .filter((r) => r.path.startsWith('/v1/admin/') && r.method !== 'ALL')
      // Hono's `:name` is OpenAPI's `{name}`.
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
  );
  expect([...routed].filter((r) => !documented.has(r)), 'routes missing from the document').toEqual([]);
  expect([...documented].filter((d) => !routed.has(d)), 'documented operations without a route').toEqual([]);
});
