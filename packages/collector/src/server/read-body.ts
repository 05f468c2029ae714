// Reading a request body as text under a size limit, without Hono's
// bodyLimit middleware. That middleware touches `c.req.raw.body`, which makes
// @hono/node-server build a full web Request around a web stream of the
// socket; `c.req.text()` alone reads the Node stream straight into a buffer.
// On the ingest path that difference was about a tenth of the collector's CPU.
import type { Context, MiddlewareHandler } from 'hono';

/** The outcome of `readText`: the body, or `null` when it is over the limit. */
export type BodyText = string | null;

/**
 * The request body decoded as UTF-8, or `null` when it is larger than
 * `maxBytes`. A declared `Content-Length` over the limit is refused before
 * anything is read; a body without one (chunked) is counted as it streams
 * and abandoned as soon as it passes the limit.
 */
export async function readText(c: Context, maxBytes: number): Promise<BodyText> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number(declared) > maxBytes) return null;
    // Node's HTTP parser stops at Content-Length, so this cannot read more than
    // was declared; a Request built in-process has no such framing, hence the check.
    const text = await c.req.text();
    return withinLimit(text, maxBytes) ? text : null;
  }
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** True when `text` encodes to at most `maxBytes` UTF-8 bytes (a UTF-16 unit is 1 to 3 bytes). */
function withinLimit(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return false;
  return text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes;
}

/** Methods whose requests may carry a body. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const bodies = new WeakMap<Request, string>();

/**
 * Middleware: reads the body of every POST, PUT, PATCH and DELETE under
 * `maxBytes` (413 beyond, declared or streamed) before any route runs, so no
 * route can forget its limit. Routes then take it with `bodyText(c)`. A body
 * already read by an earlier (stricter) `bodyLimit` is left as it is; paths
 * in `skip` (`'POST /v1/responses'`) read their own body (ingest answers its
 * 413 with CORS headers).
 */
export function bodyLimit(maxBytes: number, skip: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method) || bodies.has(c.req.raw) || skip.includes(`${c.req.method} ${c.req.path}`)) return next();
    const text = await readText(c, maxBytes);
    if (text === null) return c.json({ error: `body larger than ${maxBytes} bytes` }, 413);
    bodies.set(c.req.raw, text);
    return next();
  };
}

/** The body `bodyLimit` read ('' when there was none). */
export function bodyText(c: Context): string {
  return bodies.get(c.req.raw) ?? '';
}
