// Every route that takes a body reads it under a limit: the test walks the
// Hono app's own route table, so a POST/PUT/PATCH route added later without
// a limit fails here. Over a real socket, with Content-Length and streamed
// without it (chunked), as @hono/node-server reads them in production.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { SELF, post, response, testCollector, testConfig } from '../test-fixtures.js';

const LIMIT = 4096;
let c: Collector;
let server: Listening;
beforeAll(async () => {
  c = await testCollector({ config: testConfig({ limits: { maxBodyBytes: LIMIT } }) });
  server = await c.listen({ port: 0 });
});
afterAll(() => c.close());

/**
 * Sends `size` bytes of "a" to `path`, with Content-Length or (`chunked`)
 * streamed without it; writes wait for the socket and stop once the answer is in.
 */
function send(method: string, path: string, size: number, chunked: boolean, type = 'application/json'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': type, origin: server.url };
    // Node's client frames a DELETE body only when told to (it does not chunk DELETE by default).
    headers[chunked ? 'transfer-encoding' : 'content-length'] = chunked ? 'chunked' : size;
    let answered = false;
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    const piece = Buffer.alloc(16384, 'a');
    let written = 0;
    const pump = () => {
      while (!answered && !req.destroyed && written < size) {
        const n = Math.min(piece.length, size - written);
        written += n;
        if (!req.write(piece.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

/** The app's routes that take a body, with their parameters filled in. */
function bodyRoutes(): Array<{ method: string; path: string }> {
  const seen = new Set<string>();
  const out: Array<{ method: string; path: string }> = [];
  for (const r of c.app.routes) {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)) continue;
    const path = r.path.replace(':site', 'demo').replace(':survey', 'nps-main').replace(/:\w+/g, 'x');
    if (seen.has(`${r.method} ${path}`)) continue;
    seen.add(`${r.method} ${path}`);
    out.push({ method: r.method, path });
  }
  return out;
}

test('the route table is what this test walks: every route that takes a body', () => {
  expect(bodyRoutes().map((r) => `${r.method} ${r.path}`).sort()).toEqual([
    'DELETE /v1/admin/session',
    'DELETE /v1/admin/sites/demo/alerts/rules/x',
    'DELETE /v1/admin/sites/demo/webhooks/x',
    'DELETE /v1/admin/tokens/x',
    'DELETE /v1/admin/users/x',
    'PATCH /v1/admin/me',
    'PATCH /v1/admin/sites/demo',
    'PATCH /v1/admin/sites/demo/responses/x',
    'PATCH /v1/admin/sites/demo/webhooks/x',
    'PATCH /v1/admin/users/x',
    'POST /s/demo/nps-main/follow-up',
    'POST /v1/admin/publish-requests/x/approve',
    'POST /v1/admin/publish-requests/x/reject',
    'POST /v1/admin/session',
    'POST /v1/admin/sites',
    'POST /v1/admin/sites/demo/alerts/rules',
    'POST /v1/admin/sites/demo/alerts/test',
    'POST /v1/admin/sites/demo/responses/x/notes',
    'POST /v1/admin/sites/demo/surveys',
    'POST /v1/admin/sites/demo/surveys/x/archive',
    'POST /v1/admin/sites/demo/surveys/x/duplicate',
    'POST /v1/admin/sites/demo/surveys/x/end',
    'POST /v1/admin/sites/demo/surveys/x/pause',
    'POST /v1/admin/sites/demo/surveys/x/preview-link',
    'POST /v1/admin/sites/demo/surveys/x/publish',
    'POST /v1/admin/sites/demo/surveys/x/publish-requests',
    'POST /v1/admin/sites/demo/surveys/x/resume',
    'POST /v1/admin/sites/demo/surveys/x/rollback',
    'POST /v1/admin/sites/demo/webhooks',
    'POST /v1/admin/sites/demo/webhooks/x/deliveries/x/replay',
    'POST /v1/admin/sites/demo/webhooks/x/replay',
    'POST /v1/admin/sites/demo/webhooks/x/rotate-secret',
    'POST /v1/admin/sites/demo/webhooks/x/test',
    'POST /v1/admin/tokens',
    'POST /v1/admin/users',
    'POST /v1/responses',
    'PUT /v1/admin/me/notifications',
    'PUT /v1/admin/sites/demo/alerts/rules/x',
    'PUT /v1/admin/sites/demo/alerts/slack',
    'PUT /v1/admin/sites/demo/surveys/x',
  ].sort());
});

test('every route that takes a body answers 413 one byte over its limit, declared or streamed', async () => {
  for (const { method, path } of bodyRoutes()) {
    for (const chunked of [false, true]) {
      const res = await send(method, path, LIMIT + 1, chunked);
      expect({ method, path, chunked, status: res.status }).toEqual({ method, path, chunked, status: 413 });
    }
  }
});

test('a body of exactly the limit is read and answered by the route', async () => {
  for (const { method, path } of bodyRoutes()) {
    for (const chunked of [false, true]) {
      const res = await send(method, path, LIMIT, chunked, 'application/json');
      // The route's own answer to a body of "aaaa…": not JSON, not the secret, but not too large.
      expect({ path, chunked, status: res.status }).not.toEqual({ path, chunked, status: 413 });
      expect(res.status).toBeLessThan(500);
    }
  }
});

test('a 50 MB body streamed without Content-Length is cut off at the limit, and the collector stays responsive', async () => {
  const started = performance.now();
  const results = await Promise.all([0, 1, 2].map(() => send('POST', '/s/demo/nps-main/follow-up', 50 * 1024 * 1024, true)));
  expect(results.map((r) => r.status)).toEqual([413, 413, 413]);
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  // Reading 150 MB would take far longer than refusing after 4 kB each.
  expect(performance.now() - started).toBeLessThan(20_000);
}, 60_000);

test('any other method or path with a body is refused over the limit before a route exists for it', async () => {
  expect((await send('PUT', '/v1/responses', LIMIT + 1, true)).status).toBe(413);
  expect((await send('PATCH', '/no/such/route', LIMIT + 1, false)).status).toBe(413);
});

const followUp = (body: unknown) =>
  c.fetch(new Request(`${SELF}/s/demo/nps-main/follow-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

test('follow-up answers are bounded in count and length like ingest, and NUL is refused by field', async () => {
  const r = response({ channel: 'link' });
  expect((await post(c, { site: 'demo', responses: [r] }, { origin: SELF })).status).toBe(200);
  const max = c.config.limits.maxTextLength;
  const answers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, 'ok']));
  const cases: Array<[unknown, string]> = [
    [{ answers: answers(21) }, 'answers'],
    [{ answers: { ['k'.repeat(65)]: 'x' } }, `answers.${'k'.repeat(64)}`],
    [{ answers: { '': 'x' } }, 'answers.'],
    [{ answers: { why: 'x'.repeat(max + 1) } }, 'answers.why'],
    [{ answers: { why: 'a\u0000b' } }, 'answers.why'],
    [{ answers: ['a'] }, 'answers'],
    [{ answers: { why: 3 } }, 'answers.why'],
    [{ comment: 'x'.repeat(max + 1) }, 'comment'],
    [{ comment: 'nul\u0000' }, 'comment'],
  ];
  for (const [extra, field] of cases) {
    const res = await followUp({ id: r.id, score: 9, ...(extra as object) });
    expect({ field, status: res.status }).toEqual({ field, status: 400 });
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
  }
  // At the bounds it is accepted: 20 answers of maxTextLength characters.
  const ok = await followUp({ id: r.id, score: 9, comment: 'x'.repeat(max), answers: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${'k'.repeat(60)}${i}`, 'y'.repeat(max)])) });
  expect(ok.status).toBe(413); // 20 × 2000 characters is more than this file's 4 kB body limit
  const small = await followUp({ id: r.id, score: 9, answers: answers(20) });
  expect(small.status).toBe(200);
});
