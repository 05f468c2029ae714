// Signing in with an email and a password. Failed attempts are limited per
// client address (the `authFailuresPerMinute` limiter every credential
// shares) and per account (the same number, keyed by the folded email, so
// spreading guesses over many addresses does not help either). While either
// is exceeded the answer is 429, even for the right password: else the 429
// would tell a right guess from a wrong one. An unknown email and a wrong
// password get the same answer after the same work (a dummy hash).
import type { Context } from 'hono';
import { authFailed, lockedOut } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import { emailKey, type User } from '../storage/users.js';
import { needsRehash, hashPassword, verifyNobody, verifyPassword } from './password.js';
import { newSessionId, secretHash } from './secret-ids.js';
import { STUDIO_SESSION } from './studio-session.js';

/** The outcome of a sign-in. */
export type SignIn = { user: User; sessionId: string } | { refused: 'limited'; retryAfter: number } | { refused: 'wrong' } | { refused: 'disabled' };

/** The 401 for a wrong pair, the same whether the email exists or not. */
export const WRONG_PAIR = 'wrong email or password';

const accountKey = (email: string) => `sign-in-failed:${emailKey(email)}`;

/** Checks the pair and opens a session (its id goes in the cookie; only its hash is stored). */
export async function signIn(c: Context, ctx: AppContext, email: string, password: string): Promise<SignIn> {
  const limit = ctx.config.limits.authFailuresPerMinute;
  const byAddress = lockedOut(c, ctx);
  const byAccount = ctx.limiter.peek(accountKey(email), limit);
  if (byAddress !== undefined || !byAccount.ok) {
    return { refused: 'limited', retryAfter: Math.max(byAddress ?? 0, byAccount.ok ? 0 : byAccount.retryAfter) };
  }
  const user = await ctx.storage.users.byEmail(email);
  const right = user ? await verifyPassword(password, user.passwordHash) : await verifyNobody(password);
  if (!user || !right) {
    authFailed(c, ctx, 'studio sign-in');
    ctx.limiter.hit(accountKey(email), limit);
    return { refused: 'wrong' };
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) return { refused: 'disabled' };
  const sessionId = newSessionId();
  await ctx.storage.sessions.create(secretHash(sessionId), user.id, STUDIO_SESSION);
  await ctx.storage.users.signedIn(user.id, needsRehash(user.passwordHash) ? await hashPassword(password) : undefined);
  // Now and then, drop sessions that ended long ago; a failure here is no reason to refuse the sign-in.
  if (Math.random() < 0.05) ctx.storage.sessions.sweep().catch((err: unknown) => ctx.log.warn('sweeping old sessions failed', { error: String(err) }));
  const { passwordHash: _hash, ...shown } = user;
  return { user: { ...shown, lastSignInAt: new Date().toISOString() }, sessionId };
}
