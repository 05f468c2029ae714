import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from './student-t.js';

// Reference values: SciPy 1.17.1 scipy.stats.t.ppf / t.cdf (Boost's implementation).
const ppf: Array<[number, number, number]> = [
  [1, 0.975, 12.706204736174694],
  [2, 0.975, 4.302652729749462],
  [3, 0.975, 3.1824463052837078],
  [4, 0.975, 2.7764451051977934],
  [5, 0.975, 2.5705818356363146],
  [10, 0.975, 2.228138851986274],
  [30, 0.975, 2.0422724563012378],
  [100, 0.975, 1.9839715185235518],
  [1000, 0.975, 1.9623390808264083],
  [2.5, 0.975, 3.5746548420036817],
  [0.6, 0.975, 67.84439532957197],
  [3, 0.95, 2.3533634348018233],
  [10, 0.95, 1.8124611228116756],
  [1, 0.995, 63.656741162871526],
  [4, 0.995, 4.604094871349992],
  [2.5, 0.995, 7.163728138948783],
  [0.6, 0.995, 991.9306730167632],
  [5, 0.6, 0.2671808657041451],
  [100, 0.6, 0.25402218245822766],
];

describe('studentTQuantile', () => {
  it.each(ppf)('df %s: t(%s) = %s', (df, p, t) => {
    expect(Math.abs(studentTQuantile(p, df) - t) / t).toBeLessThan(1e-11);
    expect(Math.abs(studentTQuantile(1 - p, df) + t) / t).toBeLessThan(1e-11);
  });

  it('edges', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(0.9, 0)).toBeNaN();
  });
});

describe('studentTCdf', () => {
  it.each([
    [1.5, 3, 0.8847080673775886],
    [-2.2, 10, 0.02622053422467658],
    [3, 1, 0.8975836176504333],
    [0.3, 2.5, 0.6063288142524014],
    [4, 50, 0.9998954048768179],
  ])('P(T ≤ %s | df %s) = %s', (t, df, p) => {
    expect(Math.abs(studentTCdf(t, df) - p) / p).toBeLessThan(1e-12);
  });
});
