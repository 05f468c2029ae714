// Sentiment lexicons, shipped as compact strings (see scripts/build-lexicons.mjs)
// and parsed on first use per language.
import type { Lang, Language } from './lang/index.js';
import { stemOf } from './stem.js';
import { fold } from './tokenize.js';
import emoticonsData from './lexicons/emoticons.js';
import en from './lexicons/en.js';
import enFeedback from './lexicons/en-feedback.js';
import emoji from './lexicons/emoji.js';
import fr from './lexicons/fr.js';
import it from './lexicons/it.js';
import nl from './lexicons/nl.js';
import pl from './lexicons/pl.js';
import sv from './lexicons/sv.js';

/** Where each language's sentiment lexicon comes from. Languages not listed have no sentiment (emoticons only). */
export const LEXICON_SOURCES: Readonly<Partial<Record<Lang, string>>> = {
  en: 'AFINN-en-165, Finn Årup Nielsen (Apache-2.0)',
  fr: 'AFINN-fr-165, Finn Årup Nielsen (Apache-2.0)',
  pl: 'AFINN-pl-165, Finn Årup Nielsen (Apache-2.0)',
  sv: 'AFINN-sv-165, Finn Årup Nielsen (Apache-2.0)',
  it: 'Pattern it-sentiment, CLiPS, University of Antwerp (BSD-3-Clause)',
  nl: 'Pattern nl-sentiment, CLiPS, University of Antwerp (PDDL)',
};

const STEMLESS = new Set<Lang>(['en']);

// Words a lexicon scores that name things in feedback: "the support was slow"
// says nothing good about anything.
// AFINN-fr is a machine translation of the English list, and some entries
// are the translation of another sense: "prix" is "prize" (+3) where feedback
// means "price", "cher" is "dear" (+2) where it means "expensive", "plus" and
// "comme" are "plus" and "like". They are neutral here, and "cher" is scored as
// the complaint it is in feedback ("trop cher").
const NEUTRAL: Partial<Record<Lang, ReadonlySet<string>>> = {
  en: new Set(['support', 'care', 'supports', 'supported']),
  fr: new Set(['prix', 'plus', 'comme', 'attention', 'professionnel', 'chef', 'type', 'sens', 'phrase', 'phrases', 'question', 'frais', 'support', 'clair', 'arrêt', 'dire', 'croire', 'fin', 'ciel']),
};
const CORRECTED: Partial<Record<Lang, ReadonlyMap<string, number>>> = { fr: new Map([['cher', -2], ['chère', -2], ['chers', -2], ['chères', -2]]) };

const DATA: Partial<Record<Lang, string>> = { en, fr, it, nl, pl, sv };
// Multi-word expressions of feedback written here, beside the published lists.
const FEEDBACK: Partial<Record<Lang, Record<string, number>>> = { en: enFeedback };

/** One language's lexicon, ready for lookups. */
export interface Lexicon {
  /** Folded single word → weight (−5..5). */
  words: Map<string, number>;
  /** Stem → mean weight of the lexicon words with that stem: catches forms the list does not have. */
  stems: Map<string, number>;
  /** First word of a phrase → [the phrase's words, weight], longest first. */
  phrases: Map<string, [string[], number][]>;
}

/** @internal One lexicon string (see scripts/build-lexicons.mjs) as word → weight. */
export function parseLexicon(data: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of data.split('\n')) {
    const colon = line.indexOf(':');
    const weight = Number(line.slice(0, colon));
    // Front-coded (scripts/build-lexicons.mjs): a digit, the letters shared with the word before, then the rest.
    let previous = '';
    for (const coded of line.slice(colon + 1).split('\t')) {
      previous = previous.slice(0, Number(coded[0])) + coded.slice(1);
      map.set(previous, weight);
    }
  }
  return map;
}

const lexicons = new Map<Lang, Lexicon | null>();

/** The lexicon of a language, `null` where there is none. */
export function lexiconOf(l: Language): Lexicon | null {
  if (lexicons.has(l.lang)) return lexicons.get(l.lang)!;
  const data = DATA[l.lang];
  let lex: Lexicon | null = null;
  if (data) {
    lex = { words: new Map(), stems: new Map(), phrases: new Map() };
    const sums = new Map<string, [number, number]>();
    for (const [entry, listed] of parseLexicon(data)) {
      let weight = listed;
      const parts = fold(entry).split(/\s+/).filter(Boolean);
      if (parts.length === 0) continue;
      if (parts.length === 1) {
        const w = parts[0]!;
        // A word that negates, intensifies or contrasts is handled as such, never scored on its own.
        if (l.negations.has(w) || l.contrasts.has(w) || l.stopwords.has(w) || NEUTRAL[l.lang]?.has(w)) continue;
        weight = CORRECTED[l.lang]?.get(w) ?? weight;
        lex.words.set(w, weight);
        const s = stemOf(l, w);
        const sum = sums.get(s) ?? [0, 0];
        sum[0] += weight;
        sum[1]++;
        sums.set(s, sum);
      } else {
        const list = lex.phrases.get(parts[0]!) ?? [];
        list.push([parts, weight]);
        lex.phrases.set(parts[0]!, list);
      }
    }
    // AFINN-en lists the inflected forms itself, where stems only add false hits
    // ("several" as "sever"); the other lists are mostly lemmas and need them.
    if (!STEMLESS.has(l.lang)) for (const [s, [sum, n]] of sums) if (sum !== 0) lex.stems.set(s, sum / n);
    for (const w of NEUTRAL[l.lang] ?? []) lex.stems.delete(stemOf(l, w));
    // A corrected word's forms follow it ("chers" is as expensive as "cher", not an average with "chèrement").
    for (const [w, weight] of CORRECTED[l.lang] ?? []) lex.stems.set(stemOf(l, w), weight);
    for (const [entry, weight] of Object.entries(FEEDBACK[l.lang] ?? {})) {
      const parts = fold(entry).split(' ');
      const list = lex.phrases.get(parts[0]!) ?? [];
      list.push([parts, weight]);
      lex.phrases.set(parts[0]!, list);
    }
    for (const list of lex.phrases.values()) list.sort((a, b) => b[0].length - a[0].length);
  }
  lexicons.set(l.lang, lex);
  return lex;
}

let emoticons: { pattern: RegExp; weights: Map<string, number> } | undefined;

/** ASCII emoticons (AFINN-emoticon-8) and common emoji, scored in every language. */
export function emoticonLexicon(): { pattern: RegExp; weights: Map<string, number> } {
  if (!emoticons) {
    const weights = parseLexicon(emoticonsData);
    const escape = (e: string): string => e.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const escaped = [...weights.keys()].sort((a, b) => b.length - a.length).map(escape);
    const pictures = Object.keys(emoji).sort((a, b) => b.length - a.length).map(escape);
    for (const [e, weight] of Object.entries(emoji)) weights.set(e, weight);
    // Emoticons stand alone ("http://x" and "(a)" are none); emoji are often written onto a word ("great👍").
    emoticons = { pattern: new RegExp(`(?<=^|\\s)(?:${escaped.join('|')})(?=$|\\s|[.,!?])|${pictures.join('|')}`, 'giu'), weights };
  }
  return emoticons;
}
