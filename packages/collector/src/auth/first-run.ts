// The first account. A collector with no users would have a studio nobody
// can enter, so the CLI makes an admin when there are none and prints its
// password once (only its hash is kept). With `--dev` the account is the
// demo's, `demo@sayso.dev`, with a fixed demo password printed at every
// start, as the demo's reading secret is: `--dev` is for one's own machine.
import type { Actor } from './roles.js';
import type { Storage } from '../storage/types.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';

/** The activity log's actor for changes made with `sayso-collector` on the server itself. */
export const CLI_ACTOR: Actor = Object.freeze({ kind: 'secret', id: 'cli', label: 'command line', role: 'admin' });

/** The demo account of `--dev`. Never use it in production. */
export const DEMO_EMAIL = 'demo@sayso.dev';
export const DEMO_PASSWORD = 'sayso-demo-password';

/** Who can sign in, as the CLI prints it; `password` only when it is known (just made, or the demo's). */
export interface FirstAccount {
  email: string;
  password?: string;
  /** True when the account was made by this call. */
  created: boolean;
}

/**
 * Makes the first admin when there are no users: `email` with a generated
 * password, or with `dev` the demo account. Safe when several instances
 * start together on one database (one makes it). Returns what to print, or
 * undefined when users exist and there is nothing to say.
 */
export async function ensureFirstAdmin(storage: Storage, options: { dev: boolean; email: string }): Promise<FirstAccount | undefined> {
  const email = options.dev ? DEMO_EMAIL : options.email;
  if ((await storage.users.count()) === 0) {
    const password = options.dev ? DEMO_PASSWORD : generatePassword();
    const made = await storage.users.addFirst({ email, name: options.dev ? 'Demo' : 'Admin', role: 'admin', passwordHash: await hashPassword(password) }, CLI_ACTOR);
    if (made) return { email: made.email, password, created: true };
  }
  if (!options.dev) return undefined;
  // The demo password is printed while it still opens the demo account (not after someone changed it).
  const demo = await storage.users.byEmail(DEMO_EMAIL);
  if (!demo || demo.disabled) return undefined;
  return { email: demo.email, created: false, ...((await verifyPassword(DEMO_PASSWORD, demo.passwordHash)) ? { password: DEMO_PASSWORD } : {}) };
}
