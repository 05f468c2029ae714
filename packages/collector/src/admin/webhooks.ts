// The admin API of webhook endpoints: create, read, change, delete, rotate
// a secret, the delivery log, "send test event", replay. Admins only
// (requireRole); every change is in the activity log, in its transaction
// (webhooks/outbox.ts). The studio is built on these routes.
import type { Context, Hono } from 'hono';
import { requireRole, actorOf } from '../auth/guard.js';
import type { AppContext } from '../server/context.js';
import { bodyText } from '../server/read-body.js';
import { checkDestination, DestinationRefused } from '../webhooks/address-guard.js';
import { EVENT_TYPES, InputError, parseEndpointInput, parseEndpointPatch } from '../webhooks/endpoint.js';

const BASE = '/v1/admin/sites/:site/webhooks';
/** Longest overlap of an old secret after a rotation: a week. */
const MAX_KEEP_SECONDS = 7 * 86400;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refuse = (c: Context, field: string, reason: string) => c.json({ error: { field, reason } }, 400);

function jsonBody(c: Context, optional = false): unknown {
  const text = bodyText(c);
  if (text === '' && optional) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError('', 'the body must be JSON');
  }
}

/** Registers the webhook routes of the admin API on `app`. */
export function webhookAdminRoutes(app: Hono, ctx: AppContext): void {
  const admin = requireRole(ctx, 'admin');
  const policy = { allowPrivateAddresses: ctx.config.webhooks.allowPrivateAddresses, allowedNetworks: ctx.config.webhooks.allowedNetworks };
  const store = () => ctx.storage.webhooks;
  // An unknown site and an unknown endpoint read the same: nothing to see here.
  const site = (c: Context) => {
    const id = c.req.param('site')!;
    return ctx.sites.get(id) ? id : undefined;
  };
  const endpointId = (c: Context) => {
    const id = c.req.param('id')!;
    return UUID_RE.test(id) ? id : undefined;
  };
  const notFound = (c: Context, what = 'webhook endpoint') => c.json({ error: `no such ${what}` }, 404);
  // The address is checked when the endpoint is saved (and again at every send: DNS may change).
  const checkUrl = async (url: string) => {
    try {
      await checkDestination(new URL(url), policy, ctx.webhookResolver);
      return undefined;
    } catch (err) {
      if (err instanceof DestinationRefused) return err.message;
      throw err;
    }
  };
  const handle = (fn: (c: Context) => Promise<Response>) => async (c: Context) => {
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof InputError) return refuse(c, err.field, err.reason);
      throw err;
    }
  };

  app.get(BASE, admin, async (c) => {
    const s = site(c);
    if (!s) return notFound(c, 'site');
    return c.json({ endpoints: await store().listEndpoints(s), eventTypes: EVENT_TYPES });
  });

  app.post(
    BASE,
    admin,
    handle(async (c) => {
      const s = site(c);
      if (!s) return notFound(c, 'site');
      const input = parseEndpointInput(jsonBody(c));
      const refused = await checkUrl(input.url);
      if (refused) return refuse(c, 'url', refused);
      const { endpoint, secret } = await store().createEndpoint(s, input, actorOf(c));
      // The only answers that hold a whole secret: this one and a rotation's.
      return c.json({ endpoint, secret }, 201);
    }),
  );

  app.get(`${BASE}/:id`, admin, async (c) => {
    const s = site(c);
    const id = endpointId(c);
    const endpoint = s && id ? await store().getEndpoint(s, id) : undefined;
    return endpoint ? c.json({ endpoint }) : notFound(c);
  });

  app.patch(
    `${BASE}/:id`,
    admin,
    handle(async (c) => {
      const s = site(c);
      const id = endpointId(c);
      if (!s || !id) return notFound(c);
      const patch = parseEndpointPatch(jsonBody(c));
      if (patch.url !== undefined) {
        const refused = await checkUrl(patch.url);
        if (refused) return refuse(c, 'url', refused);
      }
      const endpoint = await store().updateEndpoint(s, id, patch, actorOf(c));
      return endpoint ? c.json({ endpoint }) : notFound(c);
    }),
  );

  app.delete(`${BASE}/:id`, admin, async (c) => {
    const s = site(c);
    const id = endpointId(c);
    if (!s || !id) return notFound(c);
    return (await store().deleteEndpoint(s, id, actorOf(c))) ? c.body(null, 204) : notFound(c);
  });

  app.post(
    `${BASE}/:id/rotate-secret`,
    admin,
    handle(async (c) => {
      const s = site(c);
      const id = endpointId(c);
      if (!s || !id) return notFound(c);
      const body = jsonBody(c, true);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(c, '', 'the body must be a JSON object');
      const { keepOldSeconds = 86400, ...rest } = body as { keepOldSeconds?: unknown };
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) return refuse(c, extra, 'is not a known field (keepOldSeconds)');
      if (typeof keepOldSeconds !== 'number' || !Number.isInteger(keepOldSeconds) || keepOldSeconds < 0 || keepOldSeconds > MAX_KEEP_SECONDS) {
        return refuse(c, 'keepOldSeconds', `must be an integer from 0 to ${MAX_KEEP_SECONDS}`);
      }
      const rotated = await store().rotateSecret(s, id, keepOldSeconds, actorOf(c));
      return rotated ? c.json(rotated) : notFound(c);
    }),
  );

  app.get(`${BASE}/:id/deliveries`, admin, async (c) => {
    const s = site(c);
    const id = endpointId(c);
    if (!s || !id || !(await store().getEndpoint(s, id))) return notFound(c);
    const q = c.req.query();
    for (const key of Object.keys(q)) if (!['limit', 'before', 'status'].includes(key)) return c.json({ error: { param: key, reason: 'is not a known parameter (limit, before, status)' } }, 400);
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !/^\d+$/.test(q.limit ?? '50')) return c.json({ error: { param: 'limit', reason: 'must be an integer from 1 to 200' } }, 400);
    if (q.before !== undefined && !UUID_RE.test(q.before)) return c.json({ error: { param: 'before', reason: 'must be the id of a delivery' } }, 400);
    if (q.status !== undefined && !['pending', 'succeeded', 'failed'].includes(q.status)) return c.json({ error: { param: 'status', reason: 'must be pending, succeeded or failed' } }, 400);
    const deliveries = await store().deliveries(s, id, { limit, ...(q.before ? { before: q.before } : {}), ...(q.status ? { status: q.status as 'pending' } : {}) });
    return c.json({ deliveries, ...(deliveries.length === limit ? { before: deliveries[deliveries.length - 1]!.id } : {}) });
  });

  app.post(`${BASE}/:id/test`, admin, async (c) => {
    const s = site(c);
    const id = endpointId(c);
    const delivery = s && id ? await store().sendTest(s, id, actorOf(c)) : undefined;
    return delivery ? c.json({ delivery }, 202) : notFound(c);
  });

  app.post(`${BASE}/:id/deliveries/:delivery/replay`, admin, async (c) => {
    const s = site(c);
    const id = endpointId(c);
    const delivery = c.req.param('delivery');
    if (!s || !id || !UUID_RE.test(delivery)) return notFound(c, 'delivery');
    return (await store().replay(s, id, delivery, actorOf(c))) ? c.json({ delivery }, 202) : c.json({ error: 'no such delivery, or it is being sent right now' }, 404);
  });

  app.post(
    `${BASE}/:id/replay`,
    admin,
    handle(async (c) => {
      const s = site(c);
      const id = endpointId(c);
      if (!s || !id || !(await store().getEndpoint(s, id))) return notFound(c);
      const body = jsonBody(c);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(c, '', 'the body must be a JSON object');
      const { since, ...rest } = body as { since?: unknown };
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) return refuse(c, extra, 'is not a known field (since)');
      if (typeof since !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(since) || Number.isNaN(Date.parse(since))) {
        return refuse(c, 'since', 'must be a date (YYYY-MM-DD, UTC) or an ISO time with a zone');
      }
      const replayed = await store().replayFailed(s, id, new Date(since.length === 10 ? `${since}T00:00:00Z` : since).toISOString(), actorOf(c));
      return c.json({ replayed }, 202);
    }),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const siteParam = { name: 'site', in: 'path', required: true, schema: { type: 'string' } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const errors = {
  '400': { description: 'A bad field: `{ error: { field, reason } }`' },
  '401': { description: 'No or wrong credentials' },
  '403': { description: 'Not an admin' },
  '404': { description: 'No such site or endpoint' },
};
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const secured = { security: [{ bearer: [] }, { session: [] }] };

/** JSON Schemas the paths refer to (`#/components/schemas/...`). */
export const webhookSchemas = {
  WebhookFilters: {
    type: 'object',
    additionalProperties: false,
    properties: {
      surveys: { type: 'array', items: { type: 'string' }, minItems: 1 },
      bands: { type: 'array', items: { enum: ['detractor', 'passive', 'promoter', 'unhappy', 'neutral', 'happy'] }, minItems: 1 },
      scoreAtLeast: { type: 'integer' },
      scoreAtMost: { type: 'integer' },
      hasComment: { type: 'boolean' },
      attribute: { type: 'object', required: ['key', 'value'], properties: { key: { type: 'string' }, value: { type: ['string', 'number', 'boolean'] } } },
    },
  },
  WebhookEndpointInput: {
    type: 'object',
    required: ['url', 'eventTypes'],
    additionalProperties: false,
    properties: {
      url: { type: 'string', format: 'uri' },
      eventTypes: { type: 'array', items: { enum: [...EVENT_TYPES] }, minItems: 1 },
      description: { type: 'string', maxLength: 500 },
      filters: ref('WebhookFilters'),
      enabled: { type: 'boolean' },
    },
  },
  WebhookEndpoint: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      site: { type: 'string' },
      url: { type: 'string' },
      description: { type: 'string' },
      eventTypes: { type: 'array', items: { enum: [...EVENT_TYPES] } },
      filters: ref('WebhookFilters'),
      enabled: { type: 'boolean' },
      disabled: { oneOf: [{ type: 'null' }, { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, reason: { type: 'string' } } }] },
      needsAttention: { type: 'boolean', description: 'The dispatcher disabled it (410, or failing for 5 days)' },
      failingSince: { type: ['string', 'null'], format: 'date-time' },
      secrets: { type: 'array', items: { type: 'object', properties: { start: { type: 'string' }, createdAt: { type: 'string' }, expiresAt: { type: ['string', 'null'] } } } },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  WebhookDelivery: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      webhookId: { type: 'string', description: 'The webhook-id header, the same on every attempt' },
      eventType: { type: 'string' },
      eventAt: { type: 'string', format: 'date-time' },
      status: { enum: ['pending', 'succeeded', 'failed'] },
      nextAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      attempts: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            n: { type: 'integer' },
            at: { type: 'string', format: 'date-time' },
            status: { type: ['integer', 'null'] },
            error: { type: ['string', 'null'] },
            latencyMs: { type: 'integer' },
            responseStart: { type: ['string', 'null'], description: 'The first 1,000 characters of the answer' },
          },
        },
      },
    },
  },
};

/** OpenAPI 3.1 path objects of these routes (composed into the admin document by admin/openapi.ts). */
export const webhookPaths = {
  '/v1/admin/sites/{site}/webhooks': {
    get: { summary: 'List webhook endpoints', tags: ['webhooks'], ...secured, parameters: [siteParam], responses: { '200': { description: 'The endpoints', ...json({ type: 'object', properties: { endpoints: { type: 'array', items: ref('WebhookEndpoint') }, eventTypes: { type: 'array', items: { type: 'string' } } } }) }, ...errors } },
    post: {
      summary: 'Create a webhook endpoint (its secret is in this answer only)',
      tags: ['webhooks'],
      ...secured,
      parameters: [siteParam],
      requestBody: { required: true, ...json(ref('WebhookEndpointInput')) },
      responses: { '201': { description: 'Created', ...json({ type: 'object', properties: { endpoint: ref('WebhookEndpoint'), secret: { type: 'string', pattern: '^whsec_' } } }) }, ...errors },
    },
  },
  '/v1/admin/sites/{site}/webhooks/{id}': {
    get: { summary: 'One webhook endpoint', tags: ['webhooks'], ...secured, parameters: [siteParam, idParam], responses: { '200': { description: 'The endpoint', ...json({ type: 'object', properties: { endpoint: ref('WebhookEndpoint') } }) }, ...errors } },
    patch: {
      summary: 'Change a webhook endpoint (enabling it clears why it was disabled)',
      tags: ['webhooks'],
      ...secured,
      parameters: [siteParam, idParam],
      requestBody: { required: true, ...json({ ...webhookSchemas.WebhookEndpointInput, required: [] }) },
      responses: { '200': { description: 'Changed', ...json({ type: 'object', properties: { endpoint: ref('WebhookEndpoint') } }) }, ...errors },
    },
    delete: { summary: 'Delete a webhook endpoint and its deliveries', tags: ['webhooks'], ...secured, parameters: [siteParam, idParam], responses: { '204': { description: 'Deleted' }, ...errors } },
  },
  '/v1/admin/sites/{site}/webhooks/{id}/rotate-secret': {
    post: {
      summary: 'A new secret; the old ones keep signing for keepOldSeconds',
      tags: ['webhooks'],
      ...secured,
      parameters: [siteParam, idParam],
      requestBody: { required: false, ...json({ type: 'object', additionalProperties: false, properties: { keepOldSeconds: { type: 'integer', minimum: 0, maximum: MAX_KEEP_SECONDS, default: 86400 } } }) },
      responses: { '200': { description: 'Rotated', ...json({ type: 'object', properties: { endpoint: ref('WebhookEndpoint'), secret: { type: 'string' } } }) }, ...errors },
    },
  },
  '/v1/admin/sites/{site}/webhooks/{id}/deliveries': {
    get: {
      summary: 'The delivery log, newest first, every attempt of each',
      tags: ['webhooks'],
      ...secured,
      parameters: [
        siteParam,
        idParam,
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'before', in: 'query', schema: { type: 'string', format: 'uuid' }, description: 'The `before` of the previous page' },
        { name: 'status', in: 'query', schema: { enum: ['pending', 'succeeded', 'failed'] } },
      ],
      responses: { '200': { description: 'A page', ...json({ type: 'object', properties: { deliveries: { type: 'array', items: ref('WebhookDelivery') }, before: { type: 'string' } } }) }, ...errors },
    },
  },
  '/v1/admin/sites/{site}/webhooks/{id}/test': {
    post: { summary: 'Send a webhook.test event', tags: ['webhooks'], ...secured, parameters: [siteParam, idParam], responses: { '202': { description: 'Queued', ...json({ type: 'object', properties: { delivery: { type: 'string' } } }) }, ...errors } },
  },
  '/v1/admin/sites/{site}/webhooks/{id}/deliveries/{delivery}/replay': {
    post: {
      summary: 'Send one delivery again (same webhook-id, a new round of retries)',
      tags: ['webhooks'],
      ...secured,
      parameters: [siteParam, idParam, { name: 'delivery', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: { '202': { description: 'Queued' }, ...errors },
    },
  },
  '/v1/admin/sites/{site}/webhooks/{id}/replay': {
    post: {
      summary: 'Send again every failed delivery created since a date',
      tags: ['webhooks'],
      ...secured,
      parameters: [siteParam, idParam],
      requestBody: { required: true, ...json({ type: 'object', required: ['since'], additionalProperties: false, properties: { since: { type: 'string', description: 'YYYY-MM-DD (UTC) or an ISO time with a zone' } } }) },
      responses: { '202': { description: 'How many were queued', ...json({ type: 'object', properties: { replayed: { type: 'integer' } } }) }, ...errors },
    },
  },
};
