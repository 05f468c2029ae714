// Static files: the built SDK under /sdk/*, the examples under /examples/*,
// uPlot under /report/assets/*. Hashed file names never change content, so
// they are cached for a year; the rest revalidate with an ETag.
// Only files really inside the folder are served: each path segment is
// decoded and checked (no `..`, no dotfiles, no backslash or NUL), and the
// file's real path (symlinks resolved) must still be under the folder's real
// path, so a link inside it (node_modules of an example) cannot reach out.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
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

/**
 * The decoded segments of `rel` (the part of the path after the prefix), or
 * null when one would leave the folder or name a hidden file: `.`, `..`,
 * a leading dot, a backslash (a separator on Windows), NUL or an encoded `/`.
 */
export function safeSegments(rel: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rel.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '') continue;
    if (segment.startsWith('.') || /[\\/\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** True when `file` is `root` or inside it. */
const inside = (root: string, file: string) => file === root || file.startsWith(root + sep);

/** The real path of `file` when it exists and is inside `root` (real path too), else null. */
async function realInside(root: string, file: string): Promise<string | null> {
  const real = await realpath(file).catch(() => null);
  return real !== null && inside(root, real) ? real : null;
}

/** Serves one file of `dir` for `rel`, or returns null when there is none (or none it may serve). */
async function serveFile(c: Context, dir: string, rel: string, cacheControl: (file: string) => string): Promise<Response | null> {
  const segments = safeSegments(rel);
  if (!segments) return null;
  const root = await realpath(resolve(dir)).catch(() => null);
  if (!root) return null;
  let file = await realInside(root, resolve(join(root, ...segments)));
  if (!file) return null;
  let s = await stat(file).catch(() => null);
  if (s?.isDirectory()) {
    if (!c.req.path.endsWith('/')) return c.redirect(`${c.req.path}/`, 301);
    file = await realInside(root, join(file, 'index.html'));
    s = file ? await stat(file).catch(() => null) : null;
  }
  if (!file || !s?.isFile()) return null;
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
