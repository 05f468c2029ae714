import { describe, expect, it } from 'vitest';
import { analyzeAnswers, disagrees } from './answers.js';
import { sentiment } from './sentiment.js';
import { defineThemes } from './themes.js';

const rep = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const answers = [
  ...rep(30, (i) => ({ id: `d${i}`, score: i % 7, lang: 'en', text: i % 2 ? 'The delivery was late again' : 'Late delivery, and support never answered' })),
  ...rep(10, (i) => ({ id: `dx${i}`, score: 5, lang: 'de', text: 'Die Lieferung kam zu spät' })),
  ...rep(50, (i) => ({ id: `p${i}`, score: 9 + (i % 2), lang: 'en', text: i % 3 ? 'Great prices and a friendly team' : 'Friendly team, great app' })),
  ...rep(20, (i) => ({ id: `n${i}`, score: 8, lang: 'en', text: 'Fine app' })),
  { id: 'empty', score: 10, lang: 'en', text: '  ' },
];

describe('analyzeAnswers', () => {
  const a = analyzeAnswers(answers, { kind: 'nps', themes: defineThemes([{ name: 'Delivery', words: ['delivery', 'Lieferung'] }]) });

  it('counts comments per band, each term once per comment, skipping empty comments', () => {
    expect(a.bands.get('detractor')!.comments).toBe(40);
    expect(a.bands.get('promoter')!.comments).toBe(50);
    expect(a.bands.get('passive')!.comments).toBe(20);
    expect(a.bands.get('detractor')!.terms.get('deliveri')).toBe(30);
    expect(a.bands.get('detractor')!.terms.get('theme:Delivery')).toBe(40);
    expect(a.total.n).toBe(110);
    expect(a.labels.get('deliveri')).toBe('delivery');
  });

  it('finds what sets detractors apart, with examples from their band', () => {
    const d = a.distinctive({ minComments: 10 });
    expect(d.a.map((t) => t.term)).toContain('theme:Delivery');
    expect(d.a.map((t) => t.term)).toContain('late');
    expect(d.b.map((t) => t.term)).toContain('friendli');
    const late = d.a.find((t) => t.term === 'late')!;
    expect(late.examples.map((x) => x.id)).toEqual(['d0', 'd1', 'd2']);
  });

  it('measures each theme’s impact, the costliest first', () => {
    const r = a.impact({ minComments: 20 });
    expect(r[0]!.term).toBe('theme:Delivery');
    expect(r[0]!.scoreWith).toBe(-100);
    expect(r[0]!.comparison.p!).toBeLessThan(0.001);
  });

  it('refuses bad answers with the path of the bad field', () => {
    expect(() => analyzeAnswers([{ text: 'x', score: 11, lang: 'en' }], { kind: 'nps' })).toThrow(expect.objectContaining({ path: 'answers[0].score' }));
    expect(() => analyzeAnswers([{ text: 'x', score: 1, lang: 'xx' }], { kind: 'nps' })).toThrow(expect.objectContaining({ path: 'answers[0].lang' }));
    expect(() => analyzeAnswers([{ text: 'x', score: 1, lang: 'en' }], { kind: 'csat' })).not.toThrow();
  });
});

describe('disagrees', () => {
  it('flags a promoter with an angry comment and a detractor with a glowing one, not a passive', () => {
    expect(disagrees('nps', 9, sentiment('Terrible support, I am cancelling', 'en').score)).toBe(true);
    expect(disagrees('nps', 9, sentiment('Great support', 'en').score)).toBe(false);
    expect(disagrees('nps', 2, sentiment('Wonderful, amazing team', 'en').score)).toBe(true);
    expect(disagrees('nps', 7, -0.9)).toBe(false);
    expect(disagrees('csat', 5, -0.3)).toBe(true);
    expect(disagrees('csat', 5, -0.29)).toBe(false);
  });
});
