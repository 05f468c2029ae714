import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { nps } from './nps.js';
import { mergeTallies, tally } from './tally.js';
import type { NpsResult } from './nps.js';
import { isSaysoError } from './errors.js';

const Z95 = 1.959963984540054; // SciPy norm.ppf(0.975)

/** n copies of a score. */
const rep = (score: number, n: number): number[] => new Array<number>(n).fill(score);

/**
 * R's NPS package (Brendan Rocks, github.com/brendan-r/NPS, R/nps.R), ported
 * literally as an independent check: nps(x) = mean(category − 2) on −1..1,
 * npvar = (P + D) − (P − D)² on proportions, nps.se = √(npvar / n).
 */
function rNps(x: number[]): { nps: number; variance: number; se: number } {
  const cat = x.map((s) => (s <= 6 ? 1 : s <= 8 ? 2 : 3));
  const n = cat.length;
  const mean = cat.reduce((a, c) => a + (c - 2), 0) / n;
  const props = [1, 2, 3].map((c) => cat.filter((v) => v === c).length / n) as [number, number, number];
  const variance = props[2] + props[0] - (props[2] - props[0]) ** 2;
  return { nps: mean, variance, se: Math.sqrt(variance / n) };
}

describe('nps', () => {
  it('Wald: 50 promoters, 30 passives, 20 detractors (hand-derived)', () => {
    // p = 0.5, d = 0.2: NPS = 100·(0.5 − 0.2) = 30; variance = 0.5 + 0.2 − 0.3² = 0.61;
    // SE = 100·√(0.61/100) = 7.810249675906654; MOE = 1.959963984540054 · SE = 15.307808075042672.
    const r = nps([...rep(10, 25), ...rep(9, 25), ...rep(8, 15), ...rep(7, 15), ...rep(6, 10), ...rep(0, 10)]);
    expect(r).toMatchObject({ kind: 'nps', n: 100, promoters: 50, passives: 30, detractors: 20, invalid: 0 });
    expect(r.score).toBeCloseTo(30, 12);
    expect(r.variance).toBeCloseTo(0.61, 14);
    expect(r.standardError).toBeCloseTo(7.810249675906654, 12);
    expect(r.marginOfError).toBeCloseTo(15.307808075042672, 11);
    expect(r.ci![0]).toBeCloseTo(14.692191924957328, 11);
    expect(r.ci![1]).toBeCloseTo(45.30780807504267, 11);
  });

  it('adjusted Wald (Rocks 2016): +0.75 D, +1.5 passives, +0.75 P', () => {
    // n' = 103, p' = 50.75/103, d' = 20.75/103: centre = 100·30/103 = 29.126213592233007,
    // variance = p' + d' − (p' − d')² = 0.6093411254595156, SE = 100·√(var/103) = 7.6915104218147565.
    const r = nps(tally([...rep(9, 50), ...rep(7, 30), ...rep(3, 20)], { scale: [0, 10] }), { interval: 'adjusted-wald' });
    expect(r.score).toBeCloseTo(30, 12); // the reported score stays unadjusted
    expect(r.variance).toBeCloseTo(0.6093411254595156, 14);
    expect(r.standardError).toBeCloseTo(7.6915104218147565, 12);
    expect(r.ci![0]).toBeCloseTo(14.051130178761605, 11);
    expect(r.ci![1]).toBeCloseTo(44.20129700570441, 11);
  });

  it('agrees with a port of R\'s NPS package on any sample', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 }), (x) => {
        const ref = rNps(x);
        const r = nps(x);
        expect(r.score! / 100).toBeCloseTo(ref.nps, 12);
        expect(r.variance!).toBeCloseTo(ref.variance, 12);
        expect(r.standardError! / 100).toBeCloseTo(ref.se, 12);
        expect(r.marginOfError!).toBeCloseTo(Z95 * ref.se * 100, 10);
        expect(r.promoters + r.passives + r.detractors).toBe(r.n);
      }),
    );
  });

  it('uses the exact z of the level', () => {
    const r = nps([10, 9, 7, 3, 2, 10, 8]);
    const r90 = nps([10, 9, 7, 3, 2, 10, 8], { level: 0.9 });
    expect(r90.marginOfError! / r90.standardError!).toBeCloseTo(1.6448536269514722, 14); // SciPy norm.ppf(0.95)
    expect(r.marginOfError! / r.standardError!).toBeCloseTo(Z95, 14);
    expect(() => nps([1], { level: 1.5 })).toThrow(/level/);
  });

  it('empty input: null score, no interval', () => {
    for (const r of [nps([]), nps(new Uint8Array(0)), nps([NaN, 12], { interval: 'adjusted-wald' })]) {
      expect(r).toMatchObject({ score: null, variance: null, standardError: null, marginOfError: null, ci: null, promoters: 0, detractors: 0 });
    }
    expect(nps([NaN, 12]).invalid).toBe(2);
  });

  it('all promoters, all detractors and n = 1', () => {
    expect(nps(rep(10, 10))).toMatchObject({ score: 100, variance: 0, standardError: 0, ci: [100, 100] });
    expect(nps(rep(0, 10))).toMatchObject({ score: -100, variance: 0, ci: [-100, -100] });
    expect(nps([9])).toMatchObject({ score: 100, n: 1, promoters: 1, ci: [100, 100] });
    expect(nps([8])).toMatchObject({ score: 0, n: 1, passives: 1, variance: 0 });
    // Adjusted Wald does not collapse: n' = 13, p' = 10.75/13, d' = 0.75/13, centre 76.92…,
    // SE 15.010237744338253 (hand-derived, checked in Python); upper end clamped from 106.34 to 100.
    const adj = nps(rep(10, 10), { interval: 'adjusted-wald' });
    expect(adj.score).toBe(100);
    expect(adj.standardError).toBeCloseTo(15.010237744338253, 12);
    expect(adj.ci![0]).toBeCloseTo(47.5035515447902, 11);
    expect(adj.ci![1]).toBe(100);
  });

  it('counts invalid values apart from n', () => {
    const r = nps([10, NaN, 11, 5, -1, 7.5, '9' as unknown as number]);
    expect(r).toMatchObject({ n: 2, invalid: 5, promoters: 1, detractors: 1, score: 0 });
  });

  it('a Uint8Array and a plain array give the same result', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7) % 11);
    expect(nps(bytes)).toEqual(nps(Array.from(bytes)));
  });

  it('weights: shares by weight, interval by Kish effective n', () => {
    // [10, 0] weighted [3, 1]: p = 0.75, d = 0.25, NPS 50; n_eff = 4²/(9 + 1) = 1.6;
    // variance = 0.75 + 0.25 − 0.5² = 0.75; SE = 100·√(0.75/1.6) = 68.46531968814577.
    const r = nps(tally([10, 0], { scale: [0, 10], weights: [3, 1] }));
    expect(r.score).toBeCloseTo(50, 12);
    expect(r.n).toBe(2);
    expect(r.effectiveN).toBeCloseTo(1.6, 14);
    expect(r.standardError).toBeCloseTo(68.46531968814577, 11);
    expect(r.ci![0]).toBeCloseTo(-84.18956077878678, 10);
    expect(r.ci![1]).toBe(100); // clamped from 184.19
    // Equal weights change nothing.
    const x = [10, 9, 9, 7, 4, 2, 10];
    const eq = nps(tally(x, { scale: [0, 10], weights: x.map(() => 2.5) }));
    const plain = nps(x);
    expect(eq.score).toBeCloseTo(plain.score!, 12);
    expect(eq.ci![0]).toBeCloseTo(plain.ci![0], 12);
    expect(eq.effectiveN).toBeCloseTo(7, 12);
    // Zero weights carry no information.
    const zero = nps(tally([10, 0, 5], { scale: [0, 10], weights: [0, 0, 0] }));
    expect(zero).toMatchObject({ score: null, n: 3, effectiveN: 0, ci: null });
    // A zero-weighted answer does not move the score.
    expect(nps(tally([10, 0, 0], { scale: [0, 10], weights: [1, 1, 0] })).score).toBeCloseTo(0, 12);
  });

  it('refuses a tally on another scale', () => {
    try {
      nps(tally([1, 2], { scale: [1, 5] }));
      expect.unreachable();
    } catch (e) {
      expect(isSaysoError(e) && e.code).toBe('E_ARGUMENT_INVALID');
    }
  });

  it('scores of merged segment tallies equal the score of all answers', () => {
    const part = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 50 });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const merged = nps(mergeTallies(tally(a, { scale: [0, 10] }), tally(b, { scale: [0, 10] })));
        expect(merged).toEqual(nps([...a, ...b]));
      }),
    );
  });

  it('has the public types analysts rely on', () => {
    expectTypeOf(nps([9])).toEqualTypeOf<NpsResult>();
    expectTypeOf(nps([9]).score).toEqualTypeOf<number | null>();
    expectTypeOf(nps([9]).ci).toEqualTypeOf<[number, number] | null>();
    expectTypeOf(nps).parameter(1).toEqualTypeOf<{ interval?: 'wald' | 'adjusted-wald'; level?: number } | undefined>();
  });
});
