import { describe, expect, it } from 'vitest';
import { bucket, hash32, sampled } from './sampling.js';

describe('sampling', () => {
  it('hash32 is FNV-1a with murmur3\'s finaliser (vectors computed independently with a Python one-off)', () => {
    expect(hash32('')).toBe(2872998923);
    expect(hash32('a')).toBe(444641715);
    expect(bucket('site', 'nps', 'user-42')).toBe(3659);
  });

  it('is stable: the same person gets the same bucket every time', () => {
    const a = bucket('site', 'nps', 'user-42');
    for (let i = 0; i < 5; i++) expect(bucket('site', 'nps', 'user-42')).toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(10000);
  });

  it('raising the percentage only adds people', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `anon-${i}`);
    const at = (pct: number) => new Set(ids.filter((id) => sampled('s', 'q', id, pct)));
    let prev = at(0);
    expect(prev.size).toBe(0);
    for (const pct of [5, 12.5, 30, 50, 99.99, 100]) {
      const now = at(pct);
      for (const id of prev) expect(now.has(id)).toBe(true);
      prev = now;
    }
    expect(prev.size).toBe(ids.length);
  });

  it('takes about the requested share', () => {
    const n = 20000;
    let inside = 0;
    for (let i = 0; i < n; i++) if (sampled('site', 'csat', `0193a1b2-7c4d-7e8f-9a0b-${String(i).padStart(12, '0')}`, 10)) inside++;
    expect(inside / n).toBeGreaterThan(0.09);
    expect(inside / n).toBeLessThan(0.11);
  });

  it('spreads ids uniformly over the 10 000 buckets (chi-square over 100 bins)', () => {
    const bins = new Array(100).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(bucket('pk_live', 'nps-q4', `user-${i}`) / 100)]++;
    const expected = n / 100;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 99 degrees of freedom: the 0.999 quantile is 148.2; a biased hash lands far above.
    expect(chi2).toBeLessThan(148.2);
  });

  it('decides independently per survey', () => {
    let same = 0;
    for (let i = 0; i < 1000; i++) if (sampled('s', 'a', `u${i}`, 50) === sampled('s', 'b', `u${i}`, 50)) same++;
    expect(same).toBeGreaterThan(420);
    expect(same).toBeLessThan(580);
  });
});

