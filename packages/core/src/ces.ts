// Customer Effort Score: how easy customers found a task, on the 7-point
// agree scale ("The company made it easy for me to handle my issue", CEB
// CES 2.0) or the legacy 1-5 effort scale where lower means less effort.
import type { Scores, Tally } from './tally.js';
import { zFor } from './normal.js';
import { studentTQuantile } from './student-t.js';
import { kish, massOf } from './weights.js';
import { wilsonAt } from './wilson.js';
import { moments, ordinalTally, pointSet, range } from './ordinal.js';

/** Options of {@link ces}. */
export interface CesOptions {
  /** Scale size k of the 1..k scale; with a tally, defaults to the tally's scale. @default 7 */
  points?: number;
  /**
   * Which end means "easy". `'lower-is-easier'` is the legacy 1-5 effort
   * scale (1 = very low effort); it changes the default `agree` points.
   * @default 'higher-is-easier'
   */
  direction?: 'higher-is-easier' | 'lower-is-easier';
  /**
   * The points that count as "agree" / easy.
   * @default the points past the middle on the easy side: [5, 6, 7] on 7 points, [4, 5] on 5; [1, 2] on 1-5 lower-is-easier
   */
  agree?: readonly number[];
  /** @default 0.95 */
  level?: number;
}

/** The result of {@link ces}. */
export interface CesResult {
  kind: 'ces';
  /** Mean answer on the scale as answered (not reversed); `null` with no responses. */
  mean: number | null;
  /** Sample standard deviation (n − 1; reliability weights when weighted); `null` below two responses. */
  sd: number | null;
  n: number;
  /** Kish's effective n; equals `n` unweighted. */
  effectiveN: number;
  invalid: number;
  /** Percent agree (easy), 0..100. */
  score: number | null;
  /** Number of agree (easy) responses. */
  agree: number;
  /** 100·√(p(1−p)/n) of the percent agree, for {@link compare}. */
  standardError: number | null;
  /** Wilson interval on the percent agree. */
  ci: [number, number] | null;
  /** sd/√n, for {@link compare} with `metric: 'mean'`. */
  meanStandardError: number | null;
  /** Student-t interval mean ± t(n − 1)·sd/√n (n: Kish's effective n), clamped to the scale. */
  meanCi: [number, number] | null;
  direction: 'higher-is-easier' | 'lower-is-easier';
  scale: [number, number];
}

/**
 * CES: mean effort, its spread and a Student-t interval on the mean, and the
 * percentage who agree it was easy with a Wilson interval. Weighted tallies use weighted moments and
 * Kish's effective n.
 *
 * @example
 * ces([7, 6, 5, 4, 2]); // { mean: 4.8, sd: 1.92…, score: 60, agree: 3, … }
 * ces([1, 2, 2, 5], { points: 5, direction: 'lower-is-easier' }); // agree = [1, 2]
 */
export function ces(tallyOrScores: Tally | Scores, options: CesOptions = {}): CesResult {
  const t = ordinalTally(tallyOrScores, options.points, 7);
  const [min, max] = t.scale;
  const { direction = 'higher-is-easier', level = 0.95 } = options;
  const z = zFor(level);
  const mid = (min + max) / 2;
  const easy = direction === 'lower-is-easier' ? range(min, Math.ceil(mid) - 1) : range(Math.floor(mid) + 1, max);
  const member = pointSet(options.agree ?? easy, t, 'agree');
  let agree = 0;
  t.counts.forEach((c, k) => member[k] && (agree += c));
  const ne = kish(t);
  const result: CesResult = {
    kind: 'ces', mean: null, sd: null, n: t.n, effectiveN: ne, invalid: t.invalid, score: null, agree,
    standardError: null, ci: null, meanStandardError: null, meanCi: null, direction, scale: [min, max],
  };
  const { counts, total } = massOf(t);
  if (!(total > 0 && ne > 0)) return result;
  const { hit, mean, squares } = moments(counts, total, min, member);
  const p = hit / total;
  const [lo, hi] = wilsonAt(p, ne, z);
  result.mean = mean;
  result.score = 100 * p;
  result.standardError = 100 * Math.sqrt((p * (1 - p)) / ne);
  result.ci = [100 * lo, 100 * hi];
  // Unbiased variance with reliability weights: Σw(x − m)² / (V1 − V2/V1);
  // with unit weights V1 = V2 = n, which is the usual n − 1.
  const v1 = total;
  const v2 = t.weights ? t.weights.sumSquares : t.n;
  const denom = v1 - v2 / v1;
  if (ne > 1 && denom > 0) {
    const sd = Math.sqrt(squares / denom);
    const se = sd / Math.sqrt(ne);
    result.sd = sd;
    result.meanStandardError = se;
    // Student's t with n − 1 degrees of freedom: honest for the small samples a
    // CES segment often has (95 % at n = 5 is ±2.776·SE, not ±1.960·SE).
    const tq = studentTQuantile(1 - (1 - level) / 2, ne - 1);
    result.meanCi = [Math.max(min, mean - tq * se), Math.min(max, mean + tq * se)];
  }
  return result;
}
