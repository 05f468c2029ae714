// Customer Satisfaction: the share of answers in the top box(es) of a 1..k
// scale (3, 5, 7 or 10 points, or k stars/emoji), with a Wilson interval.
import type { Scores, Tally } from './tally.js';
import { zFor } from './normal.js';
import { kish, massOf } from './weights.js';
import { wilsonAt } from './wilson.js';
import { moments, ordinalTally, pointSet, range } from './ordinal.js';

/** Options of {@link csat}. */
export interface CsatOptions {
  /**
   * Scale size k of the 1..k scale. With a tally, defaults to the tally's scale.
   * @default 5
   */
  points?: number;
  /**
   * The points that count as satisfied.
   * @default the top two points ([4, 5] on 5 points, [6, 7] on 7, [9, 10] on 10); the top point on scales of 3 or fewer
   */
  satisfied?: readonly number[];
  /** @default 0.95 */
  level?: number;
}

/** The result of {@link csat}. `score`, `standardError` and `ci` are percentages. */
export interface CsatResult {
  kind: 'csat';
  /** Percent satisfied, 0..100; `null` with no responses. */
  score: number | null;
  n: number;
  /** Kish's effective n; equals `n` unweighted. */
  effectiveN: number;
  /** Number of satisfied responses. */
  satisfied: number;
  invalid: number;
  /** Mean answer on the 1..k scale. */
  mean: number | null;
  /** 100·√(p(1−p)/n), for {@link compare}. */
  standardError: number | null;
  /** Wilson interval on the percentage. */
  ci: [number, number] | null;
  scale: [number, number];
}

/**
 * CSAT: the percentage of satisfied answers, their count, the mean answer
 * and a Wilson score interval (Wilson 1927) on the percentage. Weighted
 * tallies use weight shares and Kish's effective n.
 *
 * @example
 * csat([5, 4, 4, 3, 1]); // { score: 60, n: 5, satisfied: 3, mean: 3.4, ci: [23.07…, 88.23…], … }
 * csat([3, 3, 2], { points: 3 });              // 3-point scale, top box [3]
 * csat(stars, { points: 10, satisfied: [8, 9, 10] });
 */
export function csat(tallyOrScores: Tally | Scores, options: CsatOptions = {}): CsatResult {
  const t = ordinalTally(tallyOrScores, options.points, 5);
  const [min, max] = t.scale;
  const level = options.level ?? 0.95;
  const z = zFor(level);
  const member = pointSet(options.satisfied ?? range(max - min < 3 ? max : max - 1, max), t, 'satisfied');
  let satisfied = 0;
  t.counts.forEach((c, k) => member[k] && (satisfied += c));
  const ne = kish(t);
  const result: CsatResult = {
    kind: 'csat', score: null, n: t.n, effectiveN: ne, satisfied, invalid: t.invalid,
    mean: null, standardError: null, ci: null, scale: [min, max],
  };
  const { counts, total } = massOf(t);
  if (!(total > 0 && ne > 0)) return result;
  const { hit, mean } = moments(counts, total, min, member);
  const p = hit / total;
  const [lo, hi] = wilsonAt(p, ne, z);
  result.score = 100 * p;
  result.mean = mean;
  result.standardError = 100 * Math.sqrt((p * (1 - p)) / ne);
  result.ci = [100 * lo, 100 * hi];
  return result;
}
