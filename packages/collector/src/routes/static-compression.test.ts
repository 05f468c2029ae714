// Text files are sent compressed as the client accepts (brotli first), each
// encoding with its own ETag; small files and images go as they are. Raw
// node:http requests, so no client decompresses or adds Accept-Encoding.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { testCollector } from '../test-fixtures.js';
import { chooseEncoding } from './static.js';

// Text that compresses, like a bundle does.
const BIG = Array.from({ length: 400 }, (_, i) => `function f${i}(a){return a+${i}}`).join(';');
let c: Collector;
let server: Listening;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sayso-gz-'));
  await writeFile(join(dir, 'big.js'), BIG);
  await writeFile(join(dir, 'small.js'), 'tiny()');
  await writeFile(join(dir, 'pic.png'), Buffer.alloc(4096, 7));
  c = await testCollector({ examplesDir: dir });
  server = await c.listen({ port: 0 });
});
afterAll(() => c.close());

function get(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('brotli when accepted, gzip when only it is, the same bytes after decoding', async () => {
  const br = await get('/examples/big.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['vary']).toBe('Accept-Encoding');
  expect(Number(br.headers['content-length'])).toBe(br.body.length);
  expect(br.body.length).toBeLessThan(BIG.length / 4);
  expect(brotliDecompressSync(br.body).toString()).toBe(BIG);

  const gz = await get('/examples/big.js', { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).toString()).toBe(BIG);
  expect(gz.headers['etag']).not.toBe(br.headers['etag']);

  for (const none of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'deflate' }]) {
    const plain = await get('/examples/big.js', none);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG);
    expect(plain.headers['vary']).toBe('Accept-Encoding');
  }
});

test('each encoding revalidates with its own ETag; HEAD gives the compressed length', async () => {
  const br = await get('/examples/big.js', { 'accept-encoding': 'br' });
  expect((await get('/examples/big.js', { 'accept-encoding': 'br', 'if-none-match': br.headers['etag'] as string })).status).toBe(304);
  // The brotli validator does not revalidate a gzip representation.
  expect((await get('/examples/big.js', { 'accept-encoding': 'gzip', 'if-none-match': br.headers['etag'] as string })).status).toBe(200);
  const head = await get('/examples/big.js', { 'accept-encoding': 'br' }, 'HEAD');
  expect(head.headers['content-length']).toBe(String(br.body.length));
  expect(head.body.length).toBe(0);
});

test('small files and images go as they are', async () => {
  const small = await get('/examples/small.js', { 'accept-encoding': 'br, gzip' });
  expect(small.headers['content-encoding']).toBeUndefined();
  expect(small.body.toString()).toBe('tiny()');
  const png = await get('/examples/pic.png', { 'accept-encoding': 'br, gzip' });
  expect(png.headers['content-encoding']).toBeUndefined();
  expect(png.headers['vary']).toBeUndefined();
  expect(png.body.length).toBe(4096);
});

test('chooseEncoding follows q-values and prefers brotli on a tie', () => {
  expect(chooseEncoding(undefined)).toBeUndefined();
  expect(chooseEncoding('')).toBeUndefined();
  expect(chooseEncoding('gzip, br')).toBe('br');
  expect(chooseEncoding('*')).toBe('br');
  expect(chooseEncoding('BR')).toBe('br');
  expect(chooseEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
  expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
  expect(chooseEncoding('*;q=0')).toBeUndefined();
  expect(chooseEncoding('brotli, gzipped, x-gzip2')).toBeUndefined();
});
