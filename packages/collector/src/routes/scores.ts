// GET /v1/scores (viewer: the secret, a studio user or token): NPS/CSAT/CES per survey with intervals, by
// day/week/month and by segment, with displays, dismissals and response
// rates; and GET /v1/comments, the newest comments for the report.
import type { Context, Hono, Next } from 'hono';
import type { SurveyKind } from '@sayso/core';
import { scoreSurveys, shapeOf, type SurveyShape } from '../scores.js';
import { requireRole } from '../auth/guard.js';
import type { AppContext } from '../server/context.js';
import { coalescer } from '../server/load.js';
import { badParam, readQuery, type ReadQuery } from './query.js';

const INTERVALS = ['day', 'week', 'month'] as const;
/** A confidence level: a decimal fraction strictly between 0 and 1, at most 4 places (`0.95`, `0.9999`). */
const LEVEL_RE = /^0\.\d{0,3}[1-9]$/;
/** `limit` of /v1/comments: an integer from 1 to MAX_COMMENTS. */
const LIMIT_RE = /^[1-9]\d{0,2}$/;
const MAX_COMMENTS = 200;
/** `version`: a positive integer without leading zeros, at most what PostgreSQL's integer holds. */
const VERSION_RE = /^[1-9]\d{0,9}$/;
const VERSION_MAX = 2147483647;
/** How long an answer of /v1/scores is shared with identical requests after it is computed. */
const SCORES_TTL_MS = 2000;

/** Registers the reading API. */
export function scoreRoutes(app: Hono, ctx: AppContext): void {
  const secret = requireRole(ctx, 'viewer');
  const noStore = async (c: Context, next: Next) => {
    await next();
    c.header('Cache-Control', 'private, no-store');
  };
  app.use('/v1/scores', secret, noStore);
  app.use('/v1/comments', secret, noStore);
  // Identical requests (a report open in several tabs, a dashboard polling) share one computation.
  // The answer is kept serialised: a shared answer costs its clients no more than a copy.
  const scores = coalescer<string>(SCORES_TTL_MS);

  app.get('/v1/scores', async (c) => {
    const read = readQuery(c, ctx, ['interval', 'level', 'segment', 'version', 'split']);
    if (read instanceof Response) return read;
    const { query: q, values } = read;
    const versionParam = values.get('version');
    if (versionParam !== undefined && !(VERSION_RE.test(versionParam) && Number(versionParam) <= VERSION_MAX)) {
      return badParam(c, { param: 'version', reason: `must be a published version number, an integer from 1 to ${VERSION_MAX}` });
    }
    const version = versionParam === undefined ? undefined : Number(versionParam);
    const split = values.get('split');
    if (split !== undefined && split !== 'version') return badParam(c, { param: 'split', reason: 'must be version' });
    if (split !== undefined && values.has('segment')) return badParam(c, { param: 'split', reason: 'cannot be combined with segment: one breakdown at a time' });
    const interval = (values.get('interval') ?? 'day') as (typeof INTERVALS)[number];
    if (!INTERVALS.includes(interval)) return badParam(c, { param: 'interval', reason: 'must be day, week or month' });
    const levelParam = values.get('level');
    if (levelParam !== undefined && !LEVEL_RE.test(levelParam)) return badParam(c, { param: 'level', reason: 'must be a number between 0 and 1 with at most 4 decimals, e.g. 0.95' });
    const level = levelParam === undefined ? 0.95 : Number(levelParam);
    const segment = values.get('segment') ?? '';
    if (segment.length > 64) return badParam(c, { param: 'segment', reason: 'is longer than 64 characters' });
    const key = JSON.stringify([q.site, ctx.writes(q.site), q.surveyId ?? null, q.from, q.to, interval, level, segment, version ?? null, split ?? null]);
    const text = await scores.get(key, () => ctx.reads.run(async () => JSON.stringify(await computeScores(q, interval, level, segment, version, split === 'version'))));
    return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  async function computeScores(
    q: ReadQuery,
    interval: (typeof INTERVALS)[number],
    level: number,
    segment: string,
    version: number | undefined,
    byVersion: boolean,
  ): Promise<Record<string, unknown>> {
    const site = ctx.sites.get(q.site)!;
    const dimension = byVersion ? 'version' : segment === '' || segment === 'channel' || segment === 'locale' ? segment : `attr:${segment}`;
    const only = version === undefined ? {} : { version };
    const started = performance.now();
    // In config order first, then surveys only the data knows (defined in a page, not in the config).
    const shapes = new Map<string, SurveyShape>();
    for (const s of site.surveys) shapes.set(s.id, shapeOf(s.id, s.kind, s.scale));
    for (const s of await ctx.storage.surveyShapes(q.site)) if (!shapes.has(s.surveyId)) shapes.set(s.surveyId, { surveyId: s.surveyId, kind: s.kind as SurveyKind, scale: s.scale });
    const wanted = [...shapes.values()].filter((s) => !q.surveyId || s.surveyId === q.surveyId);
    const surveyIds = wanted.map((s) => s.surveyId);
    const [overall, bySegment] = await Promise.all([
      ctx.storage.tallies({ ...q, surveyIds, dimension: '', by: interval, ...only }),
      // A breakdown is over the whole range: no need for days.
      dimension ? ctx.storage.tallies({ ...q, surveyIds, dimension, by: 'range', fromResponses: dimension.startsWith('attr:') && !site.segments.includes(segment), ...only }) : undefined,
    ]);
    // Displays and dismissals are tallied without versions: a version filter or split has no response rate.
    const surveys = scoreSurveys(wanted, overall, bySegment, { interval, level, segmentHasEvents: version === undefined && !byVersion && (segment === '' || segment === 'channel') });
    return {
      site: q.site,
      from: q.from,
      to: q.to,
      interval,
      level,
      segment: segment || null,
      version: version ?? null,
      split: byVersion ? 'version' : null,
      surveys,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  app.get('/v1/comments', async (c) => {
    // The report sends its whole filter (interval and segment too) for the comments of a card:
    // they are accepted and checked as /v1/scores checks them, and do not change the list.
    const read = readQuery(c, ctx, ['limit', 'interval', 'segment']);
    if (read instanceof Response) return read;
    const { query: q, values } = read;
    const interval = values.get('interval');
    if (interval !== undefined && !(INTERVALS as readonly string[]).includes(interval)) return badParam(c, { param: 'interval', reason: 'must be day, week or month' });
    if ((values.get('segment')?.length ?? 0) > 64) return badParam(c, { param: 'segment', reason: 'is longer than 64 characters' });
    const limitParam = values.get('limit') ?? '20';
    if (!LIMIT_RE.test(limitParam) || Number(limitParam) > MAX_COMMENTS) return badParam(c, { param: 'limit', reason: `must be an integer from 1 to ${MAX_COMMENTS}` });
    const rows = await ctx.reads.run(() => ctx.storage.latestComments(q, Number(limitParam)));
    return c.json({
      comments: rows.map((r) => ({ id: r.id, surveyId: r.surveyId, score: r.score, comment: r.comment, createdAt: r.createdAt, channel: r.channel, attributes: r.attributes })),
    });
  });
}
