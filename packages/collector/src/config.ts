// The collector's configuration: sites (public key, allowed origins,
// surveys), the reading secret, the identity secret and abuse limits. Read
// from sayso.config.json and the environment, and checked at start: a bad
// value stops the collector with a message naming its key.
import { readFile } from 'node:fs/promises';
import { SaysoError, type Survey } from '@sayso/core';
import { resolveSiteAlerts, resolveSmtp, type SiteAlerts, type SmtpConfig } from './alerts/config.js';
import { resolveSiteInsights, type SiteInsights, type SiteInsightsConfig } from './insights-config.js';
import { checkSurvey } from './parse.js';
import { resolveWebhooksConfig, type ResolvedWebhooksConfig, type WebhooksConfig } from './webhooks/config.js';

/** One site: a public key (`id`), the origins allowed to post, its surveys. */
export interface SiteConfig {
  /** The public site key the SDK sends (letters, digits, `-`, `_`). */
  id: string;
  /** Origins allowed by CORS (`https://shop.example`); `'*'` allows any. */
  origins: string[];
  /** Surveys served as remote config. */
  surveys: Survey[];
  /**
   * Response attributes to pre-aggregate for fast segment scores. Others can
   * still be segmented by, from the stored responses (slower). Channel and
   * locale are always pre-aggregated.
   * @default []
   */
  segments?: string[];
  /** HMAC secret for this site's signed user ids; falls back to the top-level one. */
  identitySecret?: string;
  /** Insights: custom themes (see insights-config.ts). */
  insights?: SiteInsightsConfig;
  /** Score-drop alerts, digests and where they go (see alerts/config.ts). */
  alerts?: unknown;
}

/** Abuse limits. */
export interface Limits {
  /** Largest accepted request body in bytes (413 beyond). @default 262144 */
  maxBodyBytes: number;
  /** Cap on each text field (comment, answers, attribute values) in characters. @default 2000 */
  maxTextLength: number;
  /** Most items (responses + events) in one batch. @default 500 */
  maxBatchItems: number;
  /** Ingest requests per site per minute, across all clients. @default 60000 */
  sitePerMinute: number;
  /** Ingest requests per client IP per minute. @default 600 */
  ipPerMinute: number;
  /**
   * Failed authentications (a wrong secret, session cookie or user signature)
   * per client IP per minute; beyond, every authenticated route answers 429
   * until the minute is over. Successful ones are not counted. @default 10
   */
  authFailuresPerMinute: number;
  /**
   * Database reads (scores, comments, exports, histories) running at once;
   * a few more wait, the rest answer 503 with `Retry-After`, so ingest and
   * `/healthz` never queue behind a crowd of reads. @default 4
   */
  concurrentReads: number;
}

/** The configuration as written in `sayso.config.json`. */
export interface CollectorConfig {
  sites: SiteConfig[];
  /**
   * Secret for reading: `/v1/scores`, exports and the report sign-in. At
   * least 32 characters (8 with `--dev`): it is all that guards the answers.
   */
  secret: string;
  /** HMAC-SHA256 secret shared with the host's server to sign user ids, at least 32 characters. Without it, no history is kept. */
  identitySecret?: string;
  /**
   * The URL browsers reach this collector at (`https://feedback.example.com`),
   * when that is not the address it listens on (behind a proxy). Its origin is
   * "same origin" for the link and report pages, and its host is accepted in
   * `Host`.
   */
  publicUrl?: string;
  /**
   * More names accepted in the `Host` header (`feedback.example.com`, or with a
   * port, `feedback.example.com:8443`). Requests for any other host are refused
   * (421), which stops DNS-rebinding pages. The listen address (and loopback
   * names when it is a loopback address, or with `--dev`) and the host of
   * `publicUrl` are always accepted.
   * @default []
   */
  allowedHosts?: string[];
  limits?: Partial<Limits>;
  /** Webhook delivery: retries, time limits, which addresses may be reached (webhooks/config.ts). */
  webhooks?: WebhooksConfig;
  /** The SMTP server for alert and digest email (`SAYSO_SMTP_*` in the environment). */
  smtp?: Partial<SmtpConfig>;
  /**
   * Let alerts reach loopback, private and link-local addresses (a Slack
   * proxy on your network, tests). @default false
   */
  allowPrivateDestinations?: boolean;
}

/** A checked configuration with defaults applied. */
export interface ResolvedConfig {
  sites: Map<string, Required<Pick<SiteConfig, 'id' | 'origins' | 'surveys' | 'segments'>> & { identitySecret?: string; insights: SiteInsights; alerts: SiteAlerts }>;
  secret: string;
  /** The top-level identity secret: sites without their own use it. */
  identitySecret: string | undefined;
  /** The origin of `publicUrl`, when set. */
  publicOrigin: string | undefined;
  /** Lower-cased `host` or `host:port` names accepted in `Host` besides the listen address. */
  allowedHosts: string[];
  /** Started with `--dev`: short demo secrets and loopback names are accepted. */
  dev: boolean;
  limits: Limits;
  webhooks: ResolvedWebhooksConfig;
  smtp: SmtpConfig | undefined;
  allowPrivateDestinations: boolean;
}

/** Shortest `secret` and `identitySecret` outside `--dev`. */
export const MIN_SECRET_LENGTH = 32;
/** Shortest secret with `--dev` (the demo's is `demo-secret`). */
const MIN_DEV_SECRET_LENGTH = 8;

/** The limits applied when the config names none. */
export const defaultLimits: Limits = {
  maxBodyBytes: 256 * 1024,
  maxTextLength: 2000,
  maxBatchItems: 500,
  sitePerMinute: 60_000,
  ipPerMinute: 600,
  authFailuresPerMinute: 10,
  concurrentReads: 4,
};

/** A site key: 1-64 letters, digits, `-` or `_`. */
export const KEY_RE = /^[A-Za-z0-9_-]{1,64}$/;

function fail(path: string, message: string): never {
  throw new SaysoError('E_CONFIG_INVALID', message, { path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one allowed origin (`'*'` or scheme, host, port); throws E_CONFIG_INVALID at `path`. */
export function checkOrigin(value: unknown, path: string): string {
  if (value === '*') return value;
  if (typeof value !== 'string') fail(path, 'must be an origin such as "https://example.com"');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(path, `"${value}" is not an origin such as "https://example.com"`);
  }
  if (url.origin !== value.replace(/\/$/, '')) fail(path, `"${value}" must be an origin only (scheme, host, port), without a path`);
  return url.origin;
}

/** A `Host` name as accepted in `allowedHosts`: a DNS name or IP, with an optional port. */
const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

function secretOf(value: unknown, path: string, min: number, env: string): string {
  if (typeof value !== 'string' || value.length < min) {
    fail(path, `must be a string of at least ${min} characters (or set ${env}); generate one with \`openssl rand -base64 32\``);
  }
  return value;
}

/**
 * Checks a configuration and applies defaults. Throws a SaysoError
 * `E_CONFIG_INVALID` whose `path` names the bad key (`sites[0].origins[1]`).
 * Secrets must have at least 32 characters, unless `dev` (the CLI's `--dev`).
 */
export function resolveConfig(input: unknown, options: { dev?: boolean } = {}): ResolvedConfig {
  const dev = options.dev ?? false;
  const min = dev ? MIN_DEV_SECRET_LENGTH : MIN_SECRET_LENGTH;
  if (!isObject(input)) fail('(root)', 'the configuration must be a JSON object');
  const secret = secretOf(input.secret, 'secret', min, 'SAYSO_SECRET');
  const identity = input.identitySecret === undefined ? undefined : secretOf(input.identitySecret, 'identitySecret', min, 'SAYSO_IDENTITY_SECRET');
  let publicOrigin: string | undefined;
  if (input.publicUrl !== undefined) {
    if (typeof input.publicUrl !== 'string' || !/^https?:\/\//.test(input.publicUrl)) fail('publicUrl', 'must be an http(s) URL such as "https://feedback.example.com"');
    try {
      publicOrigin = new URL(input.publicUrl).origin;
    } catch {
      fail('publicUrl', `"${input.publicUrl}" is not a URL such as "https://feedback.example.com"`);
    }
  }
  const hostsRaw = input.allowedHosts ?? [];
  if (!Array.isArray(hostsRaw)) fail('allowedHosts', 'must be an array of host names');
  const allowedHosts = hostsRaw.map((h: unknown, i) => {
    if (typeof h !== 'string' || !HOST_RE.test(h.toLowerCase())) fail(`allowedHosts[${i}]`, 'must be a host name, optionally with a port ("feedback.example.com:8443")');
    return h.toLowerCase();
  });
  if (!Array.isArray(input.sites) || input.sites.length === 0) fail('sites', 'must be a non-empty array of sites');
  const sites: ResolvedConfig['sites'] = new Map();
  input.sites.forEach((raw: unknown, i) => {
    const at = `sites[${i}]`;
    if (!isObject(raw)) fail(at, 'must be an object');
    if (typeof raw.id !== 'string' || !KEY_RE.test(raw.id)) fail(`${at}.id`, 'must be 1-64 letters, digits, "-" or "_"');
    if (sites.has(raw.id)) fail(`${at}.id`, `"${raw.id}" is used by two sites`);
    if (!Array.isArray(raw.origins)) fail(`${at}.origins`, 'must be an array of origins');
    const origins = raw.origins.map((o, j) => checkOrigin(o, `${at}.origins[${j}]`));
    const surveysRaw = raw.surveys ?? [];
    if (!Array.isArray(surveysRaw)) fail(`${at}.surveys`, 'must be an array of surveys');
    const ids = new Set<string>();
    const surveys = surveysRaw.map((s, j) => {
      const survey = checkSurvey(s, `${at}.surveys[${j}]`);
      if (ids.has(survey.id)) fail(`${at}.surveys[${j}].id`, `"${survey.id}" is used by two surveys`);
      ids.add(survey.id);
      return survey;
    });
    const segments = raw.segments ?? [];
    if (!Array.isArray(segments) || segments.some((s) => typeof s !== 'string' || s === '')) fail(`${at}.segments`, 'must be an array of attribute names');
    const siteIdentity = raw.identitySecret === undefined ? identity : secretOf(raw.identitySecret, `${at}.identitySecret`, min, 'SAYSO_IDENTITY_SECRET');
    const insights = resolveSiteInsights(raw.insights, `${at}.insights`);
    const alerts = resolveSiteAlerts(raw.alerts, `${at}.alerts`, ids);
    sites.set(raw.id, { id: raw.id, origins, surveys, segments: segments as string[], ...(siteIdentity ? { identitySecret: siteIdentity } : {}), insights, alerts });
  });
  const limits = { ...defaultLimits };
  if (input.limits !== undefined) {
    if (!isObject(input.limits)) fail('limits', 'must be an object');
    for (const [key, value] of Object.entries(input.limits)) {
      if (!(key in defaultLimits)) fail(`limits.${key}`, `is not a known limit (${Object.keys(defaultLimits).join(', ')})`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) fail(`limits.${key}`, 'must be a positive integer');
      limits[key as keyof Limits] = value;
    }
  }
  const smtp = resolveSmtp(input.smtp);
  if (!smtp) {
    const i = [...sites.values()].findIndex((s) => s.alerts.email);
    if (i >= 0) fail(`sites[${i}].alerts.email`, 'sends email, so the config needs "smtp" (or SAYSO_SMTP_HOST and SAYSO_SMTP_FROM)');
  }
  const alerting = [...sites.values()].findIndex((s) => s.alerts.drops.length + s.alerts.digests.length + s.alerts.detractors.length > 0);
  if (alerting >= 0 && !publicOrigin) fail(`sites[${alerting}].alerts`, 'needs publicUrl: the links in alerts and digests must reach this collector');
  if (input.allowPrivateDestinations !== undefined && typeof input.allowPrivateDestinations !== 'boolean') fail('allowPrivateDestinations', 'must be true or false');
  const webhooks = resolveWebhooksConfig(input.webhooks);
  return { sites, secret, identitySecret: identity, publicOrigin, allowedHosts, dev, limits, webhooks, smtp, allowPrivateDestinations: input.allowPrivateDestinations === true };
}

/** Environment variables that override the file, and the config key each sets. */
const ENV_KEYS: Record<string, string> = {
  SAYSO_SECRET: 'secret',
  SAYSO_IDENTITY_SECRET: 'identitySecret',
  SAYSO_PUBLIC_URL: 'publicUrl',
  SAYSO_ALLOWED_HOSTS: 'allowedHosts',
  SAYSO_MAX_BODY_BYTES: 'limits.maxBodyBytes',
  SAYSO_MAX_TEXT_LENGTH: 'limits.maxTextLength',
  SAYSO_SITE_PER_MINUTE: 'limits.sitePerMinute',
  SAYSO_IP_PER_MINUTE: 'limits.ipPerMinute',
  SAYSO_SMTP_HOST: 'smtp.host',
  SAYSO_SMTP_PORT: 'smtp.port',
  SAYSO_SMTP_SECURE: 'smtp.secure',
  SAYSO_SMTP_USER: 'smtp.user',
  SAYSO_SMTP_PASS: 'smtp.pass',
  SAYSO_SMTP_FROM: 'smtp.from',
};

/**
 * Reads `file` (JSON) when given, then applies the environment
 * (`SAYSO_SECRET`, `SAYSO_IDENTITY_SECRET`, `SAYSO_*` limits). Does not check
 * the result: pass it to `createCollector`, which does.
 */
export async function loadConfig(options: { file?: string; env?: Record<string, string | undefined> } = {}): Promise<Record<string, unknown>> {
  let config: Record<string, unknown> = {};
  if (options.file) {
    let text: string;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (err) {
      throw new SaysoError('E_CONFIG_INVALID', `cannot read ${options.file}: ${(err as Error).message}`, { path: options.file, cause: err });
    }
    try {
      config = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new SaysoError('E_CONFIG_INVALID', `${options.file} is not valid JSON: ${(err as Error).message}`, { path: options.file, cause: err });
    }
  }
  const env = options.env ?? process.env;
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (key.startsWith('limits.')) {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new SaysoError('E_CONFIG_INVALID', `must be a positive integer, got "${value}"`, { path: name });
      config.limits = { ...(isObject(config.limits) ? config.limits : {}), [key.slice(7)]: n };
    } else if (key.startsWith('smtp.')) {
      const field = key.slice(5);
      // Ports stay strings here; resolveSmtp reads digits. SECURE is a flag.
      config.smtp = { ...(isObject(config.smtp) ? config.smtp : {}), [field]: field === 'secure' ? value === 'true' || value === '1' : value };
    } else if (key === 'allowedHosts') {
      config[key] = value.split(',').map((h) => h.trim()).filter((h) => h !== '');
    } else {
      config[key] = value;
    }
  }
  return config;
}
