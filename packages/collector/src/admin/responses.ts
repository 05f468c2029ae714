// The inbox of /v1/admin/sites/:site/responses: answers filtered and
// keyset-paged newest first (viewer), one answer with its notes (viewer),
// its status, assignee and tags (editor, If-Match), notes (editor), and the
// closed-loop figures of the report (viewer). Every change is recorded in
// the activity log in its transaction; closing an answer queues
// `response.closed` for webhooks in the same transaction.
import type { Context, Hono } from 'hono';
import { actorOf, requireRole } from '../auth/guard.js';
import { badParam, checkedQuery, defaultRange, queryValues, readDays, readInteger } from '../routes/query.js';
import type { AppContext } from '../server/context.js';
import { INBOX_STATUSES, type InboxItem, type InboxQuery, type InboxState, type InboxStatus } from '../storage/inbox.js';
import { diff } from './diff.js';
import { BadInput, ETAG_HEADER, IF_MATCH, answers, badInput, etagOf, ifMatch, jsonBody, jsonOf, onlyKeys, type OpenApiPaths } from './http.js';

const BANDS = ['detractor', 'passive', 'promoter', 'unhappy', 'neutral', 'happy'] as const;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A page cursor: the last item's time (microseconds, UTC) and id. */
const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const LIST_PARAMS = ['survey', 'band', 'scoreMin', 'scoreMax', 'from', 'to', 'hasComment', 'status', 'assignee', 'tag', 'q', 'test', 'before', 'limit'] as const;
const TEST_FILTERS = ['include', 'exclude', 'only'] as const;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 64;
export const MAX_NOTE_LENGTH = 5000;

/** An answer as the admin API shows it (the ETag of its inbox state beside it, for a PATCH from a list). */
function view(r: InboxItem) {
  const { rowVersion, cursor: _cursor, notes, ...rest } = r;
  return { ...rest, noteCount: notes, etag: etagOf(rowVersion) };
}

/** The list's query as InboxQuery, or the 400 answer naming the parameter. */
function listQuery(c: Context, site: string): InboxQuery | Response {
  const values = queryValues(c.req.url, LIST_PARAMS, { prefixes: ['attr.'] });
  if (!(values instanceof Map)) return badParam(c, values);
  const bad = (param: string, reason: string) => badParam(c, { param, reason });
  const limit = readInteger(c, values, 'limit', { fallback: 50, min: 1, max: 200 });
  if (limit instanceof Response) return limit;
  const q: InboxQuery = { site, limit };
  for (const name of ['scoreMin', 'scoreMax'] as const) {
    if (!values.has(name)) continue;
    const n = readInteger(c, values, name, { fallback: 0, min: 0, max: 1000 });
    if (n instanceof Response) return n;
    q[name] = n;
  }
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax) return bad('scoreMin', 'must not be above scoreMax');
  const days = readDays(c, values);
  if (days instanceof Response) return days;
  if (days.fromAt !== undefined) q.from = days.fromAt;
  if (days.toExclusiveAt !== undefined) q.toExclusive = days.toExclusiveAt;
  const survey = values.get('survey');
  if (survey !== undefined) q.surveyId = survey;
  const band = values.get('band');
  if (band !== undefined) {
    if (!(BANDS as readonly string[]).includes(band)) return bad('band', `must be one of ${BANDS.join(', ')}`);
    q.band = band;
  }
  const hasComment = values.get('hasComment');
  if (hasComment !== undefined) {
    if (hasComment !== 'true' && hasComment !== 'false') return bad('hasComment', 'must be true or false');
    q.hasComment = hasComment === 'true';
  }
  const status = values.get('status');
  if (status !== undefined) {
    // `open` is a filter only (new or in progress: what is left to do), never a status an answer has.
    if (status !== 'open' && !(INBOX_STATUSES as readonly string[]).includes(status)) return bad('status', `must be one of ${INBOX_STATUSES.join(', ')}, open`);
    q.status = status as InboxStatus | 'open';
  }
  const assignee = values.get('assignee');
  if (assignee !== undefined) q.assignee = assignee;
  const tag = values.get('tag');
  if (tag !== undefined) q.tag = tag;
  const search = values.get('q');
  if (search !== undefined) q.search = search;
  const test = values.get('test');
  if (test !== undefined) {
    if (!(TEST_FILTERS as readonly string[]).includes(test)) return bad('test', `must be one of ${TEST_FILTERS.join(', ')}`);
    q.test = test as InboxQuery['test'] & string;
  }
  const before = values.get('before');
  if (before !== undefined) {
    const m = CURSOR_RE.exec(before);
    // A real instant only (no February 30th: PostgreSQL would refuse it): the same time back from Date, to the millisecond.
    const at = m ? Date.parse(m[1]!) : NaN;
    if (!m || Number.isNaN(at) || new Date(at).toISOString().slice(0, 23) !== m[1]!.slice(0, 23)) return bad('before', 'must be the `next` of the previous page');
    q.before = { at: m[1]!, id: m[2]! };
  }
  for (const [name, value] of values) {
    if (!name.startsWith('attr.')) continue;
    q.attributes ??= {};
    q.attributes[name.slice(5)] = value;
  }
  return q;
}

/** The tags of a PATCH: at most MAX_TAGS different texts, each 1..MAX_TAG_LENGTH characters without control characters, kept as given. */
function tagsOf(v: unknown): string[] {
  if (!Array.isArray(v)) throw new BadInput('tags', 'must be an array of texts');
  if (v.length > MAX_TAGS) throw new BadInput('tags', `must have at most ${MAX_TAGS} tags`);
  v.forEach((t, i) => {
    if (typeof t !== 'string' || t.trim() === '' || t.length > MAX_TAG_LENGTH || CONTROL_RE.test(t)) {
      throw new BadInput(`tags[${i}]`, `must be a text of 1 to ${MAX_TAG_LENGTH} characters without control characters`);
    }
    if (v.indexOf(t) !== i) throw new BadInput(`tags[${i}]`, `repeats "${t}"`);
  });
  return v as string[];
}

/** Registers the inbox routes. */
export function responseRoutes(app: Hono, ctx: AppContext): void {
  const { storage } = ctx;
  const base = '/v1/admin/sites/:site/responses';
  const notFound = (c: Context, what: string) => c.json({ error: `${what} not found` }, 404);
  const siteExists = async (site: string) => ctx.sites.has(site) || (await storage.sites.get(site)) !== undefined;

  /** The answer of the path, or the 404 answer. */
  async function load(c: Context): Promise<InboxItem | Response> {
    const site = c.req.param('site')!;
    if (!(await siteExists(site))) return notFound(c, 'site');
    const id = c.req.param('id')!;
    const r = UUID_RE.test(id) ? await storage.inbox.get(site, id) : undefined;
    return r ?? notFound(c, 'response');
  }

  app.get(base, requireRole(ctx, 'viewer'), async (c) => {
    const site = c.req.param('site');
    if (!(await siteExists(site))) return notFound(c, 'site');
    const q = listQuery(c, site);
    if (q instanceof Response) return q;
    const rows = await storage.inbox.list({ ...q, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return c.json({ responses: page.map(view), next: rows.length > q.limit ? page[page.length - 1]!.cursor : null });
  });

  app.get(`${base}/:id`, requireRole(ctx, 'viewer'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const notes = await storage.inbox.notes(c.req.param('site')!, r.id);
    return c.json({ ...view(r), notes }, 200, { ETag: etagOf(r.rowVersion) });
  });

  app.patch(`${base}/:id`, requireRole(ctx, 'editor'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const unmatched = ifMatch(c, r.rowVersion, view(r));
    if (unmatched) return unmatched;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    const site = c.req.param('site')!;
    const next = { status: r.status, assignee: r.assignee, tags: r.tags };
    try {
      onlyKeys(body, ['status', 'assignee', 'tags']);
      if (Object.keys(body).length === 0) throw new BadInput('', 'give at least one of status, assignee, tags');
      if (body.status !== undefined) {
        if (typeof body.status !== 'string' || !(INBOX_STATUSES as readonly string[]).includes(body.status)) throw new BadInput('status', `must be one of ${INBOX_STATUSES.join(', ')}`);
        next.status = body.status as InboxStatus;
      }
      if (body.assignee !== undefined) {
        if (body.assignee !== null) {
          const user = typeof body.assignee === 'string' ? await storage.users.get(body.assignee) : undefined;
          if (!user || user.disabled) throw new BadInput('assignee', 'must be null or the id of an enabled user');
        }
        next.assignee = body.assignee as string | null;
      }
      if (body.tags !== undefined) next.tags = tagsOf(body.tags);
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const actor = actorOf(c);
    const at = new Date(ctx.now()).toISOString();
    const closing = next.status === 'closed' && r.status !== 'closed';
    // Closed stays closed at its first time; reopening clears it.
    const state: InboxState = { ...next, closedAt: next.status !== 'closed' ? null : closing ? at : r.closedAt, at };
    const updated = await storage.transaction(async (tx) => {
      if ((await storage.inbox.update(site, r.id, r.rowVersion, state, tx)) === 'stale') return undefined;
      const after = (await storage.inbox.get(site, r.id, tx))!;
      await storage.activity.record({ site, actor, action: 'response.update', subject: { type: 'response', id: r.id }, diff: diff({ status: r.status, assignee: r.assignee, tags: r.tags }, next) }, tx);
      // A test answer sends no webhook, closed or not (README: Test answers).
      if (closing && !r.test) await storage.webhooks.enqueue(site, 'response.closed', { surveyId: after.surveyId, response: view(after), closedAt: at, closedBy: actor.label }, tx);
      return after;
    });
    if (!updated) {
      const now = (await storage.inbox.get(site, r.id))!;
      return c.json({ error: 'changed since you read it: start from the current copy', current: view(now) }, 409, { ETag: etagOf(now.rowVersion) });
    }
    return c.json(view(updated), 200, { ETag: etagOf(updated.rowVersion) });
  });

  app.post(`${base}/:id/notes`, requireRole(ctx, 'editor'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    try {
      onlyKeys(body, ['text']);
      if (typeof body.text !== 'string' || body.text.trim() === '' || body.text.length > MAX_NOTE_LENGTH) throw new BadInput('text', `must be a text of 1 to ${MAX_NOTE_LENGTH} characters`);
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const site = c.req.param('site')!;
    const actor = actorOf(c);
    const text = body.text;
    const note = await storage.transaction(async (tx) => {
      const n = await storage.inbox.addNote(site, r.id, text, { kind: actor.kind, id: actor.id, label: actor.label }, tx);
      await storage.activity.record({ site, actor, action: 'response.note', subject: { type: 'response', id: r.id }, diff: { note: n.id, text } }, tx);
      return n;
    });
    return c.json(note, 201);
  });

  app.get('/v1/admin/sites/:site/closed-loop', requireRole(ctx, 'viewer'), async (c) => {
    const site = c.req.param('site');
    if (!(await siteExists(site))) return notFound(c, 'site');
    const values = checkedQuery(c, ['from', 'to']);
    if (values instanceof Response) return values;
    // Only `to` given: the 90 days to it, as the default range is to today.
    const to = values.get('to');
    const fallback = to !== undefined && !Number.isNaN(Date.parse(`${to}T00:00:00Z`)) ? defaultRange(Date.parse(`${to}T00:00:00Z`)) : defaultRange(ctx.now());
    const days = readDays(c, values, fallback);
    if (days instanceof Response) return days;
    const surveys = await storage.inbox.closedLoop(site, days.fromAt!, days.toExclusiveAt!);
    return c.json({ from: days.from, to: days.to, surveys });
  });
}

const SITE = { name: 'site', in: 'path', required: true, schema: { type: 'string' } } as const;
const ID = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } } as const;
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', schema, description });
const DAY = { type: 'string', format: 'date' };

/** The schemas the inbox routes name. */
export const responseSchemas = {
  InboxItem: {
    type: 'object',
    required: ['id', 'surveyId', 'kind', 'score', 'scale', 'band', 'comment', 'attributes', 'page', 'channel', 'test', 'createdAt', 'status', 'assignee', 'tags', 'noteCount', 'etag'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      surveyId: { type: 'string' },
      kind: { type: 'string' },
      score: { type: 'integer' },
      scale: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
      band: { enum: BANDS },
      comment: { type: ['string', 'null'], description: 'As the visitor wrote it: render it as text' },
      answers: {},
      attributes: { type: 'object' },
      page: { type: 'object', properties: { url: { type: ['string', 'null'] }, referrer: { type: ['string', 'null'] } } },
      channel: { type: 'string' },
      locale: { type: ['string', 'null'] },
      version: { type: ['integer', 'null'] },
      test: { type: 'boolean', description: 'Given in a preview: shown here, left out of scores, reports, insights, exports, alerts, limits and webhooks' },
      createdAt: { type: 'string', format: 'date-time' },
      receivedAt: { type: 'string', format: 'date-time' },
      status: { enum: INBOX_STATUSES },
      assignee: { type: ['string', 'null'], description: 'A user id' },
      tags: { type: 'array', items: { type: 'string' } },
      closedAt: { type: ['string', 'null'], format: 'date-time' },
      noteCount: { type: 'integer' },
      etag: { type: 'string', description: 'Send it as If-Match to PATCH this answer' },
    },
  },
  InboxNote: {
    type: 'object',
    required: ['id', 'text', 'author', 'createdAt'],
    properties: { id: { type: 'integer' }, text: { type: 'string' }, author: { type: 'object', properties: { kind: { type: 'string' }, id: { type: 'string' }, label: { type: 'string' } } }, createdAt: { type: 'string', format: 'date-time' } },
  },
  InboxPage: { type: 'object', required: ['responses', 'next'], properties: { responses: { type: 'array', items: { $ref: '#/components/schemas/InboxItem' } }, next: { type: ['string', 'null'], description: 'Pass as `before` for the next page' } } },
  InboxDetail: { allOf: [{ $ref: '#/components/schemas/InboxItem' }, { type: 'object', required: ['notes'], properties: { notes: { type: 'array', items: { $ref: '#/components/schemas/InboxNote' } } } }] },
  InboxChanges: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      status: { enum: INBOX_STATUSES },
      assignee: { type: ['string', 'null'] },
      tags: { type: 'array', maxItems: MAX_TAGS, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: MAX_TAG_LENGTH } },
    },
  },
  ClosedLoop: {
    type: 'object',
    required: ['from', 'to', 'surveys'],
    properties: {
      from: DAY,
      to: DAY,
      surveys: {
        type: 'array',
        items: {
          type: 'object',
          required: ['surveyId', 'kind', 'detractors', 'closed', 'closedShare', 'medianSecondsToClose'],
          properties: {
            surveyId: { type: 'string' },
            kind: { type: 'string' },
            detractors: { type: 'integer', description: 'Detractor (NPS) or unhappy answers given in the range' },
            closed: { type: 'integer' },
            closedShare: { type: 'number', minimum: 0, maximum: 1 },
            medianSecondsToClose: { type: ['number', 'null'], description: 'From the answer to its close, over the closed ones' },
          },
        },
      },
    },
  },
};

/** The OpenAPI path items of the inbox routes. */
export const responsePaths: OpenApiPaths = {
  '/v1/admin/sites/{site}/responses': {
    parameters: [SITE],
    get: {
      summary: 'Answers, newest first, filtered and keyset-paged (viewer)',
      operationId: 'listResponses',
      parameters: [
        query('survey', { type: 'string' }, 'A survey id'),
        query('band', { enum: BANDS }, "By the survey's kind and scale"),
        query('scoreMin', { type: 'integer', minimum: 0 }, 'Score at least'),
        query('scoreMax', { type: 'integer', minimum: 0 }, 'Score at most'),
        query('from', DAY, 'Given on or after this UTC day'),
        query('to', DAY, 'Given on or before this UTC day'),
        query('hasComment', { type: 'boolean' }, 'With (or without) a comment'),
        query('status', { enum: [...INBOX_STATUSES, 'open'] }, '`new` includes answers nobody changed yet; `open` is new or in progress (not closed)'),
        query('assignee', { type: 'string' }, 'A user id'),
        query('tag', { type: 'string' }, 'A whole tag'),
        query('q', { type: 'string' }, 'Words in the comment (websearch syntax: "a phrase", -not, or)'),
        query('test', { enum: TEST_FILTERS, default: 'include' }, 'Answers given in a preview: shown, left out, or alone'),
        query('before', { type: 'string' }, "The previous page's `next`"),
        query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'Page size'),
        { name: 'attr.{name}', in: 'query', schema: { type: 'string' }, description: 'A segment value, exactly (`attr.plan=pro`); several combine' },
      ],
      responses: answers({ '200': jsonOf('A page', 'InboxPage') }, '400', '401', '403', '404'),
    },
  },
  '/v1/admin/sites/{site}/responses/{id}': {
    parameters: [SITE, ID],
    get: { summary: 'One answer with its notes (viewer)', operationId: 'getResponse', responses: answers({ '200': jsonOf('The answer', 'InboxDetail', ETAG_HEADER) }, '401', '403', '404') },
    patch: {
      summary: 'Change status, assignee or tags (editor); closing queues response.closed',
      operationId: 'updateResponse',
      parameters: [IF_MATCH],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/InboxChanges' } } } },
      responses: answers({ '200': jsonOf('The answer', 'InboxItem', ETAG_HEADER) }, '400', '401', '403', '404', '409', '428'),
    },
  },
  '/v1/admin/sites/{site}/responses/{id}/notes': {
    parameters: [SITE, ID],
    post: {
      summary: 'Add a note (editor)',
      operationId: 'addResponseNote',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string', minLength: 1, maxLength: MAX_NOTE_LENGTH } } } } } },
      responses: answers({ '201': jsonOf('The note', 'InboxNote') }, '400', '401', '403', '404'),
    },
  },
  '/v1/admin/sites/{site}/closed-loop': {
    parameters: [SITE, query('from', DAY, 'First UTC day (default: 89 days before to)'), query('to', DAY, 'Last UTC day (default: today)')],
    get: { summary: 'Per survey: the share of detractor (unhappy) answers closed, and the median time to close (viewer)', operationId: 'closedLoop', responses: answers({ '200': jsonOf('The figures', 'ClosedLoop') }, '400', '401', '403', '404') },
  },
};
