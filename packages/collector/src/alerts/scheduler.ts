// The scheduler inside the collector: every tick it walks the sites' drop
// rules and digests and runs each one that is due, once per period, even
// with several instances on one database: a run is claimed in
// sayso_alert_runs before it is evaluated, and only the claimer goes on.
// Its clock is an option (tests move time by passing their own), never a
// patched Date.
import type { Survey } from '@sayso/core';
import type { ResolvedConfig } from '../config.js';
import type { Logger } from '../server/log.js';
import type { Storage } from '../storage/types.js';
import type { AlertRunKey } from '../storage/alert-runs.js';
import type { DigestRule, DropRule } from './config.js';
import { buildDigest, digestPeriods } from './digest.js';
import { evaluateDrop } from './drop.js';
import { emailDestination } from './email.js';
import type { AlertMessage, Destination } from './message.js';
import { slackDestination } from './slack.js';
import { dayOf } from './windows.js';

/** What one run did, for logs and tests. */
export interface RunOutcome extends AlertRunKey {
  fired: boolean;
  /** Why a drop rule stayed quiet (`cooldown`, `too-few-answers`, …). */
  quiet?: string;
  /** Destinations that took the message, and those that failed (with why). */
  sent: string[];
  failed: Array<{ destination: string; error: string }>;
}

/** Options of {@link alertScheduler}. */
export interface AlertSchedulerOptions {
  storage: Storage;
  config: ResolvedConfig;
  log: Logger;
  /** The clock, in ms since the epoch. @default Date.now */
  now?: () => number;
  /** The destinations of a site. @default its Slack and email, from the config */
  destinations?: (site: string) => Destination[];
  /** Called with every drop alert that fired (the webhooks' `alert.triggered`); errors are logged. */
  onAlert?: (message: Extract<AlertMessage, { type: 'drop' }>) => void | Promise<void>;
}

export interface AlertScheduler {
  /** Runs every due rule once; resolves with what ran here (not what other instances ran). */
  tick(): Promise<RunOutcome[]>;
  /** Ticks now, then every `everyMs`. */
  start(everyMs: number): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/** The site's destinations from its config. */
export function configuredDestinations(config: ResolvedConfig, site: string): Destination[] {
  const alerts = config.sites.get(site)?.alerts;
  const out: Destination[] = [];
  if (alerts?.slack) out.push(slackDestination({ webhookUrl: alerts.slack.webhookUrl, allowPrivate: config.allowPrivateDestinations }));
  if (alerts?.email && config.smtp) out.push(emailDestination({ smtp: config.smtp, to: alerts.email.to }));
  return out;
}

/** The scheduler of alert rules and digests. */
export function alertScheduler(options: AlertSchedulerOptions): AlertScheduler {
  const { storage, config, log } = options;
  const now = options.now ?? Date.now;
  // One set per site, made once: the email transport keeps its connection pool.
  const made = new Map<string, Destination[]>();
  const destinationsOf =
    options.destinations ??
    ((site: string) => {
      let d = made.get(site);
      if (!d) made.set(site, (d = configuredDestinations(config, site)));
      return d;
    });
  const reportUrl = (site: string, survey: string) => `${config.publicOrigin ?? ''}/report?site=${encodeURIComponent(site)}&survey=${encodeURIComponent(survey)}`;

  async function deliver(key: AlertRunKey, message: AlertMessage): Promise<Pick<RunOutcome, 'sent' | 'failed'>> {
    const sent: string[] = [];
    const failed: RunOutcome['failed'] = [];
    // Destinations are independent: Slack being down does not keep the email back.
    await Promise.all(
      destinationsOf(key.site).map(async (d) => {
        try {
          await d.send(message);
          sent.push(d.name);
        } catch (err) {
          failed.push({ destination: d.name, error: (err as Error).message });
          log.warn('alert delivery failed', { site: key.site, rule: key.rule, period: key.period, destination: d.name, error: (err as Error).message });
        }
      }),
    );
    return { sent: sent.sort(), failed };
  }

  /** Claims `key`, runs `body`, records its outcome; gives the claim back when `body` throws, so a later tick retries. */
  async function run(key: AlertRunKey, at: number, body: () => Promise<Omit<RunOutcome, keyof AlertRunKey>>): Promise<RunOutcome | null> {
    if (!(await storage.alertRuns.claim(key, new Date(at)))) return null;
    try {
      const outcome = await body();
      await storage.alertRuns.finish(key, outcome.fired, outcome);
      return { ...key, ...outcome };
    } catch (err) {
      log.warn('alert rule failed; it will be tried again', { ...key, error: String(err) });
      await storage.alertRuns.release(key).catch(() => {});
      return null;
    }
  }

  const dropRun = (site: string, survey: Survey, rule: DropRule, at: number) =>
    // One check per rule and UTC day: the windows are whole days.
    run({ site, rule: rule.id, period: dayOf(at) }, at, async () => {
      // Quiet for `cooldownDays` days counting the day it fired.
      const since = new Date(Date.parse(`${dayOf(at, -(rule.cooldownDays - 1))}T00:00:00Z`));
      if (rule.cooldownDays > 0 && (await storage.alertRuns.lastFired(site, rule.id, since))) return { fired: false, quiet: 'cooldown', sent: [], failed: [] };
      const drop = await evaluateDrop(storage, site, survey, rule, at);
      if (drop.quiet) return { fired: false, quiet: drop.quiet, sent: [], failed: [] };
      const message = { type: 'drop' as const, drop, reportUrl: reportUrl(site, survey.id) };
      log.info('alert: the score dropped', { site, rule: rule.id, survey: survey.id, difference: drop.comparison.difference, p: drop.comparison.p });
      const delivered = await deliver({ site, rule: rule.id, period: dayOf(at) }, message);
      if (options.onAlert) await Promise.resolve(options.onAlert(message)).catch((err: unknown) => log.warn('onAlert failed', { error: String(err) }));
      return { fired: true, ...delivered };
    });

  const digestRun = (site: string, survey: Survey, rule: DigestRule, at: number) => {
    const period = digestPeriods(rule.every, at).current.key;
    return run({ site, rule: rule.id, period }, at, async () => {
      const digest = await buildDigest(storage, site, survey, rule, at);
      const delivered = await deliver({ site, rule: rule.id, period }, { type: 'digest', digest, reportUrl: reportUrl(site, survey.id) });
      return { fired: true, ...delivered };
    });
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<RunOutcome[]> | undefined;

  async function tickOnce(): Promise<RunOutcome[]> {
    const at = now();
    const outcomes: RunOutcome[] = [];
    for (const site of config.sites.values()) {
      const survey = (id: string) => site.surveys.find((s) => s.id === id)!;
      for (const rule of site.alerts.drops) {
        const o = await dropRun(site.id, survey(rule.survey), rule, at);
        if (o) outcomes.push(o);
      }
      for (const rule of site.alerts.digests) {
        const o = await digestRun(site.id, survey(rule.survey), rule, at);
        if (o) outcomes.push(o);
      }
    }
    return outcomes;
  }

  const scheduler: AlertScheduler = {
    tick() {
      // Ticks never overlap: a slow one makes the next wait, not run twice.
      const next = (running ?? Promise.resolve([])).catch(() => []).then(tickOnce);
      running = next;
      return next;
    },
    start(everyMs) {
      const tick = () => void scheduler.tick().catch((err: unknown) => log.warn('alert tick failed', { error: String(err) }));
      timer = setInterval(tick, everyMs);
      timer.unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
      for (const list of made.values()) for (const d of list) d.close?.();
      made.clear();
    },
  };
  return scheduler;
}
