import { describe, expect, it } from 'vitest';
import { wilson } from './wilson.js';

// Newcombe (1998), "Two-sided confidence intervals for the single proportion:
// comparison of seven methods", Statistics in Medicine 17:857-872, Table II,
// method 3 (Wilson score, no continuity correction), printed to 4 decimals;
// the full digits are SciPy 1.17.1 `binomtest(k, n).proportion_ci(0.95, 'wilson')`.
const newcombe: Array<[number, number, number, number]> = [
  [81, 263, 0.2552885198782742, 0.36620957698280004],
  [15, 148, 0.06238639953073629, 0.16048724172330803],
  [0, 20, 0, 0.16112515805281935],
  [1, 29, 0.006113214292762667, 0.17175521879320282],
];

describe('wilson', () => {
  it.each(newcombe)('%s/%s matches Newcombe (1998) Table II', (k, n, lo, hi) => {
    const [l, h] = wilson(k, n)!;
    expect(l).toBeCloseTo(lo, 12);
    expect(h).toBeCloseTo(hi, 12);
  });

  it('handles other levels, all successes and n = 0', () => {
    // SciPy: binomtest(8, 10).proportion_ci(0.9, 'wilson')
    const [l, h] = wilson(8, 10, { level: 0.9 })!;
    expect(l).toBeCloseTo(0.5407928056874879, 12);
    expect(h).toBeCloseTo(0.9314420122624679, 12);
    const all = wilson(10, 10)!;
    expect(all[0]).toBeCloseTo(0.7224672001371109, 12);
    expect(all[1]).toBe(1);
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(/successes/);
  });
});
