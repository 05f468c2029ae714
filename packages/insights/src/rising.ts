// Rising themes: this period against the trailing ones, with the same
// log-odds statistic as distinctive terms.
import { mergeCounts, type TermCounts } from './counts.js';
import { distinctiveTerms, type DistinctiveOptions, type DistinctiveTerm } from './distinctive.js';

/** The result of {@link risingThemes}. */
export interface Rising {
  /** Terms mentioned more now than in the trailing periods, strongest first (`countA`/`rateA` are now). */
  rising: DistinctiveTerm[];
  /** Terms mentioned less now. */
  falling: DistinctiveTerm[];
  tested: number;
  threshold: number;
}

/**
 * The themes mentioned significantly more (and less) in `current` than in
 * the trailing periods taken together, ranked by the log-odds z (see
 * {@link distinctiveTerms}; the same options).
 *
 * @example
 * risingThemes(thisWeek, [lastWeek, twoWeeksAgo, threeWeeksAgo]);
 * // { rising: [{ term: 'login', z: 6.1, countA: 80, rateA: 0.2, rateB: 0.04, … }], falling: [], … }
 */
export function risingThemes(current: TermCounts, trailing: readonly TermCounts[], options: DistinctiveOptions = {}): Rising {
  const baseline = mergeCounts(...trailing);
  const d = distinctiveTerms(current, baseline, options);
  return { rising: d.a, falling: d.b, tested: d.tested, threshold: d.threshold };
}
