// The studio's session cookie: `sayso_studio`, holding a random session id
// (its hash is the key of a row in sayso_sessions). HttpOnly (no script
// reads it), SameSite=Strict (no other site's page sends it), Path=/ (the
// studio and the admin API), Secure when the collector is reached over
// https. Expiry slides with use up to an absolute cap; the cookie itself
// lasts as long as the cap, and the server decides the rest.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../server/context.js';
import type { SessionLifetime } from '../storage/sessions.js';

/** Name of the studio's session cookie. */
export const STUDIO_COOKIE = 'sayso_studio';

/** Sessions end after 12 hours unused, and 7 days after sign-in at the latest. */
export const STUDIO_SESSION: SessionLifetime = Object.freeze({ idleSeconds: 12 * 3600, maxSeconds: 7 * 86400, touchSeconds: 60 });

/** True when the cookie must be `Secure`: the collector's public URL is https (or this request came over https). */
export function secureCookies(c: Context, ctx: AppContext): boolean {
  return ctx.config.publicOrigin?.startsWith('https:') === true || new URL(c.req.url).protocol === 'https:';
}

/** Sets the session cookie. */
export function setStudioCookie(c: Context, ctx: AppContext, sessionId: string): void {
  setCookie(c, STUDIO_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secureCookies(c, ctx),
    path: '/',
    maxAge: STUDIO_SESSION.maxSeconds,
  });
}

/** Clears the session cookie (same attributes, so the browser replaces it). */
export function clearStudioCookie(c: Context, ctx: AppContext): void {
  deleteCookie(c, STUDIO_COOKIE, { httpOnly: true, sameSite: 'Strict', secure: secureCookies(c, ctx), path: '/' });
}

/** The session id the request carries, if any. */
export function studioCookie(c: Context): string | undefined {
  const value = getCookie(c, STUDIO_COOKIE);
  return value === undefined || value === '' ? undefined : value;
}
