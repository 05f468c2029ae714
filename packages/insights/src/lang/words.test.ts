import { describe, expect, it } from 'vitest';
import { lexiconOf } from '../lexicon.js';
import { LANGUAGES, language, langOf } from './index.js';

describe('word lists', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: stopwords never hold a negation, an intensifier, a contrast or an opinion word`, () => {
      const l = language(lang);
      for (const list of [l.stopwords, l.negations, l.boosters, l.contrasts]) expect(list.size).toBeGreaterThan(0);
      const modifiers = [...l.negations, ...l.boosters, ...l.dampeners, ...l.contrasts];
      expect(modifiers.filter((w) => l.stopwords.has(w))).toEqual([]);
      const lex = lexiconOf(l);
      if (lex) expect([...l.stopwords].filter((w) => lex.words.has(w))).toEqual([]);
    });
  }

  it('keeps the words common stopword lists wrongly remove', () => {
    const kept: Record<string, string[]> = {
      en: ['not', 'no', 'never', "don't", 'very', 'too', 'great', 'good', 'bad', 'but'],
      de: ['nicht', 'kein', 'sehr', 'zu', 'gut', 'aber'],
      fr: ['pas', 'ne', 'jamais', 'très', 'trop', 'bien', 'mais'],
      es: ['no', 'nunca', 'muy', 'pero'],
      it: ['non', 'mai', 'molto', 'troppo', 'ma'],
      pt: ['não', 'nunca', 'muito', 'mas'],
      nl: ['niet', 'geen', 'heel', 'te', 'maar'],
      pl: ['nie', 'bardzo', 'zbyt', 'ale'],
      sv: ['inte', 'mycket', 'för', 'men'],
    };
    for (const [lang, words] of Object.entries(kept)) {
      const l = language(lang);
      expect(words.filter((w) => l.stopwords.has(w)), lang).toEqual([]);
    }
  });

  it('reads BCP 47 tags', () => {
    expect(langOf('pt-BR')).toBe('pt');
    expect(langOf('zh-Hant-TW')).toBe('zh');
    expect(langOf('EN')).toBe('en');
    expect(langOf('iw')).toBe('he');
    expect(langOf('ru')).toBeNull();
  });
});
