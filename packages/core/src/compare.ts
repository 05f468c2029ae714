// Is a change real? A two-sample z-test on two independent scores.
import { SaysoError } from './errors.js';
import { twoSidedP, zFor } from './normal.js';

/** Anything {@link compare} can compare: an `nps`, `csat` or `ces` result. */
export interface Comparable {
  kind: 'nps' | 'csat' | 'ces';
  score: number | null;
  standardError: number | null;
  mean?: number | null;
  meanStandardError?: number | null;
}

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Confidence level: `significant` means p < 1 − level. @default 0.95 */
  level?: number;
  /** Compare `score` (NPS points, or percent satisfied/agree) or, for CES, the `mean`. @default 'score' */
  metric?: 'score' | 'mean';
}

/** The result of {@link compare}, in the units of the compared metric. */
export interface Comparison {
  /** a − b; `null` when either side has no responses. */
  difference: number | null;
  /** √(SE_a² + SE_b²). */
  standardError: number | null;
  /** difference / standardError. */
  z: number | null;
  /** Two-sided p-value, 2·Φ(−|z|). */
  p: number | null;
  /** p < 1 − level. */
  significant: boolean;
  /** difference ± z_level·standardError. */
  ci: [number, number] | null;
  level: number;
}

/**
 * Compares two independent results of the same kind (two NPS, two CSAT or
 * two CES): difference a − b, its standard error √(SE_a² + SE_b²), z, the
 * two-sided p-value from an accurate normal CDF, and whether it is
 * significant at `level`. The standard errors are the ones the results carry
 * (Wald or adjusted Wald for NPS, weighted by Kish's effective n if weighted),
 * as in R's NPS package `nps.test` two-sample test.
 *
 * @example
 * compare(nps(thisMonth), nps(lastMonth));
 * // { difference: 6.2, standardError: 2.9, z: 2.14, p: 0.032, significant: true, … }
 * compare(ces(a), ces(b), { metric: 'mean' });
 */
export function compare(a: Comparable, b: Comparable, options: CompareOptions = {}): Comparison {
  const { level = 0.95, metric = 'score' } = options;
  const zl = zFor(level);
  if (!a || !b || a.kind !== b.kind) {
    throw new SaysoError('E_ARGUMENT_INVALID', `can only compare two results of the same kind, got ${a?.kind} and ${b?.kind}`, { path: 'b.kind' });
  }
  const pick = (r: Comparable): [number | null | undefined, number | null | undefined] =>
    metric === 'mean' ? [r.mean, r.meanStandardError] : [r.score, r.standardError];
  const [va, sa] = pick(a);
  const [vb, sb] = pick(b);
  if (metric === 'mean' && (sa === undefined || sb === undefined)) {
    throw new SaysoError('E_ARGUMENT_INVALID', 'metric "mean" needs results with a meanStandardError (CES)', { path: 'metric' });
  }
  const out: Comparison = { difference: null, standardError: null, z: null, p: null, significant: false, ci: null, level };
  if (va == null || vb == null || sa == null || sb == null) return out;
  const difference = va - vb;
  const se = Math.sqrt(sa * sa + sb * sb);
  // Two degenerate samples (e.g. both all promoters) have SE 0: equal means no
  // evidence of a difference; unequal is as significant as it gets.
  const z = se > 0 ? difference / se : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const p = twoSidedP(z);
  return { difference, standardError: se, z, p, significant: p < 1 - level, ci: [difference - zl * se, difference + zl * se], level };
}
