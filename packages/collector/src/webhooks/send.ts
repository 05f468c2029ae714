// One HTTP POST of a delivery, to the address the guard checked. Node's
// http(s) client resolves names through `lookup`; giving it one that answers
// the checked address means the socket connects there and nowhere else,
// while Host and TLS SNI (and so certificate checks) keep the URL's name.
// Redirects are not followed (a 3xx is a failed attempt, as Standard
// Webhooks advises); the whole attempt has `timeoutMs`.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './address-guard.js';

/** How much of an answer's body the log keeps. */
export const RESPONSE_START_CHARS = 1000;

/** What came back. */
export interface SendResult {
  status: number | null;
  headers: IncomingMessage['headers'];
  /** The first RESPONSE_START_CHARS characters of the body. */
  responseStart: string | null;
  /** A failure without an answer: `timeout after 15000 ms`, `ECONNREFUSED`. */
  error: string | null;
  latencyMs: number;
}

/** POSTs `body` to `url`, connecting to `address`. Never rejects: failures are results. */
export function post(url: URL, address: ResolvedAddress, headers: Record<string, string>, body: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<SendResult> {
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const lookup: LookupFunction = (_host, opts, callback) => {
    // `all` is asked for by happy-eyeballs connects (autoSelectFamily).
    if ((opts as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  return new Promise<SendResult>((resolve) => {
    let done = false;
    const finish = (r: Omit<SendResult, 'latencyMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, latencyMs: elapsed() });
    };
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      lookup,
      agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'sayso-webhooks/1' },
    });
    // An answer whose status came in time counts by its status, even if its body is still trickling.
    let answer: { res: IncomingMessage; text: string } | undefined;
    const timer = setTimeout(() => {
      if (answer) finish({ status: answer.res.statusCode ?? null, headers: answer.res.headers, responseStart: answer.text.slice(0, RESPONSE_START_CHARS), error: null });
      request.destroy(new Error(`timeout after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const onAbort = () => request.destroy(new Error('aborted: the collector is stopping'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (err: NodeJS.ErrnoException) => finish({ status: null, headers: {}, responseStart: null, error: err.code ? `${err.code}: ${err.message}` : err.message }));
    request.on('response', (res) => {
      const got = { res, text: '' };
      answer = got;
      res.setEncoding('utf8');
      const end = () => finish({ status: res.statusCode ?? null, headers: res.headers, responseStart: got.text.slice(0, RESPONSE_START_CHARS), error: null });
      res.on('data', (chunk: string) => {
        got.text += chunk;
        // Enough for the log: stop reading a large or endless body.
        if (got.text.length >= RESPONSE_START_CHARS) {
          end();
          res.destroy();
        }
      });
      res.on('end', end);
      res.on('error', end);
    });
    request.end(body);
  });
}
