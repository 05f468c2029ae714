import { describe, expect, it } from 'vitest';
import { compare } from './compare.js';
import { nps } from './nps.js';
import { csat } from './csat.js';
import { ces } from './ces.js';
import { tally } from './tally.js';

const npsOf = (p: number, pa: number, d: number) => nps(tally([...new Array(p).fill(10), ...new Array(pa).fill(8), ...new Array(d).fill(2)], { scale: [0, 10] }));

describe('compare', () => {
  it('two NPS: the two-sample Wald test of R\'s NPS package nps.test', () => {
    // A: 50/30/20 (NPS 30, var 0.61); B: 40/30/30 (NPS 10, var 0.69), n = 100 each.
    // SE = 100·√(0.61/100 + 0.69/100) = 11.40175425099138; z = 20/SE = 1.7541160386140586;
    // p = 2·Φ(−z) = 0.07941062599894216 (SciPy norm.cdf).
    const r = compare(npsOf(50, 30, 20), npsOf(40, 30, 30));
    expect(r.difference).toBeCloseTo(20, 12);
    expect(r.standardError).toBeCloseTo(11.40175425099138, 11);
    expect(r.z).toBeCloseTo(1.7541160386140586, 12);
    expect(r.p).toBeCloseTo(0.07941062599894216, 13);
    expect(r.significant).toBe(false);
    expect(compare(npsOf(50, 30, 20), npsOf(40, 30, 30), { level: 0.9 }).significant).toBe(true);
    expect(r.ci![0]).toBeCloseTo(20 - 1.959963984540054 * 11.40175425099138, 10);
    // Order matters for the sign only.
    const back = compare(npsOf(40, 30, 30), npsOf(50, 30, 20));
    expect(back.difference).toBeCloseTo(-20, 12);
    expect(back.p).toBeCloseTo(r.p!, 14);
  });

  it('CSAT and CES scores, and CES means', () => {
    const a = csat([5, 5, 4, 4, 4, 3, 2, 5, 5, 4]);
    const b = csat([1, 2, 3, 3, 4, 2, 2, 5, 1, 3]);
    const r = compare(a, b);
    const se = Math.sqrt(a.standardError! ** 2 + b.standardError! ** 2);
    expect(r.difference).toBeCloseTo(a.score! - b.score!, 12);
    expect(r.standardError).toBeCloseTo(se, 12);
    const m = compare(ces([7, 6, 6, 5, 7]), ces([3, 4, 2, 5, 4]), { metric: 'mean' });
    expect(m.difference).toBeCloseTo(6.2 - 3.6, 12);
    expect(m.significant).toBe(true);
    expect(() => compare(a, b, { metric: 'mean' })).toThrow(/meanStandardError/);
  });

  it('refuses mixed kinds; empty sides and degenerate samples', () => {
    expect(() => compare(nps([10]), csat([5]))).toThrow(/same kind/);
    expect(compare(nps([]), nps([10]))).toMatchObject({ difference: null, p: null, significant: false });
    // Both all promoters: SE 0 and no difference → p = 1.
    expect(compare(nps([10, 10]), nps([9, 9]))).toMatchObject({ difference: 0, z: 0, p: 1, significant: false });
    expect(compare(nps([10, 10]), nps([0, 0]))).toMatchObject({ difference: 200, p: 0, significant: true });
  });
});
