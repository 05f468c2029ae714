// Static files: the built SDK under /sdk/*, the examples under /examples/*,
// uPlot under /report/assets/*. Hashed file names never change content, so
// they are cached for a year; the rest revalidate with an ETag.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** Rollup's `[name]-[hash]` (8+ url-safe characters before the extension). */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.(?:m?js|css)$/;

/** Serves one file of `dir` for `rel`, or returns null when there is none. */
async function serveFile(c: Context, dir: string, rel: string, cacheControl: (file: string) => string): Promise<Response | null> {
  const root = resolve(dir);
  let file = resolve(join(root, decodeURIComponent(rel)));
  if (file !== root && !file.startsWith(root + sep)) return null; // no way out of the folder
  let s = await stat(file).catch(() => null);
  if (s?.isDirectory()) {
    if (!c.req.path.endsWith('/')) return c.redirect(`${c.req.path}/`, 301);
    file = join(file, 'index.html');
    s = await stat(file).catch(() => null);
  }
  if (!s?.isFile()) return null;
  const etag = `W/"${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}"`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cacheControl(file),
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  headers['Content-Length'] = String(s.size);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream, 200, headers);
}

/**
 * Mounts `dir` at `prefix` (`/sdk`). SDK files are fetched cross-origin by
 * the pages that embed them, so they carry `Access-Control-Allow-Origin: *`
 * (they are public).
 */
export function staticRoutes(app: Hono, prefix: string, dir: string | undefined, options: { cors?: boolean; immutableHashed?: boolean; maxAge?: number } = {}): void {
  if (!dir) return;
  app.on(['GET', 'HEAD'], `${prefix}/*`, async (c) => {
    const rel = c.req.path.slice(prefix.length) || '/';
    const res = await serveFile(c, dir, rel, (file) =>
      options.immutableHashed && HASHED.test(file) ? 'public, max-age=31536000, immutable' : `public, max-age=${options.maxAge ?? 0}, must-revalidate`,
    );
    if (!res) return c.text('not found', 404);
    if (options.cors) res.headers.set('Access-Control-Allow-Origin', '*');
    return res;
  });
}
