import type { Survey } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { localeIn, pickLocale } from './locale.js';
import { patched } from '../../../../test/builtin-patches.js';
import { variablesFor } from './placeholders.js';
import { bucket } from './sampling.js';
import { targeted, type Audience } from './targeting.js';

const who: Audience = {
  site: 's',
  personId: 'anon-1',
  identified: false,
  attributes: { plan: 'pro', seats: 12 },
  locale: 'de-AT',
  mobile: false,
  returning: true,
};
const with_ = (targeting: NonNullable<Survey['targeting']>): Survey => ({ id: 'nps', kind: 'nps', question: 'q', targeting });

describe('targeting', () => {
  it('no targeting admits everyone', () => {
    expect(targeted({ id: 'nps', kind: 'nps', question: 'q' }, who)).toBe(true);
  });
  it('attributes from identify()', () => {
    expect(targeted(with_({ attributes: [{ property: 'plan', op: 'eq', value: 'pro' }] }), who)).toBe(true);
    expect(targeted(with_({ attributes: [{ property: 'seats', op: 'gt', value: 50 }] }), who)).toBe(false);
  });
  it('languages by prefix', () => {
    expect(targeted(with_({ languages: ['de'] }), who)).toBe(true);
    expect(targeted(with_({ languages: ['fr', 'en'] }), who)).toBe(false);
    expect(localeIn('de-AT', ['DE-at'])).toBe(true);
    expect(localeIn('den', ['de'])).toBe(false);
  });
  it('device, visitor and identity', () => {
    expect(targeted(with_({ device: 'mobile' }), who)).toBe(false);
    expect(targeted(with_({ device: 'desktop' }), who)).toBe(true);
    expect(targeted(with_({ device: 'mobile' }), { ...who, mobile: true })).toBe(true);
    expect(targeted(with_({ visitor: 'new' }), who)).toBe(false);
    expect(targeted(with_({ visitor: 'returning' }), who)).toBe(true);
    expect(targeted(with_({ identity: 'identified' }), who)).toBe(false);
    expect(targeted(with_({ identity: 'anonymous' }), who)).toBe(true);
    expect(targeted(with_({ identity: 'identified' }), { ...who, identified: true, personId: 'u1' })).toBe(true);
  });
  it('sample uses the stable bucket of site, survey and person', () => {
    const b = bucket('s', 'nps', 'anon-1');
    expect(targeted(with_({ sample: (b + 1) / 100 }), who)).toBe(true);
    expect(targeted(with_({ sample: b / 100 }), who)).toBe(false);
    expect(targeted(with_({ sample: 0 }), who)).toBe(false);
  });
});

describe('locale and placeholders', () => {
  it('config, then <html lang>, then the browser, then en', () => {
    const doc = { documentElement: { lang: 'fr' } } as Document;
    const nav = { languages: ['es-MX'], language: 'es-MX' } as unknown as Navigator;
    expect(pickLocale('de', doc, nav)).toBe('de');
    expect(pickLocale(undefined, doc, nav)).toBe('fr');
    expect(pickLocale(undefined, { documentElement: { lang: '' } } as Document, nav)).toBe('es-MX');
    expect(pickLocale(undefined, undefined, undefined)).toBe('en');
  });
  it('identify attributes win over survey variables, which win over site variables', () => {
    const s: Survey = { id: 'x', kind: 'nps', question: 'q', variables: { product: 'Acme', team: 'Support' } };
    expect(variablesFor({ product: 'Site', company: 'Co' }, s, { team: 'Billing', seats: 3, gone: undefined })).toEqual({
      product: 'Acme',
      company: 'Co',
      team: 'Billing',
      seats: '3',
    });
  });
  it("takes the attributes' own keys only, whatever a page's library put on Object.prototype", () => {
    const s: Survey = { id: 'x', kind: 'nps', question: 'q', variables: { product: 'Acme' } };
    expect(patched(['objectPrototype'], () => ({ ...variablesFor(undefined, s, { team: 'Billing' }) }))).toEqual({ product: 'Acme', team: 'Billing' });
  });
});
