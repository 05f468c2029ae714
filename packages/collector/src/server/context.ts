// What every route needs, built once by createCollector.
import type { Context } from 'hono';
import type { Identified } from '../auth/guard.js';
import type { Actor } from '../auth/roles.js';
import type { ResolvedConfig } from '../config.js';
import type { SiteRegistry } from '../sites/registry.js';
import type { TermCounter } from '../storage/insights-worker.js';
import type { Storage } from '../storage/types.js';
import type { Resolver } from '../webhooks/address-guard.js';
import type { SelfNames } from './host.js';
import type { Gate } from './load.js';
import type { Logger } from './log.js';
import type { RateLimiter } from './rate-limit.js';

/** Shared state of one collector instance (nothing here needs to survive a restart). */
export interface AppContext {
  /** The checked config file. Its `sites` are only what was imported on start: read sites from `sites`. */
  config: ResolvedConfig;
  /** Sites and surveys from the database, cached (sites/registry.ts). */
  sites: SiteRegistry;
  /** The clock of the survey lifecycle (schedules); `Date.now` unless a test sets one. */
  now: () => number;
  storage: Storage;
  log: Logger;
  limiter: RateLimiter;
  /** Folder of the built widget (`/sdk/*`), if any. */
  sdkDir: string | undefined;
  /** Folder served under `/examples/*`, if any. */
  examplesDir: string | undefined;
  /** Folder of the collector's own browser scripts (the link survey's); the studio's build sits beside it. */
  clientDir: string | undefined;
  /** Trust `X-Forwarded-For` for the client IP (behind a proxy you run). */
  trustProxy: boolean;
  /** The hosts and origins that are this collector (from the config and listen addresses, never from a request). */
  self: SelfNames;
  /** The gate every database read passes (scores, comments, histories, exports). */
  reads: Gate;
  /** Writes to a site through this instance so far (keys cached score answers). */
  writes: (site: string) => number;
  /** Replaces `identify` of auth/guard.ts (who an admin request comes from), when given; a bare actor counts as a Bearer credential. */
  identify?: (c: Context, ctx: AppContext) => Promise<Identified | Actor>;
  /** Counts queued comments for insights (createCollector runs it on a timer). */
  termCounter?: TermCounter;
  /** Name resolution for webhook destinations (tests pass their own). @default the system resolver */
  webhookResolver?: Resolver;
}

/** The client's IP address as the rate limiter sees it. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    // Capped: the value keys a rate-limit window, and the header is the client's to fill.
    if (fwd) return fwd.split(',')[0]!.trim().slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
