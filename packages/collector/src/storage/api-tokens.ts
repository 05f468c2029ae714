// API tokens users make for automation. Only the SHA-256 of a token is
// stored (auth/secret-ids.ts says why that is enough for a random 32-byte
// secret). A revoked token keeps its row, so using it again is answered
// "revoked" rather than "unknown", and the activity log's subject still
// exists; a user's tokens go with the user.
import { uuidv7 } from '@sayso/core';
import type { Role } from '../auth/roles.js';
import type { ActivityStorage } from './activity.js';
import type { SqlDriver } from './driver.js';
import type { ChangedBy, User } from './users.js';

/** A token as its maker sees it (never the secret). */
export interface ApiToken {
  id: string;
  /** What the maker called it (`ci deploy`). */
  name: string;
  /** The most it may do; its maker's current role caps it further. */
  role: Role;
  /** ISO time. */
  createdAt: string;
  /** ISO time of its last use (written at most once a minute), or null. */
  lastUsedAt: string | null;
}

/** What a Bearer token turned out to be. */
export type TokenState = { token: ApiToken; user: User } | 'unknown' | 'revoked';

export interface ApiTokensStorage {
  /** Stores a token of `userId` by its hash; recorded as `token.add`. */
  add(token: { userId: string; name: string; role: Role; hash: string }, by: ChangedBy): Promise<ApiToken>;
  /** A user's tokens that are not revoked, oldest first. */
  list(userId: string): Promise<ApiToken[]>;
  /** Revokes a token of `userId` (any user's when `userId` is null); recorded as `token.revoke`. */
  revoke(id: string, userId: string | null, by: ChangedBy): Promise<ApiToken | 'not-found'>;
  /** The token with this hash and its maker; records its use at most every `touchSeconds`. */
  use(hash: string, touchSeconds: number): Promise<TokenState>;
}

interface Row {
  id: string;
  name: string;
  role: Role;
  created_at: Date | string;
  last_used_at: Date | string | null;
}

const iso = (t: Date | string) => new Date(t).toISOString();
const toToken = (r: Row): ApiToken => ({ id: r.id, name: r.name, role: r.role, createdAt: iso(r.created_at), lastUsedAt: r.last_used_at === null ? null : iso(r.last_used_at) });
const COLUMNS = `id, name, role, created_at, last_used_at`;

interface UseRow extends Row {
  revoked: boolean;
  user_id: string;
  email: string;
  user_name: string;
  user_role: Role;
  disabled: boolean;
  user_created_at: Date | string;
  last_sign_in_at: Date | string | null;
}

const USE = `
with found as (
  select t.id, t.name, t.role, t.created_at, t.last_used_at, t.revoked_at is not null as revoked,
         u.id as user_id, u.email, u.name as user_name, u.role as user_role, u.disabled,
         u.created_at as user_created_at, u.last_sign_in_at
  from sayso_api_tokens t join sayso_users u on u.id = t.user_id
  where t.hash = $1
),
touched as (
  update sayso_api_tokens t set last_used_at = now()
  from found f
  where t.id = f.id and not f.revoked and (t.last_used_at is null or t.last_used_at < now() - make_interval(secs => $2::float8))
  returning 1
)
select * from found`;

/** API tokens over a database; changes are recorded in `activity`. */
export function apiTokensStorage(db: SqlDriver, activity: ActivityStorage): ApiTokensStorage {
  return {
    add: (t, by) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query<Row>(
          `insert into sayso_api_tokens (id, user_id, name, role, hash) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
          [uuidv7(), t.userId, t.name, t.role, t.hash],
        );
        const token = toToken(row!);
        await activity.record({ site: null, actor: by, action: 'token.add', subject: { type: 'token', id: token.id }, diff: { name: token.name, role: token.role, user: t.userId } }, tx);
        return token;
      }),

    async list(userId) {
      const rows = await db.query<Row>(`select ${COLUMNS} from sayso_api_tokens where user_id = $1 and revoked_at is null order by created_at, id`, [userId]);
      return rows.map(toToken);
    },

    revoke: (id, userId, by) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query<Row & { user_id: string }>(
          `update sayso_api_tokens set revoked_at = now()
           where id = $1 and ($2::text is null or user_id = $2::text) and revoked_at is null
           returning ${COLUMNS}, user_id`,
          [id, userId],
        );
        if (!row) return 'not-found' as const;
        const token = toToken(row);
        await activity.record({ site: null, actor: by, action: 'token.revoke', subject: { type: 'token', id }, diff: { name: token.name, user: row.user_id } }, tx);
        return token;
      }),

    async use(hash, touchSeconds) {
      const [r] = await db.query<UseRow>(USE, [hash, touchSeconds]);
      if (!r) return 'unknown';
      if (r.revoked) return 'revoked';
      const user: User = {
        id: r.user_id,
        email: r.email,
        name: r.user_name,
        role: r.user_role,
        disabled: r.disabled,
        createdAt: iso(r.user_created_at),
        lastSignInAt: r.last_sign_in_at === null ? null : iso(r.last_sign_in_at),
      };
      return { token: toToken(r), user };
    },
  };
}
