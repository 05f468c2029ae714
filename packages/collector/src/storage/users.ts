// Studio accounts. An email is stored as given and compared folded
// (`emailKey`), so `Ana@Shop.test` and `ana@shop.test` are one account.
// Every change is recorded in the activity log in its own transaction,
// never with a password or a hash in the diff. Role changes, disabling and
// deleting take one advisory lock, so two admins demoting each other at once
// cannot leave the collector without an active admin.
import { uuidv7 } from '@sayso/core';
import type { Role } from '../auth/roles.js';
import type { ActivityStorage, NewActivity } from './activity.js';
import type { SqlDriver, SqlRunner } from './driver.js';

/** A user as the API shows it (never with a hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** ISO time. */
  createdAt: string;
  /** ISO time of the last successful sign-in, or null. */
  lastSignInAt: string | null;
}

/** A user with the stored password hash (sign-in only). */
export interface UserWithHash extends User {
  passwordHash: string;
}

/** What `add` takes: the hash is made by auth/password.ts. */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

/** What `update` may change. */
export interface UserPatch {
  name?: string;
  role?: Role;
  passwordHash?: string;
  disabled?: boolean;
}

/** Who made a change, as the activity log records it. */
export type ChangedBy = NewActivity['actor'];

/** Why a change was not made. */
export type UserRefusal = 'not-found' | 'last-admin';

export interface UsersStorage {
  count(): Promise<number>;
  list(): Promise<User[]>;
  get(id: string): Promise<User | undefined>;
  /** The account of an email (compared folded), with its hash, for sign-in. */
  byEmail(email: string): Promise<UserWithHash | undefined>;
  /** Adds a user; `'exists'` when the email (folded) is taken. */
  add(user: NewUser, by: ChangedBy): Promise<User | 'exists'>;
  /** Adds a user only when there are none at all (first run); undefined when some exist. Safe from several instances at once. */
  addFirst(user: NewUser, by: ChangedBy): Promise<User | undefined>;
  /**
   * Changes a user. A new password or disabling signs the user out
   * everywhere (their sessions are deleted in the same transaction).
   * `'last-admin'` when it would leave no active admin.
   */
  update(id: string, patch: UserPatch, by: ChangedBy): Promise<User | UserRefusal>;
  /** Deletes a user with their sessions and tokens; `'last-admin'` when it would leave no active admin. */
  remove(id: string, by: ChangedBy): Promise<User | UserRefusal>;
  /** Records a successful sign-in (and, when given, a hash with newer parameters). */
  signedIn(id: string, rehashed?: string): Promise<void>;
}

/** The comparison form of an email: Unicode NFC, lower case (locale-independent). */
export function emailKey(email: string): string {
  return email.normalize('NFC').toLowerCase();
}

/** A user as the database returns `COLUMNS` (sessions.ts reads the same columns through its join). */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  created_at: Date | string;
  last_sign_in_at: Date | string | null;
}

interface Row extends UserRow {
  password_hash?: string;
}

const COLUMNS = `id, email, name, role, disabled, created_at, last_sign_in_at`;
const iso = (t: Date | string) => new Date(t).toISOString();

/** The API's user from its row (never the hash). */
export function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    disabled: r.disabled,
    createdAt: iso(r.created_at),
    lastSignInAt: r.last_sign_in_at === null ? null : iso(r.last_sign_in_at),
  };
}

// Serialises changes that could remove the last active admin (see the header).
const ADMIN_LOCK = 7263;

/** True when some active admin other than `id` exists. */
async function anotherAdmin(tx: SqlRunner, id: string): Promise<boolean> {
  const rows = await tx.query(`select 1 from sayso_users where role = 'admin' and not disabled and id <> $1 limit 1`, [id]);
  return rows.length > 0;
}

/** What a change did, for the activity log: `{ field: { from, to } }`, a password only as `'changed'`. */
function changes(before: User, after: User, patch: UserPatch): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of ['name', 'role', 'disabled'] as const) {
    if (before[key] !== after[key]) diff[key] = { from: before[key], to: after[key] };
  }
  if (patch.passwordHash !== undefined) diff.password = 'changed';
  return diff;
}

/** Users over a database; changes are recorded in `activity`. */
export function usersStorage(db: SqlDriver, activity: ActivityStorage): UsersStorage {
  const record = (tx: SqlRunner, by: ChangedBy, action: string, id: string, diff: unknown) =>
    activity.record({ site: null, actor: by, action, subject: { type: 'user', id }, diff }, tx);

  const insert = async (tx: SqlRunner, u: NewUser, onlyFirst: boolean): Promise<User | undefined> => {
    const rows = await tx.query<Row>(
      `insert into sayso_users (id, email, email_key, name, role, password_hash)
       select $1, $2, $3, $4, $5, $6 where not $7::boolean or not exists (select 1 from sayso_users)
       on conflict (email_key) do nothing
       returning ${COLUMNS}`,
      [uuidv7(), u.email, emailKey(u.email), u.name, u.role, u.passwordHash, onlyFirst],
    );
    return rows[0] && toUser(rows[0]);
  };

  return {
    async count() {
      const [row] = await db.query<{ n: number }>(`select count(*)::int as n from sayso_users`);
      return Number(row?.n ?? 0);
    },

    async list() {
      return (await db.query<Row>(`select ${COLUMNS} from sayso_users order by created_at, id`)).map(toUser);
    },

    async get(id) {
      const [row] = await db.query<Row>(`select ${COLUMNS} from sayso_users where id = $1`, [id]);
      return row && toUser(row);
    },

    async byEmail(email) {
      const [row] = await db.query<Row>(`select ${COLUMNS}, password_hash from sayso_users where email_key = $1`, [emailKey(email)]);
      return row && { ...toUser(row), passwordHash: row.password_hash! };
    },

    add: (u, by) =>
      db.transaction(async (tx) => {
        const user = await insert(tx, u, false);
        if (!user) return 'exists' as const;
        await record(tx, by, 'user.add', user.id, { email: user.email, name: user.name, role: user.role });
        return user;
      }),

    addFirst: (u, by) =>
      db.transaction(async (tx) => {
        // Two instances on one empty database: the second waits, then finds a user.
        await tx.query(`select pg_advisory_xact_lock(${ADMIN_LOCK})`);
        const user = await insert(tx, u, true);
        if (user) await record(tx, by, 'user.add', user.id, { email: user.email, name: user.name, role: user.role, firstRun: true });
        return user;
      }),

    update: (id, patch, by) =>
      db.transaction(async (tx) => {
        await tx.query(`select pg_advisory_xact_lock(${ADMIN_LOCK})`);
        const [row] = await tx.query<Row>(`select ${COLUMNS} from sayso_users where id = $1 for update`, [id]);
        if (!row) return 'not-found' as const;
        const before = toUser(row);
        const losesAdmin = before.role === 'admin' && !before.disabled && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
        if (losesAdmin && !(await anotherAdmin(tx, id))) return 'last-admin' as const;
        const [updated] = await tx.query<Row>(
          `update sayso_users set name = coalesce($2::text, name), role = coalesce($3::text, role),
             password_hash = coalesce($4::text, password_hash), disabled = coalesce($5::boolean, disabled)
           where id = $1 returning ${COLUMNS}`,
          [id, patch.name ?? null, patch.role ?? null, patch.passwordHash ?? null, patch.disabled ?? null],
        );
        const after = toUser(updated!);
        if (patch.passwordHash !== undefined || (patch.disabled === true && !before.disabled)) {
          await tx.query(`delete from sayso_sessions where user_id = $1`, [id]);
        }
        const diff = changes(before, after, patch);
        if (Object.keys(diff).length > 0) await record(tx, by, 'user.update', id, diff);
        return after;
      }),

    remove: (id, by) =>
      db.transaction(async (tx) => {
        await tx.query(`select pg_advisory_xact_lock(${ADMIN_LOCK})`);
        const [row] = await tx.query<Row>(`select ${COLUMNS} from sayso_users where id = $1 for update`, [id]);
        if (!row) return 'not-found' as const;
        const user = toUser(row);
        if (user.role === 'admin' && !user.disabled && !(await anotherAdmin(tx, id))) return 'last-admin' as const;
        // Sessions and tokens go with it (on delete cascade).
        await tx.query(`delete from sayso_users where id = $1`, [id]);
        await record(tx, by, 'user.delete', id, { email: user.email, name: user.name, role: user.role });
        return user;
      }),

    async signedIn(id, rehashed) {
      await db.query(`update sayso_users set last_sign_in_at = now(), password_hash = coalesce($2::text, password_hash) where id = $1`, [id, rehashed ?? null]);
    },
  };
}
