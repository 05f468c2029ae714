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
    // A caller's bad value is no text: nothing scores, nothing throws.
    for (const bad of [undefined, null, 42, {}]) expect(sentiment(bad as unknown as string, 'en')).toEqual({ score: 0, sum: 0, spans: [], supported: true });
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

const spans = (text: string): [string, number][] => sentiment(text, 'en').spans.map((s) => [s.text, Math.round(s.weight * 1000) / 1000]);

describe('English: negation, contrast and emphasis', () => {
  it('negates to the end of the clause, not only the next words; "and" and punctuation end it, "or" does not', () => {
    expect(spans('I do not think the staff were in any way helpful')).toEqual([['helpful', -1.48]]);
    expect(spans('It was not fast or reliable')).toEqual([['reliable', -1.48]]);
    expect(spans('The food was not bad and the staff were rude')).toEqual([['bad', 2.22], ['rude', -2]]);
    expect(spans('Not bad, great staff')).toEqual([['bad', 2.22], ['great', 3]]);
    // Other languages keep the three-word window.
    expect(sentiment("L'application n'est pas du tout vraiment très bonne", 'fr').sum).toBeGreaterThan(0);
  });

  it('reads "couldn\'t be happier", "can\'t say enough" and "couldn\'t ask for more" as praise', () => {
    expect(spans('I could not be happier')).toEqual([['happier', 3]]);
    expect(spans("I couldn't be happier")).toEqual([['happier', 3]]);
    expect(spans("I can't say enough good things")).toEqual([['good', 3]]);
    expect(spans("I couldn't ask for more")).toEqual([["couldn't ask for more", 2]]);
    // Not after any negation: "not good enough" is a complaint, "would not be happier" no idiom.
    expect(sentiment('It is not good enough', 'en').sum).toBeLessThan(0);
    expect(sentiment('I would not be happier', 'en').sum).toBeLessThan(0);
  });

  it('reads "never … so" as emphasis (VADER\'s rule)', () => {
    // −2, ×1.3 by the booster "so", ×1.25 for "never … so".
    expect(spans("I've never been so disappointed")).toEqual([['disappointed', -3.25]]);
    expect(spans('It never disappointed')).toEqual([['disappointed', 1.48]]);
  });

  it('weighs the main clause over a concessive one, before or after it', () => {
    const r = sentiment('Although the food was good, the service was awful', 'en');
    expect(r.spans.map((s) => s.reason)).toEqual(['"good" +3 · ×0.5 conceded by "Although"', '"awful" -3 · ×1.5 against "Although"']);
    expect(sentiment('The service was awful, although the food was good', 'en').score).toBeLessThan(0);
    expect(sentiment('The food was good, the staff awful though', 'en').score).toBeLessThan(0);
    expect(sentiment('The staff were awful. But the food was good!', 'en').score).toBeGreaterThan(0);
    expect(sentiment('The food was good. But the staff were awful', 'en').score).toBeLessThan(0);
  });

  it('counts words in capitals (in a comment not all in capitals) and sentences ending in "!" more', () => {
    expect(spans('It is GOOD')).toEqual([['GOOD', 4.5]]);
    expect(spans('IT IS GOOD')).toEqual([['GOOD', 3]]);
    expect(spans('It is good!')).toEqual([['good', 3.6]]);
    expect(spans('It is good!!!!!')).toEqual([['good', 5.184]]);
    expect(spans('Bad! It is good.')).toEqual([['Bad', -3.6], ['good', 3]]);
  });

  it('reads "like" as a verb after a subject or auxiliary, and as "similar to" elsewhere', () => {
    expect(spans('I like it')).toEqual([['like', 2]]);
    expect(spans("I don't like it")).toEqual([['like', -1.48]]);
    expect(spans('The steak tastes like leather')).toEqual([]);
    expect(sentiment('J\'aime bien', 'fr').sum).toBeGreaterThan(0);
  });

  it('makes the thing reviewed the lesser in "better than these"', () => {
    expect(spans('My old headphones sound better than these')).toEqual([['better', -2]]);
    expect(spans('Better than I expected')).toEqual([['Better', 2]]);
    expect(spans('This is much nicer than that')).toEqual([['nicer', -3]]);
  });

  it('looks up English inflections, not Snowball stems', () => {
    expect(spans('Disappointing')).toEqual([['Disappointing', -2]]);
    expect(spans('They worried')).toEqual([['worried', -3]]);
    // Snowball would find "useful" in "used", "sever" in "several", "backing" in "back".
    expect(spans('I used it several times and sent the box back')).toEqual([]);
  });
});

describe('English feedback phrases', () => {
  it('matches them before their words, and reads a warning as a warning', () => {
    expect(spans("Don't waste your money")).toEqual([["Don't waste", -3]]);
    expect(spans('A waste of money')).toEqual([['waste of money', -3]]);
    expect(spans('The case fell apart')).toEqual([['fell apart', -3]]);
    expect(spans('Works great')).toEqual([['Works great', 3]]);
  });
  it('negates a phrase like a word, unless it holds its own negation', () => {
    expect(spans('It was not a waste of money')).toEqual([['waste of money', 2.22]]);
    expect(spans("We won't be coming back")).toEqual([['coming back', -1.48]]);
    expect(spans('Nothing short of amazing')).toEqual([['Nothing short of', 2], ['amazing', 4]]);
    expect(spans("I can't believe how good it is")).toEqual([['good', 3]]);
  });
});

describe('ratings and emoji, in every language', () => {
  it('scores a written rating by its place on its scale', () => {
    expect(spans('10/10')).toEqual([['10/10', 3]]);
    expect(spans('I rate it 7 out of 10')).toEqual([['7 out of 10', 3]]);
    expect(spans('6/10')).toEqual([]);
    expect(spans('4/10')).toEqual([['4/10', -3]]);
    expect(spans('4.5/5 and five stars')).toEqual([['4.5/5', 3], ['five stars', 3]]);
    expect(spans('1-star service')).toEqual([['1-star', -3]]);
    expect(spans('three stars')).toEqual([]);
    expect(sentiment('Note : 2/10', 'fr').spans.map((s) => s.weight)).toEqual([-3]);
    expect(sentiment('5 Sterne, 5 stars', 'de').spans.map((s) => s.text)).toEqual(['5 stars']);
    // Dates and out-of-scale numbers are no ratings.
    expect(spans('Ordered 12/10/2024, arrived 14/10')).toEqual([]);
    expect(spans('15/10')).toEqual([]);
  });

  it('scores emoji, written alone or onto a word', () => {
    expect(spans('Great👍')).toEqual([['Great', 3], ['👍', 2]]);
    expect(sentiment('Lieferung zu spät 😡', 'de').spans).toMatchObject([{ text: '😡', weight: -3, reason: 'emoji 😡 -3' }]);
    expect(sentiment('配送が遅い👎', 'ja').sum).toBe(-2);
  });
});
