// The Hono app: every route of the collector, wired to one AppContext.
// Before any route: the path must decode, the Host must be this collector,
// and a body is read under its limit; after: a BusyError is a 503.
import { Hono } from 'hono';
import { adminRoutes } from '../admin/index.js';
import { exportRoutes } from '../routes/export.js';
import { historyRoutes } from '../routes/history.js';
import { ingestRoutes } from '../routes/ingest.js';
import { insightsRoutes } from '../routes/insights.js';
import { linkRoutes } from '../routes/link.js';
import { previewRoutes } from '../routes/preview.js';
import { reportRoutes } from '../routes/report.js';
import { scoreRoutes } from '../routes/scores.js';
import { staticRoutes } from '../routes/static.js';
import { studioRoutes } from '../routes/studio.js';
import { surveyRoutes } from '../routes/surveys.js';
import type { AppContext } from './context.js';
import { preflightHeaders, originAllowed } from './cors.js';
import { healthProbe } from './health.js';
import { hostCheck } from './host.js';
import { isBusy } from './load.js';
import { bodyLimit } from './read-body.js';

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Builds the collector's HTTP app (no server: `createCollector().listen` adds one). */
export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  const health = healthProbe(ctx.storage);

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const status = c.res.status;
    // Successful ingests and assets are the bulk of traffic: debug level keeps logs readable.
    // A 503 of the read gate is load shedding working as meant, not a fault.
    const level = status === 503 ? 'warn' : status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
    ctx.log[level]('request', { method: c.req.method, path: c.req.path, status, ms });
  });

  // A path that does not decode (`/s/%E0%A4%A/x`) or decodes to control
  // characters is the client's mistake: 400 here, not an error deeper down.
  app.use('*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.json({ error: { param: 'path', reason: 'has a malformed percent-escape' } }, 400);
    }
    if (CONTROL_RE.test(path)) return c.json({ error: { param: 'path', reason: 'must not contain control characters' } }, 400);
    return next();
  });
  app.use('*', hostCheck(ctx.self));
  app.use('*', bodyLimit(ctx.config.limits.maxBodyBytes, ['POST /v1/responses']));

  // CORS preflight: allowed when the origin belongs to the site named in the
  // path, or (for POST /v1/responses, whose site is in the body) to any site.
  // Nothing else is meant for other origins: the reading API takes the secret
  // from servers, and the studio (with its report) is same-origin.
  app.options('*', (c) => {
    const origin = c.req.header('origin');
    const path = c.req.path;
    const named = /^\/v1\/sites\/([^/]+)\/(?:surveys|users\/[^/]+\/history|preview\/[^/]+)$/.exec(path);
    const site = named ? ctx.sites.get(decodeURIComponent(named[1]!)) : undefined;
    const sites = path === '/v1/responses' ? [...ctx.sites.values()] : site ? [site] : [];
    if (!origin || !sites.some((s) => originAllowed(origin, s.origins, ctx.self.origins))) return c.body(null, 403);
    return c.body(null, 204, preflightHeaders(origin));
  });

  app.get('/healthz', async (c) => {
    const h = await health.check();
    if (h.ok) return c.json({ ok: true, storage: ctx.storage.driver, schema: h.schema }, 200, { 'Cache-Control': 'no-store' });
    ctx.log.error('health check failed', {});
    return c.json({ ok: false }, 503, { 'Cache-Control': 'no-store' });
  });

  adminRoutes(app, ctx);
  ingestRoutes(app, ctx);
  surveyRoutes(app, ctx);
  previewRoutes(app, ctx);
  historyRoutes(app, ctx);
  scoreRoutes(app, ctx);
  insightsRoutes(app, ctx);
  exportRoutes(app, ctx);
  linkRoutes(app, ctx);
  reportRoutes(app);
  studioRoutes(app, ctx);
  staticRoutes(app, '/sdk', ctx.sdkDir, { cors: true, immutableHashed: true, maxAge: 300 });
  staticRoutes(app, '/examples', ctx.examplesDir);
  staticRoutes(app, '/_sayso', ctx.clientDir, { maxAge: 300 });

  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    // The read gate is full: the client should come back in a moment, not wait in an endless queue.
    if (isBusy(err)) return c.json({ error: 'busy: too many reads at once, retry shortly' }, 503, { 'Retry-After': '1' });
    ctx.log.error('unhandled error', { path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
