// Alert rules, a site's Slack URL, users' email opt-ins, and the outbox of
// detractor alerts (migration 13). Rules are checked by alerts/config.ts
// before they get here (the config file's and the admin API's alike); this
// only stores them. Row versions are the admin API's ETags.
import { randomUUID } from 'node:crypto';
import { RULE_KEYS, type AlertRule } from '../alerts/config.js';
import type { SqlRunner } from './driver.js';
import type { ExportRow } from './types.js';

/** A stored rule. */
export type AlertRuleRecord = AlertRule & {
  site: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  rowVersion: number;
};

/** A site's destinations as stored (email recipients are the opted-in users, not stored here). */
export interface AlertDestinations {
  slackUrl: string | null;
  /** 0 when the site has no row yet. */
  rowVersion: number;
}

/** A claimed outbox row: one detractor answer owed to one rule. */
export interface OutboxItem {
  seq: number;
  responseId: string;
  /** Destinations that already took it. */
  done: string[];
  attempts: number;
  /** The answer (undefined if it is gone). */
  response: ExportRow | undefined;
}

export interface AlertStorage {
  /** Every rule (of one site, or of all), by site and creation. */
  listRules(site?: string, tx?: SqlRunner): Promise<AlertRuleRecord[]>;
  getRule(site: string, id: string, tx?: SqlRunner): Promise<AlertRuleRecord | undefined>;
  /**
   * Inserts a rule; `false` when the site has one with this id. A deleted
   * rule's id is taken again only with `revive` (the admin API): the config
   * import leaves what the studio deleted deleted.
   */
  createRule(site: string, rule: AlertRule, by: string, tx?: SqlRunner, options?: { revive?: boolean }): Promise<boolean>;
  /** Replaces a rule whose row version is `expected` (its id and type stay). */
  updateRule(site: string, rule: AlertRule, expected: number, by: string, tx?: SqlRunner): Promise<AlertRuleRecord | 'stale' | 'missing'>;
  /** Deletes a rule at `expected` (a tombstone stays) with what it still owed in the outbox. */
  deleteRule(site: string, id: string, expected: number, tx?: SqlRunner): Promise<'deleted' | 'stale' | 'missing'>;
  destinations(site: string, tx?: SqlRunner): Promise<AlertDestinations>;
  /** Sets the Slack URL (null: none) when the row version is `expected` (0 for a site without a row). */
  setSlackUrl(site: string, url: string | null, expected: number, tx?: SqlRunner): Promise<AlertDestinations | 'stale'>;
  /** The sites whose alerts a user gets by email. */
  optIns(userId: string): Promise<string[]>;
  /** Turns a user's email for a site on or off; true when it changed. */
  setOptIn(userId: string, site: string, on: boolean, tx?: SqlRunner): Promise<boolean>;
  /** The email addresses of the site's opted-in users who are not disabled. */
  recipients(site: string): Promise<string[]>;
  /**
   * Claims up to `limit` due outbox rows of a rule, oldest first, for
   * `leaseMs`: rows another instance holds are skipped (SKIP LOCKED) and
   * stay its own until the lease ends. Resolves with the lease and the rows.
   */
  claim(site: string, rule: string, limit: number, leaseMs: number): Promise<{ lease: string; items: OutboxItem[] }>;
  /** Records what sending claimed rows did (one row, or many in one statement): deleted when `complete`, else due again after `retryMs`. */
  settle(lease: string, seq: number | readonly number[], done: string[], complete: boolean, retryMs: number): Promise<void>;
  /** Rows a rule still owes (due or not). */
  pending(site: string, rule: string): Promise<number>;
}

interface RuleRow {
  site: string;
  id: string;
  type: AlertRule['type'];
  survey_id: string | null;
  with_comment: boolean;
  settings: Record<string, unknown> | string;
  created_at: Date | string;
  updated_at: Date | string;
  updated_by: string;
  row_version: number;
}

const COLUMNS = 'site, id, type, survey_id, with_comment, settings, created_at, updated_at, updated_by, row_version';
const iso = (v: Date | string) => new Date(v).toISOString();

/** The columns of a rule: what SQL reads (type, survey, with comment) apart, the rest as settings. */
function columns(rule: AlertRule): { survey: string | null; withComment: boolean; settings: string } {
  if (rule.type === 'detractor') return { survey: rule.survey, withComment: rule.withComment, settings: '{}' };
  const { type: _t, id: _i, survey, ...settings } = rule;
  return { survey, withComment: false, settings: JSON.stringify(settings) };
}

function record(r: RuleRow): AlertRuleRecord {
  const settings = typeof r.settings === 'string' ? (JSON.parse(r.settings) as Record<string, unknown>) : r.settings;
  const meta = { site: r.site, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), updatedBy: r.updated_by, rowVersion: Number(r.row_version) };
  if (r.type === 'detractor') return { type: 'detractor', id: r.id, survey: r.survey_id, withComment: r.with_comment, ...meta };
  // Written by this module from a checked rule: the settings hold exactly the type's other fields.
  // Rebuilt in the order alerts/config.ts names them (jsonb keeps its own key order).
  const fields = Object.fromEntries(RULE_KEYS[r.type].map((k) => [k, k === 'id' ? r.id : k === 'survey' ? r.survey_id : settings[k]]));
  return { type: r.type, ...fields, ...meta } as AlertRuleRecord;
}

/** Alert storage over a database; `exportColumns` select a response as an ExportRow (sql-storage.ts). */
export function alertStorage(db: SqlRunner, exportColumns: string): AlertStorage {
  const store: AlertStorage = {
    async listRules(site, tx = db) {
      const rows = await tx.query<RuleRow>(`select ${COLUMNS} from sayso_alert_rules where ($1::text is null or site = $1::text) and deleted_at is null order by site, seq`, [site ?? null]);
      return rows.map(record);
    },
    async getRule(site, id, tx = db) {
      const [row] = await tx.query<RuleRow>(`select ${COLUMNS} from sayso_alert_rules where site = $1 and id = $2 and deleted_at is null`, [site, id]);
      return row ? record(row) : undefined;
    },
    async createRule(site, rule, by, tx = db, options = {}) {
      const c = columns(rule);
      const rows = await tx.query(
        `insert into sayso_alert_rules (site, id, type, survey_id, with_comment, settings, updated_by)
         values ($1, $2, $3, $4, $5, $6::text::jsonb, $7)
         on conflict (site, id) do update set type = excluded.type, survey_id = excluded.survey_id, with_comment = excluded.with_comment,
           settings = excluded.settings, updated_by = excluded.updated_by, created_at = now(), updated_at = now(),
           row_version = sayso_alert_rules.row_version + 1, deleted_at = null, seq = nextval(pg_get_serial_sequence('sayso_alert_rules', 'seq'))
           where $8::boolean and sayso_alert_rules.deleted_at is not null
         returning id`,
        [site, rule.id, rule.type, c.survey, c.withComment, c.settings, by, options.revive === true],
      );
      return rows.length === 1;
    },
    async updateRule(site, rule, expected, by, tx = db) {
      const c = columns(rule);
      const [row] = await tx.query<RuleRow>(
        `update sayso_alert_rules set survey_id = $4, with_comment = $5, settings = $6::text::jsonb, updated_by = $7,
           updated_at = now(), row_version = row_version + 1
         where site = $1 and id = $2 and type = $3 and row_version = $8 and deleted_at is null returning ${COLUMNS}`,
        [site, rule.id, rule.type, c.survey, c.withComment, c.settings, by, expected],
      );
      if (row) return record(row);
      return (await store.getRule(site, rule.id, tx)) ? 'stale' : 'missing';
    },
    async deleteRule(site, id, expected, tx = db) {
      const rows = await tx.query(
        `update sayso_alert_rules set deleted_at = now(), row_version = row_version + 1 where site = $1 and id = $2 and row_version = $3 and deleted_at is null returning id`,
        [site, id, expected],
      );
      if (rows.length === 0) return (await store.getRule(site, id, tx)) ? 'stale' : 'missing';
      await tx.query(`delete from sayso_alert_outbox where site = $1 and rule = $2`, [site, id]);
      return 'deleted';
    },
    async destinations(site, tx = db) {
      const [row] = await tx.query<{ slack_url: string | null; row_version: number }>(`select slack_url, row_version from sayso_alert_destinations where site = $1`, [site]);
      return row ? { slackUrl: row.slack_url, rowVersion: Number(row.row_version) } : { slackUrl: null, rowVersion: 0 };
    },
    async setSlackUrl(site, url, expected, tx = db) {
      // Version 0 is "no row yet": only the first writer's insert takes; any other version must match the row.
      const rows = await tx.query<{ slack_url: string | null; row_version: number }>(
        expected === 0
          ? `insert into sayso_alert_destinations (site, slack_url) values ($1, $2) on conflict (site) do nothing returning slack_url, row_version`
          : `update sayso_alert_destinations set slack_url = $2, updated_at = now(), row_version = row_version + 1 where site = $1 and row_version = $3 returning slack_url, row_version`,
        expected === 0 ? [site, url] : [site, url, expected],
      );
      const row = rows[0];
      return row ? { slackUrl: row.slack_url, rowVersion: Number(row.row_version) } : 'stale';
    },
    async optIns(userId) {
      const rows = await db.query<{ site: string }>(`select site from sayso_alert_optins where user_id = $1 order by site`, [userId]);
      return rows.map((r) => r.site);
    },
    async setOptIn(userId, site, on, tx = db) {
      const rows = on
        ? await tx.query(`insert into sayso_alert_optins (user_id, site) values ($1, $2) on conflict do nothing returning site`, [userId, site])
        : await tx.query(`delete from sayso_alert_optins where user_id = $1 and site = $2 returning site`, [userId, site]);
      return rows.length === 1;
    },
    async recipients(site) {
      const rows = await db.query<{ email: string }>(
        `select u.email from sayso_alert_optins o join sayso_users u on u.id = o.user_id where o.site = $1 and not u.disabled order by u.email_key`,
        [site],
      );
      return rows.map((r) => r.email);
    },
    async claim(site, rule, limit, leaseMs) {
      const lease = randomUUID();
      const rows = await db.query<{ seq: number | string; response_id: string; done: string[] | string; attempts: number }>(
        `with due as (
           select seq from sayso_alert_outbox where site = $1 and rule = $2 and next_at <= now()
           order by seq limit $3 for update skip locked
         )
         update sayso_alert_outbox o set lease = $4::uuid, next_at = now() + $5::int * interval '1 millisecond'
         from due where o.seq = due.seq
         returning o.seq, o.response_id::text as response_id, o.done, o.attempts`,
        [site, rule, limit, lease, leaseMs],
      );
      const answers = rows.length === 0 ? [] : await db.query<ExportRow>(`select ${exportColumns} from sayso_responses where site = $1 and id = any($2::text::uuid[])`, [site, `{${rows.map((r) => r.response_id).join(',')}}`]);
      const byId = new Map(answers.map((a) => [a.id, a]));
      const items = rows
        .map((r) => ({
          seq: Number(r.seq),
          responseId: r.response_id,
          done: typeof r.done === 'string' ? parseTextArray(r.done) : r.done,
          attempts: Number(r.attempts),
          response: byId.get(r.response_id),
        }))
        .sort((a, b) => a.seq - b.seq);
      return { lease, items };
    },
    async settle(lease, seq, done, complete, retryMs) {
      const seqs = `{${(typeof seq === 'number' ? [seq] : seq).join(',')}}`;
      // Only while the claim is still ours: a row whose lease ran out may be another instance's now.
      if (complete) {
        await db.query(`delete from sayso_alert_outbox where seq = any($1::text::bigint[]) and lease = $2::uuid`, [seqs, lease]);
        return;
      }
      await db.query(
        `update sayso_alert_outbox set done = array(select jsonb_array_elements_text($3::text::jsonb)), lease = null, attempts = attempts + 1,
           next_at = now() + $4::int * interval '1 millisecond' where seq = any($1::text::bigint[]) and lease = $2::uuid`,
        [seqs, lease, JSON.stringify(done), retryMs],
      );
    },
    async pending(site, rule) {
      const [row] = await db.query<{ n: number | string }>(`select count(*)::int as n from sayso_alert_outbox where site = $1 and rule = $2`, [site, rule]);
      return Number(row?.n ?? 0);
    },
  };
  return store;
}

/** A text[] as some drivers return it (`{slack,email}`): names here never hold commas or quotes. */
function parseTextArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}
