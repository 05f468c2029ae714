// Texts as shown: defaults per kind, per-survey overrides, survey
// translations and {placeholders}.
import { describe, expect, it } from 'vitest';
import de from './locales/de.js';
import { en, fill } from './strings.js';
import { survey } from './test-helpers.js';
import { buildView } from './view.js';

describe('buildView', () => {
  it('fills placeholders from survey variables and mount variables (mount wins), leaving unknown ones', () => {
    const v = buildView(survey({ question: '{a} {b} {c}', variables: { a: 'A', b: 'survey' } }), en, 'en', { b: 'mount' });
    expect(v.question).toBe('A mount {c}');
  });

  it('never resolves placeholders through the prototype chain', () => {
    expect(fill('{constructor}{toString}', {})).toBe('{constructor}{toString}');
  });

  it('lets a survey override any widget string, and a translation override it per language', () => {
    const s = survey({ strings: { submit: 'Send it', thanks: 'Ta!' }, translations: { de: { strings: { submit: 'Ab damit' } } } });
    expect(buildView(s, en, 'en', {}).t.submit).toBe('Send it');
    expect(buildView(s, en, 'en', {}).thanks).toBe('Ta!');
    const german = buildView(s, { ...en, ...de }, 'de-AT', {});
    expect(german.t.submit).toBe('Ab damit');
    expect(german.t.close).toBe('Schließen');
  });

  it('uses the survey translation for the exact tag, then the language', () => {
    const s = survey({
      question: 'Recommend us?',
      followUp: [{ question: 'Why?' }],
      thankYou: { message: 'Thanks' },
      scale: { min: 0, max: 10, labels: { min: 'No way', max: 'Sure' } },
      translations: {
        pt: { question: 'Recomendaria?', followUp: ['Porquê?'], thankYou: 'Obrigado', labels: { max: 'Claro' } },
        'pt-BR': { question: 'Você recomendaria?' },
      },
    });
    const br = buildView(s, en, 'pt-BR', {});
    expect(br.question).toBe('Você recomendaria?');
    const pt = buildView(s, en, 'pt-PT', {});
    expect([pt.question, pt.followUps[0]!.question, pt.thanks, pt.minLabel, pt.maxLabel]).toEqual(['Recomendaria?', 'Porquê?', 'Obrigado', 'No way', 'Claro']);
    expect(pt.names[10]).toBe('10, Claro');
  });

  it('gives each kind its default scale and end labels, and RTL for Arabic and Hebrew', () => {
    const nps = buildView(survey(), en, 'en', {});
    expect([nps.min, nps.max, nps.minLabel, nps.maxLabel, nps.dir]).toEqual([0, 10, 'Not at all likely', 'Extremely likely', 'ltr']);
    const csat = buildView(survey({ kind: 'csat' }), en, 'he', {});
    expect([csat.min, csat.max, csat.dir]).toEqual([1, 5, 'rtl']);
    const ces = buildView(survey({ kind: 'ces' }), en, 'ar-EG', {});
    expect([ces.min, ces.max, ces.minLabel, ces.maxLabel, ces.dir]).toEqual([1, 7, 'Strongly disagree', 'Strongly agree', 'rtl']);
  });

  it('defaults follow-up ids, length cap and placeholder', () => {
    const v = buildView(survey({ followUp: [{ question: 'a' }, { id: 'x', question: 'b', maxLength: 10, placeholder: 'Hi {n}' }] }), en, 'en', { n: 'N' });
    expect(v.followUps.map((f) => [f.id, f.maxLength, f.placeholder])).toEqual([
      ['followUp0', 1000, 'Tell us more (optional)'],
      ['x', 10, 'Hi N'],
    ]);
  });
});
