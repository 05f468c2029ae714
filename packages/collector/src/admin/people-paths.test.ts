// The people side's OpenAPI path objects against the routes the app
// registers for them: none missing, none extra, every $ref resolving in the
// schemas they bring (admin/openapi.ts composes them into the document).
import { expect, test } from 'vitest';
import { createApp } from '../server/app.js';
import type { AppContext } from '../server/context.js';
import { resolveConfig } from '../config.js';
import { testConfig } from '../test-fixtures.js';
import { peopleComponents, peoplePaths } from './people-paths.js';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
// `/me/notifications` is the alerts' (admin/alerts-paths.ts).
const OURS = /^\/v1\/admin\/(session|me(?!\/notifications)|users|tokens|activity|assignees)(\/|$)/;

test('every people route is documented, and every documented operation is a route', () => {
  const app = createApp({ config: resolveConfig(testConfig()), self: { hosts: new Set(), origins: new Set() } } as unknown as AppContext);
  const routed = new Set(app.routes.filter((r) => OURS.test(r.path) && r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`));
  const documented = new Set(peoplePaths.flatMap((paths) => Object.entries(paths).flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`))));
  expect(routed.size).toBe(14);
  expect([...routed].filter((r) => !documented.has(r))).toEqual([]);
  expect([...documented].filter((d) => !routed.has(d))).toEqual([]);
});

test('every operation has answers, and every $ref resolves in the schemas the people side brings', () => {
  const doc = { components: peopleComponents, paths: Object.assign({}, ...peoplePaths) as Record<string, Record<string, { responses?: object }>> };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS.filter((x) => x in item)) expect(Object.keys(item[m]!.responses ?? {}).length, `${m} ${path}`).toBeGreaterThan(0);
  }
  for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)) {
    let at: unknown = doc;
    for (const part of ref!.split('/')) at = (at as Record<string, unknown>)[part];
    expect(at, ref).toBeDefined();
  }
});
