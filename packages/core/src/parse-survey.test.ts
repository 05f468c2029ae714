import { describe, expect, it } from 'vitest';
import { parseSurvey } from './parse-survey.js';
import { expectInvalid, withAt } from './parse-test-helpers.js';
import type { Survey } from './survey.js';

const invalid = (input: unknown, path: string | undefined, reason: string) =>
  expectInvalid(parseSurvey, 'E_SURVEY_INVALID', input, path, reason);

const minimal = { id: 'nps-q4', kind: 'nps', question: 'How likely are you to recommend {product}?' } as const;

/** Every field of the schema used once, so a field the parser forgets fails here. */
const full: Survey = {
  id: 'csat.checkout_2',
  kind: 'csat',
  question: 'How satisfied are you with checkout?',
  scale: { min: 1, max: 5, style: 'stars', labels: { min: 'Not at all', max: 'Very' } },
  followUp: [
    { id: 'why', question: 'What went wrong?', bands: ['unhappy', 'neutral'], placeholder: 'Tell us', maxLength: 2000, required: true },
    { question: 'Anything else?' },
  ],
  thankYou: { message: 'Thanks!', autoCloseMs: 3000 },
  triggers: [
    { type: 'pageview', delayMs: 500, url: { include: [{ match: 'glob', value: '/checkout/*' }], exclude: [{ match: 'regex', value: '^/checkout/(admin|test)' }] } },
    { type: 'event', name: 'order.completed', where: [{ property: 'total', op: 'gte', value: 50 }, { property: 'coupon', op: 'exists' }] },
    { type: 'click', selector: '#buy' },
    { type: 'time-on-page', seconds: 30.5 },
    { type: 'scroll', percent: 75 },
    { type: 'exit-intent', touchInactivityMs: 10000 },
    { type: 'manual' },
  ],
  targeting: {
    attributes: [
      { property: 'plan', op: 'in', value: ['pro', 'team', 3] },
      { property: 'beta', op: 'eq', value: true },
      { property: 'email', op: 'not-contains', value: '@example.com' },
    ],
    languages: ['de', 'en-GB', 'zh-Hant-TW'],
    device: 'desktop',
    visitor: 'returning',
    identity: 'identified',
    sample: 12.5,
  },
  throttle: { show: 'recurring', recontactDays: 90, dismissCooldownDays: 7, maxDisplays: 3 },
  priority: -2,
  presentation: { mode: 'inline', position: 'bottom-left', target: '#feedback', launcherLabel: 'Feedback' },
  theme: { accent: '#0a7', radius: '8px', font: '"Inter", system-ui, sans-serif', scheme: 'dark' },
  locale: 'en-GB',
  translations: {
    de: { question: 'Wie zufrieden sind Sie?', followUp: ['Was lief schief?', 'Sonst noch etwas?'], labels: { min: 'Gar nicht' }, thankYou: 'Danke!', strings: { submit: 'Senden' } },
  },
  strings: { submit: 'Send', 'close.label': 'Close' },
  variables: { product: 'Acme' },
  enabled: false,
};

describe('parseSurvey: valid input', () => {
  it('fills the default scale of each kind', () => {
    expect(parseSurvey(minimal).scale).toEqual({ min: 0, max: 10 });
    expect(parseSurvey({ ...minimal, kind: 'csat' }).scale).toEqual({ min: 1, max: 5 });
    expect(parseSurvey({ ...minimal, kind: 'ces' }).scale).toEqual({ min: 1, max: 7 });
  });

  it('fills min and max of a partial scale from the kind', () => {
    expect(parseSurvey({ ...minimal, kind: 'csat', scale: { style: 'emoji' } }).scale).toEqual({ min: 1, max: 5, style: 'emoji' });
    expect(parseSurvey({ ...minimal, kind: 'csat', scale: { max: 3 } }).scale).toEqual({ min: 1, max: 3 });
  });

  it('accepts every scale each kind allows', () => {
    for (const max of [3, 5, 7, 10]) expect(parseSurvey({ ...minimal, kind: 'csat', scale: { min: 1, max } }).scale!.max).toBe(max);
    for (const max of [5, 7])
      for (const direction of ['higher-is-easier', 'lower-is-easier'])
        expect(parseSurvey({ ...minimal, kind: 'ces', scale: { min: 1, max, direction } }).scale).toEqual({ min: 1, max, direction });
    expect(parseSurvey({ ...minimal, scale: { min: 0, max: 10, style: 'numbers', labels: { min: 'No', max: 'Yes' } } }).scale!.labels).toEqual({ min: 'No', max: 'Yes' });
  });

  it('keeps every field of a full survey', () => {
    expect(parseSurvey(full)).toEqual(full);
  });

  it('round-trips: a parsed survey parses again to itself, also through JSON', () => {
    for (const input of [minimal, full, { ...minimal, kind: 'ces', scale: { max: 5, direction: 'lower-is-easier' } }]) {
      const once = parseSurvey(input);
      expect(parseSurvey(once)).toEqual(once);
      expect(parseSurvey(JSON.parse(JSON.stringify(once)))).toEqual(once);
    }
  });

  it('returns a fresh copy and leaves (even frozen) input alone', () => {
    const input = Object.freeze({ ...minimal, followUp: Object.freeze([Object.freeze({ question: 'Why?' })]) });
    const out = parseSurvey(input);
    expect(out).not.toBe(input);
    expect(out.followUp![0]).not.toBe(input.followUp[0]);
    expect(input).not.toHaveProperty('scale');
  });

  it('treats undefined as absent and drops it', () => {
    const out = parseSurvey({ ...minimal, locale: undefined, theme: { accent: undefined } });
    expect(out).not.toHaveProperty('locale');
    expect(out.theme).toEqual({});
  });

  it('accepts the boundaries of every cap', () => {
    const s = parseSurvey({
      ...minimal,
      id: 'x'.repeat(64),
      question: 'q'.repeat(500),
      followUp: Array.from({ length: 10 }, (_, i) => ({ question: `Q${i}`, maxLength: i ? 5000 : 1 })),
      triggers: Array.from({ length: 20 }, () => ({ type: 'scroll', percent: 100, delayMs: 2 ** 31 - 1 })),
      targeting: { sample: 0 },
      throttle: { maxDisplays: 1000, recontactDays: 3650 },
      priority: -1000,
    });
    expect(s.followUp).toHaveLength(10);
    expect(parseSurvey({ ...minimal, targeting: { sample: 100 } }).targeting!.sample).toBe(100);
  });

  it('keeps a "__proto__" map key as data, not as the prototype', () => {
    const out = parseSurvey(JSON.parse('{"id":"a","kind":"nps","question":"Q","strings":{"__proto__":"x"}}'));
    expect(Object.getPrototypeOf(out.strings)).toBe(Object.prototype);
    expect(Object.keys(out.strings!)).toEqual(['__proto__']);
  });
});

describe('parseSurvey: the root and the survey fields', () => {
  it.each([
    [null, 'expected an object, got null'],
    [[], 'expected an object, got an array'],
    ['{"id":"a"}', 'expected an object, got "{\\"id\\":\\"a\\"}"'],
    [42, 'expected an object, got 42'],
    [undefined, 'expected an object, got undefined'],
  ])('refuses a root of %j', (input, reason) => invalid(input, undefined, reason));

  it.each<[string, unknown, string, string?]>([
    ['questoin', 'typo', 'unknown key'],
    ['id', undefined, 'required'],
    ['id', 'has space', 'expected letters, digits, -, _ or ., got "has space"'],
    ['id', 'x'.repeat(65), 'expected 1 to 64 characters, got 65'],
    ['id', 7, 'expected a string, got 7'],
    ['kind', 'ces2', 'expected one of nps, csat, ces, got "ces2"'],
    ['kind', undefined, 'required'],
    ['question', '', 'expected 1 to 500 characters, got 0'],
    ['question', 'q'.repeat(501), 'expected 1 to 500 characters, got 501'],
    ['question', ['How?'], 'expected a string, got an array'],
    ['question', undefined, 'required'],
    ['thankYou.autoCloseMs', -1, 'expected an integer from 0 to 2147483647, got -1'],
    ['thankYou.autoCloseMs', 2 ** 31, 'expected an integer from 0 to 2147483647, got 2147483648'],
    ['thankYou.message', { text: 'hi' }, 'expected a string, got an object'],
    ['thankYou.title', 'Thanks', 'unknown key'],
    ['targeting.sample', 100.5, 'expected a number from 0 to 100, got 100.5'],
    ['targeting.sample', -1, 'expected a number from 0 to 100, got -1'],
    ['targeting.sample', NaN, 'expected a number from 0 to 100, got NaN'],
    ['targeting.sample', '50', 'expected a number from 0 to 100, got "50"'],
    ['targeting.device', 'tablet', 'expected one of mobile, desktop, any, got "tablet"'],
    ['targeting.visitor', 'old', 'expected one of new, returning, any, got "old"'],
    ['targeting.identity', 'known', 'expected one of anonymous, identified, any, got "known"'],
    ['targeting.languages', ['en', 'english!'], 'expected a BCP 47 language tag, got "english!"', 'targeting.languages[1]'],
    ['targeting.languages', 'en', 'expected an array, got "en"'],
    ['targeting.languages', Array(51).fill('en'), 'expected at most 50 items, got 51'],
    ['targeting.attributes', [{ property: 'plan', op: 'like', value: 'x' }], 'expected one of eq, neq, contains, not-contains, gt, gte, lt, lte, exists, not-exists, in, got "like"', 'targeting.attributes[0].op'],
    ['throttle.show', 'always', 'expected one of once, until-answered, recurring, got "always"'],
    ['throttle.recontactDays', -1, 'expected a number from 0 to 3650, got -1'],
    ['throttle.dismissCooldownDays', Infinity, 'expected a number from 0 to 3650, got Infinity'],
    ['throttle.maxDisplays', 0, 'expected an integer from 1 to 1000, got 0'],
    ['throttle.maxDisplays', 2.5, 'expected an integer from 1 to 1000, got 2.5'],
    ['priority', 1.5, 'expected an integer from -1000 to 1000, got 1.5'],
    ['priority', '1', 'expected an integer from -1000 to 1000, got "1"'],
    ['presentation.mode', 'toast', 'expected one of popover, modal, bar, inline, tab, got "toast"'],
    ['presentation.position', 'center', 'expected one of bottom-right, bottom-left, top-right, top-left, bottom, top, got "center"'],
    ['presentation.target', '', 'expected 1 to 500 characters, got 0'],
    ['presentation.launcherLabel', 'l'.repeat(101), 'expected 0 to 100 characters, got 101'],
    ['theme.accent', 'red;}body{display:none', 'expected CSS without ;{}<>\\, got "red;}body{display:none"'],
    ['theme.font', '</style><script>', 'expected CSS without ;{}<>\\, got "</style><script>"'],
    ['theme.scheme', 'sepia', 'expected one of light, dark, auto, got "sepia"'],
    ['locale', 'e', 'expected 2 to 35 characters, got 1'],
    ['locale', 'en_US', 'expected a BCP 47 language tag, got "en_US"'],
    ['translations', { 'not a locale': {} }, 'expected a BCP 47 language tag, got "not a locale"', 'translations.not a locale'],
    ['translations.de.question', '', 'expected 1 to 500 characters, got 0'],
    ['translations.de.followUp', ['ok', 7], 'expected a string, got 7', 'translations.de.followUp[1]'],
    ['translations.de.labels.middle', 'x', 'unknown key'],
    ['translations.de.strings.submit', false, 'expected a string, got false'],
    ['strings', { 'sub mit': 'x' }, 'expected letters, digits, -, _ or ., got "sub mit"', 'strings.sub mit'],
    ['strings', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v'])), 'expected at most 100 keys, got 101'],
    ['strings', ['Send'], 'expected an object, got an array'],
    ['variables.product', 'p'.repeat(501), 'expected 0 to 500 characters, got 501'],
    ['enabled', 'true', 'expected one of true, false, got "true"'],
    ['enabled', 1, 'expected one of true, false, got 1'],
    ['version', 0, 'expected an integer from 1 to 2147483647, got 0'],
    ['version', '1', 'expected an integer from 1 to 2147483647, got "1"'],
  ])('%s #%#', (field, value, reason, path = field) => invalid(withAt(minimal, field, value), path, reason));

  it('reports unknown keys first (a typo is often why a field is "required"), then fields in schema order', () => {
    invalid({ id: 'a', kind: 'nps', questoin: 'Q?' }, 'questoin', 'unknown key');
    invalid({ kind: 'nps', question: 5 }, 'id', 'required');
    invalid({ ...minimal, priority: 'x', id: '' }, 'id', 'expected 1 to 64 characters, got 0');
    invalid({ ...minimal, enabled: 0, targeting: { sample: 200 } }, 'targeting.sample', 'expected a number from 0 to 100, got 200');
  });

  it('cuts long bad values short in messages', () => {
    invalid({ ...minimal, id: 'a b'.repeat(20) }, 'id', `expected letters, digits, -, _ or ., got ${JSON.stringify('a b'.repeat(20).slice(0, 40))}`);
  });
});

describe('parseSurvey: scales', () => {
  it.each<[string, unknown, string, string]>([
    ['nps', { min: 1 }, 'scale.min', 'expected one of 0, got 1'],
    ['nps', { max: 11 }, 'scale.max', 'expected an integer from 0 to 10, got 11'],
    ['nps', { max: 5 }, 'scale.max', 'expected one of 10, got 5'],
    ['nps', { style: 'stars' }, 'scale.style', 'expected one of numbers, got "stars"'],
    ['nps', { direction: 'lower-is-easier' }, 'scale.direction', 'only for ces'],
    ['csat', { max: 4 }, 'scale.max', 'expected one of 3, 5, 7, 10, got 4'],
    ['csat', { min: 0 }, 'scale.min', 'expected one of 1, got 0'],
    ['csat', { direction: 'higher-is-easier' }, 'scale.direction', 'only for ces'],
    ['csat', { style: 'hearts' }, 'scale.style', 'expected one of numbers, stars, emoji, got "hearts"'],
    ['ces', { max: 10 }, 'scale.max', 'expected one of 7, 5, got 10'],
    ['ces', { direction: 'up' }, 'scale.direction', 'expected one of higher-is-easier, lower-is-easier, got "up"'],
    ['ces', { min: '1' }, 'scale.min', 'expected an integer from 0 to 10, got "1"'],
    ['ces', { min: 1.5 }, 'scale.min', 'expected an integer from 0 to 10, got 1.5'],
    ['ces', { max: NaN }, 'scale.max', 'expected an integer from 0 to 10, got NaN'],
    ['ces', { max: -Infinity }, 'scale.max', 'expected an integer from 0 to 10, got -Infinity'],
    ['ces', { labels: { min: 'x'.repeat(101) } }, 'scale.labels.min', 'expected 0 to 100 characters, got 101'],
    ['ces', { labels: { low: 'x' } }, 'scale.labels.low', 'unknown key'],
    ['ces', { steps: 7 }, 'scale.steps', 'unknown key'],
    ['ces', [1, 7], 'scale', 'expected an object, got an array'],
  ])('%s scale %j', (kind, scale, path, reason) => invalid({ ...minimal, kind, scale }, path, reason));
});

describe('parseSurvey: follow-ups', () => {
  it.each<[string, unknown, unknown, string, string]>([
    ['nps', [{ question: 'Why?' }, {}], undefined, 'followUp[1].question', 'required'],
    ['nps', [{ question: 'Why?' }, { question: 'q'.repeat(501) }], undefined, 'followUp[1].question', 'expected 1 to 500 characters, got 501'],
    ['nps', [{ id: 'a', question: 'A?' }, { id: 'a', question: 'B?' }], undefined, 'followUp[1].id', 'duplicate id "a"'],
    // The second follow-up's default id is followUp1, which the first already took.
    ['nps', [{ id: 'followUp1', question: 'A?' }, { question: 'B?' }], undefined, 'followUp[1].id', 'duplicate id "followUp1"'],
    ['nps', [{ question: 'A?', bands: ['promoter', 'happy'] }], undefined, 'followUp[0].bands[1]', 'expected one of detractor, passive, promoter, got "happy"'],
    ['csat', [{ question: 'A?', bands: ['detractor'] }], undefined, 'followUp[0].bands[0]', 'expected one of unhappy, neutral, happy, got "detractor"'],
    ['nps', [{ question: 'A?', bands: ['promoter', 'passive', 'detractor', 'promoter'] }], undefined, 'followUp[0].bands', 'expected at most 3 items, got 4'],
    ['nps', [{ question: 'A?', maxLength: 0 }], undefined, 'followUp[0].maxLength', 'expected an integer from 1 to 5000, got 0'],
    ['nps', [{ question: 'A?', maxLength: 5001 }], undefined, 'followUp[0].maxLength', 'expected an integer from 1 to 5000, got 5001'],
    ['nps', [{ question: 'A?', required: 'yes' }], undefined, 'followUp[0].required', 'expected one of true, false, got "yes"'],
    ['nps', [{ question: 'A?', placeholder: 'p'.repeat(501) }], undefined, 'followUp[0].placeholder', 'expected 0 to 500 characters, got 501'],
    ['nps', [{ question: 'A?', hint: 'x' }], undefined, 'followUp[0].hint', 'unknown key'],
    ['nps', [{ id: 'a b', question: 'A?' }], undefined, 'followUp[0].id', 'expected letters, digits, -, _ or ., got "a b"'],
    ['nps', Array.from({ length: 11 }, () => ({ question: 'Q' })), undefined, 'followUp', 'expected at most 10 items, got 11'],
    ['nps', { question: 'Why?' }, undefined, 'followUp', 'expected an array, got an object'],
    // eslint-disable-next-line no-sparse-arrays
    ['nps', [{ question: 'A?' }, , { question: 'C?' }], undefined, 'followUp[1]', 'expected an object, got undefined'],
  ])('%s %j', (kind, followUp, _unused, path, reason) => invalid({ ...minimal, kind, followUp }, path, reason));

  it('reports the first bad item, not a later one', () => {
    invalid({ ...minimal, followUp: [{ question: 'A?', required: 1 }, { id: 'x' }] }, 'followUp[0].required', 'expected one of true, false, got 1');
  });
});
