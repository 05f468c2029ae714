// Signed user ids. The host's server computes HMAC-SHA256(identitySecret,
// userId) and hands it to the SDK; the collector recomputes it. Only a
// matching signature lets a record count towards (or read) a user's history.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The hex signature of `userId` under `secret`: what the host's server computes. */
export function signUserId(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** True when `signature` is `signUserId(secret, userId)`; compared in constant time. */
export function verifyUserId(secret: string | undefined, userId: string | undefined, signature: string | undefined): boolean {
  if (!secret || !userId || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signUserId(secret, userId), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
