// GET /v1/sites/:site/users/:userId/history: a signed user's displays,
// dismissals and answers across devices, so the SDK's frequency caps hold
// everywhere. Without a valid X-Sayso-User-Signature nothing is revealed;
// bad signatures count as failed authentications of the client.
import type { Hono } from 'hono';
import type { UserHistory } from '@sayso/core';
import { verifyUserId } from '../identity.js';
import { authFailed, lockedOut, tooManyFailures } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import { FOREIGN_ORIGIN, corsHeaders, originAllowed } from '../server/cors.js';
import { MAX_PARAM_LENGTH, badParam, checkedQuery } from './query.js';

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Registers the history endpoint. */
export function historyRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/sites/:site/users/:userId/history', async (c) => {
    const origin = c.req.header('origin');
    const site = ctx.sites.get(c.req.param('site'));
    // An unknown site answers a foreign page exactly as a known one that does not allow it.
    if (!site) return origin !== undefined && !ctx.self.origins.has(origin) ? c.json(FOREIGN_ORIGIN, 403) : c.json({ error: 'unknown site' }, 404);
    if (!originAllowed(origin, site.origins, ctx.self.origins)) return c.json(FOREIGN_ORIGIN, 403);
    const cors = { ...corsHeaders(origin), 'Cache-Control': 'private, no-store' };
    const query = checkedQuery(c, [], cors);
    if (query instanceof Response) return query;
    const userId = c.req.param('userId');
    if (userId.length > MAX_PARAM_LENGTH || CONTROL_RE.test(userId)) return badParam(c, { param: 'userId', reason: `must be at most ${MAX_PARAM_LENGTH} characters, without control characters` }, cors);
    if (!site.identitySecret) return c.json({ error: 'identity verification is not configured for this site' }, 401, cors);
    const wait = lockedOut(c, ctx);
    if (wait !== undefined) return tooManyFailures(c, wait, cors);
    const signature = c.req.header('x-sayso-user-signature');
    if (!verifyUserId(site.identitySecret, userId, signature)) {
      // Only a signature that was given and wrong is a guess; none at all is not.
      if (signature !== undefined) authFailed(c, ctx, 'user signature');
      return c.json({ error: 'missing or bad X-Sayso-User-Signature' }, 401, cors);
    }
    const history: UserHistory = { userId, entries: await ctx.reads.run(() => ctx.storage.history(site.id, userId)) };
    return c.json(history, 200, cors);
  });
}
