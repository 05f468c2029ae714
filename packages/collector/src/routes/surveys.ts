// GET /v1/sites/:site/surveys: remote config for the SDK. Answers
// `{ site, surveys }` with an ETag, so a browser revalidates cheaply (304).
// Only live surveys are served, each as its newest published version with
// its `version`; which are live is decided at each request (sites/registry.ts),
// and the body and ETag change exactly when that set changes.
import type { Hono } from 'hono';
import type { AppContext } from '../server/context.js';
import { FOREIGN_ORIGIN, corsHeaders, originAllowed } from '../server/cors.js';
import { checkedQuery } from './query.js';

/** Registers the remote-config route. */
export function surveyRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/sites/:site/surveys', (c) => {
    const site = ctx.sites.get(c.req.param('site'));
    const origin = c.req.header('origin');
    // An unknown site answers a foreign page exactly as a known one that does not allow it.
    if (!site) return origin !== undefined && !ctx.self.origins.has(origin) ? c.json(FOREIGN_ORIGIN, 403) : c.json({ error: 'unknown site' }, 404);
    if (!originAllowed(origin, site.origins, ctx.self.origins)) return c.json(FOREIGN_ORIGIN, 403);
    const query = checkedQuery(c, [], corsHeaders(origin));
    if (query instanceof Response) return query;
    // The installation check: this page has the snippet.
    if (origin !== undefined && !ctx.self.origins.has(origin)) ctx.sites.seen(site.id, origin, Date.now());
    const body = ctx.sites.served(site.id, ctx.now());
    const headers = {
      ...corsHeaders(origin),
      ETag: body.etag,
      // A minute fresh, then served stale while revalidating: survey edits reach browsers within minutes.
      'Cache-Control': 'public, max-age=60, stale-while-revalidate=600',
    };
    if (c.req.header('if-none-match') === body.etag) return c.body(null, 304, headers);
    return c.body(body.text, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });
}
