import { expect, test } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, SCRYPT, generatePassword, hashPassword, needsRehash, passwordProblem, verifyNobody, verifyPassword } from './password.js';

const PW = 'correct horse battery staple';

test('a hash carries its parameters and salt (PHC format) and verifies only its own password', async () => {
  const stored = await hashPassword(PW);
  expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(await verifyPassword(PW, stored)).toBe(true);
  for (const near of ['', PW.slice(0, -1), `${PW} `, PW.toUpperCase(), ` ${PW}`]) expect(await verifyPassword(near, stored), JSON.stringify(near)).toBe(false);
  expect(await hashPassword(PW)).not.toBe(stored);
  expect(needsRehash(stored)).toBe(false);
}, 30_000);

test('NFKC: a password typed composed or decomposed is the same password', async () => {
  const stored = await hashPassword('caf\u00e9 au lait, s\u2019il vous pla\u00eet');
  expect(await verifyPassword('cafe\u0301 au lait, s\u2019il vous plai\u0302t', stored)).toBe(true);
  expect(await verifyPassword('cafe au lait, s\u2019il vous plait', stored)).toBe(false);
}, 30_000);

test('an older or damaged hash: older parameters still verify and ask for a rehash; damaged ones never verify', async () => {
  const stored = await hashPassword(PW);
  const [, , , salt, key] = stored.split('$');
  expect(await verifyPassword(PW, `$scrypt$ln=15,r=8,p=3$${salt}$${key}`)).toBe(true);
  const older = `$scrypt$ln=14,r=8,p=1$${salt}$${key}`;
  expect(needsRehash(older)).toBe(true);
  expect(await verifyPassword(PW, older)).toBe(false); // other parameters, other key
  for (const bad of ['', PW, `$scrypt$ln=40,r=8,p=1$${salt}$${key}`, `$scrypt$ln=15,r=8$${salt}$${key}`, `$argon2id$v=19$${salt}$${key}`, `$scrypt$ln=15,r=8,p=3$${salt}$`]) {
    expect(await verifyPassword(PW, bad), bad).toBe(false);
  }
  expect(SCRYPT).toMatchObject({ ln: 15, r: 8, p: 3 });
}, 30_000);

test('verifyNobody does a real hash of work and is never true', async () => {
  await verifyNobody(PW); // the first call makes the dummy hash
  const t = performance.now();
  expect(await verifyNobody(PW)).toBe(false);
  expect(performance.now() - t).toBeGreaterThan(10);
}, 30_000);

test('password rules: at least 15 characters (code points), at most 256', () => {
  expect(passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH))).toBeUndefined();
  expect(passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH - 1))).toMatch(/at least 15/);
  // 14 emoji are 28 UTF-16 units but 14 characters.
  expect(passwordProblem('\u{1F600}'.repeat(14))).toMatch(/at least 15/);
  expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH))).toBeUndefined();
  expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH + 1))).toMatch(/at most 256/);
  expect(passwordProblem(123456789012345)).toBe('must be a string');
});

test('generated passwords: 4 groups of 5 unambiguous characters, different each time', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const p = generatePassword();
    expect(p).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
    expect(passwordProblem(p)).toBeUndefined();
    seen.add(p);
  }
  expect(seen.size).toBe(200);
});
