// Text to the terms that insights counts: stemmed unigrams and bigrams of
// adjacent kept words in one clause.
import { language } from './lang/index.js';
import { stemOf } from './stem.js';
import { themesIn, themeTerm, type Themes } from './themes.js';
import { tokensOf, type Token } from './tokenize.js';
import { textVersion } from './version.js';

/** Options of {@link terms}. */
export interface TermsOptions {
  /** Include bigrams ("late delivery", "not working"). @default true */
  bigrams?: boolean;
  /** Each term at most once (counting comments that mention a term, as insights does). @default true */
  unique?: boolean;
  /** Custom themes (from {@link defineThemes}) to add as terms `theme:<name>` when the comment mentions them. */
  themes?: Themes;
}

/** The result of {@link terms}. */
export interface Terms {
  /** Term keys: stems, and two stems joined by a space for a bigram. Stable across runs for one {@link TextVersion}. */
  terms: string[];
  /** For each term, the words as written (folded), for display: `'deliveries'` for the key `'deliveri'`. */
  forms: string[];
  /** {@link textVersion}'s id: store it with counts made from these terms. */
  version: string;
}

// A modifier leads its bigram ("too expensive", "not working"); only verb-second
// languages also negate from behind ("funktioniert nicht", "werkt niet").
const pairs = (a: Token, b: Token, negationAfter: boolean): boolean =>
  b.role === 'word' ? true : a.role === 'word' && b.role === 'negation' && negationAfter;

// "and" and "or" join two things, not one phrase: "late delivery and the app
// crashed" has no term "delivery app".
const JOINERS: Record<string, ReadonlySet<string>> = {
  en: new Set(['and', 'or']), de: new Set(['und', 'oder']), fr: new Set(['et', 'ou']), es: new Set(['y', 'e', 'o', 'u']),
  it: new Set(['e', 'ed', 'o']), pt: new Set(['e', 'ou']), nl: new Set(['en', 'of']), pl: new Set(['i', 'oraz', 'lub']),
  sv: new Set(['och', 'eller']), zh: new Set(['和', '或', '与', '及']), ja: new Set(['と', 'や']), ko: new Set(['그리고']),
};
const NONE: ReadonlySet<string> = new Set();

const kept = (t: Token): boolean => t.role === 'word' || t.role === 'negation' || t.role === 'booster' || t.role === 'dampener';

/**
 * The terms of one comment: stems of its words (stopwords, numbers and
 * contrast words apart) and bigrams of adjacent kept words in the same clause.
 * Negations and intensifiers never stand alone as a term (they would top
 * every list and say nothing), but they stay inside bigrams, so "not working"
 * and "too expensive" are terms.
 *
 * @example
 * terms('Delivery was late, not working at all', 'en');
 * // { terms: ['deliveri', 'late', 'deliveri late', 'work', 'not work'], forms: ['delivery', 'late', 'delivery late', 'working', 'not working'], version: 'terms/2 …' }
 */
export function terms(text: string, lang: string, options: TermsOptions = {}): Terms {
  const l = language(lang);
  const { bigrams = true, unique = true } = options;
  const out: string[] = [];
  const forms: string[] = [];
  const seen = unique ? new Set<string>() : null;
  const add = (key: string, form: string): void => {
    if (seen) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    out.push(key);
    forms.push(form);
  };
  let prev: Token | null = null;
  let prevKey = '';
  const tokens = tokensOf(text, l);
  const joiners = JOINERS[l.lang] ?? NONE;
  for (const t of tokens) {
    if (!kept(t)) {
      // A stopword does not break a bigram ("not the best" gives "not best"); a new clause does.
      if (t.role === 'contrast' || t.role === 'number' || joiners.has(t.word)) prev = null;
      continue;
    }
    const key = stemOf(l, t.word);
    if (t.role === 'word' && (t.word.length > 1 || l.script === 'segmented')) add(key, t.word);
    if (bigrams && prev && prev.clause === t.clause && pairs(prev, t, l.negationAfter >= 2)) add(`${prevKey} ${key}`, `${prev.word} ${t.word}`);
    prev = t;
    prevKey = key;
  }
  if (options.themes) {
    const stems = tokens.filter((t) => t.role !== 'stop' && t.role !== 'contrast').map((t) => stemOf(l, t.word));
    for (const name of themesIn(stems, l.lang, options.themes)) add(themeTerm(name), name);
  }
  return { terms: out, forms, version: textVersion().id };
}
