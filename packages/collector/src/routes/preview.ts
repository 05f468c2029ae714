// GET /v1/sites/:site/preview/:token: the draft a preview link shows, for
// the SDK on the site's page. Public like remote config (the signed token is
// the credential) and answered only to the site's origins. The token pins the
// draft as it was when the link was made: after an edit the link says so
// instead of showing something its maker never saw.
import type { Hono } from 'hono';
import { previewKey, verifyPreview } from '../preview/token.js';
import type { AppContext } from '../server/context.js';
import { FOREIGN_ORIGIN, corsHeaders, originAllowed } from '../server/cors.js';
import { surveyHash } from '../storage/surveys.js';

/** Registers the preview route. */
export function previewRoutes(app: Hono, ctx: AppContext): void {
  const key = previewKey(ctx.config.secret);
  app.get('/v1/sites/:site/preview/:token', async (c) => {
    const siteId = c.req.param('site');
    const site = ctx.sites.get(siteId);
    const origin = c.req.header('origin');
    if (!site) return origin !== undefined && !ctx.self.origins.has(origin) ? c.json(FOREIGN_ORIGIN, 403) : c.json({ error: 'unknown site' }, 404);
    if (!originAllowed(origin, site.origins, ctx.self.origins)) return c.json(FOREIGN_ORIGIN, 403);
    // A draft is not for caches, shared or private: the next edit must never be hidden by an old copy.
    const headers = { ...corsHeaders(origin), 'Cache-Control': 'no-store' };
    const claims = verifyPreview(key, c.req.param('token'), siteId, ctx.now());
    if (claims === 'expired') return c.json({ error: 'this preview link has expired: make a new one in the studio' }, 410, headers);
    if (typeof claims === 'string') return c.json({ error: `preview link refused: ${claims}` }, 403, headers);
    const r = await ctx.storage.surveys.get(siteId, claims.survey);
    if (!r || r.status === 'archived') return c.json({ error: 'the survey of this preview link is gone' }, 410, headers);
    if (surveyHash(r.draft) !== claims.hash) return c.json({ error: 'the draft changed since this preview link was made: make a new one in the studio' }, 410, headers);
    return c.json({ site: siteId, survey: r.draft, preview: { expiresAt: new Date(claims.exp * 1000).toISOString() } }, 200, headers);
  });
}
