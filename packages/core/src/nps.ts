// The Net Promoter Score with an honest interval. Promoters answer 9-10,
// passives 7-8, detractors 0-6 (Reichheld 2003, "The One Number You Need to
// Grow", Harvard Business Review).
import type { Scores, Tally } from './tally.js';
import { toTally } from './tally-input.js';
import { zFor } from './normal.js';

/** Options of {@link nps}. */
export interface NpsOptions {
  /**
   * `'wald'`: the textbook interval. `'adjusted-wald'`: Rocks (2016) adds 0.75
   * detractors, 1.5 passives and 0.75 promoters first, which keeps coverage
   * near nominal for small samples and extreme scores.
   * @default 'wald'
   */
  interval?: 'wald' | 'adjusted-wald';
  /** Confidence level of `ci` and `marginOfError`. @default 0.95 */
  level?: number;
}

/** The result of {@link nps}. Score, SE, margin and interval are in NPS points (−100..100). */
export interface NpsResult {
  kind: 'nps';
  /** 100·(P − D)/n, unrounded; `null` with no responses (or zero total weight). */
  score: number | null;
  /** Valid responses. */
  n: number;
  /** Kish's effective n the interval uses; equals `n` unweighted. */
  effectiveN: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Values refused (not an integer 0..10), never part of `n`. */
  invalid: number;
  /** Variance of one response on the −1..1 scale: p + d − (p − d)² (of the adjusted proportions for adjusted Wald). */
  variance: number | null;
  /** 100·√(variance/n). */
  standardError: number | null;
  /** z·standardError. */
  marginOfError: number | null;
  /** Interval clamped to [−100, 100]; centred on the adjusted score for adjusted Wald. */
  ci: [number, number] | null;
}

/**
 * The Net Promoter Score of raw 0..10 scores or of a `[0, 10]` tally, with its
 * standard error and a confidence interval from an exact normal quantile.
 *
 * Wald: p, d = promoter and detractor shares; variance = p + d − (p − d)²;
 * SE = √(variance/n); ci = score ± z·SE·100. Adjusted Wald (Rocks 2016,
 * "Interval Estimation for the 'Net Promoter Score'", The American
 * Statistician 70(4):365-372) uses the same formula on counts with 0.75
 * promoters, 1.5 passives and 0.75 detractors added (n + 3). `score` is always
 * the unadjusted NPS. Weighted tallies use weight shares and Kish's effective n.
 *
 * @example
 * nps([10, 9, 9, 8, 7, 6, 3]);
 * // { score: 14.285…, n: 7, promoters: 3, passives: 2, detractors: 2, ci: [−47.42…, 75.99…], … }
 * nps(tallyOf10M, { interval: 'adjusted-wald', level: 0.9 });
 */
export function nps(tallyOrScores: Tally | Scores, options: NpsOptions = {}): NpsResult {
  const t = toTally(tallyOrScores, [0, 10]);
  const { interval = 'wald', level = 0.95 } = options;
  const z = zFor(level);
  const { counts: c, weights: w, n } = t;
  // Shares come from weight sums when weighted; the interval's n is Kish's.
  const m = w ? w.counts : c;
  const total = w ? w.sum : n;
  const ne = w ? (w.sumSquares > 0 ? w.sum ** 2 / w.sumSquares : 0) : n; // Kish: (Σw)²/Σw²
  const pm = m[9]! + m[10]!;
  let dm = 0;
  for (let k = 0; k < 7; k++) dm += m[k]!;
  // Adjusted Wald adds 3 pseudo-answers: 0.75 promoters, 1.5 passives, 0.75 detractors.
  const extra = interval === 'adjusted-wald' ? 3 : 0;
  const size = ne + extra;
  const p = ((pm / total) * ne + extra / 4) / size;
  const d = ((dm / total) * ne + extra / 4) / size;
  // Rounding can push p + d − (p − d)² a hair below 0 when it should be 0.
  const variance = Math.max(0, p + d - (p - d) ** 2);
  const se = 100 * Math.sqrt(variance / size);
  const moe = z * se;
  const centre = 100 * (p - d);
  const ok = total > 0 && ne > 0;
  const promoters = c[9]! + c[10]!;
  const passives = c[7]! + c[8]!;
  return {
    kind: 'nps',
    score: ok ? (100 * (pm - dm)) / total : null,
    n,
    effectiveN: ne,
    promoters,
    passives,
    detractors: n - promoters - passives,
    invalid: t.invalid,
    variance: ok ? variance : null,
    standardError: ok ? se : null,
    marginOfError: ok ? moe : null,
    ci: ok ? [Math.max(-100, centre - moe), Math.min(100, centre + moe)] : null,
  };
}
