// Fixed-window request counters per key (site, client IP). Kept in memory
// on purpose: a limit per instance is enough to blunt abuse, and losing the
// counters on restart loses nothing that matters. Behind a load balancer each
// instance enforces its own share.

/** A limiter's answer: allowed, or how many seconds until the window resets. */
export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

/** Counts hits per key in one-minute windows. */
export interface RateLimiter {
  hit(key: string, limit: number): RateDecision;
  /** Like `hit` without counting: refused once `limit` hits are in the window. */
  peek(key: string, limit: number): RateDecision;
}

/** A rate limiter with windows of `windowMs` (one minute by default). */
export function rateLimiter(windowMs = 60_000, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = now() + windowMs;
  return {
    hit(key, limit) {
      const t = now();
      if (t >= nextSweep) {
        // Drop finished windows now and then, so the map cannot grow without bound.
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        nextSweep = t + windowMs;
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count++;
      if (w.count <= limit) return { ok: true };
      return { ok: false, retryAfter: Math.max(1, Math.ceil((w.resetAt - t) / 1000)) };
    },
    peek(key, limit) {
      const t = now();
      const w = windows.get(key);
      if (!w || w.resetAt <= t || w.count < limit) return { ok: true };
      return { ok: false, retryAfter: Math.max(1, Math.ceil((w.resetAt - t) / 1000)) };
    },
  };
}
