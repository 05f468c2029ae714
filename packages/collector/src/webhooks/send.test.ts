import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { post } from './send.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});
async function serve(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
}
const loopback = { address: '127.0.0.1', family: 4 as const };

test('a status that came in time counts, though the body never ends', async () => {
  const url = await serve((_req, res) => {
    res.writeHead(200);
    res.write('started');
  });
  const r = await post(url, loopback, {}, '{}', { timeoutMs: 300 });
  expect(r).toMatchObject({ status: 200, responseStart: 'started', error: null });
});

test('no answer in time is a timeout; the start of a long body is kept', async () => {
  const silent = await serve(() => {});
  expect(await post(silent, loopback, {}, '{}', { timeoutMs: 200 })).toMatchObject({ status: null, error: 'timeout after 200 ms' });
  const long = await serve((_req, res) => res.end('x'.repeat(50_000)));
  const r = await post(long, loopback, {}, '{}', { timeoutMs: 2000 });
  expect(r.status).toBe(200);
  expect(r.responseStart).toHaveLength(1000);
});

test('it connects to the given address, whatever the name says, and sends the name as Host', async () => {
  let host: string | undefined;
  const url = await serve((req, res) => {
    host = req.headers.host;
    res.end();
  });
  const named = new URL(url.href.replace('127.0.0.1', 'nowhere.invalid'));
  expect((await post(named, loopback, {}, '{}', { timeoutMs: 2000 })).status).toBe(200);
  expect(host).toBe(`nowhere.invalid:${url.port}`);
});
