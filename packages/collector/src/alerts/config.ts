// Alert rules, digests and their destinations, per site, from
// sayso.config.json (`sites[i].alerts`), and the SMTP server (`smtp`).
// Checked at start like the rest of config.ts: a bad value names its path.
import { SaysoError } from '@sayso/core';

/** "The score dropped": the recent window against the trailing baseline, with `compare`. */
export interface DropRule {
  /** Unique within the site: the key of its runs. */
  id: string;
  /** The survey watched. */
  survey: string;
  /** Days in the recent window, ending today (UTC). @default 7 */
  recentDays: number;
  /** Days in the baseline, just before the recent window. @default 28 */
  baselineDays: number;
  /** Confidence level: fires only when p < 1 − level. @default 0.95 */
  level: number;
  /** Smallest drop that fires, in score points (NPS points, or percent). @default 5 */
  minPoints: number;
  /** Fewest answers on each side. @default 30 */
  minAnswers: number;
  /** Days after firing during which the rule stays quiet. @default 7 */
  cooldownDays: number;
}

/** A daily or weekly summary of one survey. */
export interface DigestRule {
  id: string;
  survey: string;
  every: 'day' | 'week';
  /** How many of the newest detractor comments it quotes. @default 5 */
  comments: number;
}

/** One detractor's answer, sent as it arrives (NPS 0-6, the unhappy band of CSAT and CES). */
export interface DetractorRule {
  id: string;
  /** The survey watched; `null` for every survey of the site. @default null */
  survey: string | null;
  /** Only answers with a comment. @default false */
  withComment: boolean;
}

/** Any rule, tagged with its type (the admin API's and the database's form). */
export type AlertRule = ({ type: 'drop' } & DropRule) | ({ type: 'digest' } & DigestRule) | ({ type: 'detractor' } & DetractorRule);

/** The rule types, in the order the studio offers them. */
export const RULE_TYPES = ['detractor', 'drop', 'digest'] as const;

/** The keys each rule type takes besides `type` (the admin API refuses others). */
export const RULE_KEYS = {
  drop: ['id', 'survey', 'recentDays', 'baselineDays', 'level', 'minPoints', 'minAnswers', 'cooldownDays'],
  digest: ['id', 'survey', 'every', 'comments'],
  detractor: ['id', 'survey', 'withComment'],
} as const;

/** Where a site's alerts and digests go. */
export interface SiteAlerts {
  drops: DropRule[];
  digests: DigestRule[];
  detractors: DetractorRule[];
  /** A Slack incoming-webhook URL. */
  slack?: { webhookUrl: string };
  /** Recipients who opted in. */
  email?: { to: string[] };
}

/** The SMTP server email goes through. */
export interface SmtpConfig {
  host: string;
  /** @default 587 (465 when `secure`) */
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. @default false */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The From address. */
  from: string;
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
// Enough to catch a typo; the SMTP server has the last word.
const EMAIL_RE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);

function fail(path: string, message: string): never {
  throw new SaysoError('E_CONFIG_INVALID', message, { path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function known(o: Record<string, unknown>, keys: readonly string[], at: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(join(at, k), `is not a known key (${keys.join(', ')})`);
}

function num(o: Record<string, unknown>, key: string, at: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) fail(join(at, key), `must be ${what}`);
  return v;
}

const posInt = (n: number) => Number.isInteger(n) && n > 0;

function ruleId(r: Record<string, unknown>, path: string): string {
  if (typeof r.id !== 'string' || !ID_RE.test(r.id)) fail(join(path, 'id'), 'must be 1-64 letters, digits, "-" or "_"');
  return r.id;
}

function surveyOf(r: Record<string, unknown>, path: string, surveys: ReadonlySet<string>): string {
  if (typeof r.survey !== 'string' || !surveys.has(r.survey)) fail(join(path, 'survey'), `must be the id of one of this site's surveys (${[...surveys].join(', ') || 'none'})`);
  return r.survey;
}

/** Checks one drop rule (`path` is where it sits: `sites[0].alerts.drops[1]`, or `''` for an API body). */
export function resolveDropRule(r: Record<string, unknown>, path: string, surveys: ReadonlySet<string>): DropRule {
  known(r, RULE_KEYS.drop, path);
  return {
    id: ruleId(r, path),
    survey: surveyOf(r, path, surveys),
    recentDays: num(r, 'recentDays', path, 7, posInt, 'a positive integer'),
    baselineDays: num(r, 'baselineDays', path, 28, posInt, 'a positive integer'),
    level: num(r, 'level', path, 0.95, (n) => n > 0 && n < 1, 'a number between 0 and 1 (0.95)'),
    minPoints: num(r, 'minPoints', path, 5, (n) => n >= 0, 'a number of points, at least 0'),
    minAnswers: num(r, 'minAnswers', path, 30, posInt, 'a positive integer'),
    cooldownDays: num(r, 'cooldownDays', path, 7, (n) => Number.isInteger(n) && n >= 0, 'a whole number of days, at least 0'),
  };
}

/** Checks one digest. */
export function resolveDigestRule(r: Record<string, unknown>, path: string, surveys: ReadonlySet<string>): DigestRule {
  known(r, RULE_KEYS.digest, path);
  const id = ruleId(r, path);
  const survey = surveyOf(r, path, surveys);
  if (r.every !== 'day' && r.every !== 'week') fail(join(path, 'every'), 'must be "day" or "week"');
  return { id, survey, every: r.every, comments: num(r, 'comments', path, 5, (n) => Number.isInteger(n) && n >= 0 && n <= 50, 'a whole number from 0 to 50') };
}

/** Checks one detractor rule. */
export function resolveDetractorRule(r: Record<string, unknown>, path: string, surveys: ReadonlySet<string>): DetractorRule {
  known(r, RULE_KEYS.detractor, path);
  const id = ruleId(r, path);
  const survey = r.survey === undefined || r.survey === null ? null : surveyOf(r, path, surveys);
  if (r.withComment !== undefined && typeof r.withComment !== 'boolean') fail(join(path, 'withComment'), 'must be true or false');
  return { id, survey, withComment: r.withComment === true };
}

/** Checks a rule of any type, as the admin API takes it: `{ type, id, survey, … }`. */
export function resolveAlertRule(raw: unknown, path: string, surveys: ReadonlySet<string>): AlertRule {
  if (!isObject(raw)) fail(path, 'must be an object');
  const { type, ...rest } = raw;
  if (typeof type !== 'string' || !(RULE_TYPES as readonly string[]).includes(type)) fail(join(path, 'type'), `must be one of ${RULE_TYPES.join(', ')}`);
  if (type === 'drop') return { type, ...resolveDropRule(rest, path, surveys) };
  if (type === 'digest') return { type, ...resolveDigestRule(rest, path, surveys) };
  return { type: 'detractor', ...resolveDetractorRule(rest, path, surveys) };
}

function rules<T extends { id: string }>(raw: unknown, at: string, one: (o: Record<string, unknown>, at: string, surveys: ReadonlySet<string>) => T, surveys: ReadonlySet<string>, seen: Set<string>): T[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(at, 'must be an array');
  return raw.map((r: unknown, i) => {
    const path = `${at}[${i}]`;
    if (!isObject(r)) fail(path, 'must be an object');
    const rule = one(r, path, surveys);
    // Ids are unique across the site's rules of every type: they key runs and the outbox.
    if (seen.has(rule.id)) fail(`${path}.id`, `"${rule.id}" is used twice`);
    seen.add(rule.id);
    return rule;
  });
}

/** Checks `sites[i].alerts`; `surveys` are the site's survey ids. */
export function resolveSiteAlerts(raw: unknown, at: string, surveys: ReadonlySet<string>): SiteAlerts {
  if (raw === undefined) return { drops: [], digests: [], detractors: [] };
  if (!isObject(raw)) fail(at, 'must be an object');
  known(raw, ['drops', 'digests', 'detractors', 'slack', 'email'], at);
  const seen = new Set<string>();
  const drops = rules(raw.drops, `${at}.drops`, resolveDropRule, surveys, seen);
  const digests = rules(raw.digests, `${at}.digests`, resolveDigestRule, surveys, seen);
  const detractors = rules(raw.detractors, `${at}.detractors`, resolveDetractorRule, surveys, seen);
  const out: SiteAlerts = { drops, digests, detractors };
  if (raw.slack !== undefined) {
    if (!isObject(raw.slack)) fail(`${at}.slack`, 'must be an object: { "webhookUrl": "https://hooks.slack.com/services/…" }');
    known(raw.slack, ['webhookUrl'], `${at}.slack`);
    out.slack = { webhookUrl: httpUrl(raw.slack.webhookUrl, `${at}.slack.webhookUrl`) };
  }
  if (raw.email !== undefined) {
    if (!isObject(raw.email)) fail(`${at}.email`, 'must be an object: { "to": ["ops@example.com"] }');
    known(raw.email, ['to'], `${at}.email`);
    const to = raw.email.to;
    if (!Array.isArray(to) || to.length === 0) fail(`${at}.email.to`, 'must be a non-empty array of email addresses');
    to.forEach((a: unknown, i) => (typeof a !== 'string' || !EMAIL_RE.test(a)) && fail(`${at}.email.to[${i}]`, 'must be an email address'));
    out.email = { to: to as string[] };
  }
  // A rule may now be written without a destination: the studio's users opt in to email, and the Slack URL can be set there.
  return out;
}

/** Checks a Slack incoming-webhook URL (the admin API's `webhookUrl`). */
export function resolveSlackUrl(v: unknown, path: string): string {
  return httpUrl(v, path);
}

function httpUrl(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be an http(s) URL');
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    fail(path, `"${v}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(path, 'must be an http(s) URL');
  return url.href;
}

/** Checks the top-level `smtp`. */
export function resolveSmtp(raw: unknown): SmtpConfig | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) fail('smtp', 'must be an object: { host, port, secure, user, pass, from }');
  known(raw, ['host', 'port', 'secure', 'user', 'pass', 'from'], 'smtp');
  if (typeof raw.host !== 'string' || raw.host === '') fail('smtp.host', 'must be a host name');
  if (raw.secure !== undefined && typeof raw.secure !== 'boolean') fail('smtp.secure', 'must be true or false');
  const secure = raw.secure === true;
  const port = typeof raw.port === 'string' && /^\d+$/.test(raw.port) ? Number(raw.port) : raw.port;
  const p = num({ port }, 'port', 'smtp', secure ? 465 : 587, (n) => Number.isInteger(n) && n > 0 && n < 65536, 'a port number');
  for (const k of ['user', 'pass'] as const) if (raw[k] !== undefined && typeof raw[k] !== 'string') fail(`smtp.${k}`, 'must be a string');
  if ((raw.user === undefined) !== (raw.pass === undefined)) fail(raw.user === undefined ? 'smtp.user' : 'smtp.pass', 'user and pass go together');
  if (typeof raw.from !== 'string' || !EMAIL_RE.test(raw.from.replace(/^.*<(.*)>\s*$/, '$1'))) fail('smtp.from', 'must be an address ("sayso <alerts@example.com>")');
  return { host: raw.host, port: p, secure, ...(raw.user !== undefined ? { user: raw.user as string, pass: raw.pass as string } : {}), from: raw.from };
}
