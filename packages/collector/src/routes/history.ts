// GET /v1/sites/:site/users/:userId/history: a signed user's displays,
// dismissals and answers across devices, so the SDK's frequency caps hold
// everywhere. Without a valid X-Sayso-User-Signature nothing is revealed.
import type { Hono } from 'hono';
import type { UserHistory } from '@sayso/core';
import { verifyUserId } from '../identity.js';
import { selfOrigin, type AppContext } from '../server/context.js';
import { corsHeaders, originAllowed } from '../server/cors.js';

/** Registers the history endpoint. */
export function historyRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/sites/:site/users/:userId/history', async (c) => {
    const origin = c.req.header('origin');
    const site = ctx.config.sites.get(c.req.param('site'));
    if (!site) return c.json({ error: 'unknown site' }, 404, corsHeaders(origin));
    if (!originAllowed(origin, site.origins, selfOrigin(c))) return c.json({ error: 'origin not allowed' }, 403);
    const cors = { ...corsHeaders(origin), 'Cache-Control': 'private, no-store' };
    const userId = c.req.param('userId');
    if (!site.identitySecret) return c.json({ error: 'identity verification is not configured for this site' }, 401, cors);
    if (!verifyUserId(site.identitySecret, userId, c.req.header('x-sayso-user-signature'))) {
      return c.json({ error: 'missing or bad X-Sayso-User-Signature' }, 401, cors);
    }
    const history: UserHistory = { userId, entries: await ctx.storage.history(site.id, userId) };
    return c.json(history, 200, cors);
  });
}
