// The ingest body limit over a real socket: the unit tests of ingest.test.ts
// call the app in-process, where a body has no Content-Length framing; here
// @hono/node-server reads the Node stream, as in production.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { ORIGIN, response, testCollector, testConfig } from '../test-fixtures.js';

const LIMIT = 4096;
let c: Collector;
let server: Listening;
beforeAll(async () => {
  c = await testCollector({ config: testConfig({ limits: { maxBodyBytes: LIMIT } }) });
  server = await c.listen({ port: 0 });
});
afterAll(() => c.close());

/** POSTs `body` with node:http; `chunked` sends it without Content-Length, in pieces. */
function send(body: string, { chunked = false, declared }: { chunked?: boolean; declared?: number } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', origin: ORIGIN };
    if (!chunked) headers['content-length'] = declared ?? Buffer.byteLength(body);
    const req = request(`${server.url}/v1/responses`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    if (chunked) for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
    else req.write(body);
    req.end();
  });
}

const batch = (n: number, comment = 'x'.repeat(300)) => JSON.stringify({ site: 'demo', responses: Array.from({ length: n }, () => response({ comment })) });

test('a batch under the limit is read and stored, with or without Content-Length', async () => {
  const plain = await send(batch(2));
  expect(plain.status).toBe(200);
  expect(JSON.parse(plain.text)).toMatchObject({ accepted: 2 });
  const chunked = await send(batch(3), { chunked: true });
  expect(chunked.status).toBe(200);
  expect(JSON.parse(chunked.text)).toMatchObject({ accepted: 3 });
});

test('a declared Content-Length over the limit is 413 before the body is read', async () => {
  const before = await c.storage.counts('demo');
  const res = await send(batch(20), {});
  expect(res.status).toBe(413);
  expect(JSON.parse(res.text).error).toMatch(/split the batch/);
  expect(await c.storage.counts('demo')).toEqual(before);
});

test('a chunked body is 413 as soon as it passes the limit', async () => {
  const before = await c.storage.counts('demo');
  const res = await send(batch(20), { chunked: true });
  expect(res.status).toBe(413);
  expect(await c.storage.counts('demo')).toEqual(before);
});

test('the limit counts UTF-8 bytes, not characters', async () => {
  // 1300 three-byte characters: under LIMIT in characters, over it in bytes.
  const body = batch(1, '€'.repeat(1300));
  expect(body.length).toBeLessThan(LIMIT);
  expect(Buffer.byteLength(body)).toBeGreaterThan(LIMIT);
  expect((await send(body)).status).toBe(413);
  expect((await send(body, { chunked: true })).status).toBe(413);
});
