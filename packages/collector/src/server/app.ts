// The Hono app: every route of the collector, wired to one AppContext.
import { Hono } from 'hono';
import { exportRoutes } from '../routes/export.js';
import { historyRoutes } from '../routes/history.js';
import { ingestRoutes } from '../routes/ingest.js';
import { insightsRoutes } from '../routes/insights.js';
import { linkRoutes } from '../routes/link.js';
import { reportRoutes } from '../routes/report.js';
import { scoreRoutes } from '../routes/scores.js';
import { staticRoutes } from '../routes/static.js';
import { surveyRoutes } from '../routes/surveys.js';
import type { AppContext } from './context.js';
import { preflightHeaders, originAllowed } from './cors.js';

/** Builds the collector's HTTP app (no server: `createCollector().listen` adds one). */
export function createApp(ctx: AppContext): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const status = c.res.status;
    // Successful ingests and assets are the bulk of traffic: debug level keeps logs readable.
    const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
    ctx.log[level]('request', { method: c.req.method, path: c.req.path, status, ms });
  });

  // CORS preflight: allowed when the origin belongs to the site named in the
  // path, or (for POST /v1/responses, whose site is in the body) to any site.
  app.options('/v1/*', (c) => {
    const origin = c.req.header('origin');
    const siteId = /^\/v1\/sites\/([^/]+)/.exec(c.req.path)?.[1];
    const sites = siteId ? [ctx.config.sites.get(decodeURIComponent(siteId))].filter((s) => s !== undefined) : [...ctx.config.sites.values()];
    const self = new URL(c.req.url).origin;
    if (!origin || !sites.some((s) => originAllowed(origin, s.origins, self))) return c.body(null, 403);
    return c.body(null, 204, preflightHeaders(origin));
  });

  app.get('/healthz', async (c) => {
    try {
      const version = await ctx.storage.schemaVersion();
      return c.json({ ok: true, storage: ctx.storage.driver, schema: version });
    } catch (err) {
      ctx.log.error('health check failed', { error: String(err) });
      return c.json({ ok: false }, 503);
    }
  });

  ingestRoutes(app, ctx);
  surveyRoutes(app, ctx);
  historyRoutes(app, ctx);
  scoreRoutes(app, ctx);
  insightsRoutes(app, ctx);
  exportRoutes(app, ctx);
  linkRoutes(app, ctx);
  reportRoutes(app, ctx);
  staticRoutes(app, '/sdk', ctx.sdkDir, { cors: true, immutableHashed: true, maxAge: 300 });
  staticRoutes(app, '/examples', ctx.examplesDir);
  staticRoutes(app, '/report/assets', ctx.uplotDir, { maxAge: 86400 });
  staticRoutes(app, '/_sayso', ctx.clientDir, { maxAge: 300 });

  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    ctx.log.error('unhandled error', { path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
