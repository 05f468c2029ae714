// The scheduler inside the collector: every tick it reads the rules from
// the database and runs each drop rule and digest that is due, once per
// period, even with several instances on one database: a run is claimed in
// sayso_alert_runs before it is evaluated, and only the claimer goes on.
// Detractor rules send what the outbox holds for them (detractors.ts).
// Its clock is an option (tests move time by passing their own), never a
// patched Date.
import type { Survey } from '@sayso/core';
import type { ResolvedConfig } from '../config.js';
import type { Logger } from '../server/log.js';
import type { Storage } from '../storage/types.js';
import type { AlertRunKey } from '../storage/alert-runs.js';
import type { DigestRule, DropRule } from './config.js';
import { sendDetractors, type DetractorOptions, type DetractorOutcome } from './detractors.js';
import { buildDigest, digestPeriods } from './digest.js';
import { evaluateDrop } from './drop.js';
import type { AlertMessage, Destination } from './message.js';
import { siteDestinations } from './site-destinations.js';
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
  /** The destinations of a site. @default its Slack URL and its opted-in users' email (site-destinations.ts) */
  destinations?: (site: string) => Destination[] | Promise<Destination[]>;
  /** The surveys of a site as defined now. @default the config file's */
  surveys?: (site: string) => readonly Survey[];
  /** Bounds of detractor alerts (per tick, the lease, retries). */
  detractors?: Pick<DetractorOptions, 'perTick' | 'claimMax' | 'leaseMs' | 'retryMs'>;
  /** Called with every drop alert that fired (the webhooks' `alert.triggered`); errors are logged. */
  onAlert?: (message: Extract<AlertMessage, { type: 'drop' }>) => void | Promise<void>;
}

/** What a tick did: a drop rule's or digest's run, or what a detractor rule sent. */
export type TickOutcome = RunOutcome | (DetractorOutcome & { type: 'detractor' });

export interface AlertScheduler {
  /** Runs every due rule once; resolves with what ran here (not what other instances ran). */
  tick(): Promise<TickOutcome[]>;
  /** Ticks now, then every `everyMs`. */
  start(everyMs: number): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/** The scheduler of alert rules and digests. */
export function alertScheduler(options: AlertSchedulerOptions): AlertScheduler {
  const { storage, config, log } = options;
  const now = options.now ?? Date.now;
  const origin = config.publicOrigin ?? '';
  // One SMTP transport for every site; each tick reads the sites' destinations afresh (a URL or an opt-in changed in the studio counts at once).
  const stored = siteDestinations(storage, config);
  const destinationsOf = options.destinations ?? ((site: string) => stored.of(site));
  const surveysOf = options.surveys ?? ((site: string) => config.sites.get(site)?.surveys ?? []);
  const reportUrl = (site: string, survey: string) => `${origin}/studio/report?site=${encodeURIComponent(site)}&survey=${encodeURIComponent(survey)}`;

  async function deliver(key: AlertRunKey, message: AlertMessage): Promise<Pick<RunOutcome, 'sent' | 'failed'>> {
    const sent: string[] = [];
    const failed: RunOutcome['failed'] = [];
    // Destinations are independent: Slack being down does not keep the email back.
    await Promise.all(
      (await destinationsOf(key.site)).map(async (d) => {
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
  let running: Promise<TickOutcome[]> | undefined;
  const detractorOptions: DetractorOptions = { storage, log, origin, ...options.detractors };

  async function tickOnce(): Promise<TickOutcome[]> {
    const at = now();
    const outcomes: TickOutcome[] = [];
    for (const rule of await storage.alerts.listRules()) {
      const { site } = rule;
      if (rule.type === 'detractor') {
        try {
          const o = await sendDetractors(detractorOptions, site, rule, await destinationsOf(site));
          if (o.sent + o.grouped + o.retrying > 0 || o.failed.length > 0) outcomes.push({ type: 'detractor', ...o });
        } catch (err) {
          // Claimed rows come back when their lease ends.
          log.warn('detractor alerts failed; they will be tried again', { site, rule: rule.id, error: String(err) });
        }
        continue;
      }
      // A survey archived (or gone) since the rule was written: nothing to watch.
      const survey = surveysOf(site).find((s) => s.id === rule.survey);
      if (!survey) continue;
      const o = rule.type === 'drop' ? await dropRun(site, survey, rule, at) : await digestRun(site, survey, rule, at);
      if (o) outcomes.push(o);
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
      stored.close();
    },
  };
  return scheduler;
}
