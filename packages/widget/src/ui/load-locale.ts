// npm build: each language is an ES module the bundler splits into its own
// chunk. A literal import() per language (not a template) so every bundler
// can see and split them.
import type { ChunkSource } from './locale.js';
import type { LocaleStrings } from './strings.js';

type Loader = () => Promise<{ default: LocaleStrings }>;

const chunks: Record<string, Loader> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  it: () => import('./locales/it.js'),
  pt: () => import('./locales/pt.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  sv: () => import('./locales/sv.js'),
  ja: () => import('./locales/ja.js'),
  zh: () => import('./locales/zh.js'),
  ko: () => import('./locales/ko.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
};

/** Loads one language's strings (undefined for a language without a chunk). */
export async function loadLocale(lang: string, _from: ChunkSource): Promise<LocaleStrings | undefined> {
  return (await chunks[lang]?.())?.default;
}
