// Custom themes: a user names a theme and its words in several languages;
// a comment is tagged with it when any of the words occurs (by stem, in the
// comment's language), and the theme is counted like a term.
import { SaysoError } from '@sayso/core';
import { language, type Lang } from './lang/index.js';
import { stemOf } from './stem.js';
import { tokenize, tokensOf, type Token } from './tokenize.js';

/** A theme as a user writes it. */
export interface ThemeDefinition {
  /** Shown as the theme's label; also its term key, `theme:<name>`. */
  name: string;
  /** Words or short phrases in any of the languages: `['price', 'expensive', 'teuer', 'cher', 'caro', 'too expensive']`. */
  words: readonly string[];
}

/** Themes checked once, ready to match comments in any language. */
export interface Themes {
  readonly definitions: readonly ThemeDefinition[];
  /** @internal per-language stem sequences, built on first use */
  readonly compiled: Map<Lang, { name: string; phrases: string[][] }[]>;
}

/** The term key a custom theme is counted under beside found terms. */
export const themeTerm = (name: string): string => `theme:${name}`;

const content = (t: Token): boolean => t.role !== 'stop' && t.role !== 'contrast';

/**
 * Checks theme definitions (a clear error naming `themes[i].words[j]` for a bad
 * one) and prepares them for {@link matchThemes} and the `themes` option of
 * {@link terms}.
 *
 * @example
 * const themes = defineThemes([{ name: 'Pricing', words: ['price', 'expensive', 'cost', 'teuer', 'cher', 'caro'] }]);
 * matchThemes('Viel zu teuer!', 'de', themes); // ['Pricing']
 */
export function defineThemes(themes: readonly ThemeDefinition[]): Themes {
  if (!Array.isArray(themes)) throw new SaysoError('E_ARGUMENT_INVALID', 'themes must be an array', { path: 'themes' });
  const names = new Set<string>();
  const definitions = themes.map((t, i) => {
    if (t === null || typeof t !== 'object' || typeof t.name !== 'string' || t.name.trim() === '') {
      throw new SaysoError('E_ARGUMENT_INVALID', 'a theme needs a non-empty name', { path: `themes[${i}].name` });
    }
    if (names.has(t.name)) throw new SaysoError('E_ARGUMENT_INVALID', `theme ${JSON.stringify(t.name)} is defined twice`, { path: `themes[${i}].name` });
    names.add(t.name);
    if (!Array.isArray(t.words) || t.words.length === 0) throw new SaysoError('E_ARGUMENT_INVALID', 'a theme needs at least one word', { path: `themes[${i}].words` });
    (t.words as readonly unknown[]).forEach((w, j) => {
      if (typeof w !== 'string' || !/[\p{L}\p{N}]/u.test(w)) throw new SaysoError('E_ARGUMENT_INVALID', 'a theme word must be a string with a letter', { path: `themes[${i}].words[${j}]` });
    });
    return { name: t.name, words: [...t.words] as string[] };
  });
  return { definitions, compiled: new Map() };
}

function compiled(themes: Themes, lang: Lang): { name: string; phrases: string[][] }[] {
  let c = themes.compiled.get(lang);
  if (!c) {
    const l = language(lang);
    c = themes.definitions.map((d) => ({
      name: d.name,
      phrases: d.words.map((w) => tokenize(w, lang).filter(content).map((t) => stemOf(l, t.word))).filter((p) => p.length > 0),
    }));
    themes.compiled.set(lang, c);
  }
  return c;
}

/** The stems of a comment's content words, for matching. */
export function contentStems(text: string, lang: Lang): string[] {
  const l = language(lang);
  return tokensOf(text, l).filter(content).map((t) => stemOf(l, t.word));
}

/** The names of the themes whose words occur in the stems, in definition order. */
export function themesIn(stems: readonly string[], lang: Lang, themes: Themes): string[] {
  const out: string[] = [];
  for (const { name, phrases } of compiled(themes, lang)) {
    if (phrases.some((p) => stems.some((_, i) => p.every((s, k) => stems[i + k] === s)))) out.push(name);
  }
  return out;
}

/**
 * The custom themes a comment mentions, in definition order. A theme word
 * matches a word of the comment with the same stem in the comment's language
 * ("expensive" matches "expensive", "prices" matches "price"); a phrase
 * matches the same words in a row, stopwords apart.
 */
export function matchThemes(text: string, lang: string, themes: Themes): string[] {
  const l = language(lang);
  return themesIn(contentStems(text, l.lang), l.lang, themes);
}
