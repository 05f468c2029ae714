// The config's secret: as a Bearer token for the API, or as a session
// cookie after the report's sign-in form (the reading routes take both, and
// the studio's users and tokens, through requireRole in auth/guard.ts). The cookie holds an
// expiry and an HMAC of it under the secret, so sessions need no server
// state and survive restarts and load balancers. Failed authentications
// are counted per client IP: past `limits.authFailuresPerMinute` every
// route that authenticates answers 429 until the window ends, whatever the
// credentials (else the 429 itself would tell a right guess from a wrong one).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { clientIp, type AppContext } from './context.js';

/** Name of the report's session cookie. */
export const SESSION_COOKIE = 'sayso_session';
/** How long a report session lasts. */
export const SESSION_MS = 12 * 3600_000;

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

function mac(secret: string, expires: number): string {
  return createHmac('sha256', secret).update(`sayso-session:${expires}`).digest('base64url');
}

/** A new session token valid until `now + SESSION_MS`. */
export function sessionToken(secret: string, now = Date.now()): string {
  const expires = now + SESSION_MS;
  return `${expires}.${mac(secret, expires)}`;
}

/** What a session token is: made with the secret and unexpired, made with it but expired, or not made with it. */
function session(secret: string, token: string, now: number): 'ok' | 'expired' | 'bad' {
  const dot = token.indexOf('.');
  const expires = Number(token.slice(0, dot));
  if (dot < 1 || !Number.isSafeInteger(expires) || !safeEqual(token.slice(dot + 1), mac(secret, expires))) return 'bad';
  return expires < now ? 'expired' : 'ok';
}

/** True for an unexpired token made with `secret`. */
export function validSession(secret: string, token: string | undefined, now = Date.now()): boolean {
  return token !== undefined && session(secret, token, now) === 'ok';
}

/**
 * The credentials of a request: `ok`, `missing` (none, or a session that
 * expired: nobody guessed anything) or `bad` (a wrong secret, another
 * scheme, a forged cookie). An `Authorization` header decides alone; it
 * must be `Bearer <secret>` exactly (the scheme in any case, RFC 9110).
 */
export function credentials(c: Context, secret: string, now = Date.now()): 'ok' | 'missing' | 'bad' {
  const auth = c.req.header('authorization');
  if (auth !== undefined) {
    const m = /^bearer ([\s\S]*)$/i.exec(auth);
    return m && safeEqual(m[1]!, secret) ? 'ok' : 'bad';
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (token === undefined) return 'missing';
  const s = session(secret, token, now);
  return s === 'ok' ? 'ok' : s === 'expired' ? 'missing' : 'bad';
}

/** True when the request carries the secret (Bearer) or a valid session cookie. */
export function authorized(c: Context, secret: string): boolean {
  return credentials(c, secret) === 'ok';
}

/** Constant-time check of a secret typed into the sign-in form. */
export function secretMatches(secret: string, given: string): boolean {
  return safeEqual(given, secret);
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
