// Stems with a per-language cache: feedback repeats its words, so most
// lookups hit and the Snowball code runs once per distinct word.
import type { Language } from './lang/index.js';

const MAX_CACHED = 50_000;
const caches = new Map<string, Map<string, string>>();

/** The stem of a folded word in `l` (the word itself where the language has no stemmer). */
export function stemOf(l: Language, word: string): string {
  if (!l.stem) return word;
  let cache = caches.get(l.lang);
  if (!cache) caches.set(l.lang, (cache = new Map()));
  let s = cache.get(word);
  if (s === undefined) {
    // Snowball stemmers expect letters; keep apostrophes and digits out of their way.
    s = /^[\p{L}\p{M}]+$/u.test(word) ? l.stem(word) || word : word;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, s);
  }
  return s;
}
