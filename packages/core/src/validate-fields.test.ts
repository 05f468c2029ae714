// Hostile values per class, each beside its near-miss: what parseResponse and
// parseEvent refuse, what they mend, and what they keep exactly. The decided
// meaning of each is in the README ("What is refused", "Text that cannot be stored").
import { describe, expect, it } from 'vitest';
import { parseEvent } from './parse-event.js';
import { parseResponse } from './parse-response.js';
import { expectInvalid, withAt } from './parse-test-helpers.js';
import type { SurveyEvent, SurveyResponse } from './response.js';
import { EARLIEST_DATE_TIME, LATEST_DATE_TIME } from './validate-fields.js';

const response: SurveyResponse = {
  id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
  surveyId: 'nps-q4',
  kind: 'nps',
  score: 9,
  scale: [0, 10],
  comment: 'ok',
  answers: { why: 'ok' },
  createdAt: '2026-11-24T06:34:00.000Z',
  anonymousId: 'anon-1',
  userId: 'user@example.com',
  attributes: { plan: 'pro' },
  page: { url: 'https://shop.example/', referrer: 'https://www.example.org/' },
  locale: 'en',
  channel: 'web',
};

const event: SurveyEvent = {
  id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6c',
  type: 'display',
  surveyId: 'nps-q4',
  anonymousId: 'anon-1',
  userId: 'u1',
  createdAt: '2026-11-24T06:34:00.000Z',
  channel: 'web',
};

/** True when `s` survives UTF-8 (what PostgreSQL stores) unchanged and holds no NUL: an oracle independent of the checker's regex. */
const storable = (s: string) => !s.includes('\0') && Buffer.from(s, 'utf8').toString('utf8') === s;

const HIGH = '\ud83d'; // the first half of 😀 (U+1F600 is \ud83d\ude00)
const LOW = '\ude00';
const UNSAFE_REASON = (v: string) => `expected text without NUL or lone surrogates, got ${JSON.stringify(v.slice(0, 40))}`;

// Hostile strings that are refused in names and mended in typed text, and
// near-misses that are valid Unicode and must pass untouched everywhere.
const hostile: Array<[string, string]> = [
  ['a lone high surrogate at the end', `ok${HIGH}`],
  ['a lone low surrogate at the start', `${LOW}ok`],
  ['a lone high surrogate before a letter', `a${HIGH}b`],
  ['a pair in the wrong order', `${LOW}${HIGH}`],
  ['two high surrogates', `${HIGH}${HIGH}${LOW}`],
  ['NUL', 'a\0b'],
  ['only NUL', '\0'],
];
const fine: Array<[string, string]> = [
  ['a surrogate pair (emoji)', '😀'],
  ['pairs back to back', '😀👍🏽'],
  ['a pair at both ends', `😀 ok 😀`],
  ['the noncharacters U+FFFE and U+FFFF', '\ufffe\uffff'],
  ['U+FFFD itself', '\ufffd'],
  ['other C0 controls', '\u0001\u001f\t\n\r'],
  ['U+2028 and U+2029', '\u2028\u2029'],
  ['the text "\\u0000"', '\\u0000'],
  ['a BOM', '\ufeffx'],
];

describe('hostile classes are storable in the near-misses themselves', () => {
  it('the oracle tells them apart', () => {
    for (const [, s] of hostile) expect(storable(s), JSON.stringify(s)).toBe(false);
    for (const [, s] of fine) expect(storable(s), JSON.stringify(s)).toBe(true);
  });
});

describe('names are kept exactly, so NUL and lone surrogates are refused', () => {
  // Each field as [path (a key's path ends in '.'), input with the value in place, the parsed value read back].
  const fields: Array<[string, (v: string) => unknown, (v: string) => unknown]> = [
    ['anonymousId', (v) => ({ ...response, anonymousId: v }), (v) => parseResponse({ ...response, anonymousId: v }).anonymousId],
    ['userId', (v) => ({ ...response, userId: v }), (v) => parseResponse({ ...response, userId: v }).userId],
    ['channel', (v) => ({ ...response, channel: v }), (v) => parseResponse({ ...response, channel: v }).channel],
    ['attributes.', (v) => ({ ...response, attributes: { [v]: 1 } }), (v) => Object.keys(parseResponse({ ...response, attributes: { [v]: 1 } }).attributes)[0]],
  ];
  for (const [path, input, keeps] of fields) {
    const at = (v: string) => (path.endsWith('.') ? path + v : path);
    it.each(hostile)(`response ${path}: %s is refused, naming the field`, (_, v) => expectInvalid(parseResponse, 'E_RESPONSE_INVALID', input(v), at(v), UNSAFE_REASON(v)));
    it.each(fine)(`response ${path}: %s passes unchanged`, (_, v) => expect(keeps(v)).toBe(v));
  }
  const eventFields: Array<[keyof SurveyEvent]> = [['anonymousId'], ['userId'], ['channel']];
  for (const [path] of eventFields) {
    it.each(hostile)(`event ${path}: %s is refused, naming the field`, (_, v) => expectInvalid(parseEvent, 'E_EVENT_INVALID', { ...event, [path]: v }, path, UNSAFE_REASON(v)));
    it.each(fine)(`event ${path}: %s passes unchanged`, (_, v) => expect(parseEvent({ ...event, [path]: v })[path]).toBe(v));
  }

  it('ids, survey ids, answer keys and locales were ASCII-only already', () => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, surveyId: `s${HIGH}` }, 'surveyId', `expected letters, digits, -, _ or ., got ${JSON.stringify(`s${HIGH}`)}`);
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, surveyId: 's\0' }, 'surveyId', 'expected letters, digits, -, _ or ., got "s\\u0000"');
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, answers: { 'a\0': 'x' } }, 'answers.a\0', 'expected letters, digits, -, _ or ., got "a\\u0000"');
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, locale: `en-${LOW}` }, 'locale', `expected a BCP 47 language tag, got ${JSON.stringify(`en-${LOW}`)}`);
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, id: `${response.id.slice(0, -1)}\0` }, 'id', `expected a UUID, got ${JSON.stringify(`${response.id.slice(0, -1)}\0`)}`);
    expectInvalid(parseEvent, 'E_EVENT_INVALID', { ...event, surveyId: '😀' }, 'surveyId', 'expected letters, digits, -, _ or ., got "😀"');
  });
});

describe('typed text is mended: NUL and lone surrogates become U+FFFD, nothing else changes', () => {
  const mend = (s: string) => s.replace(/[\0\ud800-\udfff]/gu, '\ufffd');
  const fields: Array<[string, (v: string) => string]> = [
    ['comment', (v) => parseResponse({ ...response, comment: v }).comment!],
    ['answers.why', (v) => parseResponse({ ...response, answers: { why: v } }).answers!.why!],
    ['attributes.plan', (v) => parseResponse({ ...response, attributes: { plan: v } }).attributes.plan as string],
  ];
  for (const [field, parse] of fields) {
    it.each(hostile)(`${field}: %s is mended to storable text of the same length`, (_, v) => {
      const out = parse(v);
      expect(out).toBe(mend(v));
      expect(out).not.toBe(v);
      expect(out).toHaveLength(v.length);
      expect(storable(out)).toBe(true);
    });
    it.each(fine)(`${field}: %s passes unchanged`, (_, v) => expect(parse(v)).toBe(v));
  }

  it('spells the replacements out: each lone half is one U+FFFD, a pair stays whole', () => {
    expect(parseResponse({ ...response, comment: `a${HIGH}${HIGH}${LOW}\0😀${LOW}` }).comment).toBe('a\ufffd😀\ufffd😀\ufffd');
  });

  it('a comment cut in the middle of an emoji at the cap is kept (mended), not refused', () => {
    const cut = ('x'.repeat(4999) + '😀').slice(0, 5000);
    expect(cut.endsWith(HIGH)).toBe(true);
    expect(parseResponse({ ...response, comment: cut }).comment).toBe('x'.repeat(4999) + '\ufffd');
  });

  it('the input is not mutated', () => {
    const input = structuredClone({ ...response, comment: `a${HIGH}` });
    parseResponse(input);
    expect(input.comment).toBe(`a${HIGH}`);
  });
});

describe('URLs are refused when they hold NUL or a lone surrogate (new URL would hide them)', () => {
  it.each<[string, string]>([
    ['page.url', 'https://shop.example/a\0b'],
    ['page.url', 'https://shop.example/\0'], // new URL drops a trailing NUL and would accept this
    ['page.url', `https://shop.example/${HIGH}`], // new URL percent-encodes it and would accept this
    ['page.url', `https://shop.example/?q=${LOW}`],
    ['page.referrer', 'https://ref.example/\0'],
    ['page.referrer', `https://ref.example/#${HIGH}`],
  ])('%s %j', (path, value) => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', withAt(response, path, value), path, `expected an absolute URL, got ${JSON.stringify(value.slice(0, 40))}`);
  });

  it.each(['https://shop.example/%00', 'https://shop.example/%ED%A0%BD', 'https://shop.example/😀?x=\ufffe', 'https://shop.example/\u0001'])('passes %j', (url) => {
    expect(parseResponse({ ...response, page: { url, referrer: url } }).page).toEqual({ url, referrer: url });
  });
});

describe(`dates lie from ${EARLIEST_DATE_TIME} to ${LATEST_DATE_TIME}`, () => {
  const RANGE = `expected a date-time from ${EARLIEST_DATE_TIME} to ${LATEST_DATE_TIME}, got `;
  const FORMAT = 'expected an ISO 8601 date-time with zone, got ';

  it.each([
    '1970-01-01T00:00:00Z',
    '1970-01-01T00:00Z',
    '1970-01-01T00:00:00.000000000Z',
    '1970-01-01T00:00:00-00:00',
    '1969-12-31T23:00:00-01:00', // 1970-01-01T00:00Z: a local 1969 date still in range
    '1969-12-31T10:00:00-14:00',
    '1970-01-01T14:00:00+14:00',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59.999000000Z',
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59Z',
    '9999-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999+14:00', // earlier than the bound
    '2000-02-29T00:00:00Z',
  ])('passes at or inside a bound: %s', (createdAt) => {
    expect(parseResponse({ ...response, createdAt }).createdAt).toBe(createdAt);
    expect(parseEvent({ ...event, createdAt }).createdAt).toBe(createdAt);
  });

  it.each<[string, string]>([
    ['1969-12-31T23:59:59.999Z', RANGE],
    ['1969-12-31T23:59:59.999999999Z', RANGE],
    ['1969-12-31T23:59:59Z', RANGE],
    ['1970-01-01T00:00:00+00:01', RANGE], // 1969-12-31T23:59Z
    ['1969-12-31T22:59:59.999-01:00', RANGE],
    ['1970-01-01T13:59:59.999+14:00', RANGE],
    ['9999-12-31T23:59:59.9991Z', RANGE],
    ['9999-12-31T23:59:59.999000001Z', RANGE],
    ['9999-12-31T23:59:59.9995Z', RANGE], // PostgreSQL would round it to the microsecond, still in 9999; refused all the same
    ['9999-12-31T23:59:59.9999999Z', RANGE], // PostgreSQL would round it to 10000-01-01
    ['9999-12-31T23:59:59-00:01', RANGE], // 10000-01-01T00:00:59Z
    ['9999-12-31T10:00:00-14:00', RANGE],
    ['0000-01-01T00:00:00Z', RANGE], // PostgreSQL: "date/time field value out of range"
    ['0001-01-01T00:00:00+14:00', RANGE], // 1 BC in PostgreSQL
    ['0070-01-01T00:00:00Z', RANGE], // Date.UTC would read year 70 as 1970
    ['1000-01-01T00:00:00Z', RANGE],
    // Date.parse accepts all of these; none is the ISO form with a zone.
    ['10000-01-01T00:00:00Z', FORMAT],
    ['+275760-09-13T00:00:00.000Z', FORMAT],
    ['+010000-01-01T00:00:00.000Z', FORMAT],
    ['-000001-01-01T00:00:00.000Z', FORMAT],
    ['2026-11-24', FORMAT],
    ['2026-11-24T06:34:00', FORMAT],
    ['2026-11-24 06:34:00Z', FORMAT],
    ['2026-11-24t06:34:00z', FORMAT],
    ['2026-11-24T06:34:00.1234567890Z', FORMAT],
    ['2026-11-24T06:34:00+0100', FORMAT],
    ['Tue, 24 Nov 2026 06:34:00 GMT', FORMAT],
    ['2026-11-24T06:34:00Z\0', FORMAT],
    ['２０２６-11-24T06:34:00Z', FORMAT], // \d is ASCII only
  ])('refuses %s', (createdAt, reason) => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, createdAt }, 'createdAt', reason + JSON.stringify(createdAt));
    expectInvalid(parseEvent, 'E_EVENT_INVALID', { ...event, createdAt }, 'createdAt', reason + JSON.stringify(createdAt));
  });
});

describe('numbers', () => {
  it.each([1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2, 0])('an attribute number %d is kept exactly', (n) => {
    expect(Object.is(parseResponse({ ...response, attributes: { n } }).attributes.n, n)).toBe(true);
  });

  it('-0 becomes 0, as JSON would store it', () => {
    const out = parseResponse({ ...response, attributes: { n: -0 } }).attributes.n;
    expect(Object.is(out, 0)).toBe(true);
    expect(Object.is(JSON.parse('-0'), -0)).toBe(true); // what a body can really hold
  });

  it.each([NaN, Infinity, -Infinity])('an attribute %d is refused', (n) => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, attributes: { n } }, 'attributes.n', `expected a string, number or boolean, got ${n}`);
  });

  it.each([NaN, Infinity, -0.5, 1e308])('a score of %d is refused', (score) => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, score }, 'score', `expected an integer from 0 to 10, got ${score}`);
  });
});

describe('nesting', () => {
  const deep = (depth: number): unknown => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };

  it('a nested attribute is refused at its key, however deep', () => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, attributes: { plan: deep(100_000) } }, 'attributes.plan', 'expected a string, number or boolean, got an object');
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, attributes: { plan: [[['x']]] } }, 'attributes.plan', 'expected a string, number or boolean, got an array');
  });

  it('deep input is refused at the first level that is wrong, never walked', () => {
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, page: deep(100_000) }, 'page.a', 'unknown key');
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, extra: deep(100_000) }, 'extra', 'unknown key');
    expectInvalid(parseResponse, 'E_RESPONSE_INVALID', { ...response, answers: { why: deep(100_000) } }, 'answers.why', 'expected a string, got an object');
    expectInvalid(parseEvent, 'E_EVENT_INVALID', { ...event, channel: deep(100_000) }, 'channel', 'expected a string, got an object');
  });
});
