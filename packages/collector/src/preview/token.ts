// Preview tokens: a signed, expiring statement "this link shows the draft of
// survey S of site T, as it was when the link was made (hash H), until E".
// Format: base64url(JSON claims) "." base64url(HMAC-SHA256(key, first part)).
// The key is derived from the config secret with its own label, so a preview
// token can never pass for any other signature the collector checks.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a preview token says. `exp` is in seconds since the epoch. */
export interface PreviewClaims {
  site: string;
  survey: string;
  /** The draft's content hash when the link was made (`surveyHash` of storage/surveys.ts). */
  hash: string;
  exp: number;
}

/** Why a token was refused (the same words reach the client). */
export type PreviewRefusal = 'malformed' | 'bad signature' | 'expired' | 'another site';

/** The signing key of preview tokens, derived from the collector's secret. */
export function previewKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('sayso preview token v1').digest();
}

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/** Signs `claims` with `key` (from `previewKey`). */
export function signPreview(key: Buffer, claims: PreviewClaims): string {
  const payload = Buffer.from(JSON.stringify({ site: claims.site, survey: claims.survey, hash: claims.hash, exp: claims.exp })).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

const B64URL_RE = /^[A-Za-z0-9_-]+$/;

/**
 * The claims of `token` when its signature is `key`'s, it names `site`, and
 * it has not expired at `nowMs` (valid while now < exp); else why not. The
 * signature is compared in constant time, before any claim is read.
 */
export function verifyPreview(key: Buffer, token: string, site: string, nowMs: number): PreviewClaims | PreviewRefusal {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return 'malformed';
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!B64URL_RE.test(payload) || !B64URL_RE.test(signature)) return 'malformed';
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  // base64url decoding ignores trailing bits: compare the text too, so only one spelling of a signature passes.
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || signature !== expected.toString('base64url')) return 'bad signature';
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  if (!isClaims(claims)) return 'malformed';
  if (claims.site !== site) return 'another site';
  if (!(nowMs < claims.exp * 1000)) return 'expired';
  return claims;
}

function isClaims(v: unknown): v is PreviewClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.site === 'string' && typeof c.survey === 'string' && typeof c.hash === 'string' && typeof c.exp === 'number' && Number.isInteger(c.exp);
}
