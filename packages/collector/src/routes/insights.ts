// GET /v1/insights (secret or report session): per survey, the themes that
// set detractors apart (and promoters), each theme's impact with its
// interval, rising themes, custom themes and answers whose comment disagrees
// with the score. GET /v1/insights/comments lists the comments of one theme.
// Every query value is checked: 400 with `{ error: { param, reason } }`.
import type { Context, Hono } from 'hono';
import { scoreBand, type ScoreBand, type SurveyKind } from '@sayso/core';
import { LANGUAGES, isLang } from '@sayso/insights';
import { mentions, surveyInsights, type InsightsQuery } from '../insights.js';
import { shapeOf, type SurveyShape } from '../scores.js';
import { authorized } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import { termCounter } from '../storage/insights-worker.js';
import { readQuery } from './query.js';

const INTERVALS = ['day', 'week', 'month'] as const;
const BANDS: Record<SurveyKind, readonly ScoreBand[]> = { nps: ['detractor', 'passive', 'promoter'], csat: ['unhappy', 'neutral', 'happy'], ces: ['unhappy', 'neutral', 'happy'] };
/** A theme's comment list reads at most this many comments per request, then hands back a cursor. */
const SCAN = 5000;
const PAGE = 500;

const PARAMS = new Set(['site', 'survey', 'from', 'to', 'interval', 'level', 'lang', 'minComments', 'limit']);
const COMMENT_PARAMS = new Set(['site', 'survey', 'from', 'to', 'term', 'band', 'lang', 'limit', 'cursor']);

type Bad = (param: string, reason: string) => Response;

function integer(c: Context, bad: Bad, name: string, fallback: number, min: number, max: number): number | Response {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) return bad(name, `must be an integer from ${min} to ${max}`);
  return n;
}

function checkNames(c: Context, bad: Bad, known: Set<string>): Response | undefined {
  for (const name of Object.keys(c.req.queries())) if (!known.has(name)) return bad(name, `is not a parameter (${[...known].join(', ')})`);
  for (const [name, values] of Object.entries(c.req.queries())) if (values.length > 1) return bad(name, 'is given more than once');
  return undefined;
}

function checkLang(c: Context, bad: Bad): string | undefined | Response {
  const lang = c.req.query('lang');
  if (lang === undefined || lang === '') return undefined;
  return isLang(lang) ? lang : bad('lang', `must be one of ${LANGUAGES.join(' ')}`);
}

/** The surveys of a site: configured ones first, then those only the data knows. */
async function shapesOf(ctx: AppContext, site: string): Promise<Map<string, SurveyShape>> {
  const shapes = new Map<string, SurveyShape>();
  for (const s of ctx.config.sites.get(site)!.surveys) shapes.set(s.id, shapeOf(s.id, s.kind, s.scale));
  for (const s of await ctx.storage.surveyShapes(site)) if (!shapes.has(s.surveyId)) shapes.set(s.surveyId, { surveyId: s.surveyId, kind: s.kind as SurveyKind, scale: s.scale });
  return shapes;
}

/**
 * Registers the insights API. The collector's term counter (`ctx.termCounter`)
 * is drained (a few batches) before answering, so what was stored before the
 * question is counted in the answer.
 */
export function insightsRoutes(app: Hono, ctx: AppContext): void {
  const counter = ctx.termCounter ?? termCounter(ctx.storage, { themesFor: (site) => ctx.config.sites.get(site)?.insights.themes });
  for (const path of ['/v1/insights', '/v1/insights/comments']) {
    app.use(path, async (c, next) => {
      if (!authorized(c, ctx.config.secret)) return c.json({ error: 'the secret is required (Authorization: Bearer <secret>)' }, 401);
      await next();
      c.header('Cache-Control', 'private, no-store');
    });
  }

  app.get('/v1/insights', async (c) => {
    const bad: Bad = (param, reason) => c.json({ error: { param, reason } }, 400);
    const unknown = checkNames(c, bad, PARAMS);
    if (unknown) return unknown;
    const q = readQuery(c, ctx);
    if (q instanceof Response) return q;
    const interval = (c.req.query('interval') ?? 'week') as (typeof INTERVALS)[number];
    if (!INTERVALS.includes(interval)) return bad('interval', 'must be day, week or month');
    const levelParam = c.req.query('level');
    const level = levelParam === undefined ? 0.95 : Number(levelParam);
    if (levelParam === '' || !(level > 0 && level < 1)) return bad('level', 'must be a number between 0 and 1, e.g. 0.95');
    const lang = checkLang(c, bad);
    if (lang instanceof Response) return lang;
    const minComments = integer(c, bad, 'minComments', 10, 1, 100_000);
    if (minComments instanceof Response) return minComments;
    const limit = integer(c, bad, 'limit', 10, 1, 50);
    if (limit instanceof Response) return limit;

    const started = performance.now();
    const shapes = await shapesOf(ctx, q.site);
    if (q.surveyId && !shapes.has(q.surveyId)) return c.json({ error: { param: 'survey', reason: `unknown survey "${q.surveyId}"` } }, 404);
    const pendingBefore = await counter.drain(4).then(() => ctx.storage.insights.pending(q.site));
    const query: InsightsQuery = { site: q.site, from: q.from, to: q.to, interval, level, lang, minComments, limit, themes: ctx.config.sites.get(q.site)!.insights.themes };
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

  app.get('/v1/insights/comments', async (c) => {
    const bad: Bad = (param, reason) => c.json({ error: { param, reason } }, 400);
    const unknown = checkNames(c, bad, COMMENT_PARAMS);
    if (unknown) return unknown;
    const q = readQuery(c, ctx);
    if (q instanceof Response) return q;
    if (!q.surveyId) return bad('survey', 'is required');
    const term = c.req.query('term') ?? '';
    if (term.trim() === '' || term.length > 200) return bad('term', 'must be a term of /v1/insights (1-200 characters)');
    const lang = checkLang(c, bad);
    if (lang instanceof Response) return lang;
    const limit = integer(c, bad, 'limit', 20, 1, 100);
    if (limit instanceof Response) return limit;
    const shapes = await shapesOf(ctx, q.site);
    const shape = shapes.get(q.surveyId);
    if (!shape) return c.json({ error: { param: 'survey', reason: `unknown survey "${q.surveyId}"` } }, 404);
    const band = c.req.query('band') || undefined;
    if (band !== undefined && !BANDS[shape.kind].includes(band as ScoreBand)) return bad('band', `must be one of ${BANDS[shape.kind].join(', ')} for a ${shape.kind} survey`);
    const cursorParam = c.req.query('cursor') || undefined;
    let before: { ts: string; id: string } | undefined;
    if (cursorParam !== undefined) {
      const [ts, id] = Buffer.from(cursorParam, 'base64url').toString('utf8').split('|');
      // PostgreSQL's text form of a timestamptz ('2026-10-25 17:59:00.123+00') and a uuid.
      if (!ts || !id || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(ts) || !/^[0-9a-f-]{36}$/.test(id)) {
        return bad('cursor', 'must be a cursor from a previous answer');
      }
      before = { ts, id };
    }
    const themes = ctx.config.sites.get(q.site)!.insights.themes;
    const scale = { min: shape.scale[0], max: shape.scale[1], ...(shape.direction ? { direction: shape.direction } : {}) };
    const found = [];
    let scanned = 0;
    let next: string | null;
    // Newest first, page by page, until enough comments mention the term or SCAN were read.
    for (;;) {
      const page = await ctx.storage.insights.comments({ site: q.site, surveyId: q.surveyId, from: q.from, to: q.to, before, limit: PAGE });
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
    return c.json({ site: q.site, surveyId: q.surveyId, term, band: band ?? null, comments: found, scanned, cursor: next });
  });
}
