import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, twoSidedP, zFor } from './normal.js';
import { readFileSync } from 'node:fs';
import { isSaysoError } from './errors.js';

// Reference quantiles: SciPy 1.17.1 `scipy.stats.norm.ppf` (Cephes ndtri),
// an implementation independent of AS 241. The AS 241 double-precision result
// may differ from the correctly rounded value by an ulp or two.
const quantiles: Array<[number, number]> = [
  [0.975, 1.959963984540054],
  [0.95, 1.6448536269514722],
  [0.9, 1.2815515655446004],
  [0.995, 2.5758293035489004],
  [0.999, 3.090232306167813],
  [0.5, 0],
  [0.3, -0.5244005127080409],
  [0.07, -1.4757910281791706],
  [1e-5, -4.264890793922825],
  [1e-10, -6.361340902404056],
  [1e-12, -7.034483825301131], // r > 5: the far-tail branch of AS 241
  [1e-20, -9.262340089798409],
  [1e-50, -14.933337534788487],
  [1e-300, -37.0470962993612],
];

/**
 * Wichura printed "hash sums" (the sums of the coefficients' mantissas) so a
 * transcription can be checked: AB 55.8831928806149014439 and
 * CD 49.33206503301610289036. Summed exactly here from the source text.
 */
function mantissaSum(names: string[]): string {
  const src = readFileSync(new URL('./normal.ts', import.meta.url), 'utf8');
  let sum = 0n;
  for (const name of names) {
    const list = new RegExp(`const ${name} = \\[([^\\]]*)\\]`).exec(src)![1]!;
    for (const lit of list.split(',').map((x) => x.trim())) {
      if (lit === '1') continue; // the implicit leading 1 of each denominator
      const [int, frac = ''] = lit.split('e')[0]!.split('.') as [string, string?];
      sum += BigInt(int + frac.padEnd(22, '0'));
    }
  }
  const digits = sum.toString();
  return `${digits.slice(0, -22)}.${digits.slice(-22)}`.replace(/0+$/, '');
}

describe('normalQuantile (Wichura AS 241)', () => {
  it('carries the coefficients Wichura published (hash sums)', () => {
    expect(mantissaSum(['A', 'B'])).toBe('55.8831928806149014439');
    expect(mantissaSum(['C', 'D'])).toBe('49.33206503301610289036');
  });

  it.each(quantiles)('Φ⁻¹(%s) = %s', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(Math.max(1e-15, Math.abs(z) * 4e-16));
  });

  it('is antisymmetric around 0.5 and total at the edges', () => {
    // Dyadic p, so 1 − p is exact.
    for (const p of [0.0625, 0.125, 0.25, 0.375, 2 ** -40]) expect(normalQuantile(p)).toBe(-normalQuantile(1 - p));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  it('zFor(level) is the two-sided critical value, not a hard-coded 1.96', () => {
    expect(Math.abs(zFor(0.95) - 1.959963984540054)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(zFor(0.9) - 1.6448536269514722)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(zFor(0.99) - 2.5758293035489004)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(zFor(0.95) - 1.96)).toBeGreaterThan(3e-5);
    for (const bad of [0, 1, -1, 95, NaN]) {
      try {
        zFor(bad);
        expect.unreachable();
      } catch (e) {
        expect(isSaysoError(e) && e.code).toBe('E_ARGUMENT_INVALID');
      }
    }
  });
});

// Reference values: SciPy 1.17.1 `scipy.stats.norm.cdf`.
const cdf: Array<[number, number]> = [
  [-1.959963984540054, 0.025],
  [-1, 0.15865525393145707],
  [-3, 0.0013498980316300933],
  [-5, 2.866515718791933e-7],
  [-8, 6.22096057427174e-16],
  [-10, 7.61985302416047e-24],
  [-20, 2.7536241186061556e-89],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1.5, 0.9331927987311419],
  [2, 0.9772498680518208],
  [6, 0.9999999990134123],
];

describe('normalCdf', () => {
  it.each(cdf)('Φ(%s) = %s to 1e-13 relative', (x, p) => {
    expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-13);
  });

  it('inverts normalQuantile across the range', () => {
    for (let p = 1e-9; p < 1; p *= 3) expect(Math.abs(normalCdf(normalQuantile(p)) - p) / p).toBeLessThan(1e-12);
  });

  it('gives two-sided p-values', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(Infinity)).toBe(0);
    // 2·Φ(−8) = 1.244192114854348e-15 (SciPy): a difference of 1 - Φ(8) would round to 1.1e-15.
    expect(Math.abs(twoSidedP(8) - 1.244192114854348e-15) / 1.244192114854348e-15).toBeLessThan(1e-13);
  });
});
