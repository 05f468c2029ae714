// Studio sessions, server-side so that signing out, disabling a user or
// changing their password ends them on every instance at once. A row is
// keyed by the SHA-256 of the cookie's random value (auth/secret-ids.ts):
// the table alone signs nobody in. Expiry slides with use, up to an absolute
// cap from the sign-in; times are the database's, so instances agree.
import type { SqlRunner } from './driver.js';
import { toUser, type User, type UserRow } from './users.js';

/** How long sessions last. */
export interface SessionLifetime {
  /** A session unused this long ends. */
  idleSeconds: number;
  /** No session outlives its sign-in by more than this, however busy. */
  maxSeconds: number;
  /** `last_used_at` (and the sliding expiry) is written at most this often per session, not on every request. */
  touchSeconds: number;
}

/** A session that is valid, or why not. */
export type SessionState = { user: User; expiresAt: string } | 'expired' | 'unknown' | 'disabled';

export interface SessionsStorage {
  /** Stores a new session of `userId`. */
  create(idHash: string, userId: string, lifetime: SessionLifetime): Promise<void>;
  /** Looks a session up and, when valid, slides its expiry. */
  use(idHash: string, lifetime: SessionLifetime): Promise<SessionState>;
  /** Ends a session; false when there was none. */
  revoke(idHash: string): Promise<boolean>;
  /** Deletes sessions that ended more than a day ago (kept that long so a late request hears "expired"). */
  sweep(): Promise<number>;
}

interface Row extends UserRow {
  live: boolean;
  expires_at: Date | string;
  slid: Date | string | null;
}

const iso = (t: Date | string) => new Date(t).toISOString();

// One round trip: find the session and its user, and slide the expiry when
// the last write is older than touchSeconds (both CTEs see one snapshot).
const USE = `
with found as (
  select s.id_hash, s.expires_at, s.expires_at > now() as live, s.last_used_at,
         u.id, u.email, u.name, u.role, u.disabled, u.created_at, u.last_sign_in_at
  from sayso_sessions s join sayso_users u on u.id = s.user_id
  where s.id_hash = $1
),
touched as (
  update sayso_sessions s
  set last_used_at = now(),
      expires_at = least(now() + make_interval(secs => $2::float8), s.created_at + make_interval(secs => $3::float8))
  from found f
  where s.id_hash = f.id_hash and f.live and not f.disabled and f.last_used_at < now() - make_interval(secs => $4::float8)
  returning s.expires_at
)
select f.*, (select expires_at from touched) as slid from found f`;

/** Sessions over a database. */
export function sessionsStorage(db: SqlRunner): SessionsStorage {
  return {
    async create(idHash, userId, life) {
      await db.query(
        `insert into sayso_sessions (id_hash, user_id, expires_at)
         values ($1, $2, now() + make_interval(secs => least($3::float8, $4::float8)))`,
        [idHash, userId, life.idleSeconds, life.maxSeconds],
      );
    },

    async use(idHash, life) {
      const [row] = await db.query<Row>(USE, [idHash, life.idleSeconds, life.maxSeconds, life.touchSeconds]);
      if (!row) return 'unknown';
      if (!row.live) return 'expired';
      if (row.disabled) return 'disabled';
      return { user: toUser(row), expiresAt: iso(row.slid ?? row.expires_at) };
    },

    async revoke(idHash) {
      const rows = await db.query(`delete from sayso_sessions where id_hash = $1 returning 1`, [idHash]);
      return rows.length > 0;
    },

    async sweep() {
      const rows = await db.query(`delete from sayso_sessions where expires_at < now() - interval '1 day' returning 1`);
      return rows.length;
    },
  };
}
