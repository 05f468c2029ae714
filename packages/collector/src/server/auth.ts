// The config's secret compared in constant time (auth/guard.ts takes it as a
// Bearer token, an admin's, beside the studio's users and their API tokens),
// and the count of failed authentications per client IP: past
// `limits.authFailuresPerMinute` every route that authenticates answers 429
// until the window ends, whatever the credentials (else the 429 itself would
// tell a right guess from a wrong one). The report's own sign-in with the
// secret, and its cookie, retired with the old /report page (issue #13).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { clientIp, type AppContext } from './context.js';

// Both sides are hashed under a key of this process before the comparison,
// so it takes the same time whatever the lengths: timingSafeEqual needs equal
// lengths, and checking them first would tell how long the secret is.
const COMPARE_KEY = randomBytes(32);

/** Constant-time string equality (of UTF-8 bytes). */
export function safeEqual(a: string, b: string): boolean {
  const x = createHmac('sha256', COMPARE_KEY).update(a).digest();
  const y = createHmac('sha256', COMPARE_KEY).update(b).digest();
  return timingSafeEqual(x, y);
}

const failureKey = (c: Context, ctx: AppContext) => `auth-failed:${clientIp(c, ctx.trustProxy)}`;

/** Seconds until this client may try again, when it has failed too often in this window. */
export function lockedOut(c: Context, ctx: AppContext): number | undefined {
  const d = ctx.limiter.peek(failureKey(c, ctx), ctx.config.limits.authFailuresPerMinute);
  return d.ok ? undefined : d.retryAfter;
}

/** Counts one failed authentication of this client. */
export function authFailed(c: Context, ctx: AppContext, what: string): void {
  ctx.limiter.hit(failureKey(c, ctx), ctx.config.limits.authFailuresPerMinute);
  ctx.log.warn('authentication failed', { what, ip: clientIp(c, ctx.trustProxy), path: c.req.path });
}

/** The 429 of a locked-out client (JSON routes). */
export function tooManyFailures(c: Context, retryAfter: number, headers: Record<string, string> = {}): Response {
  return c.json({ error: 'too many failed authentications from this address: try again later' }, 429, { ...headers, 'Retry-After': String(retryAfter) });
}
