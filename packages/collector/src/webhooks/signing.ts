// Signatures as the Standard Webhooks specification defines them
// (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md,
// "Signature scheme" and "Webhook headers"): HMAC-SHA256 over
// `id.timestamp.body`, keyed with the base64-decoded part of a `whsec_`
// secret, sent as `v1,<base64>`; during a rotation, one signature per
// active secret, space-separated.
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
/** Random bytes in a new secret (the spec asks for 24 to 64). */
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export function newSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The key of a `whsec_` secret (its base64 part decoded); throws on anything else. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new TypeError('a webhook secret starts with "whsec_"');
  const b64 = secret.slice(PREFIX.length);
  // Buffer.from ignores bad characters; a secret is ours, so a strict check costs nothing.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new TypeError('a webhook secret is "whsec_" followed by base64');
  return Buffer.from(b64, 'base64');
}

/** One signature: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return 'v1,' + createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** The three headers of a delivery attempt, signed with every active secret. */
export function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  // The id and timestamp are part of the signed content: a '.' in the id would let one content read two ways.
  if (id.includes('.')) throw new TypeError('a webhook id must not contain "."');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
  };
}
