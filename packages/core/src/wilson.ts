// Wilson's score interval for a proportion: unlike the Wald interval it stays
// inside [0, 1] and keeps close to its nominal coverage at small n and at
// proportions near 0 or 1 (Brown, Cai & DasGupta 2001, Statistical Science 16(2)).
import { SaysoError } from './errors.js';
import { zFor } from './normal.js';

/**
 * Wilson score interval (Wilson 1927, JASA 22:209-212) for `successes` out
 * of `n` trials, as proportions in [0, 1]. `n` may be fractional (Kish's
 * effective n of weighted data). `null` when `n` is 0.
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²)
 *
 * @example
 * wilson(8, 10); // [0.4901624..., 0.9433178...] at 95 %
 */
export function wilson(successes: number, n: number, options: { level?: number } = {}): [number, number] | null {
  if (!(n >= 0 && n < Infinity) || !(successes >= 0 && successes <= n)) {
    throw new SaysoError('E_ARGUMENT_INVALID', `need 0 <= successes <= n, got ${successes} of ${n}`, { path: 'successes' });
  }
  const z = zFor(options.level ?? 0.95);
  if (n === 0) return null;
  return wilsonAt(successes / n, n, z);
}

/** The Wilson interval of proportion `p` over `n` at critical value `z`, clamped to [0, 1]. */
export function wilsonAt(p: number, n: number, z: number): [number, number] {
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
