import { describe, expect, it } from 'vitest';
import { parseLexicon } from './lexicon.js';
import emoticons from './lexicons/emoticons.js';
import en from './lexicons/en.js';
import fr from './lexicons/fr.js';
import it_ from './lexicons/it.js';
import nl from './lexicons/nl.js';
import pl from './lexicons/pl.js';
import sv from './lexicons/sv.js';

describe('front-coded lexicons', () => {
  it('decode to as many entries as their sources list (the count the build script wrote)', () => {
    // Entry counts of AFINN-en-165, -fr-165, -pl-165, -sv-165, AFINN-emoticon-8 and the Pattern lists (non-zero weights).
    const counts = { en: [en, 3380], fr: [fr, 2112], pl: [pl, 4059], sv: [sv, 2850], it: [it_, 1933], nl: [nl, 2457], emoticons: [emoticons, 88] } as const;
    for (const [name, [data, n]] of Object.entries(counts)) expect(parseLexicon(data).size, name).toBe(n);
  });

  it('restores words that share more than nine letters with the one before, and the first word of a weight', () => {
    const words = parseLexicon(en);
    // AFINN-en-165: "motherfucker" and "motherfucking" -5 (ten shared letters), "abhor" -3 (first of its line after "-3:").
    expect(words.get('motherfucker')).toBe(-5);
    expect(words.get('motherfucking')).toBe(-5);
    expect(words.get('abhor')).toBe(-3);
    expect(words.get('abhorrent')).toBe(-3);
    expect(words.get('good')).toBe(3);
    expect(words.get("can't stand")).toBe(-3);
    expect(parseLexicon(emoticons).get(':-)')).toBe(2);
    expect(parseLexicon('2:0ab\t2c\t0b\n-1:0x\t1yz')).toEqual(new Map([['ab', 2], ['abc', 2], ['b', 2], ['x', -1], ['xyz', -1]]));
  });
});
