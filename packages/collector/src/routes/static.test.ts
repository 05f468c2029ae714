// Static files stay inside their folder: symlinks are resolved and must land
// inside its real path, hidden files are not served, and `..` is refused
// however it is spelled. Raw paths go over a real socket: an in-process
// Request would have its URL normalised (%2e%2e folded) before the app sees it.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { safeSegments } from './static.js';
import { testCollector } from '../test-fixtures.js';

let c: Collector;
let server: Listening;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'sayso-static-'));
  const root = join(base, 'examples');
  const outside = join(base, 'outside');
  await mkdir(join(root, 'site', 'sub'), { recursive: true });
  await mkdir(join(root, 'site', '.git'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(root, 'site', 'index.html'), '<p>inside</p>');
  await writeFile(join(root, 'site', 'sub', 'a.js'), 'inside()');
  await writeFile(join(root, 'site', '.env'), 'SECRET=1');
  await writeFile(join(root, 'site', '.git', 'config'), '[core]');
  await writeFile(join(outside, 'secret.txt'), 'OUTSIDE');
  await writeFile(join(outside, 'index.html'), 'OUTSIDE INDEX');
  // What pnpm leaves under an example: node_modules links that point out of the folder.
  await mkdir(join(root, 'site', 'node_modules'), { recursive: true });
  await symlink(outside, join(root, 'site', 'node_modules', 'pkg'));
  await symlink(join(outside, 'secret.txt'), join(root, 'site', 'leak.txt'));
  await symlink(outside, join(root, 'site', 'linked'));
  // A link that stays inside is fine.
  await symlink(join(root, 'site', 'sub', 'a.js'), join(root, 'site', 'alias.js'));
  c = await testCollector({ examplesDir: root });
  server = await c.listen({ port: 0 });
});
afterAll(() => c.close());

/** GET with the path sent exactly as written. */
function raw(path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { path, method: 'GET' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('files inside the folder are served, a link that stays inside too', async () => {
  expect(await raw('/examples/site/')).toMatchObject({ status: 200, text: '<p>inside</p>' });
  expect(await raw('/examples/site/sub/a.js')).toMatchObject({ status: 200, text: 'inside()' });
  expect(await raw('/examples/site/alias.js')).toMatchObject({ status: 200, text: 'inside()' });
  expect((await raw('/examples/site')).status).toBe(301);
});

test.each([
  '/examples/site/leak.txt',
  '/examples/site/linked/secret.txt',
  '/examples/site/linked/',
  '/examples/site/node_modules/pkg/secret.txt',
  '/examples/site/.env',
  '/examples/site/.git/config',
  '/examples/site/%2eenv',
  '/examples/site/%2e%2e/%2e%2e/outside/secret.txt',
  '/examples/%2e%2e/outside/secret.txt',
  '/examples/site/..%2f..%2foutside/secret.txt',
  '/examples/site/%2e%2e%5c%2e%2e%5coutside%5csecret.txt',
  '/examples/site/sub%5c..%5c..%5c..%5coutside%5csecret.txt',
  '/examples/site/sub%2fa.js',
])('%s is not served', async (path) => {
  const res = await raw(path);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.text).not.toMatch(/OUTSIDE|SECRET=|\[core\]/);
});

test('safeSegments refuses each way out, after decoding', () => {
  expect(safeSegments('/a/b%20c/d.js')).toEqual(['a', 'b c', 'd.js']);
  for (const rel of ['/..', '/a/%2e%2e/b', '/.env', '/a/%2Egit', '/a\\b', '/a%5cb', '/a%2fb', '/a%00b', '/%E0%A4%A']) expect(safeSegments(rel)).toBeNull();
});
