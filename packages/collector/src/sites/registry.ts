// The sites and surveys every route reads, cached from the database: ingest
// checks an origin on every request and must not wait for a query. All sites
// and surveys are loaded at once (they are few and small), again every few
// seconds (a change made through another instance on the same PostgreSQL is
// served within that time) and at once after a change made here.
//
// Which surveys remote config serves is decided at each request from the
// cache and the clock, so a start or an end takes effect the moment it
// passes; a reached response limit, from counts refreshed with the cache and
// bumped by this instance's own ingests.
import { createHash } from 'node:crypto';
import type { Survey } from '@sayso/core';
import { resolveSiteInsights, type SiteInsights } from '../insights-config.js';
import type { Logger } from '../server/log.js';
import type { SiteRecord } from '../storage/sites.js';
import type { SurveyRecord, SurveyStatus } from '../storage/surveys.js';
import type { Storage } from '../storage/types.js';
import { effectiveStatus } from './lifecycle.js';

/** A site as the routes read it. */
export interface SiteEntry {
  id: string;
  name: string;
  origins: string[];
  segments: string[];
  /** The site's own identity secret, else the config's top-level one. */
  identitySecret?: string;
  insights: SiteInsights;
  /** Every survey that is not archived, as defined now (its newest version, else its draft): kinds and scales for ingest and scores. */
  surveys: Survey[];
  record: SiteRecord;
}

/** Remote config of one site at one moment: the body served and its ETag. */
export interface Served {
  surveys: Survey[];
  text: string;
  etag: string;
}

export interface SiteRegistry {
  get(id: string): SiteEntry | undefined;
  has(id: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<SiteEntry>;
  /** The surveys of a site cached as stored (every status), in creation order. */
  surveys(site: string): readonly SurveyRecord[];
  /** A survey's status at `now` (time and response limit applied). */
  statusOf(s: SurveyRecord, now: number): SurveyStatus;
  /** What remote config serves for `site` at `now`: its live surveys' newest versions, each with its `version`. */
  served(site: string, now: number): Served;
  /** True when `surveyId` of `site` has a response limit its stored responses have reached. */
  limitReached(site: string, surveyId: string): boolean;
  /** This instance stored `n` more responses of a survey (its limit is then known at once). */
  counted(site: string, surveyId: string, n: number): void;
  /** `origin` called for `site` (ingest, remote config): written to the database at most once a minute per origin. */
  seen(site: string, origin: string, now: number): void;
  /** Loads everything again; after a local change, await it before answering. */
  refresh(): Promise<void>;
  /** Refreshes every `everyMs` (unref'd timer). */
  start(everyMs: number): void;
  stop(): void;
}

/** How often an origin's "last seen" is written, per instance. */
export const SEEN_EVERY_MS = 60_000;
/** Origins recorded per site beyond its listed ones (a site allowing `'*'`), per instance. */
const SEEN_ANY_MAX = 50;

const key = (site: string, survey: string) => `${site}\x1f${survey}`;

/** A registry over `storage`; call `refresh()` once before serving. */
export function siteRegistry(storage: Storage, options: { identitySecret?: string | undefined; log: Logger }): SiteRegistry {
  let sites = new Map<string, SiteEntry>();
  let surveys = new Map<string, SurveyRecord[]>();
  const counts = new Map<string, number>();
  const bodies = new Map<string, Served & { key: string }>();
  const fingerprints = new Map<string, string>();
  const seenAt = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | undefined;

  function statusOf(s: SurveyRecord, now: number): SurveyStatus {
    return effectiveStatus(s, now, counts.get(key(s.site, s.id)) ?? 0);
  }

  async function load(): Promise<void> {
    const [siteRows, surveyRows] = await Promise.all([storage.sites.list(), storage.surveys.list()]);
    const bySite = new Map<string, SurveyRecord[]>();
    for (const s of surveyRows) {
      const list = bySite.get(s.site) ?? [];
      list.push(s);
      bySite.set(s.site, list);
    }
    // Counts only for the surveys a limit can end: one index range each.
    const limited = new Map<string, string[]>();
    for (const s of surveyRows) {
      if (s.responseLimit !== null && (s.status === 'live' || s.status === 'scheduled')) limited.set(s.site, [...(limited.get(s.site) ?? []), s.id]);
    }
    const fresh = new Map<string, number>();
    for (const [site, ids] of limited) for (const [id, n] of await storage.surveys.responseCounts(site, ids)) fresh.set(key(site, id), n);
    const next = new Map<string, SiteEntry>();
    for (const r of siteRows) {
      let insights: SiteInsights;
      try {
        insights = resolveSiteInsights(r.insights ?? undefined, 'insights');
      } catch (err) {
        // Checked when written; a row changed by hand must not take the others down.
        options.log.warn('site insights settings refused; using none', { site: r.id, error: String(err) });
        insights = resolveSiteInsights(undefined, 'insights');
      }
      const identity = r.identitySecret ?? options.identitySecret;
      next.set(r.id, {
        id: r.id,
        name: r.name,
        origins: r.origins,
        segments: r.segments,
        ...(identity ? { identitySecret: identity } : {}),
        insights,
        surveys: (bySite.get(r.id) ?? []).filter((s) => s.status !== 'archived').map((s) => s.published ?? s.draft),
        record: r,
      });
    }
    sites = next;
    surveys = bySite;
    counts.clear();
    for (const [k, n] of fresh) counts.set(k, n);
    // A site whose themes changed (here or on another instance) has its insights counts rebuilt.
    for (const s of next.values()) {
      if (fingerprints.get(s.id) === s.insights.fingerprint) continue;
      if (await storage.insights.prepare(s.id, s.insights.fingerprint)) options.log.info('insights: counting the stored comments again', { site: s.id });
      fingerprints.set(s.id, s.insights.fingerprint);
    }
  }

  const registry: SiteRegistry = {
    get: (id) => sites.get(id),
    has: (id) => sites.has(id),
    keys: () => sites.keys(),
    values: () => sites.values(),
    surveys: (site) => surveys.get(site) ?? [],
    statusOf,
    served(site, now) {
      const live = (surveys.get(site) ?? []).filter((s) => s.version !== null && s.published !== null && statusOf(s, now) === 'live');
      // The set, named by ids and versions: the same set gives the same cached body and ETag.
      const id = live.map((s) => `${s.id}@${s.version}`).join(',');
      const cached = bodies.get(site);
      if (cached?.key === id) return cached;
      const list = live.map((s) => ({ ...s.published!, version: s.version! }));
      const text = JSON.stringify({ site, surveys: list });
      const body = { key: id, surveys: list, text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"` };
      bodies.set(site, body);
      return body;
    },
    limitReached(site, surveyId) {
      const s = (surveys.get(site) ?? []).find((x) => x.id === surveyId);
      return s?.responseLimit != null && (counts.get(key(site, surveyId)) ?? 0) >= s.responseLimit;
    },
    counted(site, surveyId, n) {
      const k = key(site, surveyId);
      counts.set(k, (counts.get(k) ?? 0) + n);
    },
    seen(site, origin, now) {
      const k = key(site, origin);
      const last = seenAt.get(k);
      if (last !== undefined && now - last < SEEN_EVERY_MS) return;
      // A site that allows any origin ('*') would let any page add rows: its first few origins only.
      const entry = sites.get(site);
      if (!entry?.origins.includes(origin) && (last === undefined && [...seenAt.keys()].filter((x) => x.startsWith(`${site}\x1f`)).length >= SEEN_ANY_MAX)) return;
      seenAt.set(k, now);
      storage.sites.seen(site, origin, new Date(now)).catch((err: unknown) => options.log.warn('recording an origin as seen failed', { site, error: String(err) }));
    },
    refresh() {
      // One load at a time, each after the one before: a change made while a load runs is in the next.
      const run = queue.then(load);
      queue = run.catch(() => {});
      return run;
    },
    start(everyMs) {
      timer = setInterval(() => {
        registry.refresh().catch((err: unknown) => options.log.warn('reloading sites and surveys failed', { error: String(err) }));
      }, everyMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
  return registry;
}
