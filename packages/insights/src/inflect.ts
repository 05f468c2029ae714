// English inflections back to the form a lexicon lists. AFINN and VADER list
// many inflected forms themselves; a Snowball stem also strips derivations
// and so finds the wrong word ("used" as "useful", "several" as "sever",
// "back" as "backing"). Only inflections are undone here: plural and third
// person -s, past -ed, -ing, comparative -er/-est and adverbial -ly, with the
// spelling rules that go with them (y/i, a silent e, a doubled consonant).

const VOWEL = /[aeiou]/;

/** The forms a folded English word may be an inflection of, most likely first. */
export function englishBases(word: string): string[] {
  const out: string[] = [];
  const n = word.length;
  if (n < 4 || !/^[a-z]+$/.test(word)) return out;
  const cut = (k: number): string => word.slice(0, n - k);
  const stem = (k: number): void => {
    const s = cut(k);
    if (s.length < 3 || !VOWEL.test(s)) return;
    out.push(s);
    // "loved" → "love", "nicer" → "nice"
    out.push(`${s}e`);
    // "stopped" → "stop", "bigger" → "big"
    if (s.length > 3 && s[s.length - 1] === s[s.length - 2] && !/[lsz]/.test(s[s.length - 1]!)) out.push(s.slice(0, -1));
    // "worried" → "worry", "happier" → "happy", "easily" → "easy"
    if (s.endsWith('i')) out.push(`${s.slice(0, -1)}y`);
  };
  if (word.endsWith('ing')) stem(3);
  else if (word.endsWith('ed')) stem(2);
  else if (word.endsWith('est')) stem(3);
  else if (word.endsWith('er')) stem(2);
  else if (word.endsWith('ly')) stem(2);
  else if (word.endsWith('ies')) out.push(`${cut(3)}y`);
  else if (word.endsWith('es')) out.push(cut(2), cut(1));
  else if (word.endsWith('s') && !word.endsWith('ss')) out.push(cut(1));
  return out;
}
