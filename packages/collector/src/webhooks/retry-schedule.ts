// When a failed delivery is tried again. The schedule is the one of issue
// #14 (Standard Webhooks suggests one like it): at once, then 5 s, 5 min,
// 30 min, 2 h, 5 h, 10 h and 10 h, eight attempts over about 28 hours. Each
// wait gets up to 10 % of jitter so endpoints that failed together are not
// all retried in the same second. `scale` shrinks the schedule for tests and
// staging (configuration `webhooks.retryScale`), so nothing mocks a clock.

/** Waits after the 1st, 2nd, … failed attempt, in milliseconds. */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** Attempts a delivery gets before it is marked failed (the first plus one per delay). */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The longest `Retry-After` honoured (a receiver asking for a week is asking for too much). */
export const MAX_RETRY_AFTER_MS = 36_000_000;

/**
 * Milliseconds to wait after attempt number `attempt` (1-based) failed, or
 * `undefined` when it was the last. `retryAfterMs` (from the answer's
 * `Retry-After`) is a floor: the next attempt never comes sooner.
 */
export function nextDelay(attempt: number, options: { scale: number; retryAfterMs?: number | undefined; random?: () => number }): number | undefined {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return undefined;
  const jitter = 1 + 0.1 * (options.random ?? Math.random)();
  const scheduled = Math.round(base * options.scale * jitter);
  const asked = options.retryAfterMs === undefined ? 0 : Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(scheduled, asked);
}

/**
 * A `Retry-After` value in milliseconds: delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3); `undefined` when absent or not one of those.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the IMF-fixdate form senders must use ("Sun, 06 Nov 1994 08:49:37 GMT").
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
