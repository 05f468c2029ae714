// /v1/admin/sites: list (viewer), create (admin), get (viewer), update
// (admin, If-Match), and the install snippets (viewer), with when each
// allowed origin was last heard from: the studio's installation check.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { actorOf, requireRole } from '../auth/guard.js';
import { KEY_RE, MIN_SECRET_LENGTH, checkOrigin } from '../config.js';
import { resolveSiteInsights, type SiteInsightsConfig } from '../insights-config.js';
import type { AppContext } from '../server/context.js';
import type { SiteChanges, SiteRecord, SiteSeen } from '../storage/sites.js';
import { diff } from './diff.js';
import { BadInput, ETAG_HEADER, IF_MATCH, answers, badInput, etagOf, fromSaysoError, ifMatch, jsonBody, jsonOf, onlyKeys, type OpenApiPaths } from './http.js';

/** A site as the admin API shows it (never its identity secret: only whether one is set). */
export function siteView(r: SiteRecord, seen: readonly SiteSeen[]) {
  return {
    id: r.id,
    name: r.name,
    origins: r.origins,
    segments: r.segments,
    identitySecret: r.identitySecret === null ? null : '(set)',
    insights: r.insights,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    seen: seen.filter((s) => s.site === r.id).map(({ origin, lastSeenAt }) => ({ origin, lastSeenAt })),
  };
}

function name(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 200) throw new BadInput('name', 'must be a name of 1 to 200 characters');
  return v;
}

function origins(v: unknown): string[] {
  if (!Array.isArray(v)) throw new BadInput('origins', 'must be an array of origins such as "https://shop.example"');
  if (v.length > 100) throw new BadInput('origins', 'must hold at most 100 origins');
  try {
    return [...new Set(v.map((o, i) => checkOrigin(o, `origins[${i}]`)))];
  } catch (err) {
    throw fromSaysoError(err);
  }
}

function segments(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > 20) throw new BadInput('segments', 'must be an array of at most 20 attribute names');
  v.forEach((s, i) => {
    if (typeof s !== 'string' || s === '' || s.length > 64) throw new BadInput(`segments[${i}]`, 'must be an attribute name of 1 to 64 characters');
  });
  return [...new Set(v as string[])];
}

function identitySecret(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v !== 'string' || v.length < MIN_SECRET_LENGTH || v.length > 512) throw new BadInput('identitySecret', `must be null or a string of ${MIN_SECRET_LENGTH} to 512 characters`);
  return v;
}

function insights(v: unknown): SiteInsightsConfig | null {
  if (v === null) return null;
  try {
    resolveSiteInsights(v, 'insights');
  } catch (err) {
    throw fromSaysoError(err);
  }
  return v as SiteInsightsConfig;
}

/** Registers the sites routes. */
export function siteRoutes(app: Hono, ctx: AppContext): void {
  const { storage } = ctx;

  app.get('/v1/admin/sites', requireRole(ctx, 'viewer'), async (c) => {
    const [rows, seen] = await Promise.all([storage.sites.list(), storage.sites.seenList()]);
    return c.json({ sites: rows.map((r) => siteView(r, seen)) });
  });

  app.post('/v1/admin/sites', requireRole(ctx, 'admin'), async (c) => {
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    let site;
    try {
      onlyKeys(body, ['id', 'name', 'origins', 'segments', 'identitySecret', 'insights']);
      if (typeof body.id !== 'string' || !KEY_RE.test(body.id)) throw new BadInput('id', 'must be 1-64 letters, digits, "-" or "_"');
      site = {
        id: body.id,
        name: body.name === undefined ? body.id : name(body.name),
        origins: origins(body.origins),
        segments: body.segments === undefined ? [] : segments(body.segments),
        identitySecret: body.identitySecret === undefined ? null : identitySecret(body.identitySecret),
        insights: body.insights === undefined ? null : insights(body.insights),
      };
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const actor = actorOf(c);
    const created = await storage.transaction(async (tx) => {
      if (!(await storage.sites.create(site, tx))) return undefined;
      await storage.activity.record({ site: site.id, actor, action: 'site.create', subject: { type: 'site', id: site.id }, diff: { ...site, identitySecret: site.identitySecret ? '(set)' : null } }, tx);
      return storage.sites.get(site.id, tx);
    });
    if (!created) return c.json({ error: `a site "${site.id}" exists` }, 409, {});
    await ctx.sites.refresh();
    return c.json(siteView(created, []), 201, { ETag: etagOf(created.rowVersion) });
  });

  app.get('/v1/admin/sites/:site', requireRole(ctx, 'viewer'), async (c) => {
    const r = await storage.sites.get(c.req.param('site'));
    if (!r) return c.json({ error: 'site not found' }, 404);
    return c.json(siteView(r, await storage.sites.seenList(r.id)), 200, { ETag: etagOf(r.rowVersion) });
  });

  app.patch('/v1/admin/sites/:site', requireRole(ctx, 'admin'), async (c) => {
    const id = c.req.param('site');
    const current = await storage.sites.get(id);
    if (!current) return c.json({ error: 'site not found' }, 404);
    const seen = await storage.sites.seenList(id);
    const unmatched = ifMatch(c, current.rowVersion, siteView(current, seen));
    if (unmatched) return unmatched;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    const changes: SiteChanges = {};
    try {
      onlyKeys(body, ['name', 'origins', 'segments', 'identitySecret', 'insights']);
      if (body.name !== undefined) changes.name = name(body.name);
      if (body.origins !== undefined) changes.origins = origins(body.origins);
      if (body.segments !== undefined) changes.segments = segments(body.segments);
      if (body.identitySecret !== undefined) changes.identitySecret = identitySecret(body.identitySecret);
      if (body.insights !== undefined) changes.insights = insights(body.insights);
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const actor = actorOf(c);
    const updated = await storage.transaction(async (tx) => {
      const r = await storage.sites.update(id, current.rowVersion, changes, tx);
      if (typeof r === 'string') return r;
      const shown = (x: SiteRecord) => ({ ...x, identitySecret: x.identitySecret ? '(set)' : null, updatedAt: undefined, rowVersion: undefined });
      await storage.activity.record({ site: id, actor, action: 'site.update', subject: { type: 'site', id }, diff: diff(shown(current), shown(r)) }, tx);
      return r;
    });
    if (updated === 'missing') return c.json({ error: 'site not found' }, 404);
    if (updated === 'stale') {
      const now = (await storage.sites.get(id))!;
      return c.json({ error: 'changed since you read it: start from the current copy', current: siteView(now, seen) }, 409, { ETag: etagOf(now.rowVersion) });
    }
    await ctx.sites.refresh();
    return c.json(siteView(updated, seen), 200, { ETag: etagOf(updated.rowVersion) });
  });

  let snippet: Promise<string | undefined> | undefined;
  app.get('/v1/admin/sites/:site/install', requireRole(ctx, 'viewer'), async (c) => {
    const r = await storage.sites.get(c.req.param('site'));
    if (!r) return c.json({ error: 'site not found' }, 404);
    snippet ??= ctx.sdkDir ? readFile(join(ctx.sdkDir, 'snippet.min.js'), 'utf8').then((t) => t.trim(), () => undefined) : Promise.resolve(undefined);
    const loader = await snippet;
    if (loader === undefined) {
      snippet = undefined;
      return c.json({ error: 'the widget is not built here (no snippet.min.js): run pnpm build' }, 503);
    }
    // The public URL when configured (behind a proxy); else the origin this request reached, whose Host was checked.
    const endpoint = ctx.config.publicOrigin ?? new URL(c.req.url).origin;
    const sdk = `${endpoint}/sdk/`;
    return c.json({
      endpoint,
      siteKey: r.id,
      // As packages/widget/README.md documents them: the loader (its folder argument pointed at this collector) and init.
      snippet: `<script>\n${loader.replace('"/sdk/","sayso")', `${JSON.stringify(sdk)},"sayso")`)}\nsayso('init', { site: '${r.id}', endpoint: '${endpoint}' });\n</script>`,
      scriptTag: `<script src="${sdk}sayso.js" data-site="${r.id}" data-endpoint="${endpoint}" async></script>`,
    });
  });
}

/** The OpenAPI path items of the sites routes. */
export const sitePaths: OpenApiPaths = {
  '/v1/admin/sites': {
    get: { summary: 'List sites (viewer)', operationId: 'listSites', responses: answers({ '200': jsonOf('The sites', 'SiteList') }, '401', '403') },
    post: {
      summary: 'Create a site (admin)',
      operationId: 'createSite',
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewSite' } } } },
      responses: answers({ '201': jsonOf('The site', 'Site', ETAG_HEADER) }, '400', '401', '403', '409'),
    },
  },
  '/v1/admin/sites/{site}': {
    parameters: [{ name: 'site', in: 'path', required: true, schema: { type: 'string' } }],
    get: { summary: 'One site (viewer)', operationId: 'getSite', responses: answers({ '200': jsonOf('The site', 'Site', ETAG_HEADER) }, '401', '403', '404') },
    patch: {
      summary: 'Change a site (admin)',
      operationId: 'updateSite',
      parameters: [IF_MATCH],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SiteChanges' } } } },
      responses: answers({ '200': jsonOf('The site', 'Site', ETAG_HEADER) }, '400', '401', '403', '404', '409', '428'),
    },
  },
  '/v1/admin/sites/{site}/install': {
    parameters: [{ name: 'site', in: 'path', required: true, schema: { type: 'string' } }],
    get: {
      summary: 'The loader snippet and the plain script tag for a site, ready to copy (viewer)',
      operationId: 'siteInstall',
      responses: answers({ '200': jsonOf('Install snippets', 'Install'), '503': { description: 'The widget is not built on this collector' } }, '401', '403', '404'),
    },
  },
};
