// The one gate of the admin API and the studio: `requireRole(ctx, 'editor')`
// lets a request through when its actor holds that role or a higher one,
// and records the actor on the context (`actorOf(c)`) for the activity log.
//
// Credentials today: the config file's secret (Bearer, or the report's
// session cookie), which acts as an admin. Users, their sessions and API
// tokens plug in here (auth/ holds them), so every route keeps one guard.
import type { Context, MiddlewareHandler } from 'hono';
import { credentials, authFailed, lockedOut, tooManyFailures } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import { SECRET_ACTOR, atLeast, type Actor, type Role } from './roles.js';

declare module 'hono' {
  interface ContextVariableMap {
    actor: Actor;
  }
}

/** The actor a guard let through (throws when no guard ran: a wiring mistake, not a client's). */
export function actorOf(c: Context): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Error('actorOf: no requireRole guard ran for this route');
  return actor;
}

/**
 * Who the request comes from: an actor, `'missing'` (no credentials, or an
 * expired session) or `'bad'` (wrong ones; counted as a failed attempt).
 */
export type Identified = Actor | 'missing' | 'bad';

/** The identification step of the guard, on its own. */
export async function identify(c: Context, ctx: AppContext): Promise<Identified> {
  const given = credentials(c, ctx.config.secret);
  return given === 'ok' ? SECRET_ACTOR : given;
}

/** Middleware: an actor with at least `role`; 401 without credentials, 403 with too low a role. */
export function requireRole(ctx: AppContext, role: Role): MiddlewareHandler {
  return async (c, next) => {
    const wait = lockedOut(c, ctx);
    if (wait !== undefined) return tooManyFailures(c, wait);
    const who = await (ctx.identify ?? identify)(c, ctx);
    if (who === 'bad' || who === 'missing') {
      if (who === 'bad') authFailed(c, ctx, 'admin credentials');
      return c.json({ error: 'sign in, or send a token (Authorization: Bearer <token>)' }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    if (!atLeast(who.role, role)) {
      return c.json({ error: `this needs the ${role} role; ${who.label} has ${who.role}` }, 403);
    }
    c.set('actor', who);
    await next();
  };
}
