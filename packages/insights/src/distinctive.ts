// The terms that set two groups of comments apart (detractors and promoters,
// this month and the last three), from aggregated counts.
import { SaysoError } from '@sayso/core';
import { byTerm, checkCounts, lookup, type TermCounts, type TermLabels } from './counts.js';
import { criticalZ, logOddsRatio } from './log-odds.js';

/** Options of {@link distinctiveTerms}. */
export interface DistinctiveOptions {
  /** Strength of the informative prior, in pseudo-comments. @default 10 */
  prior?: number;
  /** Only terms mentioned by at least this many comments of both groups together. @default 10 */
  minComments?: number;
  /** Confidence level: a term is distinctive when |z| exceeds the two-sided critical value. @default 0.95 */
  level?: number;
  /** At most this many terms per side. @default 20 */
  limit?: number;
  /** Display labels (term → written form); the term itself where missing. */
  labels?: TermLabels;
}

/** One distinctive term. */
export interface DistinctiveTerm {
  term: string;
  label: string;
  /** Log-odds ratio a against b (positive: more in a). */
  logOdds: number;
  standardError: number;
  /** logOdds / standardError. */
  z: number;
  /** Comments of a and of b that mention the term. */
  countA: number;
  countB: number;
  /** countA / comments of a, countB / comments of b. */
  rateA: number;
  rateB: number;
}

/** The result of {@link distinctiveTerms}. */
export interface Distinctive {
  /** Terms used more in a, strongest (largest z) first. */
  a: DistinctiveTerm[];
  /** Terms used more in b, strongest (most negative z) first. */
  b: DistinctiveTerm[];
  /** Terms with enough comments to be tested; the share called distinctive is (a + b, before `limit`) / tested. */
  tested: number;
  /** Distinctive terms on each side before `limit`. */
  foundA: number;
  foundB: number;
  /** The |z| a term had to exceed. */
  threshold: number;
}

export function checkOptions(o: DistinctiveOptions): Required<Omit<DistinctiveOptions, 'labels'>> {
  const { prior = 10, minComments = 10, level = 0.95, limit = 20 } = o;
  if (!(prior > 0 && prior < Infinity)) throw new SaysoError('E_ARGUMENT_INVALID', 'prior must be a positive number', { path: 'options.prior' });
  if (!Number.isSafeInteger(minComments) || minComments < 1) throw new SaysoError('E_ARGUMENT_INVALID', 'minComments must be an integer >= 1', { path: 'options.minComments' });
  if (!(level > 0 && level < 1)) throw new SaysoError('E_ARGUMENT_INVALID', 'level must be between 0 and 1', { path: 'options.level' });
  if (!Number.isSafeInteger(limit) || limit < 0) throw new SaysoError('E_ARGUMENT_INVALID', 'limit must be an integer >= 0', { path: 'options.limit' });
  return { prior, minComments, level, limit };
}

/**
 * The terms that group `a` uses more than group `b`, and the reverse, ranked
 * by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
 * and Quinn 2008, "Fightin' Words"), each comment counting a term once. Only
 * terms with at least `minComments` comments behind them are tested; a term is
 * distinctive when |z| exceeds the critical value at `level`. Ties are broken
 * by the term, so the output is stable.
 *
 * @example
 * distinctiveTerms(
 *   { comments: 400, terms: { deliveri: 120, price: 40 } },   // detractors
 *   { comments: 900, terms: { deliveri: 30, price: 95 } },    // promoters
 * );
 * // { a: [{ term: 'deliveri', logOdds: 2.47, z: 11.65, countA: 120, countB: 30, rateA: 0.3, rateB: 0.033, … }], b: [], tested: 2, … }
 * // ('price', 10% against 10.6% of comments, is tested but not distinctive)
 */
export function distinctiveTerms(a: TermCounts, b: TermCounts, options: DistinctiveOptions = {}): Distinctive {
  const { prior, minComments, level, limit } = checkOptions(options);
  const ca = checkCounts(a, 'a');
  const cb = checkCounts(b, 'b');
  const threshold = criticalZ(level);
  const na = a.comments;
  const nb = b.comments;
  const more: DistinctiveTerm[] = [];
  const less: DistinctiveTerm[] = [];
  let tested = 0;
  const all = new Set([...ca.keys(), ...cb.keys()]);
  if (na > 0 && nb > 0) {
    for (const term of all) {
      const ya = ca.get(term) ?? 0;
      const yb = cb.get(term) ?? 0;
      if (ya + yb < minComments) continue;
      tested++;
      const r = logOddsRatio(ya, na, yb, nb, prior);
      if (Math.abs(r.z) <= threshold) continue;
      const t: DistinctiveTerm = { term, label: lookup(options.labels, term) ?? term, ...r, countA: ya, countB: yb, rateA: ya / na, rateB: yb / nb };
      (r.z > 0 ? more : less).push(t);
    }
  }
  more.sort((x, y) => y.z - x.z || byTerm(x, y));
  less.sort((x, y) => x.z - y.z || byTerm(x, y));
  return { a: more.slice(0, limit), b: less.slice(0, limit), tested, foundA: more.length, foundB: less.length, threshold };
}
