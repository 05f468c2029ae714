// Query parameters shared by the reading endpoints (scores, comments,
// export): site, survey, date range. Bad values answer 400 naming the parameter.
import type { Context } from 'hono';
import type { AppContext } from '../server/context.js';

/** A checked read query. */
export interface ReadQuery {
  site: string;
  surveyId?: string;
  from: string;
  to: string;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Default range: the last 90 days, today included. */
export function defaultRange(now = Date.now()): { from: string; to: string } {
  const to = new Date(now).toISOString().slice(0, 10);
  return { from: new Date(now - 89 * 86400_000).toISOString().slice(0, 10), to };
}

/** Parses site/survey/from/to, or returns an error answer. */
export function readQuery(c: Context, ctx: AppContext): ReadQuery | Response {
  const q = c.req.query();
  const bad = (param: string, reason: string) => c.json({ error: { param, reason } }, 400);
  const sites = [...ctx.config.sites.keys()];
  const site = q.site ?? (sites.length === 1 ? sites[0] : undefined);
  if (!site) return bad('site', 'is required when several sites are configured');
  if (!ctx.config.sites.has(site)) return c.json({ error: { param: 'site', reason: `unknown site "${site}"` } }, 404);
  const range = defaultRange();
  const from = q.from || range.from;
  const to = q.to || range.to;
  if (!isDay(from)) return bad('from', 'must be a date YYYY-MM-DD');
  if (!isDay(to)) return bad('to', 'must be a date YYYY-MM-DD');
  if (from > to) return bad('from', 'must not be after to');
  return { site, from, to, ...(q.survey ? { surveyId: q.survey } : {}) };
}
