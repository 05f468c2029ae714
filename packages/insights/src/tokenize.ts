// Text to words: Unicode normalisation and case folding, words by Unicode
// letter classes (Intl.Segmenter for Japanese and Chinese), clitics apart,
// and the clause and sentence each word stands in. Offsets point into the
// text as given, so a span can be highlighted in the original comment.
import { language, type Language } from './lang/index.js';
import { stripArabic, stripHebrew, stripKorean } from './lang/clitics.js';

/** What a token does in its sentence. */
export type TokenRole = 'word' | 'stop' | 'negation' | 'booster' | 'dampener' | 'contrast' | 'number';

/** One word of a text. */
export interface Token {
  /** The word as written, `text.slice(start, end)`. */
  text: string;
  /** Folded (NFKC, lower case, marks removed where a script uses them optionally) and clitics apart. */
  word: string;
  /** UTF-16 offsets into the text given to {@link tokenize}. */
  start: number;
  end: number;
  /** Index of the clause: punctuation and contrast words ("but") start a new one. */
  clause: number;
  /** Index of the sentence (. ! ? and line breaks end one). */
  sentence: number;
  role: TokenRole;
}

// Letters, marks and digits, with inner apostrophes ("don't", "l'app").
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const SENTENCE_END = /[.!?。！？\n\r]/;
const CLAUSE_END = /[,;:、，；：()（）[\]{}"“”„«»–—…/|•·-]/;
const NUMBER = /^\p{N}+$/u;
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u0640]/g;
const HEBREW_MARKS = /[\u0591-\u05C7]/g;
const KEEP_WHOLE = new Set(["aujourd'hui", "prud'homme", "presqu'île"]);

/** NFKC, lower case, typographic apostrophes made plain. */
export function fold(text: string): string {
  // Plain ASCII needs no normalisation: the common case, and NFKC is not cheap.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'");
}
const ASCII = /^[ -~]*$/; // printable ASCII: no normalisation or apostrophe to fold


const segmenters = new Map<string, Intl.Segmenter | null>();
function segmenter(lang: string): Intl.Segmenter | null {
  if (!segmenters.has(lang)) {
    segmenters.set(lang, typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(lang, { granularity: 'word' }) : null);
  }
  return segmenters.get(lang)!;
}

/** For tests: pretend Intl.Segmenter is missing (or bring it back). */
export function useSegmenter(enabled: boolean): void {
  segmenters.clear();
  if (!enabled) for (const l of ['ja', 'zh']) segmenters.set(l, null);
}

// Without Intl.Segmenter: runs of one script. Chinese Han runs become single
// characters (the usual fallback of CJK indexers); Japanese keeps kanji and
// katakana runs whole, which is close to its words.
const CJK_RUNS = /\p{Script=Han}+|\p{Script=Hiragana}+|[\p{Script=Katakana}ー]+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

let zhModifiers: string[] | undefined;
const ZH_MODIFIERS = (l: Language): string[] =>
  (zhModifiers ??= [...l.negations, ...l.boosters, ...l.dampeners].sort((a, b) => b.length - a.length));

/** Word boundaries as flat [start, end, start, end, …] offsets (an array is much faster than a generator here). */
function rawWords(text: string, l: Language): number[] {
  const out: number[] = [];
  const add = (a: number, b: number): void => {
    out.push(a, b);
  };
  if (l.script === 'segmented') {
    const seg = segmenter(l.lang);
    if (seg) {
      for (const s of seg.segment(text)) {
        if (!s.isWordLike) continue;
        // ICU keeps "太慢" (too slow) and "不好" (not good) as one word; the modifier is a word of its own.
        const lead = l.lang === 'zh' ? ZH_MODIFIERS(l).find((m) => s.segment.length > m.length && s.segment.startsWith(m)) : undefined;
        if (lead) {
          add(s.index, s.index + lead.length);
          add(s.index + lead.length, s.index + s.segment.length);
        } else add(s.index, s.index + s.segment.length);
      }
      return out;
    }
    for (const m of text.matchAll(CJK_RUNS)) {
      if (l.lang === 'zh' && /^\p{Script=Han}/u.test(m[0])) {
        for (let i = 0; i < m[0].length; i++) add(m.index + i, m.index + i + 1);
      } else add(m.index, m.index + m[0].length);
    }
    return out;
  }
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const apostrophe = l.elision ? m[0].search(/['’]/) : -1;
    // French and Italian elision: "l'appli" is "l'" + "appli", "dell'ordine" is "dell'" + "ordine".
    if (l.elision && apostrophe > 0 && apostrophe <= 5 && !KEEP_WHOLE.has(fold(m[0]))) {
      add(start, start + apostrophe + 1);
      add(start + apostrophe + 1, end);
    } else add(start, end);
  }
  return out;
}

function foldWord(raw: string, l: Language): string {
  let w = fold(raw);
  switch (l.script) {
    case 'arabic':
      w = stripArabic(l, w.replace(ARABIC_MARKS, '').replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي'));
      break;
    case 'hebrew':
      w = stripHebrew(l, w.replace(HEBREW_MARKS, ''));
      break;
    case 'korean':
      w = stripKorean(l, w);
      break;
    default:
      // English possessive: "company's" counts as "company" (but "it's" is a stopword).
      if (l.lang === 'en' && w.endsWith("'s") && !l.stopwords.has(w)) w = w.slice(0, -2);
  }
  return w;
}

function roleOf(w: string, l: Language): TokenRole {
  if (l.contrasts.has(w)) return 'contrast';
  if (l.negations.has(w) || (l.lang === 'en' && w.endsWith("n't"))) return 'negation';
  if (l.boosters.has(w)) return 'booster';
  if (l.dampeners.has(w)) return 'dampener';
  if (l.stopwords.has(w)) return 'stop';
  if (NUMBER.test(w)) return 'number';
  // ICU splits Japanese inflections into single kana ("遅かった" → 遅|か|っ|た): alone they are no word.
  if (l.lang === 'ja' && w.length === 1 && /^[\p{Script=Hiragana}ー]$/u.test(w)) return 'stop';
  return 'word';
}

/**
 * Splits a text into its words, each folded, with its role (stopword,
 * negation, intensifier, contrast, number or word), its clause and sentence,
 * and its offsets in `text`. `lang` is one of the 14 languages or a BCP 47
 * tag under one (`'pt-BR'`); throws E_ARGUMENT_INVALID for another.
 *
 * @example
 * tokenize("The app isn't fast, but support was great.", 'en').map((t) => t.word);
 * // ['the', 'app', "isn't", 'fast', 'but', 'support', 'was', 'great']
 */
export function tokenize(text: string, lang: string): Token[] {
  // Copies: the shared tokens of the last text must not be changed by a caller.
  return tokensOf(text, language(lang)).map((t) => ({ ...t }));
}

// terms() and sentiment() usually run on the same comment one after the
// other: the last tokenisation is kept (tokens are never changed after).
let memo: { text: string; lang: string; tokens: Token[] } | undefined;

/** @internal The tokens of a text, shared with the last caller: do not change them. */
export function tokensOf(text: string, l: Language): Token[] {
  if (memo && memo.text === text && memo.lang === l.lang) return memo.tokens;
  const tokens = scan(text, l);
  memo = { text, lang: l.lang, tokens };
  return tokens;
}

function scan(text: string, l: Language): Token[] {
  const out: Token[] = [];
  if (typeof text !== 'string' || text === '') return out;
  let clause = 0;
  let sentence = 0;
  let last = 0;
  const bounds = rawWords(text, l);
  for (let b = 0; b < bounds.length; b += 2) {
    const start = bounds[b]!;
    const end = bounds[b + 1]!;
    const gap = text.slice(last, start);
    if (out.length > 0) {
      if (SENTENCE_END.test(gap)) {
        sentence++;
        clause++;
      } else if (CLAUSE_END.test(gap)) clause++;
    }
    last = end;
    const raw = text.slice(start, end);
    const word = foldWord(raw, l);
    if (!word) continue;
    const role = roleOf(word, l);
    if (role === 'contrast' && out.length > 0 && out[out.length - 1]!.clause === clause) clause++;
    out.push({ text: raw, word, start, end, clause, sentence, role });
  }
  return out;
}
