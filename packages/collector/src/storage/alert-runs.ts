// Runs of alert rules and digests (migration 10): one row per rule and
// period. Claiming is an insert that does nothing on conflict, so of several
// collector instances on one database exactly one gets each period.
import type { SqlRunner } from './driver.js';

/** One claimed run. */
export interface AlertRunKey {
  site: string;
  /** The rule's or digest's id. */
  rule: string;
  /** The period it runs for (`2026-12-04` for a day, `2026-W49` for a week). */
  period: string;
}

export interface AlertRunStorage {
  /** Claims a run at `at` (the scheduler's clock); false when another instance (or an earlier tick) has it. */
  claim(key: AlertRunKey, at: Date): Promise<boolean>;
  /** Records the outcome of a claimed run. */
  finish(key: AlertRunKey, fired: boolean, detail: unknown): Promise<void>;
  /** Gives a claimed run back (its evaluation failed), so a later tick retries it. */
  release(key: AlertRunKey): Promise<void>;
  /** When the rule last fired at or after `since`, if it did (the cooldown). */
  lastFired(site: string, rule: string, since: Date): Promise<Date | null>;
}

/** The run table over a database. */
export function alertRunStorage(db: SqlRunner): AlertRunStorage {
  return {
    async claim(key, at) {
      const rows = await db.query(
        `insert into sayso_alert_runs (site, rule, period, at) values ($1, $2, $3, $4::timestamptz)
         on conflict (site, rule, period) do nothing returning period`,
        [key.site, key.rule, key.period, at.toISOString()],
      );
      return rows.length === 1;
    },
    async finish(key, fired, detail) {
      await db.query(`update sayso_alert_runs set fired = $4, detail = $5::text::jsonb where site = $1 and rule = $2 and period = $3`, [
        key.site,
        key.rule,
        key.period,
        fired,
        JSON.stringify(detail ?? null),
      ]);
    },
    async release(key) {
      await db.query(`delete from sayso_alert_runs where site = $1 and rule = $2 and period = $3 and fired is null`, [key.site, key.rule, key.period]);
    },
    async lastFired(site, rule, since) {
      const rows = await db.query<{ at: Date | string }>(
        `select max(at) as at from sayso_alert_runs where site = $1 and rule = $2 and fired and at >= $3::timestamptz`,
        [site, rule, since.toISOString()],
      );
      const at = rows[0]?.at;
      return at == null ? null : new Date(at);
    },
  };
}
