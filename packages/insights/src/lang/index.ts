// The 14 languages insights knows, and what each brings: its word lists, its
// stemmer (where a well-kept one exists) and how its words are found.
import { stemmer as stemAr } from '@orama/stemmers/arabic';
import { stemmer as stemDe } from '@orama/stemmers/german';
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { stemmer as stemFr } from '@orama/stemmers/french';
import { stemmer as stemIt } from '@orama/stemmers/italian';
import { stemmer as stemNl } from '@orama/stemmers/dutch';
import { stemmer as stemPt } from '@orama/stemmers/portuguese';
import { stemmer as stemSv } from '@orama/stemmers/swedish';
import { SaysoError } from '@sayso/core';
import { stemPolish } from './polish.js';
import { WORDS } from './words.js';

/** A language insights supports: the 14 the widget speaks. */
export type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'pt' | 'nl' | 'pl' | 'sv' | 'ja' | 'zh' | 'ko' | 'ar' | 'he';

/** Every supported language, in a stable order. */
export const LANGUAGES: readonly Lang[] = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'ja', 'zh', 'ko', 'ar', 'he'];

/** How a language's words are found in text. */
export type Script = 'alphabetic' | 'segmented' | 'korean' | 'arabic' | 'hebrew';

/** Everything the tokeniser, terms and sentiment need about one language. */
export interface Language {
  lang: Lang;
  script: Script;
  /** Snowball stemmer from @orama/stemmers, a light one for Polish; `null` where none exists (ja, zh, ko, he). */
  stem: ((word: string) => string) | null;
  /** French and Italian write "l'", "n'", "dell'" onto the next word. */
  elision: boolean;
  /** Verb-second languages also negate with a negation after the word ("gefällt mir nicht"). */
  negationAfter: number;
  stopwords: ReadonlySet<string>;
  negations: ReadonlySet<string>;
  boosters: ReadonlySet<string>;
  dampeners: ReadonlySet<string>;
  contrasts: ReadonlySet<string>;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(' ').filter(Boolean));

const SETUP: Record<Lang, Pick<Language, 'script' | 'stem' | 'elision' | 'negationAfter'>> = {
  en: { script: 'alphabetic', stem: stemEn, elision: false, negationAfter: 0 },
  de: { script: 'alphabetic', stem: stemDe, elision: false, negationAfter: 3 },
  fr: { script: 'alphabetic', stem: stemFr, elision: true, negationAfter: 1 },
  es: { script: 'alphabetic', stem: stemEs, elision: false, negationAfter: 0 },
  it: { script: 'alphabetic', stem: stemIt, elision: true, negationAfter: 0 },
  pt: { script: 'alphabetic', stem: stemPt, elision: false, negationAfter: 0 },
  nl: { script: 'alphabetic', stem: stemNl, elision: false, negationAfter: 3 },
  // No Polish stemmer in Snowball nor a well-kept small one on npm: a light suffix stripper.
  pl: { script: 'alphabetic', stem: stemPolish, elision: false, negationAfter: 0 },
  sv: { script: 'alphabetic', stem: stemSv, elision: false, negationAfter: 2 },
  ja: { script: 'segmented', stem: null, elision: false, negationAfter: 0 },
  zh: { script: 'segmented', stem: null, elision: false, negationAfter: 0 },
  ko: { script: 'korean', stem: null, elision: false, negationAfter: 0 },
  ar: { script: 'arabic', stem: stemAr, elision: false, negationAfter: 0 },
  he: { script: 'hebrew', stem: null, elision: false, negationAfter: 0 },
};

const cache = new Map<Lang, Language>();
const byTag = new Map<string, Language>();

/** True for one of the 14 supported language codes. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language a BCP 47 tag (`'pt-BR'`, `'zh-Hans-CN'`, `'EN'`) falls under,
 * or `null` when insights does not support it.
 *
 * @example
 * langOf('pt-BR'); // 'pt'
 * langOf('ru');    // null
 */
export function langOf(tag: string): Lang | null {
  const base = String(tag).trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'iw') return 'he'; // the pre-1989 code some systems still send
  return isLang(base) ? base : null;
}

/** The setup of `lang` (a code or a BCP 47 tag); throws E_ARGUMENT_INVALID for an unsupported one. */
export function language(lang: string, path = 'lang'): Language {
  // Called once per comment: the tag as given is looked up before it is parsed.
  const hit = byTag.get(lang);
  if (hit) return hit;
  const code = langOf(lang);
  if (!code) {
    throw new SaysoError('E_ARGUMENT_INVALID', `unsupported language ${JSON.stringify(lang)}; expected one of ${LANGUAGES.join(' ')}`, { path });
  }
  let l = cache.get(code);
  if (!l) {
    const w = WORDS[code]!;
    l = {
      lang: code,
      ...SETUP[code],
      stopwords: set(w.stopwords),
      negations: set(w.negations),
      boosters: set(w.boosters),
      dampeners: set(w.dampeners),
      contrasts: set(w.contrasts),
    };
    cache.set(code, l);
  }
  if (typeof lang === 'string' && byTag.size < 1000) byTag.set(lang, l);
  return l;
}
