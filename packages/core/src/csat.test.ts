import { describe, expect, it } from 'vitest';
import { csat } from './csat.js';
import { tally } from './tally.js';

describe('csat', () => {
  it('5-point: percent in [4, 5], mean and Wilson interval', () => {
    // 3 of 5 satisfied = 60 %; mean (5+4+4+3+1)/5 = 3.4; Wilson 95 % for 3/5 from
    // SciPy binomtest(3, 5).proportion_ci(0.95, 'wilson') = [0.23072428127601297, 0.8823792257673521].
    const r = csat([5, 4, 4, 3, 1]);
    expect(r).toMatchObject({ kind: 'csat', score: 60, n: 5, satisfied: 3, scale: [1, 5], invalid: 0 });
    expect(r.mean).toBeCloseTo(3.4, 14);
    expect(r.ci![0]).toBeCloseTo(23.072428127601295, 11);
    expect(r.ci![1]).toBeCloseTo(88.23792257673522, 11);
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(0.24 / 5), 12);
  });

  it('3, 7 and 10 points, and a star scale with its own satisfied set', () => {
    expect(csat([3, 2, 1, 3], { points: 3 })).toMatchObject({ score: 50, satisfied: 2, scale: [1, 3] });
    expect(csat([7, 6, 5, 1], { points: 7 })).toMatchObject({ score: 50, satisfied: 2 });
    expect(csat([10, 9, 8, 1], { points: 10 })).toMatchObject({ score: 50, satisfied: 2 });
    expect(csat([10, 9, 8, 1], { points: 10, satisfied: [8, 9, 10] })).toMatchObject({ score: 75, satisfied: 3 });
    // Four stars: top two boxes by default.
    expect(csat([4, 3, 2, 1], { points: 4 })).toMatchObject({ score: 50 });
  });

  it('takes the scale from a tally, and refuses a mismatch', () => {
    const t = tally([7, 6, 2], { scale: [1, 7] });
    expect(csat(t).scale).toEqual([1, 7]);
    expect(csat(t).satisfied).toBe(2);
    expect(() => csat(t, { points: 5 })).toThrow(/tally on \[1,5\]/);
    expect(() => csat([1], { points: 1 })).toThrow(/points/);
    expect(() => csat([1], { satisfied: [6] })).toThrow(/satisfied\[0\]/);
  });

  it('edge cases: empty, all satisfied, n = 1, invalid values apart', () => {
    expect(csat([])).toMatchObject({ score: null, mean: null, ci: null, n: 0 });
    const all = csat([5, 5, 4, 5, 4, 5, 5, 4, 5, 5]);
    expect(all.score).toBe(100);
    // SciPy binomtest(10, 10).proportion_ci(0.95, 'wilson').low = 0.7224672001371109
    expect(all.ci![0]).toBeCloseTo(72.24672001371108, 10);
    expect(all.ci![1]).toBe(100);
    expect(csat([2])).toMatchObject({ score: 0, n: 1, mean: 2 });
    expect(csat([5, 0, 6, NaN, 4.5])).toMatchObject({ n: 1, invalid: 4, score: 100 });
  });

  it('weighted: shares by weight, mean by weight, Wilson on Kish n', () => {
    const r = csat(tally([5, 1], { scale: [1, 5], weights: [3, 1] }));
    expect(r.score).toBeCloseTo(75, 12);
    expect(r.mean).toBeCloseTo((5 * 3 + 1) / 4, 12);
    expect(r.effectiveN).toBeCloseTo(1.6, 12);
    expect(csat(tally([5, 1], { scale: [1, 5], weights: [0, 0] })).score).toBeNull();
  });
});
