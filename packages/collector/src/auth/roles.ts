// Who may do what in the studio and the admin API. Roles are ordered: each
// can do everything the ones before it can.
//   viewer    reads the report, the inbox and the activity log
//   editor    writes drafts (and asks for a publish)
//   publisher publishes, pauses, resumes, ends; alert rules and where they go
//   admin     sites, users, tokens, webhooks
export const ROLES = ['viewer', 'editor', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when `role` is `needed` or above it. */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** True for one of the four role names, exactly (no case folding). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who made a change: a signed-in user, an API token a user made, the config
 * file's `secret` (automation; it acts as an admin), or the collector itself
 * (`system`: the webhook dispatcher disabling a failing endpoint).
 */
export interface Actor {
  kind: 'user' | 'token' | 'secret' | 'system';
  /** The user's id, the token's id, or `'secret'`. */
  id: string;
  /** What the activity log shows: an email, a token's name, `'config secret'`. */
  label: string;
  role: Role;
}

/** The actor of the config file's secret. */
export const SECRET_ACTOR: Actor = Object.freeze({ kind: 'secret', id: 'secret', label: 'config secret', role: 'admin' });
