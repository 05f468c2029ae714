// Sentiment per comment, explainable: a score in −1..1 and the words that
// made it, with negation, intensifiers and "but" handled. Lexicon-based, in
// the way of VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based
// Model for Sentiment Analysis of Social Media Text", ICWSM): a negation
// within three words before flips and damps a word (×−0.74), a booster
// scales it up, a dampener down, and in a sentence with "but" the words
// before it count half and the words after it one and a half times.
import { language, type Lang } from './lang/index.js';
import { emoticonLexicon, lexiconOf, LEXICON_SOURCES, type Lexicon } from './lexicon.js';
import { stemOf } from './stem.js';
import { tokensOf, type Token } from './tokenize.js';

/** One word or phrase that moved the score. */
export interface SentimentSpan {
  /** As written in the comment: `text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** What it added to the raw sum, after negation, intensifiers and "but". */
  weight: number;
  /** Its lexicon weight (−5..5). */
  base: number;
  /** Why, in words: `'"great" +3 · ×1.3 by "very" · negated by "not" (×-0.74)'`. */
  reason: string;
}

/** The result of {@link sentiment}. */
export interface Sentiment {
  /** sum / √(sum² + 15) (VADER's normalisation): in −1..1, 0 when nothing scored. */
  score: number;
  /** The raw sum of the spans' weights. */
  sum: number;
  spans: SentimentSpan[];
  /** Whether the language has a word lexicon (else only emoticons score). */
  supported: boolean;
}

const NEGATION = -0.74;
const BOOST = 1.3;
const DAMPEN = 0.6;
const BEFORE_BUT = 0.5;
const AFTER_BUT = 1.5;
const ALPHA = 15;
const WINDOW = 3;
const BARE_NEGATION = -1;
// Every AFINN emoticon holds one of these ("xd" and "8)" too: d, ), (); most comments hold none.
const EMOTICON_HINT = /[:;=<()♥/]|x-?[do]|8[-d]/i;

/** The languages with a sentiment lexicon, and where each lexicon comes from. */
export function sentimentLanguages(): Readonly<Partial<Record<Lang, string>>> {
  return LEXICON_SOURCES;
}

const fmt = (n: number): string => (n > 0 ? `+${n}` : String(n));

function weightOf(lex: Lexicon, l: ReturnType<typeof language>, t: Token): number | undefined {
  return lex.words.get(t.word) ?? (lex.stems.size ? lex.stems.get(stemOf(l, t.word)) : undefined);
}

/**
 * The sentiment of one comment: a score in −1..1 and the spans (words and
 * phrases of the lexicon, and emoticons) that made it, each with its weight
 * and the reason for it. Languages without a lexicon (see
 * {@link sentimentLanguages}) score emoticons only and say `supported: false`.
 *
 * @example
 * sentiment('Not great, but the staff were very helpful', 'en');
 * // { score: 0.584…, sum: 2.79, supported: true, spans: [
 * //   { text: 'great', start: 4, end: 9, base: 3, weight: -1.11, reason: '"great" +3 · negated by "Not" (×-0.74) · ×0.5 before "but"' },
 * //   { text: 'helpful', start: 35, end: 42, base: 2, weight: 3.9, reason: '"helpful" +2 · ×1.3 by "very" · ×1.5 after "but"' }] }
 */
export function sentiment(text: string, lang: string): Sentiment {
  const l = language(lang);
  const lex = lexiconOf(l);
  const spans: SentimentSpan[] = [];
  const tokens = typeof text === 'string' ? tokensOf(text, l) : [];
  if (lex) {
    // Where each sentence's last inner "but" is.
    let contrastAt: Map<number, number> | undefined;
    tokens.forEach((t, i) => {
      if (t.role === 'contrast' && i > 0 && tokens[i - 1]!.sentence === t.sentence) (contrastAt ??= new Map()).set(t.sentence, i);
    });
    // Clauses holding a scored word (or already a bare negation).
    const scored = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      let base: number | undefined;
      let last = i;
      for (const [words, weight] of lex.phrases.get(t.word) ?? []) {
        if (words.every((w, k) => tokens[i + k]?.word === w && tokens[i + k]!.clause === t.clause)) {
          base = weight;
          last = i + words.length - 1;
          break;
        }
      }
      const phrase = last > i;
      if (base === undefined) {
        if (t.role === 'word') base = weightOf(lex, l, t);
        else if (t.role === 'booster' || t.role === 'dampener') {
          // "super" alone is praise; "super fast" is an intensified "fast".
          const next = tokens[i + 1];
          const modifies = next && next.clause === t.clause && next.role === 'word' && weightOf(lex, l, next) !== undefined;
          if (!modifies) base = lex.words.get(t.word);
        }
      }
      if (base === undefined) continue;
      let weight = base;
      const reasons = [`"${phrase ? text.slice(t.start, tokens[last]!.end) : t.text}" ${fmt(base)}`];
      let negator: Token | undefined;
      for (let k = i - 1; k >= 0 && k >= i - WINDOW; k--) {
        const m = tokens[k]!;
        if (m.clause !== t.clause) break;
        if (m.role === 'booster') {
          weight *= BOOST;
          reasons.push(`×${BOOST} by "${m.text}"`);
        } else if (m.role === 'dampener') {
          weight *= DAMPEN;
          reasons.push(`×${DAMPEN} by "${m.text}"`);
        } else if (m.role === 'negation' && !phrase) negator ??= m;
      }
      // Verb-second languages negate from behind: "das gefällt mir nicht".
      for (let k = last + 1; !negator && !phrase && k <= last + l.negationAfter && k < tokens.length; k++) {
        const m = tokens[k]!;
        if (m.clause !== t.clause || (m.role === 'word' && weightOf(lex, l, m) !== undefined)) break;
        if (m.role === 'negation') negator = m;
      }
      if (negator) {
        weight *= NEGATION;
        reasons.push(`negated by "${negator.text}" (×${NEGATION})`);
      }
      const but = contrastAt?.get(t.sentence);
      if (but !== undefined) {
        const scale = i < but ? BEFORE_BUT : AFTER_BUT;
        weight *= scale;
        reasons.push(`×${scale} ${i < but ? 'before' : 'after'} "${tokens[but]!.text}"`);
      }
      spans.push({ text: text.slice(t.start, tokens[last]!.end), start: t.start, end: tokens[last]!.end, weight, base, reason: reasons.join(' · ') });
      scored.add(t.clause);
      i = last;
    }
    // A negation with nothing of the lexicon to negate is a complaint in
    // feedback: "doesn't work", "never arrived", "n'est pas livré".
    // Once per clause, and only in a clause with no opinion word ("ne … pas" is one negation).
    for (const t of tokens) {
      if (t.role !== 'negation' || scored.has(t.clause)) continue;
      scored.add(t.clause);
      spans.push({ text: t.text, start: t.start, end: t.end, weight: BARE_NEGATION, base: BARE_NEGATION, reason: `"${t.text}" negates no opinion word: a complaint ${BARE_NEGATION}` });
    }
    spans.sort((a, b) => a.start - b.start);
  }
  if (typeof text === 'string' && EMOTICON_HINT.test(text)) {
    const { pattern, weights } = emoticonLexicon();
    for (const m of text.matchAll(pattern)) {
      const base = weights.get(m[0].toLowerCase())!;
      spans.push({ text: m[0], start: m.index, end: m.index + m[0].length, weight: base, base, reason: `emoticon ${m[0]} ${fmt(base)}` });
    }
    spans.sort((a, b) => a.start - b.start);
  }
  const sum = spans.reduce((s, x) => s + x.weight, 0);
  return { score: sum === 0 ? 0 : sum / Math.sqrt(sum * sum + ALPHA), sum, spans, supported: lex !== null };
}
