import { parseSurvey } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { TEMPLATES, blank, fromTemplate } from './templates.js';

describe('templates', () => {
  it('are the four the issue names, each a survey parseSurvey accepts unchanged', () => {
    expect(TEMPLATES.map((t) => t.title)).toEqual(['Relationship NPS', 'CSAT after checkout', 'CES after a support contact', 'Page helpfulness']);
    for (const t of TEMPLATES) {
      const parsed = parseSurvey(structuredClone(t.survey));
      // Nothing dropped or added but the scale parseSurvey fills in.
      expect({ ...parsed, scale: t.survey.scale ?? parsed.scale }).toEqual({ ...t.survey, scale: parsed.scale });
    }
  });

  it('CSAT after checkout is triggered by the checkout event, 2 s later', () => {
    const s = fromTemplate('csat-checkout', [])!;
    expect(s.kind).toBe('csat');
    expect(s.triggers).toEqual([{ type: 'event', name: 'checkout', delayMs: 2000 }]);
  });

  it('picks an id no survey of the site has yet, and copies (editing one never edits the template)', () => {
    expect(fromTemplate('csat-checkout', ['csat-checkout'])!.id).toBe('csat-checkout-2');
    expect(fromTemplate('csat-checkout', ['csat-checkout', 'csat-checkout-2'])!.id).toBe('csat-checkout-3');
    // A longer id that merely starts with the template's is no clash.
    expect(fromTemplate('csat-checkout', ['csat-checkout-x'])!.id).toBe('csat-checkout');
    const copy = fromTemplate('csat-checkout', [])!;
    copy.triggers![0]!.delayMs = 5;
    expect(fromTemplate('csat-checkout', [])!.triggers![0]!.delayMs).toBe(2000);
    expect(fromTemplate('no-such', [])).toBeNull();
  });

  it('blank surveys of each kind parse too', () => {
    for (const kind of ['nps', 'csat', 'ces'] as const) expect(() => parseSurvey(blank(kind, []))).not.toThrow();
    expect(blank('nps', ['nps-survey']).id).toBe('nps-survey-2');
  });
});
