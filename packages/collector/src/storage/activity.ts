// The activity log: who changed what, when, with the change itself. The
// admin API records every change it makes (surveys, sites, users, tokens,
// endpoints); the studio shows it. Rows are never updated or deleted.
import type { Actor } from '../auth/roles.js';
import type { SqlRunner } from './driver.js';

/** One change. */
export interface ActivityEntry {
  /** Position in the log (increasing); the cursor of `list`. */
  seq: number;
  /** ISO time the change was recorded. */
  at: string;
  /** The site it belongs to; `null` for changes outside any site (users, tokens). */
  site: string | null;
  actor: Pick<Actor, 'kind' | 'id' | 'label'>;
  /** What was done, as `<subject>.<verb>`: `survey.publish`, `user.add`, `site.update`. */
  action: string;
  subject: { type: string; id: string };
  /** The change: a JSON value (a diff, the created object, a reason); `null` when there is nothing to show. */
  diff: unknown;
}

/** What `record` takes: everything but the log's own fields. */
export type NewActivity = Omit<ActivityEntry, 'seq' | 'at'>;

/** A page of the log, newest first. */
export interface ActivityQuery {
  /** Only this site's entries (and none outside sites). */
  site?: string;
  /** Only entries about this subject. */
  subject?: { type: string; id?: string };
  /** Entries with `seq` below this (the previous page's last `seq`). */
  before?: number;
  /** At most this many (1..500). */
  limit: number;
}

export interface ActivityStorage {
  /** Appends one entry. Pass the transaction of the change it describes, so both commit or neither does. */
  record(entry: NewActivity, tx?: SqlRunner): Promise<void>;
  /** Entries, newest first. */
  list(query: ActivityQuery): Promise<ActivityEntry[]>;
}

interface Row {
  seq: string | number;
  at: Date | string;
  site: string | null;
  actor_kind: Actor['kind'];
  actor_id: string;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  diff: unknown;
}

/** The activity log over a database. */
export function activityStorage(db: SqlRunner): ActivityStorage {
  return {
    async record(e, tx = db) {
      await tx.query(
        `insert into sayso_activity (site, actor_kind, actor_id, actor_label, action, subject_type, subject_id, diff)
         values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)`,
        [e.site, e.actor.kind, e.actor.id, e.actor.label, e.action, e.subject.type, e.subject.id, e.diff === undefined ? null : JSON.stringify(e.diff)],
      );
    },
    async list(q) {
      const limit = Math.max(1, Math.min(500, Math.trunc(q.limit)));
      const rows = await db.query<Row>(
        `select seq, at, site, actor_kind, actor_id, actor_label, action, subject_type, subject_id, diff from sayso_activity
         where ($1::text is null or site = $1::text)
           and ($2::text is null or subject_type = $2::text)
           and ($3::text is null or subject_id = $3::text)
           and ($4::bigint is null or seq < $4::bigint)
         order by seq desc limit $5`,
        [q.site ?? null, q.subject?.type ?? null, q.subject?.id ?? null, q.before ?? null, limit],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: new Date(r.at).toISOString(),
        site: r.site,
        actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
        action: r.action,
        subject: { type: r.subject_type, id: r.subject_id },
        diff: r.diff ?? null,
      }));
    },
  };
}
