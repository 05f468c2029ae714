// Sentiment per comment, explainable: a score in −1..1 and the words that
// made it. Lexicon-based, in the way of VADER (Hutto & Gilbert 2014, "VADER:
// A Parsimonious Rule-based Model for Sentiment Analysis of Social Media
// Text", ICWSM): a negation flips and damps the opinion words after it
// (×−0.74; in English up to the end of its clause, elsewhere three words), a
// booster scales a word up, a dampener down; in a sentence with "but" the
// words before it count half and the words after it one and a half times,
// and a concessive clause ("although …") counts half against the rest of
// its sentence; words in capitals and sentences ending in "!" count more.
import { language, type Lang, type Language } from './lang/index.js';
import { contrastOf } from './contrast.js';
import { comparedWithThis, likeIsVerb, neverSo, unsurpassed } from './english-rules.js';
import { englishBases } from './inflect.js';
import { emoticonLexicon, lexiconOf, LEXICON_SOURCES, type Lexicon } from './lexicon.js';
import { ratingsIn } from './ratings.js';
import { stemOf } from './stem.js';
import { tokensOf, type Token } from './tokenize.js';

/** One word or phrase that moved the score. */
export interface SentimentSpan {
  /** As written in the comment: `text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** What it added to the raw sum, after negation, intensifiers, contrast and emphasis. */
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
  /** Whether the language has a word lexicon (else only emoticons, emoji and ratings score). */
  supported: boolean;
}

const NEGATION = -0.74;
const BOOST = 1.3;
const DAMPEN = 0.6;
const CAPS = 1.5;
const EXCLAIM = 1.2;
const ALPHA = 15;
const BOOST_WINDOW = 3;
const BARE_NEGATION = -1;
const UNSURPASSED_PRAISE = 2;
const NEVER_SO = 1.25;
const WINDOW = 3;
// Every emoticon holds one of these, every emoji is a pictograph; most comments hold none
// (a test for any non-ASCII letter would send nearly every French or Japanese comment through the big pattern).
const EMOTICON_HINT = /[:;=<()/]|x-?[do]|8[-d]|\p{Extended_Pictographic}/iu;

/** The languages with a sentiment lexicon, and where each lexicon comes from. */
export function sentimentLanguages(): Readonly<Partial<Record<Lang, string>>> {
  return LEXICON_SOURCES;
}

const fmt = (n: number): string => (n > 0 ? `+${n}` : String(n));

function weightOf(lex: Lexicon, l: Language, word: string): number | undefined {
  const w = lex.words.get(word);
  if (w !== undefined) return w;
  if (l.lang !== 'en') return lex.stems.size ? lex.stems.get(stemOf(l, word)) : undefined;
  // English: undo inflections only (a Snowball stem also strips derivations: "used" is not "useful").
  // Cached: most words of a comment are in no lexicon, and feedback repeats its words.
  let v = inflected.get(word);
  if (v === undefined) {
    v = null;
    for (const base of englishBases(word)) if ((v = lex.words.get(base) ?? null) !== null) break;
    if (inflected.size >= 50_000) inflected.clear();
    inflected.set(word, v);
  }
  return v ?? undefined;
}
const inflected = new Map<string, number | null>();

/**
 * The sentiment of one comment: a score in −1..1 and the spans (words and
 * phrases of the lexicon, emoticons, emoji and written ratings such as
 * "8/10") that made it, each with its weight and the reason for it.
 * Languages without a lexicon (see {@link sentimentLanguages}) score
 * emoticons, emoji and ratings only and say `supported: false`.
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
    const en = l.lang === 'en';
    const contrast = contrastOf(tokens, en);
    // Capitals stand out only in a comment that is not all capitals.
    const shouting = tokens.length > 0 && /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
    // Clauses holding a scored word (or already a bare negation), and negations a phrase used up.
    const scored = new Set<number>();
    const spent = new Set<number>();
    const bangs = exclamations(text, tokens);
    // The negation (its index) whose scope the current token is in: in English
    // up to the end of its clause ("and" ends it too: "not cheap and rude"; "or"
    // does not: "not fast or reliable"), elsewhere three words.
    let negator = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (negator >= 0 && (tokens[negator]!.clause !== t.clause || (en ? t.word === 'and' : i - negator > WINDOW))) negator = -1;
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
      let ownNegation = false;
      for (let k = i; phrase && k <= last; k++) {
        if (tokens[k]!.role !== 'negation') continue;
        spent.add(k);
        ownNegation = true;
      }
      if (base === undefined) {
        if (t.role === 'negation') {
          negator = i;
          continue;
        }
        if (t.role === 'word') {
          if (!en || t.word !== 'like' || likeIsVerb(tokens, i)) base = weightOf(lex, l, t.word);
        } else if (t.role === 'booster' || t.role === 'dampener') {
          // "super" alone is praise; "super fast" is an intensified "fast".
          const next = tokens[i + 1];
          const modifies = next && next.clause === t.clause && next.role === 'word' && weightOf(lex, l, next.word) !== undefined;
          if (!modifies) base = lex.words.get(t.word);
        }
      }
      if (base === undefined) continue;
      if (base === 0) {
        // A phrase that means nothing for sentiment and uses up its negation: "can't believe", "not only".
        i = last;
        continue;
      }
      let weight = base;
      const written = text.slice(t.start, tokens[last]!.end);
      const reasons = [`"${written}" ${fmt(base)}`];
      for (let k = i - 1; k >= 0 && k >= i - BOOST_WINDOW; k--) {
        const m = tokens[k]!;
        if (m.clause !== t.clause) break;
        if (m.role === 'booster') {
          weight *= BOOST;
          reasons.push(`×${BOOST} by "${m.text}"`);
        } else if (m.role === 'dampener') {
          weight *= DAMPEN;
          reasons.push(`×${DAMPEN} by "${m.text}"`);
        }
      }
      // English phrases are negated like words ("won't be coming back") unless they hold their own negation;
      // elsewhere a phrase is taken as written ("pas bon").
      let by = phrase && (!en || ownNegation) ? -1 : negator;
      // Verb-second languages negate from behind: "das gefällt mir nicht".
      for (let k = last + 1; by < 0 && !phrase && k <= last + l.negationAfter && k < tokens.length; k++) {
        const m = tokens[k]!;
        if (m.clause !== t.clause || (m.role === 'word' && weightOf(lex, l, m.word) !== undefined)) break;
        if (m.role === 'negation') by = k;
      }
      const praise = en && by >= 0 ? unsurpassed(tokens, by, i) : undefined;
      if (praise) {
        reasons.push(`"${tokens[by]!.text}" … "${praise.text}": not negated`);
        spent.add(by);
        by = -1;
      }
      if (en && by >= 0 && neverSo(tokens, by, i)) {
        // "I've never been so disappointed": emphasis, not negation (VADER's rule).
        weight *= NEVER_SO;
        reasons.push(`×${NEVER_SO} by "${tokens[by]!.text} … so"`);
        spent.add(by);
        by = -1;
      }
      if (by >= 0) {
        weight *= NEGATION;
        reasons.push(`negated by "${tokens[by]!.text}" (×${NEGATION})`);
        spent.add(by);
      }
      const than = en && !phrase ? comparedWithThis(tokens, i) : undefined;
      if (than) {
        // "sounds better than these": the comment's subject is the lesser.
        weight = -weight;
        reasons.push(`compared "than ${than.text}": the other is ${base > 0 ? 'better' : 'worse'} (×-1)`);
      }
      const c = contrast?.[i];
      if (c) {
        weight *= c.scale;
        reasons.push(c.why);
      }
      if (!shouting && written.length > 1 && written === written.toUpperCase() && /\p{Lu}/u.test(written)) {
        weight *= CAPS;
        reasons.push(`×${CAPS} in capitals`);
      }
      const bang = bangs[t.sentence] ?? 0;
      if (bang) {
        const scale = Math.round(EXCLAIM ** bang * 1000) / 1000;
        weight *= scale;
        reasons.push(`×${scale} by "${'!'.repeat(bang)}"`);
      }
      spans.push({ text: written, start: t.start, end: tokens[last]!.end, weight, base, reason: reasons.join(' · ') });
      scored.add(t.clause);
      i = last;
    }
    // A negation with nothing of the lexicon to negate is a complaint in
    // feedback: "doesn't work", "never arrived", "n'est pas livré".
    // Once per clause, and only in a clause with no opinion word ("ne … pas" is one negation).
    tokens.forEach((t, i) => {
      if (t.role !== 'negation' || scored.has(t.clause) || spent.has(i)) return;
      scored.add(t.clause);
      // "I couldn't ask for more": nothing to negate, and praise.
      const praise = l.lang === 'en' ? unsurpassed(tokens, i, tokens.length) : undefined;
      if (praise) {
        const end = praise.end;
        spans.push({ text: text.slice(t.start, end), start: t.start, end, weight: UNSURPASSED_PRAISE, base: UNSURPASSED_PRAISE, reason: `"${t.text}" … "${praise.text}": nothing could be better ${fmt(UNSURPASSED_PRAISE)}` });
        return;
      }
      spans.push({ text: t.text, start: t.start, end: t.end, weight: BARE_NEGATION, base: BARE_NEGATION, reason: `"${t.text}" negates no opinion word: a complaint ${BARE_NEGATION}` });
    });
  }
  if (typeof text === 'string') {
    if (EMOTICON_HINT.test(text)) {
      const { pattern, weights } = emoticonLexicon();
      for (const m of text.matchAll(pattern)) {
        const base = weights.get(m[0].toLowerCase())!;
        spans.push({ text: m[0], start: m.index, end: m.index + m[0].length, weight: base, base, reason: `${/^[ -~]+$/.test(m[0]) ? 'emoticon' : 'emoji'} ${m[0]} ${fmt(base)}` });
      }
    }
    spans.push(...ratingsIn(text));
  }
  spans.sort((a, b) => a.start - b.start);
  const sum = spans.reduce((s, x) => s + x.weight, 0);
  return { score: sum === 0 ? 0 : sum / Math.sqrt(sum * sum + ALPHA), sum, spans, supported: lex !== null };
}

/** Per sentence, how many "!" (up to 3) follow its last word. */
function exclamations(text: string, tokens: readonly Token[]): number[] {
  const out: number[] = [];
  if (tokens.length === 0 || !text.includes('!')) return out;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (next && next.sentence === t.sentence) continue;
    let n = 0;
    for (let p = t.end, end = next ? next.start : text.length; p < end && n < 3; p++) if (text.charCodeAt(p) === 33) n++;
    out[t.sentence] = n;
  }
  return out;
}
