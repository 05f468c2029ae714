// Triggers, URL rules and property filters, checked through parseSurvey (their only door).
import { describe, expect, it } from 'vitest';
import { parseSurvey } from './parse-survey.js';
import { expectInvalid } from './parse-test-helpers.js';
import type { Trigger } from './survey.js';

const base = { id: 's', kind: 'nps', question: 'Q?' } as const;
const withTriggers = (...triggers: unknown[]) => ({ ...base, triggers });
const invalid = (triggers: unknown[], path: string, reason: string) =>
  expectInvalid(parseSurvey, 'E_SURVEY_INVALID', withTriggers(...triggers), path, reason);

const TYPES = 'expected one of pageview, event, click, time-on-page, scroll, exit-intent, manual';

describe('triggers: valid', () => {
  const examples: Trigger[] = [
    { type: 'pageview' },
    { type: 'pageview', delayMs: 0, url: { include: [{ match: 'exact', value: 'https://shop.example/cart' }] } },
    { type: 'event', name: 'signup' },
    { type: 'event', name: 'purchase', where: [{ property: 'amount', op: 'gt', value: 100 }, { property: 'country', op: 'in', value: ['DE', 'AT'] }] },
    { type: 'click', selector: 'button[data-feedback]' },
    { type: 'time-on-page', seconds: 0 },
    { type: 'time-on-page', seconds: 86400 },
    { type: 'scroll', percent: 0 },
    { type: 'scroll', percent: 100 },
    { type: 'exit-intent' },
    { type: 'exit-intent', touchInactivityMs: 15000, delayMs: 100 },
    { type: 'manual', url: { exclude: [{ match: 'contains', value: '/admin' }] } },
  ];
  it.each(examples)('%j', (t) => {
    const s = parseSurvey(withTriggers(t));
    expect(s.triggers).toEqual([t]);
    expect(parseSurvey(s)).toEqual(s);
  });

  it('accepts every URL rule kind, and regexes that compile', () => {
    const url = {
      include: [
        { match: 'exact', value: '/' },
        { match: 'contains', value: '' },
        { match: 'glob', value: '/blog/*/comments?' },
        { match: 'regex', value: '^/(en|de)/pricing/?$' },
      ],
      exclude: [{ match: 'regex', value: '(?<year>\\d{4})' }],
    };
    expect(parseSurvey(withTriggers({ type: 'pageview', url })).triggers![0]).toEqual({ type: 'pageview', url });
  });

  it('accepts every filter op with the value form it needs', () => {
    const where = [
      { property: 'a', op: 'eq', value: 'x' },
      { property: 'a', op: 'neq', value: 1 },
      { property: 'a', op: 'contains', value: 'x' },
      { property: 'a', op: 'not-contains', value: 'x' },
      { property: 'a', op: 'gt', value: 1 },
      { property: 'a', op: 'gte', value: -1.5 },
      { property: 'a', op: 'lt', value: '2026-01-01' },
      { property: 'a', op: 'lte', value: 0 },
      { property: 'a', op: 'exists' },
      { property: 'a', op: 'not-exists' },
      { property: 'a', op: 'in', value: [] },
      { property: 'a', op: 'eq', value: false },
    ];
    expect(parseSurvey(withTriggers({ type: 'event', name: 'e', where })).triggers![0]).toEqual({ type: 'event', name: 'e', where });
  });
});

describe('triggers: invalid', () => {
  it.each<[unknown, string, string]>([
    [{ type: 'hover' }, 'triggers[0].type', `${TYPES}, got "hover"`],
    [{ name: 'signup' }, 'triggers[0].type', `${TYPES}, got undefined`],
    [{ type: 7 }, 'triggers[0].type', `${TYPES}, got 7`],
    ['pageview', 'triggers[0]', 'expected an object, got "pageview"'],
    [null, 'triggers[0]', 'expected an object, got null'],
    // Fields of another type do not belong.
    [{ type: 'pageview', selector: '#a' }, 'triggers[0].selector', 'unknown key'],
    [{ type: 'click', selector: '#a', seconds: 3 }, 'triggers[0].seconds', 'unknown key'],
    [{ type: 'manual', touchInactivityMs: 5 }, 'triggers[0].touchInactivityMs', 'unknown key'],
    // Required fields of each type.
    [{ type: 'click' }, 'triggers[0].selector', 'required'],
    [{ type: 'click', selector: '' }, 'triggers[0].selector', 'expected 1 to 500 characters, got 0'],
    [{ type: 'event' }, 'triggers[0].name', 'required'],
    [{ type: 'event', name: 'n'.repeat(101) }, 'triggers[0].name', 'expected 1 to 100 characters, got 101'],
    [{ type: 'time-on-page' }, 'triggers[0].seconds', 'required'],
    [{ type: 'time-on-page', seconds: '30' }, 'triggers[0].seconds', 'expected a number from 0 to 86400, got "30"'],
    [{ type: 'time-on-page', seconds: -1 }, 'triggers[0].seconds', 'expected a number from 0 to 86400, got -1'],
    [{ type: 'scroll', percent: 101 }, 'triggers[0].percent', 'expected a number from 0 to 100, got 101'],
    [{ type: 'scroll', percent: NaN }, 'triggers[0].percent', 'expected a number from 0 to 100, got NaN'],
    [{ type: 'scroll' }, 'triggers[0].percent', 'required'],
    [{ type: 'exit-intent', touchInactivityMs: 1.5 }, 'triggers[0].touchInactivityMs', 'expected an integer from 0 to 2147483647, got 1.5'],
    // Shared fields.
    [{ type: 'pageview', delayMs: -1 }, 'triggers[0].delayMs', 'expected an integer from 0 to 2147483647, got -1'],
    [{ type: 'pageview', delayMs: '100' }, 'triggers[0].delayMs', 'expected an integer from 0 to 2147483647, got "100"'],
    [{ type: 'pageview', url: '/checkout' }, 'triggers[0].url', 'expected an object, got "/checkout"'],
    [{ type: 'pageview', url: { includes: [] } }, 'triggers[0].url.includes', 'unknown key'],
  ])('%j', (t, path, reason) => invalid([t], path, reason));

  it('names the failing trigger by index', () => {
    invalid([{ type: 'manual' }, { type: 'manual' }, { type: 'click' }], 'triggers[2].selector', 'required');
  });

  it('caps the number of triggers', () => {
    invalid(Array(21).fill({ type: 'manual' }), 'triggers', 'expected at most 20 items, got 21');
  });
});

describe('URL rules', () => {
  const rules = (...include: unknown[]) => [{ type: 'pageview', url: { include } }];
  const ok = { match: 'exact', value: '/' };

  it.each<[unknown, string, string]>([
    [{ match: 'regex', value: '(' }, 'triggers[0].url.include[2].value', 'expected a valid regular expression, got "("'],
    [{ match: 'regex', value: '[z-a]' }, 'triggers[0].url.include[2].value', 'expected a valid regular expression, got "[z-a]"'],
    [{ match: 'regex', value: 'a{2,1}' }, 'triggers[0].url.include[2].value', 'expected a valid regular expression, got "a{2,1}"'],
    [{ match: 'prefix', value: '/' }, 'triggers[0].url.include[2].match', 'expected one of exact, contains, glob, regex, got "prefix"'],
    [{ value: '/' }, 'triggers[0].url.include[2].match', 'required'],
    [{ match: 'exact' }, 'triggers[0].url.include[2].value', 'required'],
    [{ match: 'exact', value: /x/ }, 'triggers[0].url.include[2].value', 'expected a string, got an object'],
    [{ match: 'glob', value: 'x'.repeat(2049) }, 'triggers[0].url.include[2].value', 'expected 0 to 2048 characters, got 2049'],
    [{ match: 'exact', value: '/', flags: 'i' }, 'triggers[0].url.include[2].flags', 'unknown key'],
  ])('%j', (rule, path, reason) => invalid(rules(ok, ok, rule), path, reason));

  it('does not compile glob or contains values as regexes', () => {
    expect(() => parseSurvey(withTriggers(...rules({ match: 'glob', value: '(' }, { match: 'contains', value: '[' })))).not.toThrow();
  });

  it('checks exclude lists the same way, and caps their length', () => {
    invalid([{ type: 'manual', url: { exclude: [ok, { match: 'regex', value: '+' }] } }], 'triggers[0].url.exclude[1].value', 'expected a valid regular expression, got "+"');
    invalid([{ type: 'manual', url: { exclude: Array(51).fill(ok) } }], 'triggers[0].url.exclude', 'expected at most 50 items, got 51');
  });
});

describe('property filters (event triggers and targeting)', () => {
  const where = (...w: unknown[]) => [{ type: 'event', name: 'e', where: w }];
  const P = 'triggers[0].where[0]';

  it.each<[unknown, string, string]>([
    [{ property: 'a', op: 'eq' }, `${P}.value`, 'required'],
    [{ property: 'a', op: 'in' }, `${P}.value`, 'required'],
    [{ property: 'a', op: 'exists', value: true }, `${P}.value`, 'unknown key for exists'],
    [{ property: 'a', op: 'not-exists', value: 1 }, `${P}.value`, 'unknown key for not-exists'],
    [{ property: 'a', op: 'in', value: 'pro' }, `${P}.value`, 'expected an array, got "pro"'],
    [{ property: 'a', op: 'in', value: ['pro', true] }, `${P}.value[1]`, 'expected a string or number, got true'],
    [{ property: 'a', op: 'in', value: Array(101).fill(1) }, `${P}.value`, 'expected at most 100 items, got 101'],
    [{ property: 'a', op: 'eq', value: ['pro'] }, `${P}.value`, 'expected a string, number or boolean, got an array'],
    [{ property: 'a', op: 'eq', value: null }, `${P}.value`, 'expected a string, number or boolean, got null'],
    [{ property: 'a', op: 'gt', value: Infinity }, `${P}.value`, 'expected a string, number or boolean, got Infinity'],
    [{ property: 'a', op: 'eq', value: 'v'.repeat(501) }, `${P}.value`, 'expected 0 to 500 characters, got 501'],
    [{ property: '', op: 'eq', value: 1 }, `${P}.property`, 'expected 1 to 100 characters, got 0'],
    [{ op: 'eq', value: 1 }, `${P}.property`, 'required'],
    [{ property: 'a', value: 1 }, `${P}.op`, 'required'],
    [{ property: 'a', op: 'eq', value: 1, not: true }, `${P}.not`, 'unknown key'],
  ])('%j', (f, path, reason) => invalid(where(f), path, reason));

  it('caps the number of filters', () => {
    invalid(where(...Array(21).fill({ property: 'a', op: 'exists' })), 'triggers[0].where', 'expected at most 20 items, got 21');
  });
});
