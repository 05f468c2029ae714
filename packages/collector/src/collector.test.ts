import { Agent, request } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import type { Collector } from './collector.js';
import { pgliteStorage } from './storage/pglite.js';
import type { Storage } from './storage/types.js';
import { event, response, testCollector } from './test-fixtures.js';

let c: Collector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

test('listen serves on a free port; close finishes the request in flight, then stops', async () => {
  // A storage whose ingest waits for a signal, so the request is surely in flight when close() starts.
  const real = await pgliteStorage();
  let started!: () => void;
  const inIngest = new Promise<void>((r) => (started = r));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const storage: Storage = {
    ...real,
    async ingest(...args) {
      started();
      await gate;
      return real.ingest(...args);
    },
  };
  c = await testCollector({ storage });
  const server = await c.listen({ port: 0 });
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const body = JSON.stringify({ site: 'demo', responses: Array.from({ length: 50 }, () => response()), events: [event()] });
  const inFlight = fetch(`${server.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await inIngest;
  const closed = server.close();
  let done = false;
  void closed.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 100));
  expect(done).toBe(false); // still waiting for the request
  release();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: 51 });
  await closed;
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
}, 120_000); // opens PGlite twice

test('an idle keep-alive connection does not hold close() open', async () => {
  c = await testCollector();
  const server = await c.listen({ port: 0 });
  await new Promise<void>((resolve) => {
    const req = request(`${server.url}/healthz`, { agent: new Agent({ keepAlive: true }) }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.end();
  });
  const started = Date.now();
  await server.close(30_000);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('a bad config fails createCollector with the key, before anything listens', async () => {
  await expect(testCollector({ config: { secret: 'long-enough-secret-0123456789abcdef', sites: [{ id: 'x', origins: ['nope'], surveys: [] }] } })).rejects.toMatchObject({
    code: 'E_CONFIG_INVALID',
    path: 'sites[0].origins[0]',
  });
});
