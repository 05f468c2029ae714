// Static files: the built SDK under /sdk/*, the examples under /examples/*,
// the studio under /studio/assets/*. Hashed file names never change content, so
// they are cached for a year; the rest revalidate with an ETag.
// Only files really inside the folder are served: each path segment is
// decoded and checked (no `..`, no dotfiles, no backslash or NUL), and the
// file's real path (symlinks resolved) must still be under the folder's real
// path, so a link inside it (node_modules of an example) cannot reach out.
//
// Text files go out compressed (brotli, else gzip, as the client accepts):
// a host page on a slow phone waits for bytes, and the widget's chunks are a
// third of their size in brotli. Each file is compressed once per version
// (size and mtime) and kept in a small cache, so a request costs no CPU.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context, Hono } from 'hono';
import Negotiator from 'negotiator';

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

/** Types worth compressing (images here are already compressed). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.cjs', '.css', '.json', '.map', '.svg', '.txt', '.ts', '.md']);
/** Larger files stream as they are: compressing them in memory would cost more than it saves here. */
const COMPRESS_MAX_BYTES = 4 * 1024 * 1024;
/** Below this, the headers outweigh the saving. */
const COMPRESS_MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

type Encoding = 'br' | 'gzip';

/** Compressed bodies by file, version and encoding; bounded, oldest dropped first. */
const compressed = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
const COMPRESSED_ENTRIES = 256;

function compressedBody(file: string, version: string, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
  const key = `${encoding}:${version}:${file}`;
  let body = compressed.get(key);
  if (!body) {
    body = readFile(file)
      .then((raw) =>
        encoding === 'br'
          ? brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : gz(raw, { level: 9 }),
      )
      .then((buf) => new Uint8Array(buf));
    // A failed read is not cached: the next request tries again.
    body.catch(() => compressed.delete(key));
    compressed.set(key, body);
    if (compressed.size > COMPRESSED_ENTRIES) compressed.delete(compressed.keys().next().value!);
  }
  return body;
}

/** The encoding to send for this request: the client's preference among brotli and gzip (RFC 9110 q-values), or none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  // negotiator 1.x breaks ties by our preference (`preferred`); @types/negotiator still describes 0.6.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as {
    encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
  };
  const pick = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  return pick === 'br' || pick === 'gzip' ? pick : undefined;
}

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
  const version = `${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}`;
  const compressible = COMPRESSIBLE.has(extname(file)) && s.size >= COMPRESS_MIN_BYTES && s.size <= COMPRESS_MAX_BYTES;
  const encoding = compressible ? chooseEncoding(c.req.header('accept-encoding')) : undefined;
  // Each representation has its own validator (RFC 9110 8.8.3), so a cache never serves gzip to a client that asked for brotli.
  const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cacheControl(file),
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (compressible) headers['Vary'] = 'Accept-Encoding';
  if (encoding) headers['Content-Encoding'] = encoding;
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  if (encoding) {
    const body = await compressedBody(file, version, encoding);
    headers['Content-Length'] = String(body.length);
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(body, 200, headers);
  }
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
