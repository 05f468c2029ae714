import { describe, expect, it } from 'vitest';
import { terms } from './terms.js';
import { defineThemes } from './themes.js';
import { textVersion } from './version.js';

describe('terms', () => {
  it('gives stemmed unigrams and bigrams with their written forms', () => {
    const r = terms('Deliveries were late, not working at all', 'en');
    expect(r.terms).toEqual(['deliveri', 'late', 'deliveri late', 'work', 'not work']);
    expect(r.forms).toEqual(['deliveries', 'late', 'deliveries late', 'working', 'not working']);
  });

  it('never makes a bigram across a clause, a sentence or a "but"', () => {
    const r = terms('Cheap, fast. Ugly but sturdy', 'en');
    expect(r.terms.filter((t) => t.includes(' '))).toEqual([]);
    expect(terms('cheap fast', 'en').terms).toContain('cheap fast');
    expect(terms('late delivery and the app crashed', 'en').terms).not.toContain('deliveri app');
    expect(terms('Lieferung und App', 'de').terms).not.toContain('lieferung app');
  });

  it('keeps negations and intensifiers inside bigrams only', () => {
    const r = terms('not great and too expensive', 'en');
    expect(r.terms).toEqual(['great', 'not great', 'expens', 'too expens']);
    expect(terms('funktioniert nicht', 'de').terms).toContain('funktioniert nicht');
    expect(terms('works not', 'en').terms).not.toContain('work not');
  });

  it('counts each term once per comment unless asked otherwise', () => {
    expect(terms('slow slow slow', 'en').terms).toEqual(['slow', 'slow slow']);
    expect(terms('slow slow slow', 'en', { unique: false }).terms).toEqual(['slow', 'slow', 'slow slow', 'slow', 'slow slow']);
    expect(terms('slow delivery', 'en', { bigrams: false }).terms).toEqual(['slow', 'deliveri']);
  });

  it('stems in each language with a stemmer and folds the others', () => {
    expect(terms('Lieferungen', 'de').terms).toEqual(terms('Lieferung', 'de').terms);
    expect(terms('livraisons', 'fr').terms).toEqual(terms('livraison', 'fr').terms);
    expect(terms('dostawy', 'pl').terms).toEqual(terms('dostawa', 'pl').terms);
    expect(terms('والتوصيل', 'ar').terms).toEqual(terms('التوصيل', 'ar').terms);
    expect(terms('והמשלוח', 'he').terms).toEqual(terms('משלוח', 'he').terms);
    expect(terms('배송이', 'ko').terms).toEqual(terms('배송은', 'ko').terms);
  });

  it('adds custom themes as theme:<name> terms', () => {
    const themes = defineThemes([{ name: 'Pricing', words: ['price', 'expensive', 'teuer', 'cher'] }, { name: 'Speed', words: ['slow'] }]);
    expect(terms('Viel zu teuer', 'de', { themes }).terms).toContain('theme:Pricing');
    expect(terms('Viel zu teuer', 'de', { themes }).terms).not.toContain('theme:Speed');
  });

  it('records the Unicode and ICU versions that made the terms', () => {
    const v = textVersion();
    expect(terms('x', 'en').version).toBe(v.id);
    expect(v.unicode).toBe(process.versions.unicode);
    expect(v.icu).toBe(process.versions.icu);
    expect(v.id).toBe(`terms/2 unicode/${process.versions.unicode} icu/${process.versions.icu} segmenter`);
  });
});
