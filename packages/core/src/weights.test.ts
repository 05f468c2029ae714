import { describe, expect, it } from 'vitest';
import { effectiveN } from './weights.js';
import { tally } from './tally.js';

describe('effectiveN (Kish)', () => {
  it('is (Σw)²/Σw²', () => {
    expect(effectiveN([1, 1, 1, 1])).toBe(4);
    expect(effectiveN([1, 1, 1, 5])).toBeCloseTo(64 / 28, 14); // 8² / (1 + 1 + 1 + 25)
    expect(effectiveN([2, 2, 0])).toBe(2); // a zero weight adds nothing
    expect(effectiveN([0, 0])).toBe(0);
    expect(effectiveN([])).toBe(0);
  });

  it('reads a tally: n unweighted, the weight sums otherwise', () => {
    expect(effectiveN(tally([1, 2, 3], { scale: [0, 10] }))).toBe(3);
    expect(effectiveN(tally([1, 2, 3, 11], { scale: [0, 10], weights: [1, 1, 5, 100] }))).toBeCloseTo(49 / 27, 14); // the out-of-scale 11 and its weight are left out
  });
});
