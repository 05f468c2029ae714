// Query parameters, checked before anything reaches the database: each name
// at most once, never empty, short, without control characters (PostgreSQL
// refuses NUL in text), and only the names a route knows. The reading
// endpoints (scores, comments, insights, export) share site, survey and a
// date range, and scores and insights also interval, level and integer limits.
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
/** A confidence level: a decimal fraction strictly between 0 and 1, at most 4 places (`0.95`, `0.9999`). */
const LEVEL_RE = /^0\.\d{0,3}[1-9]$/;
/** A count: digits without a leading zero (`020` is refused, as a typo more likely than a count). */
const INTEGER_RE = /^(0|[1-9]\d{0,8})$/;
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

/** The periods a read can be summed by. */
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** `interval` (`fallback` when absent), or the 400 answer. */
export function readInterval(c: Context, values: Map<string, string>, fallback: Interval): Interval | Response {
  const interval = values.get('interval') ?? fallback;
  return (INTERVALS as readonly string[]).includes(interval) ? (interval as Interval) : badParam(c, { param: 'interval', reason: 'must be day, week or month' });
}

/** `level`, the confidence level of intervals (0.95 when absent), or the 400 answer. */
export function readLevel(c: Context, values: Map<string, string>): number | Response {
  const level = values.get('level');
  if (level === undefined) return 0.95;
  return LEVEL_RE.test(level) ? Number(level) : badParam(c, { param: 'level', reason: 'must be a number between 0 and 1 with at most 4 decimals, e.g. 0.95' });
}

/** The integer parameter `name` from `min` to `max` (`fallback` when absent), or the 400 answer. */
export function readInteger(c: Context, values: Map<string, string>, name: string, range: { fallback: number; min: number; max: number }): number | Response {
  const raw = values.get(name);
  if (raw === undefined) return range.fallback;
  const n = Number(raw);
  return INTEGER_RE.test(raw) && n >= range.min && n <= range.max ? n : badParam(c, { param: name, reason: `must be an integer from ${range.min} to ${range.max}` });
}

/**
 * `from`/`to` as optional days YYYY-MM-DD (both included), checked as
 * readQuery checks them, or the 400 answer; `fallback` fills what is absent.
 * Returns the instants of the range: `from` at 00:00 UTC, and the day after `to`.
 */
export function readDays(
  c: Context,
  values: Map<string, string>,
  fallback: { from?: string; to?: string } = {},
): { from?: string; to?: string; fromAt?: string; toExclusiveAt?: string } | Response {
  const bad = (param: string, reason: string) => badParam(c, { param, reason });
  const out: { from?: string; to?: string; fromAt?: string; toExclusiveAt?: string } = {};
  for (const param of ['from', 'to'] as const) {
    const day = values.get(param) ?? fallback[param];
    if (day === undefined) continue;
    if (!isDay(day)) return bad(param, 'must be a date YYYY-MM-DD');
    if (day < FIRST_DAY || day > LAST_DAY) return bad(param, `must be a date from ${FIRST_DAY} to ${LAST_DAY}`);
    out[param] = day;
  }
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) return bad('from', 'must not be after to');
  if (out.from !== undefined) out.fromAt = `${out.from}T00:00:00.000Z`;
  if (out.to !== undefined) out.toExclusiveAt = new Date(Date.parse(`${out.to}T00:00:00Z`) + 86400_000).toISOString();
  return out;
}
