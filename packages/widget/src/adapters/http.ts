import type { IngestBatch } from '@sayso/core';
import type { Adapter, Batch, SendOutcome } from '../delivery/types.js';
import { json } from '../plain.js';

/** Options of {@link httpAdapter}. */
export interface HttpAdapterOptions {
  /** The full ingest URL: a collector's `{endpoint}/v1/responses`. */
  url: string;
  /** Extra request headers, or a function evaluated before every send (e.g. a fresh token). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Abort an attempt after this many ms (delivery also times attempts out, after 30 s by default). */
  timeout?: number;
}

/**
 * Reads a `Retry-After` value, seconds or an HTTP date, as ms capped at 5
 * minutes; `undefined` when missing or unreadable (then backoff decides).
 */
export function retryAfter(v: string | null | undefined, now = Date.now()): number | undefined {
  // An HTTP date has letters (day and month names); V8's Date.parse would otherwise read "7.5" as July 5th.
  const ms = !v ? NaN : /^\s*\d+\s*$/.test(v) ? +v * 1000 : /[a-z]/i.test(v) ? Date.parse(v) - now : NaN;
  return ms == ms ? Math.min(Math.max(ms, 0), 3e5) : undefined;
}

/**
 * The JSON body of the wire format (@sayso/core `IngestBatch`): the batch (exactly site, responses, events) and when it
 * was sent. Written by sayso's own `json`, so a page's `Array.prototype.toJSON` (Prototype.js) or replaced
 * JSON.stringify cannot turn `responses` into a string.
 */
export const body = (b: Batch): string => json({ ...b, sentAt: new Date().toISOString() } satisfies IngestBatch);

/**
 * Posts each batch as JSON to a sayso collector (or any server speaking the
 * wire format) with an `Idempotency-Key` header, and maps the answer: 2xx ok;
 * network errors, timeouts, 408, 429 and 5xx (not 501/505) retry, honouring
 * `Retry-After`; 413 too large; 401/403 auth; any other status rejects, with
 * the refused items of a 400 partial acceptance. During page unload it uses
 * `fetch(..., { keepalive: true })`.
 * @example
 * httpAdapter({ url: 'https://feedback.example.com/v1/responses' })
 */
export function httpAdapter(options: HttpAdapterOptions): Adapter {
  return {
    name: 'http',
    async send(batch, ctx): Promise<SendOutcome> {
      let res: Response;
      try {
        const h = options.headers;
        res = await fetch(options.url, {
          method: 'POST',
          body: body(batch),
          keepalive: ctx.unloading,
          // AbortSignal.any is missing before Safari 17.4: then only delivery's own timeout applies.
          signal: (options.timeout && AbortSignal.any?.([ctx.signal, AbortSignal.timeout(options.timeout)])) || ctx.signal,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': ctx.idempotencyKey,
            'x-sayso-site': batch.site,
            ...(typeof h == 'function' ? await h() : h),
          },
        });
      } catch (e) {
        return { status: 'retry', reason: `${e}` };
      }
      const s = res.status;
      const reason = `HTTP ${s}`;
      return s < 300
        ? { status: 'ok' }
        : s == 413
          ? { status: 'too-large' }
          : s == 401 || s == 403
            ? { status: 'reject', reason, auth: true }
            : s == 408 || s == 429 || (s > 499 && s != 501 && s != 505)
              ? ({ status: 'retry', reason, delayMs: retryAfter(res.headers.get('retry-after')) } as SendOutcome)
              : // A 400 may be a partial acceptance: only the listed items are bad, the others are stored.
                ({ status: 'reject', reason, items: s == 400 ? (await res.json().catch(() => 0))?.errors : undefined } as SendOutcome);
    },
  };
}
