import { createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { previewKey, signPreview, verifyPreview, type PreviewClaims } from './token.js';

const key = previewKey('a-collector-secret-of-some-length-0123456789');
const NOW = Date.parse('2026-11-01T12:00:00Z');
const claims: PreviewClaims = { site: 'demo', survey: 'nps-main', hash: 'sha256:abc', exp: NOW / 1000 + 3600 };

/** The token with its payload's claims replaced, signature kept. */
function forged(token: string, change: Partial<PreviewClaims>): string {
  const [payload, sig] = token.split('.');
  const c = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as PreviewClaims;
  return `${Buffer.from(JSON.stringify({ ...c, ...change })).toString('base64url')}.${sig}`;
}

test('a token signed with the key verifies for its site and gives back its claims', () => {
  expect(verifyPreview(key, signPreview(key, claims), 'demo', NOW)).toEqual(claims);
});

test('valid until the second before exp: expired exactly at exp and 1 s after', () => {
  const t = signPreview(key, claims);
  expect(verifyPreview(key, t, 'demo', claims.exp * 1000 - 1)).toEqual(claims);
  expect(verifyPreview(key, t, 'demo', claims.exp * 1000)).toBe('expired');
  expect(verifyPreview(key, t, 'demo', claims.exp * 1000 + 1000)).toBe('expired');
  // Claims moved later under the old signature do not pass.
  expect(verifyPreview(key, forged(t, { exp: claims.exp + 86400 }), 'demo', claims.exp * 1000 + 1000)).toBe('bad signature');
});

test('another survey, site or hash in the payload breaks the signature; another site in the path is refused', () => {
  const t = signPreview(key, claims);
  expect(verifyPreview(key, forged(t, { survey: 'csat-checkout' }), 'demo', NOW)).toBe('bad signature');
  expect(verifyPreview(key, forged(t, { survey: 'nps-main ' }), 'demo', NOW)).toBe('bad signature');
  expect(verifyPreview(key, forged(t, { site: 'blog' }), 'blog', NOW)).toBe('bad signature');
  expect(verifyPreview(key, forged(t, { hash: 'sha256:abd' }), 'demo', NOW)).toBe('bad signature');
  expect(verifyPreview(key, t, 'blog', NOW)).toBe('another site');
  expect(verifyPreview(key, t, 'dem', NOW)).toBe('another site');
  expect(verifyPreview(key, t, 'demo2', NOW)).toBe('another site');
  expect(verifyPreview(key, t, 'Demo', NOW)).toBe('another site');
  // A token for the other site, properly signed, names that one.
  expect(verifyPreview(key, signPreview(key, { ...claims, site: 'blog' }), 'demo', NOW)).toBe('another site');
});

test('a truncated, lengthened, re-spelt or empty signature, or another key, is refused', () => {
  const t = signPreview(key, claims);
  expect(verifyPreview(key, t.slice(0, -1), 'demo', NOW)).toBe('bad signature');
  expect(verifyPreview(key, t.slice(0, -10), 'demo', NOW)).toBe('bad signature');
  expect(verifyPreview(key, `${t}A`, 'demo', NOW)).toBe('bad signature');
  const [payload, sig] = t.split('.') as [string, string];
  // The last base64url character of a 32-byte MAC carries 2 unused bits: another spelling decodes to the same bytes.
  const last = sig.at(-1)!;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const twin = alphabet[(alphabet.indexOf(last) & ~3) | ((alphabet.indexOf(last) + 1) & 3)]!;
  expect(Buffer.from(`${sig.slice(0, -1)}${twin}`, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
  expect(verifyPreview(key, `${payload}.${sig.slice(0, -1)}${twin}`, 'demo', NOW)).toBe('bad signature');
  expect(verifyPreview(key, `${payload}.`, 'demo', NOW)).toBe('malformed');
  expect(verifyPreview(key, '', 'demo', NOW)).toBe('malformed');
  expect(verifyPreview(key, `.${sig}`, 'demo', NOW)).toBe('malformed');
  expect(verifyPreview(key, `${t}.x`, 'demo', NOW)).toBe('malformed');
  expect(verifyPreview(key, `${payload}.${sig}=`, 'demo', NOW)).toBe('malformed');
  expect(verifyPreview(previewKey('a-collector-secret-of-some-length-012345678'), t, 'demo', NOW)).toBe('bad signature');
});

test('the key is not the secret itself: an HMAC under the raw secret does not verify', () => {
  const secret = 'a-collector-secret-of-some-length-0123456789';
  const [payload] = signPreview(key, claims).split('.') as [string];
  const raw = createHmac('sha256', secret).update(payload).digest('base64url');
  expect(verifyPreview(key, `${payload}.${raw}`, 'demo', NOW)).toBe('bad signature');
});

test('well-signed claims of the wrong shape are malformed, not trusted', () => {
  const payload = Buffer.from(JSON.stringify({ site: 'demo', survey: 'nps-main', hash: 'h', exp: '9999999999' })).toString('base64url');
  const sig = createHmac('sha256', key).update(payload).digest('base64url');
  expect(verifyPreview(key, `${payload}.${sig}`, 'demo', NOW)).toBe('malformed');
});
