// GET /v1/insights (viewer: the secret, a studio user or token): per survey, the themes that
// set detractors apart (and promoters), each theme's impact with its
// interval, rising themes, custom themes and answers whose comment disagrees
// with the score. GET /v1/insights/comments lists the comments of one theme.
// Every query value is checked as the other read routes check theirs
// (query.ts): 400 with `{ error: { param, reason } }`. Reads pass the read
// gate (503 with Retry-After when it is full).
import type { Context, Hono, Next } from 'hono';
import { scoreBand, type ScoreBand, type SurveyKind } from '@sayso/core';
import { LANGUAGES, isLang } from '@sayso/insights';
import { mentions, surveyInsights, type InsightsQuery } from '../insights.js';
import { shapeOf, type SurveyShape } from '../scores.js';
import { requireRole } from '../auth/guard.js';
import type { AppContext } from '../server/context.js';
import { termCounter } from '../storage/insights-worker.js';
import { badParam, readInteger, readInterval, readLevel, readQuery } from './query.js';

const BANDS: Record<SurveyKind, readonly ScoreBand[]> = { nps: ['detractor', 'passive', 'promoter'], csat: ['unhappy', 'neutral', 'happy'], ces: ['unhappy', 'neutral', 'happy'] };
/** A theme's comment list reads at most this many comments per request, then hands back a cursor. */
const SCAN = 5000;
const PAGE = 500;

/** Parameters of /v1/insights beside readQuery's site, survey, from and to. */
export const INSIGHTS_PARAMS = ['interval', 'level', 'lang', 'minComments', 'limit'] as const;
/** Parameters of /v1/insights/comments beside readQuery's. */
export const INSIGHTS_COMMENT_PARAMS = ['term', 'band', 'lang', 'limit', 'cursor'] as const;

type Bad = (param: string, reason: string) => Response;

function checkLang(values: Map<string, string>, bad: Bad): string | undefined | Response {
  const lang = values.get('lang');
  if (lang === undefined) return undefined;
  return isLang(lang) ? lang : bad('lang', `must be one of ${LANGUAGES.join(' ')}`);
}

// PostgreSQL's text form of a timestamptz ('2026-10-25 17:59:00.123+00', the
// offset of the session's time zone, at most to the second) and a uuid.
const CURSOR_TS_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](\d{2})(:[0-5]\d){0,2}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The keyset position a cursor holds, or undefined when it is not one this
 * route made. Every field is checked here, not by PostgreSQL: a value of the
 * right shape but out of range ('2026-13-45 25:61:00+00', year 0, dashes for
 * a uuid) would fail the cast in the query, a 500 for what a client sent.
 */
export function parseCursor(cursor: string): { ts: string; id: string } | undefined {
  const [ts, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!ts || !id || rest.length || !UUID_RE.test(id)) return undefined;
  const m = CURSOR_TS_RE.exec(ts);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, offset] = [m[1], m[2], m[3], m[4], m[5], m[6], m[8]].map(Number) as [number, number, number, number, number, number, number];
  // Date.UTC rolls 2026-02-30 over to March: a real day reads back the same.
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDay = year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return realDay && hour < 24 && minute < 60 && second < 60 && offset <= 15 ? { ts, id } : undefined;
}

/** The surveys of a site: configured ones first, then those only the data knows. */
async function shapesOf(ctx: AppContext, site: string): Promise<Map<string, SurveyShape>> {
  const shapes = new Map<string, SurveyShape>();
  for (const s of ctx.sites.get(site)!.surveys) shapes.set(s.id, shapeOf(s.id, s.kind, s.scale));
  for (const s of await ctx.storage.surveyShapes(site)) if (!shapes.has(s.surveyId)) shapes.set(s.surveyId, { surveyId: s.surveyId, kind: s.kind as SurveyKind, scale: s.scale });
  return shapes;
}

/**
 * Registers the insights API. The collector's term counter (`ctx.termCounter`)
 * is drained (a few batches) before answering, so what was stored before the
 * question is counted in the answer.
 */
export function insightsRoutes(app: Hono, ctx: AppContext): void {
  const counter = ctx.termCounter ?? termCounter(ctx.storage, { themesFor: (site) => ctx.sites.get(site)?.insights.themes });
  // The secret as /v1/scores takes it: failed attempts count toward the client's limit.
  const secret = requireRole(ctx, 'viewer');
  const noStore = async (c: Context, next: Next) => {
    await next();
    c.header('Cache-Control', 'private, no-store');
  };
  app.use('/v1/insights', secret, noStore);
  app.use('/v1/insights/comments', secret, noStore);

  app.get('/v1/insights', async (c) => {
    const bad: Bad = (param, reason) => badParam(c, { param, reason });
    const read = readQuery(c, ctx, INSIGHTS_PARAMS);
    if (read instanceof Response) return read;
    const { query: q, values } = read;
    const interval = readInterval(c, values, 'week');
    if (interval instanceof Response) return interval;
    const level = readLevel(c, values);
    if (level instanceof Response) return level;
    const lang = checkLang(values, bad);
    if (lang instanceof Response) return lang;
    const minComments = readInteger(c, values, 'minComments', { fallback: 10, min: 1, max: 100_000 });
    if (minComments instanceof Response) return minComments;
    const limit = readInteger(c, values, 'limit', { fallback: 10, min: 1, max: 50 });
    if (limit instanceof Response) return limit;

    // Counting the queue and reading the counts are reads like /v1/scores': through the gate (503 when it is full).
    return ctx.reads.run(async () => {
      const started = performance.now();
      const shapes = await shapesOf(ctx, q.site);
      if (q.surveyId && !shapes.has(q.surveyId)) return c.json({ error: { param: 'survey', reason: `unknown survey "${q.surveyId}"` } }, 404);
      const pendingBefore = await counter.drain(4).then(() => ctx.storage.insights.pending(q.site));
      const query: InsightsQuery = { site: q.site, from: q.from, to: q.to, interval, level, lang, minComments, limit, themes: ctx.sites.get(q.site)!.insights.themes };
      const wanted = [...shapes.values()].filter((s) => !q.surveyId || s.surveyId === q.surveyId);
      const surveys = [];
      // One survey after another: PGlite runs one query at a time anyway, and PostgreSQL's pool stays free for ingest.
      for (const shape of wanted) {
        const s = await surveyInsights(ctx.storage, shape, query);
        if (s) surveys.push(s);
      }
      return c.json({
        site: q.site,
        from: q.from,
        to: q.to,
        interval,
        level,
        lang: lang ?? null,
        minComments,
        // Comments stored but not counted yet (a rebuild after a config change, or a burst of ingest).
        pending: pendingBefore,
        surveys,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
  });

  app.get('/v1/insights/comments', async (c) => {
    const bad: Bad = (param, reason) => badParam(c, { param, reason });
    const read = readQuery(c, ctx, INSIGHTS_COMMENT_PARAMS);
    if (read instanceof Response) return read;
    const { query: q, values } = read;
    const surveyId = q.surveyId;
    if (surveyId === undefined) return bad('survey', 'is required');
    const term = values.get('term') ?? '';
    if (term.trim() === '' || term.length > 200) return bad('term', 'must be a term of /v1/insights (1-200 characters)');
    const lang = checkLang(values, bad);
    if (lang instanceof Response) return lang;
    const limit = readInteger(c, values, 'limit', { fallback: 20, min: 1, max: 100 });
    if (limit instanceof Response) return limit;
    const cursorParam = values.get('cursor');
    let before: { ts: string; id: string } | undefined;
    if (cursorParam !== undefined) {
      before = parseCursor(cursorParam);
      if (!before) return bad('cursor', 'must be a cursor from a previous answer');
    }
    const bandParam = values.get('band');

    return ctx.reads.run(async () => {
      const shapes = await shapesOf(ctx, q.site);
      const shape = shapes.get(surveyId);
      if (!shape) return c.json({ error: { param: 'survey', reason: `unknown survey "${surveyId}"` } }, 404);
      // The bands depend on the survey's kind, known only now.
      const band = bandParam as ScoreBand | undefined;
      if (band !== undefined && !BANDS[shape.kind].includes(band)) return bad('band', `must be one of ${BANDS[shape.kind].join(', ')} for a ${shape.kind} survey`);
      const themes = ctx.sites.get(q.site)!.insights.themes;
      const scale = { min: shape.scale[0], max: shape.scale[1], ...(shape.direction ? { direction: shape.direction } : {}) };
      const found = [];
      let scanned = 0;
      let next: string | null;
      // Newest first, page by page, until enough comments mention the term or SCAN were read.
      for (;;) {
        const page = await ctx.storage.insights.comments({ site: q.site, surveyId, from: q.from, to: q.to, before, limit: PAGE });
        let stoppedAt = -1;
        for (let i = 0; i < page.length; i++) {
          const x = page[i]!;
          scanned++;
          if ((!band || scoreBand(shape.kind, x.score, scale) === band) && mentions(x, term, themes, lang)) {
            found.push({ id: x.id, score: x.score, comment: x.comment, locale: x.locale, createdAt: x.createdAt });
            if (found.length === limit) {
              stoppedAt = i;
              break;
            }
          }
        }
        const last = stoppedAt >= 0 ? page[stoppedAt]! : page[page.length - 1];
        const more = stoppedAt >= 0 ? stoppedAt < page.length - 1 || page.length === PAGE : page.length === PAGE;
        if (last) before = { ts: last.ts, id: last.id };
        if (stoppedAt >= 0 || page.length < PAGE || scanned >= SCAN) {
          next = more && before ? Buffer.from(`${before.ts}|${before.id}`).toString('base64url') : null;
          break;
        }
      }
      return c.json({ site: q.site, surveyId, term, band: band ?? null, comments: found, scanned, cursor: next });
    });
  });
}
