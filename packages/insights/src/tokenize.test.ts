import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from './lang/index.js';
import { terms } from './terms.js';
import { tokenize, useSegmenter } from './tokenize.js';

const words = (text: string, lang: string): string[] => tokenize(text, lang).filter((t) => t.role === 'word').map((t) => t.word);

// A real feedback sentence per language, and its content words as a native
// reader splits them (articles, particles and clitics apart).
const native: Record<string, [string, string[]]> = {
  en: ["The delivery's tracking wasn't updated, but support replied fast.", ['delivery', 'tracking', 'updated', 'support', 'replied', 'fast']],
  de: ['Die Lieferung kam zwei Tage zu spät, aber der Kundenservice war freundlich.', ['lieferung', 'kam', 'zwei', 'tage', 'spät', 'kundenservice', 'freundlich']],
  fr: ["L'appli plante quand j'ouvre l'historique des commandes.", ['appli', 'plante', 'quand', 'ouvre', 'historique', 'commandes']],
  es: ['El envío llegó tarde y el embalaje estaba roto.', ['envío', 'llegó', 'tarde', 'embalaje', 'roto']],
  it: ["Dell'ordine è arrivata solo metà, l'assistenza non risponde.", ['ordine', 'arrivata', 'solo', 'metà', 'assistenza', 'risponde']],
  pt: ['A entrega atrasou e o atendimento foi péssimo.', ['entrega', 'atrasou', 'atendimento', 'péssimo']],
  nl: ['De bezorging was te laat en de app crasht steeds.', ['bezorging', 'laat', 'app', 'crasht', 'steeds']],
  pl: ['Dostawa się spóźniła, a obsługa klienta nie odpowiada.', ['dostawa', 'spóźniła', 'obsługa', 'klienta', 'odpowiada']],
  sv: ['Leveransen var sen och kundtjänsten svarade inte.', ['leveransen', 'sen', 'kundtjänsten', 'svarade']],
  ja: ['配送が遅くて、商品も壊れていました。', ['配送', '遅', '商品', '壊']],
  zh: ['快递太慢了，而且包装也坏了。', ['快递', '慢', '而且', '包装', '坏']],
  ko: ['배송이 늦었고 포장도 찢어졌어요.', ['배송', '늦었고', '포장', '찢어졌어요']],
  ar: ['التوصيل تأخر كثيرا والمنتج وصل مكسورا', ['توصيل', 'تاخر', 'منتج', 'وصل', 'مكسورا']],
  he: ['המשלוח הגיע באיחור והמוצר היה שבור', ['משלוח', 'הגיע', 'איחור', 'מוצר', 'שבור']],
};

describe('tokenize', () => {
  afterEach(() => useSegmenter(true));

  for (const [lang, [text, expected]] of Object.entries(native)) {
    it(`splits a ${lang} sentence as a native reader would`, () => {
      const got = words(text, lang);
      for (const w of expected) expect(got).toContain(w);
      // And nothing else a reader would call a function word.
      expect(got.length).toBeLessThanOrEqual(expected.length + 2);
    });
  }

  it('keeps offsets into the original text, through NFKC and case folding', () => {
    const text = 'Ｄｅｌｉｖｅｒｙ was LATE';
    const tokens = tokenize(text, 'en');
    expect(tokens.map((t) => t.word)).toEqual(['delivery', 'was', 'late']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens[0]!.text).toBe('Ｄｅｌｉｖｅｒｙ');
  });

  it('starts a clause at punctuation and at "but", and a sentence at . ! ? and line breaks', () => {
    const t = tokenize('Fast, cheap but ugly. Broken!\nGone', 'en');
    expect(t.map((x) => [x.word, x.clause, x.sentence])).toEqual([
      ['fast', 0, 0], ['cheap', 1, 0], ['but', 2, 0], ['ugly', 2, 0], ['broken', 3, 1], ['gone', 4, 2],
    ]);
    expect(t[2]!.role).toBe('contrast');
  });

  it('gives negations, intensifiers and stopwords their roles', () => {
    expect(tokenize("it isn't very good", 'en').map((t) => t.role)).toEqual(['stop', 'negation', 'booster', 'word']);
    expect(tokenize("ce n'est pas trop cher", 'fr').map((t) => t.role)).toEqual(['stop', 'negation', 'stop', 'negation', 'booster', 'word']);
  });

  it('splits Japanese and Chinese by script runs where Intl.Segmenter is missing', () => {
    useSegmenter(false);
    expect(words('配送が遅い', 'ja')).toEqual(['配送', '遅']);
    expect(words('快递太慢', 'zh')).toEqual(['快', '递', '慢']);
  });

  it('gives ordered, non-overlapping tokens whose text is their slice, for any text in any language', () => {
    const pieces = fc.constantFrom('word', "l'app", 'Straße', ' ', ', ', '. ', '配送', '快递', '배송이', 'والتوصيل', 'והמשלוח', 'ＡＢ', 'e\u0301', '😀', ':)', '42', "don't", '\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')), fc.constantFrom(...LANGUAGES), (text, lang) => {
        const tokens = tokenize(text, lang);
        let end = 0;
        for (const t of tokens) {
          expect(text.slice(t.start, t.end)).toBe(t.text);
          expect(t.start).toBeGreaterThanOrEqual(end);
          expect(t.word.length).toBeGreaterThan(0);
          end = t.end;
        }
        expect(terms(text, lang).terms.length).toBe(new Set(terms(text, lang).terms).size);
      }),
      { numRuns: 300 },
    );
  });

  it('hands out copies: changing a token does not change the next result', () => {
    const first = tokenize('slow delivery', 'en');
    first[0]!.word = 'changed';
    expect(tokenize('slow delivery', 'en')[0]!.word).toBe('slow');
    expect(terms('slow delivery', 'en').terms).toContain('slow');
  });

  it('accepts BCP 47 tags and refuses unknown languages with a clear error', () => {
    expect(words('Entrega atrasada', 'pt-BR')).toEqual(['entrega', 'atrasada']);
    expect(() => tokenize('x', 'xx')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT_INVALID', path: 'lang' }));
    expect(tokenize('', 'en')).toEqual([]);
  });
});
