import { expect, test } from 'vitest';
import { ROLES, atLeast, isRole } from './roles.js';

test('each role includes the ones before it and none after it', () => {
  for (const [i, role] of ROLES.entries()) {
    for (const [j, needed] of ROLES.entries()) expect(atLeast(role, needed)).toBe(i >= j);
  }
});

test('isRole takes the four names exactly', () => {
  for (const r of ROLES) expect(isRole(r)).toBe(true);
  for (const r of ['', 'Admin', 'admins', 'admi', ' admin', 'owner', null, 3]) expect(isRole(r)).toBe(false);
});
