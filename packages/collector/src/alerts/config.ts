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

/** Where a site's alerts and digests go. */
export interface SiteAlerts {
  drops: DropRule[];
  digests: DigestRule[];
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

function fail(path: string, message: string): never {
  throw new SaysoError('E_CONFIG_INVALID', message, { path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function known(o: Record<string, unknown>, keys: readonly string[], at: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${at}.${k}`, `is not a known key (${keys.join(', ')})`);
}

function num(o: Record<string, unknown>, key: string, at: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) fail(`${at}.${key}`, `must be ${what}`);
  return v;
}

const posInt = (n: number) => Number.isInteger(n) && n > 0;

function rules<T>(raw: unknown, at: string, one: (o: Record<string, unknown>, at: string) => T & { id: string }, surveys: ReadonlySet<string>): T[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(at, 'must be an array');
  const seen = new Set<string>();
  return raw.map((r: unknown, i) => {
    const path = `${at}[${i}]`;
    if (!isObject(r)) fail(path, 'must be an object');
    if (typeof r.id !== 'string' || !ID_RE.test(r.id)) fail(`${path}.id`, 'must be 1-64 letters, digits, "-" or "_"');
    if (seen.has(r.id)) fail(`${path}.id`, `"${r.id}" is used twice`);
    seen.add(r.id);
    if (typeof r.survey !== 'string' || !surveys.has(r.survey)) fail(`${path}.survey`, `must be the id of one of this site's surveys (${[...surveys].join(', ') || 'none'})`);
    return one(r, path);
  });
}

/** Checks `sites[i].alerts`; `surveys` are the site's survey ids. */
export function resolveSiteAlerts(raw: unknown, at: string, surveys: ReadonlySet<string>): SiteAlerts {
  if (raw === undefined) return { drops: [], digests: [] };
  if (!isObject(raw)) fail(at, 'must be an object');
  known(raw, ['drops', 'digests', 'slack', 'email'], at);
  const drops = rules<DropRule>(
    raw.drops,
    `${at}.drops`,
    (r, path) => {
      known(r, ['id', 'survey', 'recentDays', 'baselineDays', 'level', 'minPoints', 'minAnswers', 'cooldownDays'], path);
      return {
        id: r.id as string,
        survey: r.survey as string,
        recentDays: num(r, 'recentDays', path, 7, posInt, 'a positive integer'),
        baselineDays: num(r, 'baselineDays', path, 28, posInt, 'a positive integer'),
        level: num(r, 'level', path, 0.95, (n) => n > 0 && n < 1, 'a number between 0 and 1 (0.95)'),
        minPoints: num(r, 'minPoints', path, 5, (n) => n >= 0, 'a number of points, at least 0'),
        minAnswers: num(r, 'minAnswers', path, 30, posInt, 'a positive integer'),
        cooldownDays: num(r, 'cooldownDays', path, 7, (n) => Number.isInteger(n) && n >= 0, 'a whole number of days, at least 0'),
      };
    },
    surveys,
  );
  const digests = rules<DigestRule>(
    raw.digests,
    `${at}.digests`,
    (r, path) => {
      known(r, ['id', 'survey', 'every', 'comments'], path);
      if (r.every !== 'day' && r.every !== 'week') fail(`${path}.every`, 'must be "day" or "week"');
      return { id: r.id as string, survey: r.survey as string, every: r.every, comments: num(r, 'comments', path, 5, (n) => Number.isInteger(n) && n >= 0 && n <= 50, 'a whole number from 0 to 50') };
    },
    surveys,
  );
  const ids = new Set(drops.map((d) => d.id));
  digests.forEach((d, i) => ids.has(d.id) && fail(`${at}.digests[${i}].id`, `"${d.id}" is also a drop rule's id`));
  const out: SiteAlerts = { drops, digests };
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
  if ((drops.length > 0 || digests.length > 0) && !out.slack && !out.email) fail(at, 'has rules but no destination: add "slack" or "email"');
  return out;
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
