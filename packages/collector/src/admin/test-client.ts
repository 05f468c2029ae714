// Helpers for the admin API's tests (not part of the package's API): a
// collector whose `identify` also knows a few users of each role, with the
// config secret still going through the real guard, and a small client.
import type { Context } from 'hono';
import { identify } from '../auth/guard.js';
import type { Role } from '../auth/roles.js';
import type { Collector, CreateCollectorOptions } from '../collector.js';
import type { AppContext } from '../server/context.js';
import { ORIGIN, SECRET, SELF, testCollector } from '../test-fixtures.js';

/** Bearer tokens of the test users, one per role (the admin one is the config secret itself). */
export const TOKENS: Record<Role, string> = {
  viewer: 'test-viewer-token',
  editor: 'test-editor-token',
  publisher: 'test-publisher-token',
  admin: SECRET,
};

/**
 * The test users stand in for the users and tokens studio-people adds to
 * `identify`: an exact Bearer token names one; anything else goes to the real one.
 */
async function testIdentify(c: Context, ctx: AppContext) {
  const auth = c.req.header('authorization');
  for (const role of ['viewer', 'editor', 'publisher'] as const) {
    if (auth === `Bearer ${TOKENS[role]}`) return { kind: 'token' as const, id: `t-${role}`, label: `${role}@shop.test`, role };
  }
  return identify(c, ctx);
}

/** A collector (on the file's shared PGlite) with the test users, and a clock the test sets. */
export async function adminCollector(options: Partial<CreateCollectorOptions> = {}): Promise<{ collector: Collector; clock: { now: number } }> {
  const clock = { now: Date.parse('2026-11-01T12:00:00Z') };
  const collector = await testCollector({ identify: testIdentify, now: () => clock.now, refreshSitesEveryMs: 0, ...options });
  return { collector, clock };
}

/** A request to `c` as `role` (or with `auth` exactly; `null` for none). */
export async function call(
  c: Collector,
  method: string,
  path: string,
  options: { as?: Role; auth?: string | null; body?: unknown; ifMatch?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth !== undefined ? options.auth : `Bearer ${TOKENS[options.as ?? 'admin']}`;
  if (auth !== null) headers.authorization = auth;
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await c.fetch(
    new Request(`${SELF}${path}`, { method, headers, ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}) }),
  );
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the text as it is.
  }
  return { status: res.status, body, headers: res.headers };
}

/** Remote config as the site's page asks for it. */
export async function remote(c: Collector, site = 'demo', etag?: string): Promise<{ status: number; etag: string | null; surveys: Array<{ id: string; version: number; question: string }> }> {
  const res = await c.fetch(new Request(`${SELF}/v1/sites/${site}/surveys`, { headers: { origin: ORIGIN, ...(etag ? { 'if-none-match': etag } : {}) } }));
  const body = res.status === 200 ? ((await res.json()) as { surveys: Array<{ id: string; version: number; question: string }> }) : { surveys: [] };
  return { status: res.status, etag: res.headers.get('etag'), surveys: body.surveys };
}
