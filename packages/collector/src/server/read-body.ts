// Reading a request body as text under a size limit, without Hono's
// bodyLimit middleware. That middleware touches `c.req.raw.body`, which makes
// @hono/node-server build a full web Request around a web stream of the
// socket; `c.req.text()` alone reads the Node stream straight into a buffer.
// On the ingest path that difference was about a tenth of the collector's CPU.
import type { Context } from 'hono';

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
