import { describe, expect, it } from 'vitest';
import { sentiment, sentimentLanguages } from './sentiment.js';

const sum = (text: string, lang: string): number => sentiment(text, lang).sum;

// For each language with a lexicon: a plain opinion word, the same negated,
// intensified, and before/after its "but". Sentences written as a native
// speaker would write feedback.
const cases = {
  en: { plain: 'The app is good', negated: 'The app is not good', boosted: 'The app is very good', dampened: 'The app is slightly good', but: ['The app is good but the support is bad', 'The app is bad but the support is good'] },
  fr: { plain: "L'application est bonne", negated: "L'application n'est pas bonne", boosted: "L'application est très bonne", dampened: "L'application est assez bonne", but: ['Le produit est bon mais le service est mauvais', 'Le produit est mauvais mais le service est bon'] },
  pl: { plain: 'Aplikacja jest dobra', negated: 'Aplikacja nie jest dobra', boosted: 'Aplikacja jest bardzo dobra', dampened: 'Aplikacja jest trochę dobra', but: ['Produkt jest dobry ale obsługa jest zła', 'Produkt jest zły ale obsługa jest dobra'] },
  sv: { plain: 'Appen är bra', negated: 'Appen är inte bra', boosted: 'Appen är väldigt bra', dampened: 'Appen är ganska bra', but: ['Produkten är bra men servicen är dålig', 'Produkten är dålig men servicen är bra'] },
  it: { plain: "L'app è buona", negated: "L'app non è buona", boosted: "L'app è molto buona", dampened: "L'app è poco buona", but: ['Il prodotto è buono ma il servizio è pessimo', 'Il prodotto è pessimo ma il servizio è buono'] },
  nl: { plain: 'De app is goed', negated: 'De app is niet goed', boosted: 'De app is heel goed', dampened: 'De app is redelijk goed', but: ['Het product is goed maar de service is slecht', 'Het product is slecht maar de service is goed'] },
} as const;

describe('sentiment', () => {
  it('has a lexicon, with its source, for exactly the languages the README lists', () => {
    expect(Object.keys(sentimentLanguages()).sort()).toEqual(['en', 'fr', 'it', 'nl', 'pl', 'sv']);
  });

  for (const [lang, c] of Object.entries(cases)) {
    describe(lang, () => {
      it('scores an opinion word', () => {
        expect(sum(c.plain, lang)).toBeGreaterThan(0);
        expect(sentiment(c.plain, lang).supported).toBe(true);
      });
      it('flips and damps a negated word', () => {
        const plain = sum(c.plain, lang);
        const negated = sum(c.negated, lang);
        expect(negated).toBeLessThan(0);
        expect(Math.abs(negated)).toBeLessThan(plain);
      });
      it('scales an intensified word up and a dampened one down', () => {
        expect(sum(c.boosted, lang)).toBeGreaterThan(sum(c.plain, lang));
        expect(sum(c.dampened, lang)).toBeLessThan(sum(c.plain, lang));
        expect(sum(c.dampened, lang)).toBeGreaterThan(0);
      });
      it('weighs what follows "but" more than what precedes it', () => {
        expect(sentiment(c.but[0], lang).score).toBeLessThan(0);
        expect(sentiment(c.but[1], lang).score).toBeGreaterThan(0);
      });
    });
  }

  it('explains each span with its offsets, weight and reason', () => {
    const text = 'Not great, but the staff were very helpful';
    const r = sentiment(text, 'en');
    expect(r.spans.map((s) => s.text)).toEqual(['great', 'helpful']);
    for (const s of r.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    const [great, helpful] = r.spans;
    expect(great!.base).toBe(3);
    expect(great!.weight).toBeCloseTo(3 * -0.74 * 0.5, 10);
    expect(great!.reason).toBe('"great" +3 · negated by "Not" (×-0.74) · ×0.5 before "but"');
    expect(helpful!.weight).toBeCloseTo(2 * 1.3 * 1.5, 10);
    expect(r.sum).toBeCloseTo(great!.weight + helpful!.weight, 10);
    expect(r.score).toBeCloseTo(r.sum / Math.sqrt(r.sum ** 2 + 15), 12);
  });

  it('keeps the score in −1..1 and 0 for nothing', () => {
    expect(sentiment('', 'en')).toEqual({ score: 0, sum: 0, spans: [], supported: true });
    const r = sentiment('awesome amazing excellent wonderful fantastic superb brilliant '.repeat(20), 'en');
    expect(r.score).toBeGreaterThan(0.99);
    expect(r.score).toBeLessThan(1);
  });

  it('matches lexicon phrases before their words', () => {
    const r = sentiment("I can't stand it", 'en');
    expect(r.spans).toHaveLength(1);
    expect(r.spans[0]).toMatchObject({ text: "can't stand", base: -3, weight: -3 });
  });

  it('reads a negation with no opinion word as a complaint, but only once per clause', () => {
    expect(sentiment("Mic doesn't work", 'en').spans).toMatchObject([{ text: "doesn't", weight: -1 }]);
    expect(sentiment('It is not good', 'en').spans).toHaveLength(1);
    expect(sentiment("Ce n'est pas bon", 'fr').spans).toMatchObject([{ text: 'pas bon', weight: -2 }]);
    expect(sentiment("Le colis n'est pas livré", 'fr').spans).toMatchObject([{ text: "n'", weight: -1 }]);
    expect(sentiment("It didn't arrive, and nobody called", 'en').spans.map((x) => x.weight)).toEqual([-1, -1]);
  });

  it('negates from behind in verb-second languages only', () => {
    expect(sum('Die App gefällt mir', 'de')).toBe(0); // German has no lexicon …
    expect(sum('De app werkt goed niet', 'nl')).toBeLessThan(0);
    expect(sum('Appen är bra inte', 'sv')).toBeLessThan(0);
  });

  it('scores emoticons in every language, and says when a language has no lexicon', () => {
    const r = sentiment('Lieferung kam zu spät :(', 'de');
    expect(r.supported).toBe(false);
    expect(r.spans).toMatchObject([{ text: ':(', weight: -2 }]);
    expect(sentiment('see http://x.y/(a)', 'en').spans).toEqual([]);
    expect(sentiment('Love it :D', 'en').spans.map((s) => s.text)).toEqual(['Love', ':D']);
    expect(sentiment('配送が遅い', 'ja')).toEqual({ score: 0, sum: 0, spans: [], supported: false });
  });

  it('throws E_ARGUMENT_INVALID for an unsupported language', () => {
    expect(() => sentiment('привет', 'ru')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT_INVALID', path: 'lang' }));
  });
});

describe('French feedback words that AFINN-fr translated from another sense', () => {
  it('reads a price complaint as a complaint, not as a prize or a "dear"', () => {
    // AFINN-fr gave "prix" +3 (prize) and "cher" +2 (dear): "trop cher" scored as praise.
    expect(sentiment('Le prix est trop cher', 'fr').score).toBeLessThan(0);
    expect(sentiment('Les prix sont chers', 'fr').score).toBeLessThan(0);
    expect(sentiment('Le prix', 'fr').spans).toEqual([]);
    // The correction is French only: "dear" stays as AFINN has it.
    expect(sentiment('Dear team, thank you', 'en').score).toBeGreaterThan(0);
  });
  it('a neutral word is not scored, while the opinion beside it still is', () => {
    expect(sentiment('plus rapide que prévu, comme promis', 'fr').spans.map((s) => s.text)).not.toContain('plus');
    expect(sentiment('Livraison rapide, super', 'fr').score).toBeGreaterThan(0);
  });
});
