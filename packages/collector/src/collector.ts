// createCollector: config + storage + app + server, for the CLI, tests and
// embedding. Checks the config, opens the storage and runs migrations before
// anything listens.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { SaysoError } from '@sayso/core';
import type { Hono } from 'hono';
import { alertScheduler, type AlertScheduler, type AlertSchedulerOptions } from './alerts/scheduler.js';
import { resolveConfig, type ResolvedConfig } from './config.js';
import { createApp } from './server/app.js';
import type { AppContext } from './server/context.js';
import { importConfig } from './sites/import.js';
import { siteRegistry, type SiteRegistry } from './sites/registry.js';
import { addListenAddress, selfNames } from './server/host.js';
import { countingWrites, gate, yieldingReads } from './server/load.js';
import { jsonLogger, type Logger, type LogLevel } from './server/log.js';
import { rateLimiter } from './server/rate-limit.js';
import { termCounter } from './storage/insights-worker.js';
import { pgliteStorage } from './storage/pglite.js';
import { postgresStorage } from './storage/postgres.js';
import type { Storage } from './storage/types.js';
import type { Resolver } from './webhooks/address-guard.js';
import { webhookDispatcher, type Dispatcher } from './webhooks/dispatcher.js';

/** Options of `createCollector`. */
export interface CreateCollectorOptions {
  /** The configuration (`CollectorConfig`, e.g. from `loadConfig`); checked here. */
  config: unknown;
  /** PGlite data folder. Omit (and `databaseUrl`) for an in-memory database. */
  dataDir?: string;
  /** A `postgres://` URL: use PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** A storage you opened yourself (tests, custom drivers); wins over `dataDir`/`databaseUrl`. */
  storage?: Storage;
  /** Folder served at `/sdk/*`. @default the built `@sayso/widget` dist beside this package, when present */
  sdkDir?: string | false;
  /** Folder served at `/examples/*`. @default the repo's `examples/`, when present */
  examplesDir?: string | false;
  /** @default 'info' */
  logLevel?: LogLevel;
  /** Replaces the JSON-lines logger. */
  logger?: Logger;
  /** Take the client IP from `X-Forwarded-For` (only behind your own proxy). @default false */
  trustProxy?: boolean;
  /** How often to roll up finished days' tallies (`Storage.compact`); 0 turns it off. @default 3600000 (hourly, and once at start) */
  compactEveryMs?: number;
  /**
   * Development mode (the CLI's `--dev`): secrets of 8 characters are
   * accepted and loopback names are always accepted in `Host`. @default false
   */
  dev?: boolean;
  /** How often to count queued comments for insights; 0 turns the timer off (insights answers still count first). @default 1000 */
  countTermsEveryMs?: number;
  /** Name resolution for webhook destinations (tests use their own). @default the system resolver */
  webhookResolver?: Resolver;
  /**
   * How often to reload sites and surveys from the database, so changes made
   * through another instance are served here; 0 turns the timer off. @default 2000
   */
  refreshSitesEveryMs?: number;
  /** The clock surveys are scheduled by (`startsAt`, `endsAt`). @default Date.now */
  now?: () => number;
  /**
   * Replaces how the admin API identifies a request's actor (an identity
   * proxy or SSO in front of the collector; the tests act as each role).
   * @default the config secret, users, sessions and tokens (auth/guard.ts)
   */
  identify?: AppContext['identify'];
  /** How often the alert scheduler checks drop rules and digests; 0 turns it off (`collector.alerts.tick()` still runs them). @default 60000 */
  alertTickMs?: number;
  /** The alert scheduler's clock, in ms since the epoch (tests move time with it). @default Date.now */
  alertClock?: () => number;
  /** Called with every score-drop alert that fired, besides its Slack and email (the webhooks' `alert.triggered`). */
  onAlert?: AlertSchedulerOptions['onAlert'];
  /** Bounds of detractor alerts: messages per rule and tick (@default 20), the claim's lease, the retry backoff. */
  alertDetractors?: AlertSchedulerOptions['detractors'];
}

/** A running server. */
export interface Listening {
  /** `http://host:port` */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** A collector: an app you can `fetch` directly, or `listen` with. */
export interface Collector {
  readonly app: Hono;
  /** Answers a Request without a server (tests, edge embedding). */
  fetch(request: Request): Promise<Response>;
  readonly storage: Storage;
  readonly config: ResolvedConfig;
  /** Sends webhook deliveries (started here unless `webhooks.dispatch` is false; `drain()` sends what is due now). */
  readonly webhooks: Dispatcher;
  /** Sites and surveys as served (cached from the database). */
  readonly sites: SiteRegistry;
  /** The scheduler of alert rules and digests (alerts/scheduler.ts). */
  readonly alerts: AlertScheduler;
  /** Starts an HTTP server. @default port 8787, host '127.0.0.1' */
  listen(options?: { port?: number; host?: string }): Promise<Listening>;
  /** Closes every server it started, then the storage. */
  close(): Promise<void>;
}

const existing = (p: string) => (existsSync(p) ? p : undefined);

/** This package's folder, found upwards from this module (which may sit in src/, dist/ or dist/chunks/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
}
const root = packageRoot();

/**
 * Creates a collector: checks the config (throwing `E_CONFIG_INVALID` with the
 * bad key's path), opens storage, runs migrations.
 *
 * @example
 * const collector = await createCollector({
 *   config: { secret: 'read-secret', sites: [{ id: 'demo', origins: ['http://127.0.0.1:5173'], surveys: [] }] },
 *   dataDir: '.sayso-data', // omit for in-memory
 * });
 * const { url, close } = await collector.listen({ port: 0 });
 */
export async function createCollector(options: CreateCollectorOptions): Promise<Collector> {
  const config = resolveConfig(options.config, { dev: options.dev ?? false });
  const log = options.logger ?? jsonLogger(options.logLevel ?? 'info');
  const opened =
    options.storage ??
    (options.databaseUrl ? postgresStorage({ url: options.databaseUrl }) : await pgliteStorage(options.dataDir ? { dataDir: options.dataDir } : {}));
  const { storage, writes } = countingWrites(yieldingReads(opened));
  try {
    const version = await storage.migrate();
    log.info('storage ready', { driver: storage.driver, schema: version });
  } catch (err) {
    await storage.close().catch(() => {});
    throw err;
  }

  // Sites and surveys live in the database; the config file's are imported when absent.
  // The first load also rebuilds a site's insights counts when the term rules or its themes changed.
  const sites = siteRegistry(storage, { identitySecret: config.identitySecret, log });
  try {
    await importConfig(storage, config, log);
    await sites.refresh();
  } catch (err) {
    await storage.close().catch(() => {});
    throw err;
  }
  const refreshEvery = options.refreshSitesEveryMs ?? 2000;
  if (refreshEvery > 0) sites.start(refreshEvery);

  // Insights: queued comments are counted every second.
  const counter = termCounter(storage, {
    themesFor: (site) => sites.get(site)?.insights.themes,
    onError: (err) => log.warn('counting comments for insights failed', { error: String(err) }),
  });
  const countEvery = options.countTermsEveryMs ?? 1000;
  if (countEvery > 0) counter.start(countEvery);

  const pick = (given: string | false | undefined, fallback: string) =>
    given === false ? undefined : given !== undefined ? given : existing(fallback);
  const self = selfNames(config);
  const app = createApp({
    config,
    sites,
    now: options.now ?? Date.now,
    ...(options.identify ? { identify: options.identify } : {}),
    storage,
    log,
    limiter: rateLimiter(),
    self,
    // A few reads at once on PostgreSQL (its pool is shared with ingest); one
    // on PGlite, which runs one query at a time on this thread anyway: more
    // would only queue inside it, out of reach of the gate. 16 may wait.
    reads: gate(storage.driver === 'pglite' ? 1 : config.limits.concurrentReads, 16),
    writes,
    sdkDir: pick(options.sdkDir, join(root, '../widget/dist')),
    examplesDir: pick(options.examplesDir, join(root, '../../examples')),
    // Built by rollup (dist/client); tests from the sources use the built copy too.
    clientDir: existing(join(root, 'dist/client')),
    trustProxy: options.trustProxy ?? false,
    termCounter: counter,
    ...(options.webhookResolver ? { webhookResolver: options.webhookResolver } : {}),
  });

  // Webhooks: deliveries are written by the ingest statement's triggers; this sends them.
  const dispatcher = webhookDispatcher(storage, { config: config.webhooks, log, ...(options.webhookResolver ? { resolve: options.webhookResolver } : {}) });
  if (config.webhooks.dispatch) dispatcher.start();

  // Rollups of finished days keep /v1/scores cheap; any instance may run them (an advisory lock picks one).
  const compact = () => {
    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    storage.compact(yesterday).then(
      (rows) => rows > 0 && log.info('tallies rolled up', { before: yesterday, rows }),
      (err: unknown) => log.warn('tally rollup failed', { error: String(err) }),
    );
  };
  const every = options.compactEveryMs ?? 3600_000;
  const compactTimer = every > 0 ? setInterval(compact, every) : undefined;
  compactTimer?.unref();
  if (every > 0) compact();

  const alerts = alertScheduler({
    storage,
    config,
    log,
    ...(options.alertClock ? { now: options.alertClock } : {}),
    ...(options.alertDetractors ? { detractors: options.alertDetractors } : {}),
    // Surveys as the database defines them now (the registry's cache).
    surveys: (site) => sites.get(site)?.surveys ?? [],
    // A drop that fired also goes to the site's webhooks subscribed to `alert.triggered`, through the outbox.
    onAlert: async (message) => {
      const { quiet: _quiet, ...drop } = message.drop;
      await storage.webhooks.enqueue(drop.site, 'alert.triggered', { surveyId: drop.survey, ...drop, reportUrl: message.reportUrl });
      await options.onAlert?.(message);
    },
  });
  const alertEvery = options.alertTickMs ?? 60_000;
  if (alertEvery > 0) alerts.start(alertEvery);

  const servers = new Set<Listening>();
  const collector: Collector = {
    app,
    storage,
    config,
    webhooks: dispatcher,
    sites,
    alerts,
    fetch: async (request) => app.fetch(request),
    async listen({ port = 8787, host = '127.0.0.1' } = {}) {
      if ((host === '0.0.0.0' || host === '::') && self.hosts.size === 0 && !config.dev) {
        // Every request would be refused by the Host check: no name would be this collector's.
        throw new SaysoError('E_CONFIG_INVALID', `listening on ${host} needs publicUrl or allowedHosts: the names clients reach this collector by`, { path: 'allowedHosts' });
      }
      const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const actual = (server.address() as AddressInfo).port;
      // The address it listens on is a name of the collector (Host check, same origin).
      addListenAddress(self, host, actual, config.dev);
      const listening: Listening = {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
        port: actual,
        async close(graceMs = 10_000) {
          servers.delete(listening);
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Idle keep-alive sockets would hold close() open; in-flight requests finish first.
          server.closeIdleConnections();
          const timer = setTimeout(() => server.closeAllConnections(), graceMs);
          await closed;
          clearTimeout(timer);
        },
      };
      servers.add(listening);
      log.info('listening', { url: listening.url });
      return listening;
    },
    async close() {
      clearInterval(compactTimer);
      sites.stop();
      await Promise.all([...servers].map((s) => s.close()));
      await Promise.all([counter.stop(), dispatcher.stop(), alerts.stop()]);
      await storage.close();
    },
  };
  return collector;
}
