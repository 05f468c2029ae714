// The collector's configuration: sites (public key, allowed origins,
// surveys), the reading secret, the identity secret and abuse limits. Read
// from sayso.config.json and the environment, and checked at start: a bad
// value stops the collector with a message naming its key.
import { readFile } from 'node:fs/promises';
import { SaysoError, type Survey } from '@sayso/core';
import { resolveSiteInsights, type SiteInsights, type SiteInsightsConfig } from './insights-config.js';
import { checkSurvey } from './parse.js';

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
}

/** The configuration as written in `sayso.config.json`. */
export interface CollectorConfig {
  sites: SiteConfig[];
  /** Secret for reading: `/v1/scores`, exports and the report sign-in. At least 8 characters. */
  secret: string;
  /** HMAC-SHA256 secret shared with the host's server to sign user ids. Without it, no history is kept. */
  identitySecret?: string;
  limits?: Partial<Limits>;
}

/** A checked configuration with defaults applied. */
export interface ResolvedConfig {
  sites: Map<string, Required<Pick<SiteConfig, 'id' | 'origins' | 'surveys' | 'segments'>> & { identitySecret?: string; insights: SiteInsights }>;
  secret: string;
  limits: Limits;
}

/** The limits applied when the config names none. */
export const defaultLimits: Limits = {
  maxBodyBytes: 256 * 1024,
  maxTextLength: 2000,
  maxBatchItems: 500,
  sitePerMinute: 60_000,
  ipPerMinute: 600,
};

const KEY_RE = /^[A-Za-z0-9_-]{1,64}$/;

function fail(path: string, message: string): never {
  throw new SaysoError('E_CONFIG_INVALID', message, { path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function origin(value: unknown, path: string): string {
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

/**
 * Checks a configuration and applies defaults. Throws a SaysoError
 * `E_CONFIG_INVALID` whose `path` names the bad key (`sites[0].origins[1]`).
 */
export function resolveConfig(input: unknown): ResolvedConfig {
  if (!isObject(input)) fail('(root)', 'the configuration must be a JSON object');
  const secret = input.secret;
  if (typeof secret !== 'string' || secret.length < 8) fail('secret', 'must be a string of at least 8 characters (or set SAYSO_SECRET)');
  const identity = input.identitySecret;
  if (identity !== undefined && (typeof identity !== 'string' || identity.length < 16)) fail('identitySecret', 'must be a string of at least 16 characters');
  if (!Array.isArray(input.sites) || input.sites.length === 0) fail('sites', 'must be a non-empty array of sites');
  const sites: ResolvedConfig['sites'] = new Map();
  input.sites.forEach((raw: unknown, i) => {
    const at = `sites[${i}]`;
    if (!isObject(raw)) fail(at, 'must be an object');
    if (typeof raw.id !== 'string' || !KEY_RE.test(raw.id)) fail(`${at}.id`, 'must be 1-64 letters, digits, "-" or "_"');
    if (sites.has(raw.id)) fail(`${at}.id`, `"${raw.id}" is used by two sites`);
    if (!Array.isArray(raw.origins)) fail(`${at}.origins`, 'must be an array of origins');
    const origins = raw.origins.map((o, j) => origin(o, `${at}.origins[${j}]`));
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
    const siteIdentity = raw.identitySecret ?? identity;
    if (siteIdentity !== undefined && (typeof siteIdentity !== 'string' || siteIdentity.length < 16)) fail(`${at}.identitySecret`, 'must be a string of at least 16 characters');
    const insights = resolveSiteInsights(raw.insights, `${at}.insights`);
    sites.set(raw.id, { id: raw.id, origins, surveys, segments: segments as string[], ...(siteIdentity ? { identitySecret: siteIdentity as string } : {}), insights });
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
  return { sites, secret, limits };
}

/** Environment variables that override the file, and the config key each sets. */
const ENV_KEYS: Record<string, string> = {
  SAYSO_SECRET: 'secret',
  SAYSO_IDENTITY_SECRET: 'identitySecret',
  SAYSO_MAX_BODY_BYTES: 'limits.maxBodyBytes',
  SAYSO_MAX_TEXT_LENGTH: 'limits.maxTextLength',
  SAYSO_SITE_PER_MINUTE: 'limits.sitePerMinute',
  SAYSO_IP_PER_MINUTE: 'limits.ipPerMinute',
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
    } else {
      config[key] = value;
    }
  }
  return config;
}
