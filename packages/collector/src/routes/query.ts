// Query parameters, checked before anything reaches the database: each name
// at most once, never empty, short, without control characters (PostgreSQL
// refuses NUL in text), and only the names a route knows. The reading
// endpoints (scores, comments, export) share site, survey and a date range.
// A bad value answers 400 naming the parameter: `{ error: { param, reason } }`.
import type { Context } from 'hono';
import type { AppContext } from '../server/context.js';

/** A checked read query. */
export interface ReadQuery {
  site: string;
  surveyId?: string;
  from: string;
  to: string;
}

/** A refused parameter. */
export interface BadParam {
  param: string;
  reason: string;
}

/** Longest accepted query value. */
export const MAX_PARAM_LENGTH = 256;
/** Longest accepted date range (from..to, both included): about ten years. */
export const MAX_RANGE_DAYS = 3660;
/** Dates outside these are refused: PostgreSQL has no year 0, and nothing is stored before 1970. */
const FIRST_DAY = '1970-01-01';
const LAST_DAY = '2999-12-31';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const isDay = (s: string) => DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Default range: the last 90 days, today included. */
export function defaultRange(now = Date.now()): { from: string; to: string } {
  const to = new Date(now).toISOString().slice(0, 10);
  return { from: new Date(now - 89 * 86400_000).toISOString().slice(0, 10), to };
}

/** The 400 answer for a bad parameter. */
export function badParam(c: Context, bad: BadParam, headers: Record<string, string> = {}): Response {
  return c.json({ error: bad }, 400, headers);
}

/** Decodes one `application/x-www-form-urlencoded` piece, or undefined for a malformed escape. */
function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * The query of `url` as one value per name, checked: `known` names (and any
 * starting with one of `prefixes`) are accepted once each, non-empty,
 * at most MAX_PARAM_LENGTH characters, without control characters; names
 * starting with one of `ignored` are dropped (utm_* on link surveys). Returns
 * the values, or the first bad parameter.
 */
export function queryValues(url: string, known: readonly string[], options: { prefixes?: readonly string[]; ignored?: readonly string[] } = {}): Map<string, string> | BadParam {
  const values = new Map<string, string>();
  const start = url.indexOf('?');
  if (start === -1) return values;
  const end = url.indexOf('#', start);
  const search = url.slice(start + 1, end === -1 ? undefined : end);
  for (const piece of search.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decode(eq === -1 ? piece : piece.slice(0, eq));
    if (name === undefined) return { param: piece.slice(0, Math.min(eq === -1 ? piece.length : eq, 64)), reason: 'has a malformed percent-escape in its name' };
    const shown = name.slice(0, 64);
    if (options.ignored?.some((p) => name.startsWith(p))) continue;
    if (!known.includes(name) && !options.prefixes?.some((p) => name.startsWith(p) && name.length > p.length)) {
      return { param: shown, reason: `is not a parameter of this route${known.length ? ` (${known.join(', ')})` : ''}` };
    }
    if (values.has(name)) return { param: shown, reason: 'is given more than once' };
    const value = decode(eq === -1 ? '' : piece.slice(eq + 1));
    if (value === undefined) return { param: shown, reason: 'has a malformed percent-escape' };
    if (value === '') return { param: shown, reason: 'must not be empty (leave it out for the default)' };
    if (value.length > MAX_PARAM_LENGTH) return { param: shown, reason: `is longer than ${MAX_PARAM_LENGTH} characters` };
    if (CONTROL_RE.test(name) || CONTROL_RE.test(value)) return { param: shown, reason: 'must not contain control characters' };
    values.set(name, value);
  }
  return values;
}

/** The query of the request, checked as `queryValues` does; a bad one is answered 400. */
export function checkedQuery(c: Context, known: readonly string[], headers: Record<string, string> = {}): Map<string, string> | Response {
  const q = queryValues(c.req.url, known);
  return q instanceof Map ? q : badParam(c, q, headers);
}

/** Days from `from` to `to`, both included. */
function spanDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000 + 1;
}

const READ_PARAMS = ['site', 'survey', 'from', 'to'] as const;

/**
 * Parses site/survey/from/to and the route's `extra` parameter names
 * (checked by the caller), or returns the error answer. The range is at
 * most MAX_RANGE_DAYS, from 1970 to 2999, `from` not after `to`.
 */
export function readQuery(c: Context, ctx: AppContext, extra: readonly string[] = []): { query: ReadQuery; values: Map<string, string> } | Response {
  const values = checkedQuery(c, [...READ_PARAMS, ...extra]);
  if (values instanceof Response) return values;
  const bad = (param: string, reason: string) => badParam(c, { param, reason });
  const sites = [...ctx.sites.keys()];
  const site = values.get('site') ?? (sites.length === 1 ? sites[0] : undefined);
  if (!site) return bad('site', 'is required when several sites are configured');
  if (!ctx.sites.has(site)) return c.json({ error: { param: 'site', reason: `unknown site "${site}"` } }, 404);
  const range = defaultRange();
  const from = values.get('from') ?? range.from;
  const to = values.get('to') ?? range.to;
  for (const [param, day] of [['from', from], ['to', to]] as const) {
    if (!isDay(day)) return bad(param, 'must be a date YYYY-MM-DD');
    if (day < FIRST_DAY || day > LAST_DAY) return bad(param, `must be a date from ${FIRST_DAY} to ${LAST_DAY}`);
  }
  if (from > to) return bad('from', 'must not be after to');
  if (spanDays(from, to) > MAX_RANGE_DAYS) return bad('to', `the range from..to must be at most ${MAX_RANGE_DAYS} days`);
  const survey = values.get('survey');
  return { query: { site, from, to, ...(survey !== undefined ? { surveyId: survey } : {}) }, values };
}
