// What a theme does to the score: answers that mention it against those that
// do not, with @sayso/core's `compare`, from tallies (computable in SQL as
// counts per term and score).
import { ces, compare, csat, isTally, nps, SaysoError, type Comparable, type Comparison, type Tally } from '@sayso/core';
import { byTerm, lookup, type TermLabels } from './counts.js';

/** The score kinds a theme's impact is measured in. */
export type ScoreKind = 'nps' | 'csat' | 'ces';

/** Options of {@link themeImpact}. */
export interface ImpactOptions {
  /** Only terms mentioned by at least this many answers (and not by all of them). @default 20 */
  minComments?: number;
  /** Confidence level of intervals and `significant`. @default 0.95 */
  level?: number;
  /** At most this many themes. @default 20 */
  limit?: number;
  labels?: TermLabels;
  /** Scores a tally; the default is `nps`, `csat` or `ces` of `kind` with their defaults. */
  score?: (tally: Tally) => Comparable;
}

/** One theme's impact. */
export interface ThemeImpact {
  term: string;
  label: string;
  /** Answers that mention the theme. */
  mentions: number;
  /** Share of all answers that mention it. */
  share: number;
  /** The score of answers that mention it and of those that do not. */
  scoreWith: number | null;
  scoreWithout: number | null;
  /** `compare(with, without)`: difference, standard error, z, p, interval. */
  comparison: Comparison;
  /**
   * How far the overall score would move if these answers scored like the
   * others: −difference × share. Sorted on: the first theme is what to fix first.
   */
  impact: number;
}

/** The input of {@link themeImpact}: every answer's scores, and for each theme the scores of the answers that mention it. */
export interface ImpactInput {
  kind: ScoreKind;
  /** Tally of every answer with a comment (those the terms come from). */
  total: Tally;
  /** Term → tally of the answers whose comment mentions it. */
  terms: ReadonlyMap<string, Tally> | Readonly<Record<string, Tally>>;
}

function scorer(kind: ScoreKind, level: number): (t: Tally) => Comparable {
  if (kind === 'nps') return (t) => nps(t, { level });
  if (kind === 'csat') return (t) => csat(t, { level });
  if (kind === 'ces') return (t) => ces(t, { level });
  throw new SaysoError('E_ARGUMENT_INVALID', `kind must be nps, csat or ces, got ${JSON.stringify(kind)}`, { path: 'input.kind' });
}

/** total − part, checked: a theme's answers are some of all answers. */
function without(total: Tally, part: Tally, path: string): Tally {
  if (!isTally(part) || !Array.isArray(part.scale) || part.scale[0] !== total.scale[0] || part.scale[1] !== total.scale[1] || part.counts.length !== total.counts.length) {
    throw new SaysoError('E_ARGUMENT_INVALID', `must be a tally on the total's scale [${total.scale.join(', ')}]`, { path });
  }
  const counts = total.counts.map((c, k) => c - part.counts[k]!);
  if (counts.some((c) => c < 0)) throw new SaysoError('E_ARGUMENT_INVALID', 'a theme cannot have more answers on a point than the total', { path });
  return { scale: [total.scale[0], total.scale[1]], counts, n: total.n - part.n, invalid: 0 };
}

/**
 * For each frequent theme, the score of answers that mention it against
 * those that do not, with `compare` (difference, interval, p), sorted by
 * impact: the theme that costs the overall score most comes first.
 *
 * @example
 * themeImpact({ kind: 'nps', total: tally(allScores, { scale: [0, 10] }), terms: { deliveri: tally(deliveryScores, { scale: [0, 10] }) } });
 * // [{ term: 'deliveri', mentions: 240, scoreWith: -38, scoreWithout: 14, comparison: { difference: -52, ci: [-60.1, -43.9], p: 1e-30, … }, impact: 9.6 }]
 */
export function themeImpact(input: ImpactInput, options: ImpactOptions = {}): ThemeImpact[] {
  const { minComments = 20, level = 0.95, limit = 20 } = options;
  if (!Number.isSafeInteger(minComments) || minComments < 1) throw new SaysoError('E_ARGUMENT_INVALID', 'minComments must be an integer >= 1', { path: 'options.minComments' });
  if (!Number.isSafeInteger(limit) || limit < 0) throw new SaysoError('E_ARGUMENT_INVALID', 'limit must be an integer >= 0', { path: 'options.limit' });
  if (input === null || typeof input !== 'object' || input.terms === null || typeof input.terms !== 'object') {
    throw new SaysoError('E_ARGUMENT_INVALID', 'input must be { kind, total, terms }', { path: 'input' });
  }
  const score = options.score ?? scorer(input.kind, level);
  const total = input.total;
  if (!isTally(total) || !Array.isArray(total.scale)) throw new SaysoError('E_ARGUMENT_INVALID', 'total must be a tally', { path: 'input.total' });
  const out: ThemeImpact[] = [];
  const list = input.terms instanceof Map ? [...input.terms] : Object.entries(input.terms);
  for (const [term, tally] of list) {
    const path = `input.terms[${JSON.stringify(term)}]`;
    const rest = without(total, tally, path);
    if (tally.n < minComments || rest.n === 0) continue;
    const w = score(tally);
    const wo = score(rest);
    const comparison = compare(w, wo, { level });
    const share = tally.n / total.n;
    out.push({
      term,
      label: lookup(options.labels, term) ?? term,
      mentions: tally.n,
      share,
      scoreWith: w.score,
      scoreWithout: wo.score,
      comparison,
      impact: comparison.difference === null ? 0 : -comparison.difference * share,
    });
  }
  out.sort((x, y) => y.impact - x.impact || byTerm(x, y));
  return out.slice(0, limit);
}
