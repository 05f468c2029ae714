// POST /v1/admin/sites/:site/surveys/:id/preview-link (editor): a signed,
// expiring link to the site's real page that makes the SDK there show this
// survey's draft, as it is now. The token rides in the URL's fragment, so the
// site's own server and its logs never see it; the SDK reads it and asks
// GET /v1/sites/:site/preview/:token (routes/preview.ts) for the draft.
import type { Hono } from 'hono';
import { actorOf, requireRole } from '../auth/guard.js';
import { previewKey, signPreview } from '../preview/token.js';
import type { AppContext } from '../server/context.js';
import { surveyHash } from '../storage/surveys.js';
import { BadInput, answers, badInput, jsonBody, jsonOf, onlyKeys, type OpenApiPaths } from './http.js';

/** How long a link works unless the request says otherwise: a working day and a night. */
export const PREVIEW_TTL_DEFAULT_S = 86400;
export const PREVIEW_TTL_MIN_S = 60;
/** A week: a preview link is for checking a draft, not a back door that stays open. */
export const PREVIEW_TTL_MAX_S = 7 * 86400;
/** The fragment parameter the SDK looks for. */
export const PREVIEW_PARAM = 'sayso_preview';

/** The page URL of a request: absolute http(s), on one of the site's allowed origins. */
function pageUrl(v: unknown, origins: readonly string[]): URL {
  if (typeof v !== 'string' || v === '') throw new BadInput('url', "is required: the page of the site to preview on, such as \"https://shop.example/checkout\"");
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new BadInput('url', 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BadInput('url', 'must be an http or https URL');
  if (!origins.includes('*') && !origins.includes(url.origin)) throw new BadInput('url', `must be on one of the site's allowed origins (${origins.join(', ') || 'none yet'}), not ${url.origin}`);
  return url;
}

function ttlOf(v: unknown): number {
  if (v === undefined) return PREVIEW_TTL_DEFAULT_S;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < PREVIEW_TTL_MIN_S || v > PREVIEW_TTL_MAX_S) {
    throw new BadInput('expiresIn', `must be a whole number of seconds from ${PREVIEW_TTL_MIN_S} to ${PREVIEW_TTL_MAX_S}`);
  }
  return v;
}

/** Registers the preview-link route. */
export function previewAdminRoutes(app: Hono, ctx: AppContext): void {
  const key = previewKey(ctx.config.secret);
  app.post('/v1/admin/sites/:site/surveys/:id/preview-link', requireRole(ctx, 'editor'), async (c) => {
    const siteId = c.req.param('site');
    const site = await ctx.storage.sites.get(siteId);
    if (!site) return c.json({ error: 'site not found' }, 404);
    const r = await ctx.storage.surveys.get(siteId, c.req.param('id'));
    if (!r) return c.json({ error: 'survey not found' }, 404);
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    let url: URL;
    let ttl: number;
    try {
      onlyKeys(body, ['url', 'expiresIn']);
      url = pageUrl(body.url, site.origins);
      ttl = ttlOf(body.expiresIn);
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    if (r.status === 'archived') return c.json({ error: 'an archived survey cannot be previewed: duplicate it' }, 409);
    const exp = Math.floor(ctx.now() / 1000) + ttl;
    const hash = surveyHash(r.draft);
    const token = signPreview(key, { site: siteId, survey: r.id, hash, exp });
    // The page's own fragment gives way: the SDK reads only its parameter, and a link is made for one purpose.
    url.hash = `${PREVIEW_PARAM}=${token}`;
    const expiresAt = new Date(exp * 1000).toISOString();
    // Not a change of the survey, but who can show a draft to whom is worth a line in the log.
    await ctx.storage.activity.record({ site: siteId, actor: actorOf(c), action: 'survey.preview-link', subject: { type: 'survey', id: r.id }, diff: { url: `${url.origin}${url.pathname}`, hash, expiresAt } });
    return c.json({ url: url.href, expiresAt }, 200, { 'Cache-Control': 'no-store' });
  });
}

/** The OpenAPI path item of the preview-link route. */
export const previewPaths: OpenApiPaths = {
  '/v1/admin/sites/{site}/surveys/{id}/preview-link': {
    parameters: [
      { name: 'site', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ],
    post: {
      summary: "A signed, expiring link that shows the draft on the site's page (editor)",
      operationId: 'createPreviewLink',
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PreviewLinkRequest' } } } },
      responses: answers({ '200': jsonOf('The link and when it stops working', 'PreviewLink') }, '400', '401', '403', '404', '409'),
    },
  },
};

/** The shapes of the preview-link route, for the document's components. */
export const previewSchemas = {
  PreviewLinkRequest: {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: {
      url: { type: 'string', format: 'uri', description: "A page on one of the site's allowed origins" },
      expiresIn: { type: 'integer', minimum: PREVIEW_TTL_MIN_S, maximum: PREVIEW_TTL_MAX_S, default: PREVIEW_TTL_DEFAULT_S, description: 'Seconds the link works' },
    },
  },
  PreviewLink: {
    type: 'object',
    required: ['url', 'expiresAt'],
    properties: { url: { type: 'string', description: `The page URL with \`#${PREVIEW_PARAM}=<token>\`` }, expiresAt: { type: 'string', format: 'date-time' } },
  },
};
