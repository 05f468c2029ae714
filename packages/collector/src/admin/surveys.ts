// /v1/admin/sites/:site/surveys: drafts (editor), publishing and the
// lifecycle (publisher), immutable versions and their diffs (viewer), and
// publish requests (an editor asks, a publisher approves or rejects). Every
// change carries If-Match, is recorded in the activity log in its own
// transaction, and is served by remote config as soon as it commits.
import type { Context, Hono } from 'hono';
import { parseSurvey, type Survey } from '@sayso/core';
import { actorOf, requireRole } from '../auth/guard.js';
import type { Role } from '../auth/roles.js';
import { checkedQuery } from '../routes/query.js';
import type { AppContext } from '../server/context.js';
import { startedStatus } from '../sites/lifecycle.js';
import type { SqlRunner } from '../storage/driver.js';
import type { PublishRequest, SurveyChanges, SurveyRecord, SurveyStatus } from '../storage/surveys.js';
import { diff } from './diff.js';
import { BadInput, ETAG_HEADER, IF_MATCH, answers, badInput, etagOf, fromSaysoError, ifMatch, jsonBody, jsonOf, onlyKeys, positiveInt, type OpenApiPaths } from './http.js';

/** An ISO 8601 date-time with a zone (`2026-12-01T09:00:00Z`, `…+01:00`). */
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LIMIT_MAX = 2147483647;

/** A survey as the admin API shows it; `status` is the one in force now (schedules and limits applied). */
export function surveyView(ctx: AppContext, r: SurveyRecord, responses: number) {
  return {
    id: r.id,
    site: r.site,
    status: statusNow(ctx, r, responses),
    version: r.version,
    hash: r.hash,
    draft: r.draft,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    responseLimit: r.responseLimit,
    responses,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

/** The status in force at the context's clock, with this count of stored responses. */
function statusNow(ctx: AppContext, r: SurveyRecord, responses: number): SurveyStatus {
  // The count read for this answer, fresher than the registry's cached one.
  if (r.status !== 'live' && r.status !== 'scheduled') return r.status;
  const now = ctx.now();
  if (r.endsAt !== null && now >= Date.parse(r.endsAt)) return 'ended';
  if (r.responseLimit !== null && responses >= r.responseLimit) return 'ended';
  return startedStatus(r.startsAt, now);
}

/** The survey body of a request, checked by parseSurvey; a bad field is named by exactly parseSurvey's path. */
function draftOf(v: unknown): Survey {
  if (v === undefined) throw new BadInput('survey', 'is required: the survey as parseSurvey reads it');
  if (typeof v === 'object' && v !== null && 'version' in v) throw new BadInput('version', 'is given by publishing, never written in a draft');
  try {
    return parseSurvey(v);
  } catch (err) {
    throw fromSaysoError(err);
  }
}

function dateTimeOrNull(v: unknown, path: string): string | null {
  if (v === null) return null;
  if (typeof v !== 'string' || !DATE_TIME_RE.test(v) || Number.isNaN(Date.parse(v))) throw new BadInput(path, 'must be null or an ISO 8601 date-time with zone, such as "2026-12-01T09:00:00Z"');
  return new Date(v).toISOString();
}

function limitOrNull(v: unknown): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > LIMIT_MAX) throw new BadInput('responseLimit', `must be null or an integer from 1 to ${LIMIT_MAX}`);
  return v;
}

/** Registers the survey routes. */
export function surveyAdminRoutes(app: Hono, ctx: AppContext): void {
  const { storage } = ctx;
  const base = '/v1/admin/sites/:site/surveys';

  const count = async (site: string, id: string) => (await storage.surveys.responseCounts(site, [id])).get(id) ?? 0;
  const view = async (r: SurveyRecord) => surveyView(ctx, r, await count(r.site, r.id));
  const notFound = (c: Context, what: string) => c.json({ error: `${what} not found` }, 404);

  /** The survey of the path, or the 404 answer. */
  async function load(c: Context): Promise<SurveyRecord | Response> {
    const site = c.req.param('site')!;
    if (!ctx.sites.has(site) && !(await storage.sites.get(site))) return notFound(c, 'site');
    const r = await storage.surveys.get(site, c.req.param('id')!);
    return r ?? notFound(c, 'survey');
  }

  /** Answers a change's outcome: 404, 409 with the current copy, or 200 with the new one (after the registry reloads). */
  async function answer(c: Context, outcome: SurveyRecord | 'stale' | 'missing', status: 200 | 201 = 200, extra: Record<string, unknown> = {}): Promise<Response> {
    if (outcome === 'missing') return notFound(c, 'survey');
    if (outcome === 'stale') {
      const now = (await storage.surveys.get(c.req.param('site')!, c.req.param('id')!))!;
      return c.json({ error: 'changed since you read it: start from the current copy', current: await view(now) }, 409, { ETag: etagOf(now.rowVersion) });
    }
    await ctx.sites.refresh();
    return c.json({ ...(await view(outcome)), ...extra }, status, { ETag: etagOf(outcome.rowVersion) });
  }

  app.get(base, requireRole(ctx, 'viewer'), async (c) => {
    const site = c.req.param('site');
    if (!(await storage.sites.get(site))) return notFound(c, 'site');
    const [rows, counts] = await Promise.all([storage.surveys.list(site), storage.surveys.responseCounts(site)]);
    return c.json({ surveys: rows.map((r) => surveyView(ctx, r, counts.get(r.id) ?? 0)) });
  });

  app.post(base, requireRole(ctx, 'editor'), async (c) => {
    const site = c.req.param('site');
    if (!(await storage.sites.get(site))) return notFound(c, 'site');
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    let draft: Survey;
    let schedule: Pick<SurveyChanges, 'startsAt' | 'endsAt' | 'responseLimit'>;
    try {
      onlyKeys(body, ['survey', 'startsAt', 'endsAt', 'responseLimit']);
      draft = draftOf(body.survey);
      schedule = scheduleOf(body, { startsAt: null, endsAt: null });
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const actor = actorOf(c);
    const created = await storage.transaction(async (tx) => {
      if (!(await storage.surveys.create({ site, draft, ...schedule, by: actor.label }, tx))) return undefined;
      await storage.activity.record({ site, actor, action: 'survey.create', subject: { type: 'survey', id: draft.id }, diff: { survey: draft, ...schedule } }, tx);
      return storage.surveys.get(site, draft.id, tx);
    });
    if (!created) return c.json({ error: `survey "${draft.id}" exists in this site`, current: await view((await storage.surveys.get(site, draft.id))!) }, 409);
    return answer(c, created, 201);
  });

  app.get(`${base}/:id`, requireRole(ctx, 'viewer'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    return c.json(await view(r), 200, { ETag: etagOf(r.rowVersion) });
  });

  /** startsAt/endsAt/responseLimit of a body, checked together (the end after the start). */
  function scheduleOf(body: Record<string, unknown>, current: { startsAt: string | null; endsAt: string | null }) {
    const out: Pick<SurveyChanges, 'startsAt' | 'endsAt' | 'responseLimit'> = {};
    if (body.startsAt !== undefined) out.startsAt = dateTimeOrNull(body.startsAt, 'startsAt');
    if (body.endsAt !== undefined) out.endsAt = dateTimeOrNull(body.endsAt, 'endsAt');
    if (body.responseLimit !== undefined) out.responseLimit = limitOrNull(body.responseLimit);
    const starts = out.startsAt !== undefined ? out.startsAt : current.startsAt;
    const ends = out.endsAt !== undefined ? out.endsAt : current.endsAt;
    if (starts !== null && ends !== null && Date.parse(ends) <= Date.parse(starts)) throw new BadInput('endsAt', 'must be after startsAt');
    return out;
  }

  app.put(`${base}/:id`, requireRole(ctx, 'editor'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const unmatched = ifMatch(c, r.rowVersion, await view(r));
    if (unmatched) return unmatched;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    let changes: SurveyChanges;
    try {
      onlyKeys(body, ['survey', 'startsAt', 'endsAt', 'responseLimit']);
      const draft = draftOf(body.survey);
      if (draft.id !== r.id) throw new BadInput('id', `must stay "${r.id}" (duplicate the survey for a new id)`);
      changes = { draft, ...scheduleOf(body, r), by: actorOf(c).label };
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    if (r.status === 'archived') return c.json({ error: 'an archived survey cannot be edited: duplicate it', current: await view(r) }, 409);
    return answer(c, await change(c, r, 'survey.update', changes));
  });

  /** Updates `r` (its row version as If-Match had it) and records `action` with the diff, in one transaction. */
  async function change(c: Context, r: SurveyRecord, action: string, changes: SurveyChanges, also?: (tx: SqlRunner) => Promise<void>) {
    const actor = actorOf(c);
    return storage.transaction(async (tx) => {
      const updated = await storage.surveys.update(r.site, r.id, r.rowVersion, changes, tx);
      if (typeof updated === 'string') return updated;
      const before = { survey: r.draft, status: r.status, startsAt: r.startsAt, endsAt: r.endsAt, responseLimit: r.responseLimit };
      const after = { survey: updated.draft, status: updated.status, startsAt: updated.startsAt, endsAt: updated.endsAt, responseLimit: updated.responseLimit };
      await storage.activity.record({ site: r.site, actor, action, subject: { type: 'survey', id: r.id }, diff: diff(before, after) }, tx);
      await also?.(tx);
      return updated;
    });
  }

  app.post(`${base}/:id/duplicate`, requireRole(ctx, 'editor'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    let id: string | undefined;
    try {
      onlyKeys(body, ['id']);
      if (body.id !== undefined) id = draftOf({ ...r.draft, id: body.id }).id;
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const taken = new Set((await storage.surveys.list(r.site)).map((s) => s.id));
    if (id !== undefined && taken.has(id)) return c.json({ error: `survey "${id}" exists in this site` }, 409);
    // `<id>-copy`, `<id>-copy-2`, …, cut to the 64 characters an id may have.
    for (let n = 1; id === undefined; n++) {
      const suffix = n === 1 ? '-copy' : `-copy-${n}`;
      const candidate = r.id.slice(0, 64 - suffix.length) + suffix;
      if (!taken.has(candidate)) id = candidate;
    }
    const draft = { ...r.draft, id };
    const actor = actorOf(c);
    const created = await storage.transaction(async (tx) => {
      if (!(await storage.surveys.create({ site: r.site, draft, by: actor.label }, tx))) return undefined;
      await storage.activity.record({ site: r.site, actor, action: 'survey.duplicate', subject: { type: 'survey', id: draft.id }, diff: { from: r.id } }, tx);
      return storage.surveys.get(r.site, draft.id, tx);
    });
    if (!created) return c.json({ error: `survey "${draft.id}" exists in this site` }, 409);
    return answer(c, created, 201);
  });

  /** Publishes `r`'s draft in `tx` (with `also`), recording the change against the previous version. */
  async function publish(c: Context, r: SurveyRecord, also?: (tx: SqlRunner) => Promise<void>) {
    const actor = actorOf(c);
    return storage.transaction(async (tx) => {
      const out = await storage.surveys.publish(r.site, r.id, r.rowVersion, startedStatus(r.startsAt, ctx.now()), actor.label, tx);
      if (typeof out === 'string') return out;
      await storage.activity.record(
        {
          site: r.site,
          actor,
          action: 'survey.publish',
          subject: { type: 'survey', id: r.id },
          diff: { version: out.version, hash: out.hash, newVersion: out.created, changes: diff(r.published ?? {}, out.draft) },
        },
        tx,
      );
      await also?.(tx);
      return out;
    });
  }

  app.post(`${base}/:id/publish`, requireRole(ctx, 'publisher'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const unmatched = ifMatch(c, r.rowVersion, await view(r));
    if (unmatched) return unmatched;
    if (r.status === 'archived') return c.json({ error: 'an archived survey cannot be published: duplicate it', current: await view(r) }, 409);
    const out = await publish(c, r);
    return answer(c, out);
  });

  /** A lifecycle step: allowed from the statuses `from` (as in force now), to the status `to` gives. */
  function step(verb: string, role: Role, from: readonly SurveyStatus[], to: (r: SurveyRecord) => SurveyStatus) {
    app.post(`${base}/:id/${verb}`, requireRole(ctx, role), async (c) => {
      const r = await load(c);
      if (r instanceof Response) return r;
      const current = await view(r);
      const unmatched = ifMatch(c, r.rowVersion, current);
      if (unmatched) return unmatched;
      if (!from.includes(current.status)) return c.json({ error: `a ${current.status} survey cannot ${verb === 'end' ? 'be ended' : `be ${verb}d`} (only ${from.join(', ')})`, current }, 409);
      return answer(c, await change(c, r, `survey.${verb}`, { status: to(r), by: actorOf(c).label }));
    });
  }
  step('pause', 'publisher', ['live', 'scheduled'], () => 'paused');
  step('resume', 'publisher', ['paused'], (r) => startedStatus(r.startsAt, ctx.now()));
  step('end', 'publisher', ['live', 'scheduled', 'paused'], () => 'ended');
  // Archiving takes a survey out of lists; a live one must be paused or ended first (that is a publisher's call).
  step('archive', 'editor', ['draft', 'paused', 'ended'], () => 'archived');

  app.post(`${base}/:id/rollback`, requireRole(ctx, 'publisher'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const unmatched = ifMatch(c, r.rowVersion, await view(r));
    if (unmatched) return unmatched;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    try {
      onlyKeys(body, ['version']);
      if (typeof body.version !== 'number' || !Number.isInteger(body.version) || body.version < 1) throw new BadInput('version', 'must be a published version number');
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const v = await storage.surveys.version(r.site, r.id, body.version);
    if (!v) return notFound(c, `version ${body.version}`);
    if (r.status === 'archived') return c.json({ error: 'an archived survey cannot be edited: duplicate it', current: await view(r) }, 409);
    // A new draft equal to version n: publishing it makes version n the one served (under its own number, as the newest).
    return answer(c, await change(c, r, 'survey.rollback', { draft: v.survey, by: actorOf(c).label }));
  });

  app.get(`${base}/:id/versions`, requireRole(ctx, 'viewer'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const versions = await storage.surveys.versions(r.site, r.id);
    return c.json({ versions: versions.map(({ survey: _survey, ...v }) => v) });
  });

  app.get(`${base}/:id/versions/:n`, requireRole(ctx, 'viewer'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const n = positiveInt(c.req.param('n'));
    const v = n === undefined ? undefined : await storage.surveys.version(r.site, r.id, n);
    if (!v) return notFound(c, 'version');
    return c.json(v, 200, { 'Cache-Control': 'private, max-age=86400, immutable' });
  });

  app.get(`${base}/:id/diff`, requireRole(ctx, 'viewer'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const q = checkedQuery(c, ['from', 'to']);
    if (q instanceof Response) return q;
    /** `draft`, a version number, or (absent) the default. */
    const side = async (param: 'from' | 'to', fallback: string): Promise<Survey | Record<string, never> | Response> => {
      const v = q.get(param) ?? fallback;
      if (v === 'draft') return r.draft;
      if (v === 'none') return {};
      const n = positiveInt(v);
      if (n === undefined) return badInput(c, new BadInput(param, 'must be a version number or "draft"'));
      const found = await storage.surveys.version(r.site, r.id, n);
      return found ? found.survey : notFound(c, `version ${n}`);
    };
    const from = await side('from', r.version === null ? 'none' : String(r.version));
    if (from instanceof Response) return from;
    const to = await side('to', 'draft');
    if (to instanceof Response) return to;
    return c.json({ changes: diff(from, to) });
  });

  // Publish requests.
  const requestView = async (p: PublishRequest) => {
    const r = await storage.surveys.get(p.site, p.surveyId);
    return { ...p, changes: diff(r?.published ?? {}, p.draft), stale: r?.rowVersion !== p.draftRowVersion };
  };

  app.post(`${base}/:id/publish-requests`, requireRole(ctx, 'editor'), async (c) => {
    const r = await load(c);
    if (r instanceof Response) return r;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    const bad = onlyText(body, 'note');
    if (bad) return badInput(c, bad);
    if (r.status === 'archived') return c.json({ error: 'an archived survey cannot be published: duplicate it', current: await view(r) }, 409);
    const actor = actorOf(c);
    const made = await storage.transaction(async (tx) => {
      const p = await storage.surveys.requestPublish({ site: r.site, surveyId: r.id, draft: r.draft, draftRowVersion: r.rowVersion, note: (body.note as string | undefined) ?? null, requestedBy: actor.label }, tx);
      await storage.activity.record({ site: r.site, actor, action: 'survey.request-publish', subject: { type: 'survey', id: r.id }, diff: { request: p.id, changes: diff(r.published ?? {}, r.draft) } }, tx);
      return p;
    });
    return c.json(await requestView(made), 201);
  });

  app.get('/v1/admin/publish-requests', requireRole(ctx, 'viewer'), async (c) => {
    const q = checkedQuery(c, ['site']);
    if (q instanceof Response) return q;
    const open = await storage.surveys.openRequests(q.get('site'));
    return c.json({ requests: await Promise.all(open.map(requestView)) });
  });

  app.post('/v1/admin/publish-requests/:rid/approve', requireRole(ctx, 'publisher'), async (c) => {
    const id = positiveInt(c.req.param('rid'), Number.MAX_SAFE_INTEGER);
    const p = id === undefined ? undefined : await storage.surveys.getRequest(id);
    if (!p || p.status !== 'open') return notFound(c, 'open publish request');
    const r = await storage.surveys.get(p.site, p.surveyId);
    if (!r) return notFound(c, 'survey');
    if (r.rowVersion !== p.draftRowVersion) {
      return c.json({ error: 'the draft changed since this publish was asked for: review it and ask again', current: await view(r) }, 409);
    }
    if (r.status === 'archived') return c.json({ error: 'an archived survey cannot be published', current: await view(r) }, 409);
    const actor = actorOf(c);
    const out = await publish(c, r, async (tx) => {
      const decided = await storage.surveys.decide(p.id, 'approved', actor.label, tx);
      // Another publisher decided it a moment ago: roll this publish back.
      if (decided === 'missing') throw new Conflict();
      await storage.activity.record({ site: r.site, actor, action: 'survey.approve-publish', subject: { type: 'survey', id: r.id }, diff: { request: p.id } }, tx);
    }).catch((err: unknown) => {
      if (err instanceof Conflict) return 'decided' as const;
      throw err;
    });
    if (out === 'decided') return notFound(c, 'open publish request');
    if (typeof out === 'string') return c.json({ error: 'the draft changed since this publish was asked for: review it and ask again', current: await view((await storage.surveys.get(p.site, p.surveyId))!) }, 409);
    await ctx.sites.refresh();
    return c.json({ request: { ...p, status: 'approved', decidedBy: actor.label }, survey: await view(out) });
  });

  app.post('/v1/admin/publish-requests/:rid/reject', requireRole(ctx, 'publisher'), async (c) => {
    const id = positiveInt(c.req.param('rid'), Number.MAX_SAFE_INTEGER);
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    const bad = onlyText(body, 'reason');
    if (bad) return badInput(c, bad);
    const actor = actorOf(c);
    const decided = id === undefined ? 'missing' : await storage.transaction(async (tx) => {
      const d = await storage.surveys.decide(id, 'rejected', actor.label, tx);
      if (d !== 'missing') {
        await storage.activity.record({ site: d.site, actor, action: 'survey.reject-publish', subject: { type: 'survey', id: d.surveyId }, diff: { request: d.id, reason: body.reason ?? null } }, tx);
      }
      return d;
    });
    if (decided === 'missing') return notFound(c, 'open publish request');
    return c.json({ request: decided });
  });
}

class Conflict extends Error {}

/** Why `body` is not `{}` or `{ [key]: text of at most 2000 characters }` (a publish request's note, a rejection's reason). */
function onlyText(body: Record<string, unknown>, key: string): BadInput | undefined {
  try {
    onlyKeys(body, [key]);
  } catch (err) {
    if (err instanceof BadInput) return err;
    throw err;
  }
  const v = body[key];
  return v !== undefined && (typeof v !== 'string' || v.length > 2000) ? new BadInput(key, 'must be a text of at most 2000 characters') : undefined;
}

const SITE = { name: 'site', in: 'path', required: true, schema: { type: 'string' } } as const;
const ID = { name: 'id', in: 'path', required: true, schema: { type: 'string' } } as const;
const survey200 = (d: string) => jsonOf(d, 'Survey', ETAG_HEADER);
const stepPath = (verb: string, role: Role, what: string) => ({
  parameters: [SITE, ID],
  post: { summary: `${what} (${role})`, operationId: `${verb}Survey`, parameters: [IF_MATCH], responses: answers({ '200': survey200('The survey') }, '401', '403', '404', '409', '428') },
});
const body = (schema: string, required = true) => ({ required, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

/** The OpenAPI path items of the survey routes. */
export const surveyPaths: OpenApiPaths = {
  '/v1/admin/sites/{site}/surveys': {
    parameters: [SITE],
    get: { summary: "A site's surveys (viewer)", operationId: 'listSurveys', responses: answers({ '200': jsonOf('The surveys', 'SurveyList') }, '401', '403', '404') },
    post: { summary: 'Create a draft (editor)', operationId: 'createSurvey', requestBody: body('SurveyWrite'), responses: answers({ '201': survey200('The new draft') }, '400', '401', '403', '404', '409') },
  },
  '/v1/admin/sites/{site}/surveys/{id}': {
    parameters: [SITE, ID],
    get: { summary: 'One survey (viewer)', operationId: 'getSurvey', responses: answers({ '200': survey200('The survey') }, '401', '403', '404') },
    put: {
      summary: 'Replace the draft, schedule and limit (editor)',
      operationId: 'updateSurvey',
      parameters: [IF_MATCH],
      requestBody: body('SurveyWrite'),
      responses: answers({ '200': survey200('The survey') }, '400', '401', '403', '404', '409', '428'),
    },
  },
  '/v1/admin/sites/{site}/surveys/{id}/duplicate': {
    parameters: [SITE, ID],
    post: {
      summary: 'Copy a survey as a new draft (editor)',
      operationId: 'duplicateSurvey',
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false } } } },
      responses: answers({ '201': survey200('The copy') }, '400', '401', '403', '404', '409'),
    },
  },
  '/v1/admin/sites/{site}/surveys/{id}/publish': {
    parameters: [SITE, ID],
    post: {
      summary: 'Freeze the draft as the next version and serve it (publisher)',
      operationId: 'publishSurvey',
      parameters: [IF_MATCH],
      responses: answers({ '200': survey200('The survey, with its new version and hash') }, '401', '403', '404', '409', '428'),
    },
  },
  '/v1/admin/sites/{site}/surveys/{id}/pause': stepPath('pause', 'publisher', 'Stop serving a live or scheduled survey'),
  '/v1/admin/sites/{site}/surveys/{id}/resume': stepPath('resume', 'publisher', 'Serve a paused survey again'),
  '/v1/admin/sites/{site}/surveys/{id}/end': stepPath('end', 'publisher', 'End a survey'),
  '/v1/admin/sites/{site}/surveys/{id}/archive': stepPath('archive', 'editor', 'Archive a draft, paused or ended survey'),
  '/v1/admin/sites/{site}/surveys/{id}/rollback': {
    parameters: [SITE, ID],
    post: {
      summary: 'Make the draft equal to version n (publisher)',
      operationId: 'rollbackSurvey',
      parameters: [IF_MATCH],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } } } } },
      responses: answers({ '200': survey200('The survey') }, '400', '401', '403', '404', '409', '428'),
    },
  },
  '/v1/admin/sites/{site}/surveys/{id}/versions': {
    parameters: [SITE, ID],
    get: { summary: 'Published versions (viewer)', operationId: 'listVersions', responses: answers({ '200': jsonOf('The versions', 'VersionList') }, '401', '403', '404') },
  },
  '/v1/admin/sites/{site}/surveys/{id}/versions/{n}': {
    parameters: [SITE, ID, { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
    get: { summary: 'One frozen version (viewer)', operationId: 'getVersion', responses: answers({ '200': jsonOf('The version', 'Version') }, '401', '403', '404') },
  },
  '/v1/admin/sites/{site}/surveys/{id}/diff': {
    parameters: [
      SITE,
      ID,
      { name: 'from', in: 'query', schema: { type: 'string' }, description: 'A version number or `draft` (default: the newest version)' },
      { name: 'to', in: 'query', schema: { type: 'string' }, description: 'A version number or `draft` (default: `draft`)' },
    ],
    get: { summary: 'Changes between two versions, or a version and the draft (viewer)', operationId: 'diffSurvey', responses: answers({ '200': jsonOf('The changes', 'Diff') }, '400', '401', '403', '404') },
  },
  '/v1/admin/sites/{site}/surveys/{id}/publish-requests': {
    parameters: [SITE, ID],
    post: {
      summary: 'Ask a publisher to publish the draft (editor)',
      operationId: 'requestPublish',
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { note: { type: 'string' } }, additionalProperties: false } } } },
      responses: answers({ '201': jsonOf('The request, with its diff', 'PublishRequest') }, '400', '401', '403', '404', '409'),
    },
  },
  '/v1/admin/publish-requests': {
    get: {
      summary: 'Open publish requests with their diffs against the live version (viewer)',
      operationId: 'listPublishRequests',
      parameters: [{ name: 'site', in: 'query', schema: { type: 'string' } }],
      responses: answers({ '200': jsonOf('The open requests', 'PublishRequestList') }, '400', '401', '403'),
    },
  },
  '/v1/admin/publish-requests/{rid}/approve': {
    parameters: [{ name: 'rid', in: 'path', required: true, schema: { type: 'integer' } }],
    post: { summary: 'Approve: publish the draft as asked (publisher)', operationId: 'approvePublish', responses: answers({ '200': { description: 'The request and the published survey' } }, '401', '403', '404', '409') },
  },
  '/v1/admin/publish-requests/{rid}/reject': {
    parameters: [{ name: 'rid', in: 'path', required: true, schema: { type: 'integer' } }],
    post: {
      summary: 'Reject a publish request (publisher)',
      operationId: 'rejectPublish',
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { reason: { type: 'string' } }, additionalProperties: false } } } },
      responses: answers({ '200': { description: 'The request' } }, '400', '401', '403', '404'),
    },
  },
};
