// The activity log, newest first (viewer):
//   GET /v1/admin/activity?site=&subjectType=&subjectId=&before=&limit=
//   → { entries: ActivityEntry[], next: <seq> | null }
// `next` is the `before` of the following page; null on the last one (a page
// is read one entry longer to know that, so `next` never leads to an empty page).
import type { Hono } from 'hono';
import { requireRole } from '../auth/guard.js';
import { queryValues } from '../routes/query.js';
import type { AppContext } from '../server/context.js';
import { badField } from './json-body.js';
import { fieldError, jsonContent, refusals } from './openapi-parts.js';

/** Entries per page by default, and at most. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const positive = (s: string) => (/^[1-9]\d{0,15}$/.test(s) ? Number(s) : undefined);

/** Registers the activity route. */
export function activityRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/admin/activity', requireRole(ctx, 'viewer'), async (c) => {
    const q = queryValues(c.req.url, ['site', 'subjectType', 'subjectId', 'before', 'limit']);
    if (!(q instanceof Map)) return badField(c, q.param, q.reason);
    const before = q.has('before') ? positive(q.get('before')!) : undefined;
    if (q.has('before') && before === undefined) return badField(c, 'before', 'must be a positive integer (the `next` of the previous page)');
    const limit = q.has('limit') ? positive(q.get('limit')!) : DEFAULT_LIMIT;
    if (limit === undefined || limit > MAX_LIMIT) return badField(c, 'limit', `must be an integer from 1 to ${MAX_LIMIT}`);
    const subjectType = q.get('subjectType');
    const subjectId = q.get('subjectId');
    if (subjectId !== undefined && subjectType === undefined) return badField(c, 'subjectId', 'needs subjectType');
    const site = q.get('site');
    const rows = await ctx.storage.activity.list({
      limit: limit + 1,
      ...(site !== undefined ? { site } : {}),
      ...(subjectType !== undefined ? { subject: { type: subjectType, ...(subjectId !== undefined ? { id: subjectId } : {}) } } : {}),
      ...(before !== undefined ? { before } : {}),
    });
    const entries = rows.slice(0, limit);
    const next = rows.length > limit ? entries[entries.length - 1]!.seq : null;
    return c.json({ entries, next }, 200, { 'Cache-Control': 'no-store' });
  });
}

const query = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });

/** OpenAPI 3.1 path objects of this route. */
export const activityPaths = {
  '/v1/admin/activity': {
    get: {
      summary: 'The activity log, newest first',
      tags: ['activity'],
      'x-role': 'viewer',
      parameters: [
        query('site', "Only this site's entries"),
        query('subjectType', 'Only entries about this kind of subject (`survey`, `user`, `token`, `site`)'),
        query('subjectId', 'Only entries about this subject (needs subjectType)'),
        query('before', 'Entries before this `seq`: the `next` of the previous page', { type: 'integer', minimum: 1 }),
        query('limit', 'Entries per page', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
      ],
      responses: {
        '200': {
          description: 'A page of entries',
          content: jsonContent({
            type: 'object',
            required: ['entries', 'next'],
            properties: { entries: { type: 'array', items: { $ref: '#/components/schemas/ActivityEntry' } }, next: { type: ['integer', 'null'] } },
          }).content,
        },
        '400': fieldError,
        ...refusals,
      },
    },
  },
};
