import { describe, expect, it } from 'vitest';
import { duration } from './duration.js';

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [59.6, '1 min'],
    [60, '1 min'],
    [89, '1 min'],
    [90, '2 min'],
    [3599, '1 h'],
    [3600, '1 h'],
    [7800, '2 h 10 min'],
    [86399, '1 d'],
    [86400 + 4 * 3600 + 300, '1 d 4 h'],
    [3 * 86400 + 300, '3 d'],
    [3 * 86400 + 3600, '3 d 1 h'],
  ])('%s s is %s', (s, text) => {
    expect(duration(s)).toBe(text);
  });
});
