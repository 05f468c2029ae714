// The one gate of the admin API and the studio: `requireRole(ctx, 'editor')`
// lets a request through when its actor holds that role or a higher one,
// and records the actor on the context (`actorOf(c)`) for the activity log.
//
// Credentials, in this order:
//   1. `Authorization: Bearer <x>`, which decides alone: the config secret
//      (an admin), or an API token (its role, capped by its maker's role now:
//      a demoted user's tokens lose power with them);
//   2. the studio's session cookie (`sayso_studio`): the signed-in user.
// (The old report's cookie, `sayso_session`, is no credential any more: the
// report is a section of the studio, and its sign-in with the secret is gone.)
// A cookie-authenticated request that changes something must come from one
// of the collector's own origins (auth/csrf.ts).
import type { Context, MiddlewareHandler } from 'hono';
import { authFailed, lockedOut, safeEqual, tooManyFailures } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import type { ApiToken } from '../storage/api-tokens.js';
import type { User } from '../storage/users.js';
import { CROSS_SITE, SAFE_METHODS, isOwnOrigin } from './csrf.js';
import { ROLES, SECRET_ACTOR, atLeast, type Actor, type Role } from './roles.js';
import { isApiTokenShape, secretHash } from './secret-ids.js';
import { STUDIO_SESSION, studioCookie } from './studio-session.js';

declare module 'hono' {
  interface ContextVariableMap {
    actor: Actor;
    identity: Identity;
  }
}

/** A request's credentials, accepted. */
export interface Identity {
  actor: Actor;
  /** How they came: a cookie (CSRF applies) or a Bearer token. */
  via: 'bearer' | 'cookie';
  /** The account: the signed-in user, or the maker of the token. */
  user?: User;
  /** The API token, when one was used. */
  token?: ApiToken;
}

/**
 * Credentials refused: `missing` (none, or a session that ended: nobody
 * guessed anything) or `bad` (a wrong secret or unknown token: counted as a
 * failed attempt), with the reason the 401 gives.
 */
export interface Refused {
  refused: 'missing' | 'bad';
  error: string;
}

/** The identification step of the guard, on its own. */
export type Identified = Identity | Refused;

const NONE = 'sign in, or send a token (Authorization: Bearer <token>)';

/** The lower of two roles. */
function lower(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

async function bearer(ctx: AppContext, value: string): Promise<Identified> {
  if (safeEqual(value, ctx.config.secret)) return { actor: SECRET_ACTOR, via: 'bearer' };
  if (!isApiTokenShape(value)) return { refused: 'bad', error: 'the Bearer token is neither the config secret nor an API token' };
  const found = await ctx.storage.apiTokens.use(secretHash(value), STUDIO_SESSION.touchSeconds);
  // A revoked token is not a guess: someone held it. Not counted, so a forgotten cron job cannot lock its address out.
  if (found === 'revoked') return { refused: 'missing', error: 'this API token was revoked' };
  if (found === 'unknown') return { refused: 'bad', error: 'unknown API token' };
  const { token, user } = found;
  if (user.disabled) return { refused: 'missing', error: `the account that made this token (${user.email}) is disabled` };
  const role = lower(token.role, user.role);
  return { actor: { kind: 'token', id: token.id, label: `token "${token.name}" of ${user.email}`, role }, via: 'bearer', user, token };
}

async function studioSession(ctx: AppContext, id: string): Promise<Identified> {
  const state = await ctx.storage.sessions.use(secretHash(id), STUDIO_SESSION);
  if (state === 'expired') return { refused: 'missing', error: 'your session expired: sign in again' };
  // Random 256-bit ids are not guessed, so an unknown one is a session that ended (signed out, revoked, swept).
  if (state === 'unknown') return { refused: 'missing', error: 'your session has ended (signed out, or revoked by a password change): sign in again' };
  if (state === 'disabled') return { refused: 'missing', error: 'your account is disabled' };
  const { user } = state;
  return { actor: { kind: 'user', id: user.id, label: user.email, role: user.role }, via: 'cookie', user };
}

/** Who the request comes from, or why it is refused. */
export async function identify(c: Context, ctx: AppContext): Promise<Identified> {
  const auth = c.req.header('authorization');
  if (auth !== undefined) {
    // The scheme is case-insensitive (RFC 9110 §11.1); the token is taken as it is.
    const m = /^bearer ([\s\S]*)$/i.exec(auth);
    if (!m) return { refused: 'bad', error: 'the Authorization header must be "Bearer <token>"' };
    return bearer(ctx, m[1]!);
  }
  const session = studioCookie(c);
  if (session !== undefined) return studioSession(ctx, session);
  return { refused: 'missing', error: NONE };
}

/** The actor a guard let through (throws when no guard ran: a wiring mistake, not a client's). */
export function actorOf(c: Context): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Error('actorOf: no requireRole guard ran for this route');
  return actor;
}

/** The identity a guard let through (the same wiring rule as `actorOf`). */
export function identityOf(c: Context): Identity {
  const identity = c.get('identity');
  if (!identity) throw new Error('identityOf: no requireRole guard ran for this route');
  return identity;
}

/**
 * Middleware: an actor with at least `role`. 429 while the client is locked
 * out after failed attempts, 401 without valid credentials, 403 for a
 * cross-site cookie request that changes something, 403 with too low a role;
 * each says why.
 */
export function requireRole(ctx: AppContext, role: Role): MiddlewareHandler {
  return async (c, next) => {
    const wait = lockedOut(c, ctx);
    if (wait !== undefined) return tooManyFailures(c, wait);
    const found = await (ctx.identify ?? identify)(c, ctx);
    // A bare actor from a replaced identify (tests) counts as a Bearer credential.
    const who: Identified = 'kind' in found ? { actor: found, via: 'bearer' } : found;
    if ('refused' in who) {
      if (who.refused === 'bad') authFailed(c, ctx, 'admin credentials');
      return c.json({ error: who.error }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    if (who.via === 'cookie' && !SAFE_METHODS.has(c.req.method) && !isOwnOrigin(c.req.header('origin'), ctx.self)) {
      return c.json({ error: CROSS_SITE }, 403);
    }
    if (!atLeast(who.actor.role, role)) {
      const capped = who.token && who.user && who.user.role !== who.token.role && who.actor.role === who.user.role ? ` (capped by its maker's role)` : '';
      return c.json({ error: `this needs the ${role} role; ${who.actor.label} has ${who.actor.role}${capped}` }, 403);
    }
    c.set('actor', who.actor);
    c.set('identity', who);
    await next();
  };
}
