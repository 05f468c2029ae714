// Insights of one survey from stored term counts, with @sayso/insights: the
// themes that set detractors (unhappy) apart from promoters (happy), each
// frequent theme's impact on the score, rising themes and custom themes. The
// work is proportional to the terms that pass `minComments`, never to the
// number of comments. Labels (the written form of a stem), example comments
// and answers whose comment disagrees with the score come from the newest
// comments of the range (`SAMPLE`), tokenised here.
import { ces, csat, nps, scoreBand, type Comparable, type ScoreBand, type Tally } from '@sayso/core';
import {
  distinctiveTerms,
  risingThemes,
  sentiment,
  terms as termsOf,
  themeImpact,
  themeTerm,
  langOf,
  type DistinctiveTerm,
  type ThemeImpact,
  type Themes,
} from '@sayso/insights';
import type { SurveyShape } from './scores.js';
import { bucketsOf } from './storage/insights-buckets.js';
import type { InsightComment } from './storage/insights-terms.js';
import type { Storage } from './storage/types.js';

/** How many of the newest comments give labels, examples and disagreements. */
export const SAMPLE = 1000;
/** Example comments per theme. */
const EXAMPLES = 3;
/** Disagreeing answers listed. */
const DISAGREEMENTS = 10;
/** How far a comment's sentiment must lean against its score to count as disagreeing. */
const DISAGREE = 0.3;

/** What an insights answer is asked for. */
export interface InsightsQuery {
  site: string;
  from: string;
  to: string;
  interval: 'day' | 'week' | 'month';
  level: number;
  lang?: string | undefined;
  minComments: number;
  limit: number;
  themes: Themes | undefined;
}

/** A comment as shown beside a theme. */
export interface ExampleComment {
  id: string;
  score: number;
  comment: string;
  locale: string | null;
  createdAt: string;
}

type WithExamples<T> = T & { examples: ExampleComment[] };

/** Insights of one survey. */
export interface SurveyInsights {
  surveyId: string;
  kind: SurveyShape['kind'];
  scale: [number, number];
  /** Comments in the range (in `lang`, when asked). */
  comments: number;
  /** Comments per band. */
  bands: Partial<Record<ScoreBand, number>>;
  /** The low and high band compared (`detractor`/`promoter`, `unhappy`/`happy`). */
  low: ScoreBand;
  high: ScoreBand;
  /** Terms the low band uses more than the high one (`more`), and the reverse (`less`), with the log-odds z. */
  distinctive: { low: WithExamples<DistinctiveTerm>[]; high: WithExamples<DistinctiveTerm>[]; tested: number; threshold: number };
  /** Frequent themes, what costs the score most first. */
  impact: WithExamples<ThemeImpact>[];
  /** The period holding `to` against the four before it. */
  rising: { current: [string, string]; trailing: [string, string]; rising: WithExamples<DistinctiveTerm>[]; falling: DistinctiveTerm[]; tested: number };
  /** Custom themes of the site, each with its impact (null when no answer, or every answer, mentions it). */
  themes: Array<{ name: string; term: string; mentions: number; impact: WithExamples<ThemeImpact> | null }>;
  /** Among the newest comments: answers whose comment's sentiment disagrees with the score. */
  disagreements: Array<ExampleComment & { sentiment: number; spans: Array<{ text: string; weight: number; reason: string }> }>;
  /** How many newest comments the labels, examples and disagreements come from. */
  sampled: number;
}

const DAY_MS = 86400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The period holding `to` (`[start, to]`) and the four whole periods before it. */
export function risingPeriods(to: string, interval: InsightsQuery['interval']): { current: [string, string]; trailing: [string, string] } {
  const b = bucketsOf(to);
  const start = interval === 'day' ? to : interval === 'week' ? b.w : b.m;
  const t = Date.parse(`${start}T00:00:00Z`);
  const d = new Date(t);
  const trailStart = interval === 'day' ? iso(t - 4 * DAY_MS) : interval === 'week' ? iso(t - 28 * DAY_MS) : iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 4, 1));
  return { current: [start, to], trailing: [trailStart, iso(t - DAY_MS)] };
}

function scorer(shape: SurveyShape, level: number): (t: Tally) => Comparable {
  if (shape.kind === 'nps') return (t) => nps(t, { level });
  if (shape.kind === 'csat') return (t) => csat(t, { level });
  return (t) => ces(t, { level, ...(shape.direction ? { direction: shape.direction } : {}) });
}

/** Computes one survey's insights. */
export async function surveyInsights(storage: Storage, shape: SurveyShape, q: InsightsQuery): Promise<SurveyInsights | null> {
  const [min, max] = shape.scale;
  const scale = { min, max, ...(shape.direction ? { direction: shape.direction } : {}) };
  const bandOf = (score: number) => scoreBand(shape.kind, score, scale);
  const [low, high]: [ScoreBand, ScoreBand] = shape.kind === 'nps' ? ['detractor', 'promoter'] : ['unhappy', 'happy'];
  const periods = risingPeriods(q.to, q.interval);
  const base = { site: q.site, surveyId: shape.surveyId, lang: q.lang, minComments: q.minComments };
  const [rows, periodRows, sample] = await Promise.all([
    storage.insights.termScores({ ...base, from: q.from, to: q.to }),
    storage.insights.termPeriods({ ...base, ...periods }),
    storage.insights.comments({ site: q.site, surveyId: shape.surveyId, from: q.from, to: q.to, limit: SAMPLE }),
  ]);

  // Per term: a tally on the survey's scale and comments per band. Scores off
  // the scale (the survey was changed) are left out, as /v1/scores does.
  const empty = (): Tally => ({ scale: [min, max], counts: new Array(max - min + 1).fill(0), n: 0, invalid: 0 });
  const tallies = new Map<string, Tally>();
  const bandCounts = new Map<ScoreBand, Map<string, number>>([[low, new Map()], [high, new Map()]]);
  const bands: Partial<Record<ScoreBand, number>> = {};
  for (const r of rows) {
    if (r.score < min || r.score > max) continue;
    let t = tallies.get(r.term);
    if (!t) tallies.set(r.term, (t = empty()));
    t.counts[r.score - min]! += r.n;
    t.n += r.n;
    const band = bandOf(r.score);
    const m = bandCounts.get(band);
    if (m) m.set(r.term, (m.get(r.term) ?? 0) + r.n);
    if (r.term === '') bands[band] = (bands[band] ?? 0) + r.n;
  }
  const total = tallies.get('') ?? empty();
  if (total.n === 0) return null;
  tallies.delete('');
  const found = new Map([...tallies].filter(([term]) => !term.startsWith('theme:')));
  const counts = (band: ScoreBand) => {
    const m = new Map(bandCounts.get(band)!);
    const comments = m.get('') ?? 0;
    m.delete('');
    for (const term of m.keys()) if (term.startsWith('theme:')) m.delete(term);
    return { comments, terms: m };
  };
  const options = { minComments: q.minComments, level: q.level, limit: q.limit };
  const distinctive = distinctiveTerms(counts(low), counts(high), options);
  const score = scorer(shape, q.level);
  const impact = themeImpact({ kind: shape.kind, total, terms: found }, { ...options, score });
  const themeNames = q.themes?.definitions.map((d) => d.name) ?? [];
  const themeTallies = new Map(themeNames.flatMap((name) => (tallies.has(themeTerm(name)) ? [[themeTerm(name), tallies.get(themeTerm(name))!] as const] : [])));
  const themeImpacts = new Map(themeImpact({ kind: shape.kind, total, terms: themeTallies }, { minComments: 1, level: q.level, limit: themeNames.length, score }).map((t) => [t.term, t]));

  const now = { comments: 0, terms: new Map<string, number>() };
  const before = { comments: 0, terms: new Map<string, number>() };
  for (const p of periodRows) {
    if (p.term === '') {
      now.comments = p.current;
      before.comments = p.trailing;
    } else {
      now.terms.set(p.term, p.current);
      before.terms.set(p.term, p.trailing);
    }
  }
  const rising = risingThemes(now, [before], options);

  // Labels and examples from the newest comments, for the terms shown.
  const shown = new Set<string>([
    ...distinctive.a.map((t) => t.term),
    ...distinctive.b.map((t) => t.term),
    ...impact.map((t) => t.term),
    ...rising.rising.map((t) => t.term),
    ...rising.falling.map((t) => t.term),
    ...themeNames.map(themeTerm),
  ]);
  const forms = new Map<string, Map<string, number>>();
  const examples = new Map<string, Map<ScoreBand | '', ExampleComment[]>>();
  const disagreeing: SurveyInsights['disagreements'] = [];
  for (const c of sample) {
    const lang = c.locale ? langOf(c.locale) : null;
    if (!lang || (q.lang && lang !== q.lang)) continue;
    const t = termsOf(c.comment, lang, q.themes ? { themes: q.themes } : {});
    const band = bandOf(c.score);
    const ex = example(c);
    t.terms.forEach((term, k) => {
      if (!shown.has(term)) return;
      let f = forms.get(term);
      if (!f) forms.set(term, (f = new Map()));
      f.set(t.forms[k]!, (f.get(t.forms[k]!) ?? 0) + 1);
      let e = examples.get(term);
      if (!e) examples.set(term, (e = new Map()));
      for (const key of [band, ''] as const) {
        const list = e.get(key) ?? [];
        if (list.length < EXAMPLES) e.set(key, [...list, ex]);
      }
    });
    if (disagreeing.length < DISAGREEMENTS && c.score >= min && c.score <= max) {
      const s = sentiment(c.comment, lang);
      // A happy score with a comment at −0.3 or below, or an unhappy one at +0.3 or above (as @sayso/insights' `disagrees`, with the survey's direction).
      if (s.supported && ((band === high && s.score <= -DISAGREE) || (band === low && s.score >= DISAGREE))) {
        disagreeing.push({ ...ex, sentiment: s.score, spans: s.spans.map((x) => ({ text: x.text, weight: x.weight, reason: x.reason })) });
      }
    }
  }
  // The most common written form labels a term; ties go to the first in code-point order, so labels are stable.
  const label = (term: string): string => {
    if (term.startsWith('theme:')) return term.slice(6);
    let best = term;
    let n = 0;
    for (const [form, c] of forms.get(term) ?? []) if (c > n || (c === n && form < best)) [best, n] = [form, c];
    return best;
  };
  const withExamples = <T extends { term: string }>(x: T, band: ScoreBand | ''): WithExamples<T> & { label: string } => ({
    ...x,
    label: label(x.term),
    examples: examples.get(x.term)?.get(band) ?? [],
  });

  return {
    surveyId: shape.surveyId,
    kind: shape.kind,
    scale: shape.scale,
    comments: total.n,
    bands,
    low,
    high,
    distinctive: { low: distinctive.a.map((t) => withExamples(t, low)), high: distinctive.b.map((t) => withExamples(t, high)), tested: distinctive.tested, threshold: distinctive.threshold },
    impact: impact.map((t) => withExamples(t, '')),
    rising: { ...periods, rising: rising.rising.map((t) => withExamples(t, '')), falling: rising.falling.map((t) => ({ ...t, label: label(t.term) })), tested: rising.tested },
    themes: themeNames.map((name) => {
      const term = themeTerm(name);
      const i = themeImpacts.get(term);
      return { name, term, mentions: tallies.get(term)?.n ?? 0, impact: i ? withExamples(i, '') : null };
    }),
    disagreements: disagreeing,
    sampled: sample.length,
  };
}

const example = (c: InsightComment): ExampleComment => ({ id: c.id, score: c.score, comment: c.comment, locale: c.locale, createdAt: c.createdAt });

/** True when a stored comment mentions `term` (a term key or `theme:<name>`). */
export function mentions(c: InsightComment, term: string, themes: Themes | undefined, lang?: string): boolean {
  const l = c.locale ? langOf(c.locale) : null;
  if (!l || (lang && l !== lang)) return false;
  return termsOf(c.comment, l, themes ? { themes } : {}).terms.includes(term);
}
