import { describe, expect, it } from 'vitest';
import { ces } from './ces.js';
import { tally } from './tally.js';

describe('ces', () => {
  it('7-point: mean, sd, mean interval and percent agree (hand-derived)', () => {
    // mean = 24/5 = 4.8; squared deviations 4.84 + 1.44 + 0.04 + 0.64 + 7.84 = 14.8;
    // sd = √(14.8/4) = 1.9235384061671346; SE = sd/√5 = 0.8602325267042626;
    // meanCi = 4.8 ∓ t(0.975, df 4) · SE, t = 2.7764451051977934 (SciPy t.ppf)
    // = [2.4116116119000197, 7.18838838809998], the upper end clamped to the scale's 7;
    // agree [5, 6, 7]: 3 of 5 = 60 % with Wilson [23.07…, 88.24…] (SciPy binomtest).
    const r = ces([7, 6, 5, 4, 2]);
    expect(r).toMatchObject({ kind: 'ces', n: 5, agree: 3, score: 60, direction: 'higher-is-easier', scale: [1, 7] });
    expect(r.mean).toBeCloseTo(4.8, 14);
    expect(r.sd).toBeCloseTo(1.9235384061671346, 14);
    expect(r.meanStandardError).toBeCloseTo(0.8602325267042626, 14);
    expect(r.meanCi![0]).toBeCloseTo(2.4116116119000197, 12);
    expect(r.meanCi![1]).toBe(7);
    expect(r.ci![0]).toBeCloseTo(23.072428127601295, 11);
  });

  it('legacy 1-5 scale where lower is easier', () => {
    const r = ces([1, 2, 2, 5], { points: 5, direction: 'lower-is-easier' });
    expect(r).toMatchObject({ agree: 3, score: 75, direction: 'lower-is-easier', scale: [1, 5] });
    expect(r.mean).toBe(2.5); // on the scale as answered
    expect(ces([1, 2, 2, 5], { points: 5 })).toMatchObject({ agree: 1, score: 25 }); // [4, 5] when higher is easier
    expect(ces([1, 2, 3], { points: 5, agree: [1] })).toMatchObject({ agree: 1 });
  });

  it('edge cases: empty, n = 1, all agree, invalid apart', () => {
    expect(ces([])).toMatchObject({ mean: null, sd: null, score: null, ci: null, meanCi: null });
    expect(ces([6])).toMatchObject({ mean: 6, sd: null, meanCi: null, score: 100, n: 1 });
    const all = ces([7, 7, 7]);
    expect(all).toMatchObject({ sd: 0, score: 100, meanCi: [7, 7] });
    expect(ces([7, 8, 0, NaN])).toMatchObject({ n: 1, invalid: 3 });
  });

  it('the mean interval is Student-t on n − 1, approaching the normal one as n grows', () => {
    // 1..7 repeated: mean 4, and with n = 700 t(0.975, 699) = 1.9634... (SciPy), within 0.2 % of z.
    const many = ces(Array.from({ length: 700 }, (_, i) => (i % 7) + 1));
    const half = many.meanCi![1] - many.mean!;
    expect(half / many.meanStandardError!).toBeGreaterThan(1.959963984540054);
    expect(half / many.meanStandardError!).toBeLessThan(1.9640);
    // n = 2: df 1, t = 12.706204736174694 (SciPy), so the interval covers the whole scale.
    expect(ces([3, 5]).meanCi).toEqual([1, 7]);
  });

  it('weighted: weighted mean, reliability-weighted sd, Kish n', () => {
    // scores 7, 1 with weights 3, 1: mean = 22/4 = 5.5; Σw(x−m)² = 3·2.25 + 20.25 = 27;
    // V1 = 4, V2 = 10: sd = √(27 / (4 − 10/4)) = √18; n_eff = 1.6.
    const r = ces(tally([7, 1], { scale: [1, 7], weights: [3, 1] }));
    expect(r.mean).toBeCloseTo(5.5, 14);
    expect(r.sd).toBeCloseTo(Math.sqrt(18), 12);
    expect(r.meanStandardError).toBeCloseTo(Math.sqrt(18) / Math.sqrt(1.6), 12);
    expect(r.score).toBeCloseTo(75, 12);
    // Unit weights reproduce the unweighted n − 1 sd.
    const x = [7, 6, 5, 4, 2];
    expect(ces(tally(x, { scale: [1, 7], weights: [1, 1, 1, 1, 1] })).sd).toBeCloseTo(ces(x).sd!, 14);
  });
});
