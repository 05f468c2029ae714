// The standard normal distribution: the quantile function (for the z of a
// confidence level) and the CDF (for p-values). Both are accurate to double
// precision; neither uses a table of hard-coded z values such as 1.96.
import { SaysoError } from './errors.js';

/**
 * Evaluates a polynomial with coefficients from the highest degree down
 * (Horner's rule): `poly(x, [a, b, c])` = a·x² + b·x + c.
 */
function poly(x: number, c: readonly number[]): number {
  let s = 0;
  for (const k of c) s = s * x + k;
  return s;
}

// Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37(3):477-484.
// Coefficients listed from the highest power down so `poly` can use them as-is,
// transcribed with all 20 published digits (doubles keep the first 17).
/* eslint-disable no-loss-of-precision */
// Near the centre (|p - 0.5| <= 0.425):
const A = [2.5090809287301226727e3, 3.3430575583588128105e4, 6.7265770927008700853e4, 4.5921953931549871457e4, 1.3731693765509461125e4, 1.9715909503065514427e3, 1.3314166789178437745e2, 3.387132872796366608];
const B = [5.226495278852854561e3, 2.8729085735721942674e4, 3.930789580009271061e4, 2.1213794301586595867e4, 5.3941960214247511077e3, 6.871870074920579083e2, 4.2313330701600911252e1, 1];
// Intermediate tails (r = sqrt(-ln(min(p, 1-p))) <= 5):
const C = [7.7454501427834140764e-4, 2.27238449892691845833e-2, 2.4178072517745061177e-1, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734];
const D = [1.05075007164441684324e-9, 5.475938084995344946e-4, 1.51986665636164571966e-2, 1.4810397642748007459e-1, 6.8976733498510000455e-1, 1.6763848301838038494, 2.05319162663775882187, 1];
// Far tails (r > 5, i.e. p < ~1.4e-11):
const E = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.2426609473880784386e-3, 2.6532189526576123093e-2, 2.9656057182850489123e-1, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772];
const F = [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 1.4875361290850614852e-2, 1.3692988092273580531e-1, 5.9983220655588793769e-1, 1];
/* eslint-enable no-loss-of-precision */

/**
 * AS 241's central and intermediate branches, which cover every p with
 * min(p, 1 − p) ≥ e^−25 ≈ 1.4e-11; `undefined` beyond (the far tails).
 * Split out so code that only needs confidence-level z values (`nps`) does
 * not bundle the far-tail coefficients.
 */
export function quantileNear(p: number): number | undefined {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(r, A)) / poly(r, B);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  if (!(r <= 5)) return undefined;
  const z = poly((r -= 1.6), C) / poly(r, D);
  return q < 0 ? -z : z;
}

/**
 * The standard normal quantile (inverse CDF, probit): the `z` with Φ(z) = p.
 * Wichura's AS 241 (PPND16), accurate to about 1 part in 10^16.
 * Returns -Infinity at 0, Infinity at 1 and NaN outside [0, 1].
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054 (to within an ulp)
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const near = quantileNear(p);
  if (near !== undefined) return near;
  const r = Math.sqrt(-Math.log(p < 0.5 ? p : 1 - p)) - 5;
  const z = poly(r, E) / poly(r, F);
  return p < 0.5 ? -z : z;
}

/**
 * The two-sided critical value for a confidence level: `level` 0.95 gives
 * 1.959963984540054 (to within an ulp). Throws E_ARGUMENT_INVALID unless
 * 0 < level ≤ 1 − 2.8e-11 (a z of about 6.7; no survey needs more).
 */
export function zFor(level: number): number {
  const z = level > 0 ? quantileNear(1 - (1 - level) / 2) : undefined;
  if (z === undefined) throw new SaysoError('E_ARGUMENT_INVALID', 'level must be in (0, 1)', { path: 'level' });
  return z;
}

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * The standard normal CDF Φ(x), with a relative error below 1e-13 in both
 * tails (checked against SciPy), so p-values far below 1e-10 stay meaningful.
 * Near the centre it sums the series Φ(x) = ½ + φ(x)·Σ x^(2k+1)/(2k+1)!!
 * (Marsaglia 2004, "Evaluating the normal distribution", J. Stat. Software
 * 11(4)); beyond |x| = 3 it evaluates Laplace's continued fraction for the
 * Mills ratio backwards from depth 80, where it has converged to double precision.
 *
 * @example
 * normalCdf(-1.959963984540054); // 0.025
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const a2 = a * a;
  let tail: number;
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let k = 3; term > sum * 1e-17; k += 2) sum += term *= a2 / k;
    tail = 0.5 - INV_SQRT_2PI * Math.exp(-a2 / 2) * sum;
  } else {
    let f = a;
    for (let k = 80; k > 0; k--) f = a + k / f;
    tail = (INV_SQRT_2PI * Math.exp(-a2 / 2)) / f;
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|), computed
 * from the lower tail so tiny p-values keep their precision.
 *
 * @example
 * twoSidedP(1.959963984540054); // 0.05
 */
export function twoSidedP(z: number): number {
  return Number.isNaN(z) ? NaN : 2 * normalCdf(-Math.abs(z));
}
