// Weighted scoring: which sums a score uses, and how much information the
// weights leave. Unweighted tallies fall through to their plain counts.
import type { Tally } from './tally.js';

/**
 * Kish's effective sample size (Kish 1965, Survey Sampling, §11.7):
 * n_eff = (Σw)² / Σw². Equal weights give n; unequal weights give less, and
 * intervals computed from n_eff are honestly wider. Accepts a tally (its
 * `n` when unweighted) or an array of weights. Zero total weight gives 0.
 *
 * @example
 * effectiveN([1, 1, 1, 1]);  // 4
 * effectiveN([1, 1, 1, 5]);  // 64 / 28 ≈ 2.29
 */
export function effectiveN(input: Tally | ArrayLike<number>): number {
  if ('counts' in input) return kish(input);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < input.length; i++) {
    const w = input[i]!;
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? (sum * sum) / squares : 0;
}

/** Kish's effective n of a tally: `n` unweighted, (Σw)²/Σw² weighted (0 for zero total weight). */
export function kish(t: Tally): number {
  const w = t.weights;
  return !w ? t.n : w.sumSquares > 0 ? (w.sum * w.sum) / w.sumSquares : 0;
}

/** The per-point mass a score is computed from: weight sums when weighted, else counts. */
export function massOf(t: Tally): { counts: number[]; total: number } {
  return t.weights ? { counts: t.weights.counts, total: t.weights.sum } : { counts: t.counts, total: t.n };
}
