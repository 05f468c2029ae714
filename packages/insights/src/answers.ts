// The convenience path: raw answers in, every insight out. The collector uses
// the aggregate functions on SQL counts instead; this computes the same
// counts in memory (and is what the tests check the aggregates against).
import { SaysoError, scoreBand, tally, type ScoreBand, type Tally } from '@sayso/core';
import type { TermCounts } from './counts.js';
import { distinctiveTerms, type Distinctive, type DistinctiveOptions, type DistinctiveTerm } from './distinctive.js';
import { themeImpact, type ImpactOptions, type ScoreKind, type ThemeImpact } from './impact.js';
import { terms } from './terms.js';
import type { Themes } from './themes.js';

/** One answer with a comment. */
export interface Answer {
  text: string;
  score: number;
  /** The answer's locale (a BCP 47 tag under one of the 14 languages). */
  lang: string;
  id?: string;
}

/** Options of {@link analyzeAnswers}. */
export interface AnalyzeOptions {
  kind: ScoreKind;
  /** The scale scores were given on. @default [0, 10] for NPS, [1, 5] for CSAT, [1, 7] for CES */
  scale?: readonly [number, number];
  /** For CES on a scale where 1 is easiest. @default 'higher-is-easier' */
  direction?: 'higher-is-easier' | 'lower-is-easier';
  /** Custom themes to count beside the found terms. */
  themes?: Themes;
  /** Example answers kept per term and band. @default 3 */
  examples?: number;
}

/** A distinctive term with a few of the comments behind it. */
export interface DistinctiveTermWithExamples extends DistinctiveTerm {
  examples: Answer[];
}

/** Everything {@link analyzeAnswers} found. */
export interface AnswerAnalysis {
  /** Comments and term counts per band: the aggregates the other functions take. */
  bands: Map<ScoreBand, { comments: number; terms: Map<string, number> }>;
  /** Term → its most common written form. */
  labels: Map<string, string>;
  /** Tally of all answers with a comment, and per term of those that mention it. */
  total: Tally;
  termTallies: Map<string, Tally>;
  /** Up to `examples` answers per band that mention the term, in input order. */
  examples(term: string, band?: ScoreBand): Answer[];
  /** Terms that set the unhappy band (detractors, unhappy) apart from the happy one (promoters, happy), with examples. */
  distinctive(options?: DistinctiveOptions): Omit<Distinctive, 'a' | 'b'> & { a: DistinctiveTermWithExamples[]; b: DistinctiveTermWithExamples[] };
  /** Each frequent theme's impact on the score. */
  impact(options?: ImpactOptions): ThemeImpact[];
}

const DEFAULT_SCALE: Record<ScoreKind, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

/**
 * Counts terms (and custom themes) of answers per band and per score, keeps a
 * few examples, and gives distinctive terms and theme impact over them.
 *
 * @example
 * const a = analyzeAnswers(answers, { kind: 'nps' });
 * a.distinctive().a[0]; // { term: 'deliveri', label: 'delivery', z: 7.9, countA: 64, countB: 3, examples: [...] }
 * a.impact()[0];        // { term: 'deliveri', scoreWith: -38, scoreWithout: 14, comparison: { p: 2e-9, … }, … }
 */
export function analyzeAnswers(answers: readonly Answer[], options: AnalyzeOptions): AnswerAnalysis {
  if (!Array.isArray(answers)) throw new SaysoError('E_ARGUMENT_INVALID', 'answers must be an array', { path: 'answers' });
  const { kind, examples: keep = 3 } = options;
  const scale = options.scale ?? DEFAULT_SCALE[kind];
  if (!scale) throw new SaysoError('E_ARGUMENT_INVALID', `kind must be nps, csat or ces, got ${JSON.stringify(kind)}`, { path: 'options.kind' });
  const [min, max] = scale;
  const bands = new Map<ScoreBand, { comments: number; terms: Map<string, number> }>();
  const forms = new Map<string, Map<string, number>>();
  const scores: number[] = [];
  const byTerm = new Map<string, number[]>();
  const examples = new Map<string, Map<ScoreBand, Answer[]>>();
  answers.forEach((a, i) => {
    if (a === null || typeof a !== 'object' || typeof a.text !== 'string') throw new SaysoError('E_ARGUMENT_INVALID', 'text must be a string', { path: `answers[${i}].text` });
    if (typeof a.score !== 'number' || !Number.isInteger(a.score) || a.score < min || a.score > max) {
      throw new SaysoError('E_ARGUMENT_INVALID', `score must be an integer from ${min} to ${max}`, { path: `answers[${i}].score` });
    }
    if (a.text.trim() === '') return;
    let t;
    try {
      t = terms(a.text, a.lang, options.themes ? { themes: options.themes } : {});
    } catch (e) {
      throw new SaysoError('E_ARGUMENT_INVALID', `unsupported language ${JSON.stringify(a.lang)}`, { path: `answers[${i}].lang`, cause: e });
    }
    const band = scoreBand(kind, a.score, { min, max, ...(options.direction ? { direction: options.direction } : {}) });
    let b = bands.get(band);
    if (!b) bands.set(band, (b = { comments: 0, terms: new Map() }));
    b.comments++;
    scores.push(a.score);
    t.terms.forEach((term, k) => {
      b.terms.set(term, (b.terms.get(term) ?? 0) + 1);
      let f = forms.get(term);
      if (!f) forms.set(term, (f = new Map()));
      f.set(t.forms[k]!, (f.get(t.forms[k]!) ?? 0) + 1);
      let s = byTerm.get(term);
      if (!s) byTerm.set(term, (s = []));
      s.push(a.score);
      let e = examples.get(term);
      if (!e) examples.set(term, (e = new Map()));
      const list = e.get(band) ?? [];
      if (list.length < keep) e.set(band, [...list, a]);
    });
  });
  // The most common form labels a term; ties go to the first in sort order, so labels are stable.
  const labels = new Map<string, string>();
  for (const [term, f] of forms) {
    let best = '';
    let n = -1;
    for (const [form, c] of f) if (c > n || (c === n && form < best)) [best, n] = [form, c];
    labels.set(term, best);
  }
  const total = tally(scores, { scale: [min, max] });
  const termTallies = new Map<string, Tally>();
  for (const [term, s] of byTerm) termTallies.set(term, tally(s, { scale: [min, max] }));
  const [low, high]: [ScoreBand, ScoreBand] = kind === 'nps' ? ['detractor', 'promoter'] : ['unhappy', 'happy'];
  const empty: TermCounts = { comments: 0, terms: new Map() };
  const examplesOf = (term: string, band?: ScoreBand): Answer[] => {
    const e = examples.get(term);
    if (!e) return [];
    return band ? (e.get(band) ?? []) : [...e.values()].flat().slice(0, keep);
  };
  return {
    bands,
    labels,
    total,
    termTallies,
    examples: examplesOf,
    distinctive(o = {}) {
      const d = distinctiveTerms(bands.get(low) ?? empty, bands.get(high) ?? empty, { labels, ...o });
      return {
        ...d,
        a: d.a.map((t) => ({ ...t, examples: examplesOf(t.term, low) })),
        b: d.b.map((t) => ({ ...t, examples: examplesOf(t.term, high) })),
      };
    },
    impact(o = {}) {
      return themeImpact({ kind, total, terms: termTallies }, { labels, ...o });
    },
  };
}

/**
 * True when a comment's sentiment disagrees with its score: a promoter (or
 * happy) answer whose comment scores at most −threshold, or a detractor (or
 * unhappy) one at +threshold or more. A 9 with an angry comment is a customer at risk.
 *
 * @example
 * disagrees('nps', 9, sentiment('Terrible support, I am cancelling', 'en').score); // true
 */
export function disagrees(kind: ScoreKind, score: number, sentimentScore: number, options: { threshold?: number; scale?: readonly [number, number] } = {}): boolean {
  const { threshold = 0.3 } = options;
  const [min, max] = options.scale ?? DEFAULT_SCALE[kind];
  const band = scoreBand(kind, score, { min, max });
  if (band === 'promoter' || band === 'happy') return sentimentScore <= -threshold;
  if (band === 'detractor' || band === 'unhappy') return sentimentScore >= threshold;
  return false;
}
