// A light Polish stemmer: Snowball has none for Polish and npm has no small,
// well-kept one, so this strips the common inflectional endings of nouns and
// adjectives ("dobra", "dobry", "dobrego" → "dobr"; "dostawy", "dostawa" →
// "dostaw"), longest first, leaving at least two letters. It conflates less
// than a real stemmer (verbs keep most of their endings) and never more than
// its endings allow.
const ENDINGS = ['owie', 'ego', 'emu', 'ymi', 'imi', 'ych', 'ich', 'ami', 'ach', 'iem', 'ej', 'ym', 'im', 'om', 'ów', 'ie', 'ia', 'iu', 'a', 'e', 'i', 'y', 'ą', 'ę', 'o', 'u'];

export function stemPolish(word: string): string {
  for (const e of ENDINGS) if (word.length - e.length >= 2 && word.endsWith(e)) return word.slice(0, -e.length);
  return word;
}
