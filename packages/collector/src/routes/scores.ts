// GET /v1/scores (secret): NPS/CSAT/CES per survey with intervals, by
// day/week/month and by segment, with displays, dismissals and response
// rates; and GET /v1/comments, the newest comments for the report.
import type { Hono } from 'hono';
import type { SurveyKind } from '@sayso/core';
import { scoreSurveys, shapeOf, type SurveyShape } from '../scores.js';
import { authorized } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import { readQuery } from './query.js';

const INTERVALS = ['day', 'week', 'month'] as const;

/** Registers the reading API. */
export function scoreRoutes(app: Hono, ctx: AppContext): void {
  app.use('/v1/scores', async (c, next) => {
    if (!authorized(c, ctx.config.secret)) return c.json({ error: 'the secret is required (Authorization: Bearer <secret>)' }, 401);
    await next();
    c.header('Cache-Control', 'private, no-store');
  });
  app.use('/v1/comments', async (c, next) => {
    if (!authorized(c, ctx.config.secret)) return c.json({ error: 'the secret is required (Authorization: Bearer <secret>)' }, 401);
    await next();
    c.header('Cache-Control', 'private, no-store');
  });

  app.get('/v1/scores', async (c) => {
    const q = readQuery(c, ctx);
    if (q instanceof Response) return q;
    const interval = (c.req.query('interval') ?? 'day') as (typeof INTERVALS)[number];
    if (!INTERVALS.includes(interval)) return c.json({ error: { param: 'interval', reason: 'must be day, week or month' } }, 400);
    const levelParam = c.req.query('level');
    const level = levelParam === undefined ? 0.95 : Number(levelParam);
    if (!(level > 0 && level < 1)) return c.json({ error: { param: 'level', reason: 'must be a number between 0 and 1, e.g. 0.95' } }, 400);
    const segment = c.req.query('segment') ?? '';
    if (segment.length > 64) return c.json({ error: { param: 'segment', reason: 'is too long' } }, 400);
    const site = ctx.config.sites.get(q.site)!;
    const dimension = segment === '' || segment === 'channel' || segment === 'locale' ? segment : `attr:${segment}`;

    const started = performance.now();
    // In config order first, then surveys only the data knows (defined in a page, not in the config).
    const shapes = new Map<string, SurveyShape>();
    for (const s of site.surveys) shapes.set(s.id, shapeOf(s.id, s.kind, s.scale));
    for (const s of await ctx.storage.surveyShapes(q.site)) if (!shapes.has(s.surveyId)) shapes.set(s.surveyId, { surveyId: s.surveyId, kind: s.kind as SurveyKind, scale: s.scale });
    const wanted = [...shapes.values()].filter((s) => !q.surveyId || s.surveyId === q.surveyId);
    const surveyIds = wanted.map((s) => s.surveyId);
    const [overall, bySegment] = await Promise.all([
      ctx.storage.tallies({ ...q, surveyIds, dimension: '', by: interval }),
      // A breakdown is over the whole range: no need for days.
      segment ? ctx.storage.tallies({ ...q, surveyIds, dimension, by: 'range', fromResponses: dimension.startsWith('attr:') && !site.segments.includes(segment) }) : undefined,
    ]);
    const surveys = scoreSurveys(wanted, overall, bySegment, { interval, level, segmentHasEvents: segment === '' || segment === 'channel' });
    return c.json({
      site: q.site,
      from: q.from,
      to: q.to,
      interval,
      level,
      segment: segment || null,
      surveys,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.get('/v1/comments', async (c) => {
    const q = readQuery(c, ctx);
    if (q instanceof Response) return q;
    const limit = Math.min(200, Math.max(1, Number(c.req.query('limit') ?? 20) || 20));
    const rows = await ctx.storage.latestComments(q, limit);
    return c.json({
      comments: rows.map((r) => ({ id: r.id, surveyId: r.surveyId, score: r.score, comment: r.comment, createdAt: r.createdAt, channel: r.channel, attributes: r.attributes })),
    });
  });
}
