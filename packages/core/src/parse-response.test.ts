import { describe, expect, it } from 'vitest';
import { uuidv7 } from './id.js';
import { parseResponse } from './parse-response.js';
import { expectInvalid, withAt } from './parse-test-helpers.js';
import type { SurveyResponse } from './response.js';

const invalid = (input: unknown, path: string | undefined, reason: string) =>
  expectInvalid(parseResponse, 'E_RESPONSE_INVALID', input, path, reason);

const SIG = 'a'.repeat(64);

const valid: SurveyResponse = {
  id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
  surveyId: 'nps-q4',
  kind: 'nps',
  score: 9,
  scale: [0, 10],
  comment: 'Fast checkout',
  answers: { followUp0: 'Fast checkout', extra: '' },
  createdAt: '2026-11-24T06:34:00.000Z',
  anonymousId: 'anon-1',
  userId: 'user@example.com',
  userSignature: SIG,
  attributes: { plan: 'pro', seats: 12, trial: false },
  page: { url: 'https://shop.example/checkout?step=2#pay', referrer: 'https://www.google.com/' },
  locale: 'de-AT',
  channel: 'web',
};

const minimal = {
  id: uuidv7(),
  surveyId: 's',
  kind: 'csat',
  score: 1,
  scale: [1, 5],
  createdAt: '2026-02-28T23:59:59+14:00',
  anonymousId: 'a',
  attributes: {},
  page: { url: 'http://localhost:3000/' },
  locale: 'en',
  channel: 'link',
};

describe('parseResponse: valid', () => {
  it('keeps every field, and round-trips', () => {
    expect(parseResponse(valid)).toEqual(valid);
    expect(parseResponse(parseResponse(valid))).toEqual(valid);
    expect(parseResponse(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
    expect(parseResponse(minimal)).toEqual(minimal);
  });

  it('accepts every end of every scale each kind allows', () => {
    const scales: Array<[string, number, number]> = [
      ['nps', 0, 10],
      ['csat', 1, 3], ['csat', 1, 5], ['csat', 1, 7], ['csat', 1, 10],
      ['ces', 1, 5], ['ces', 1, 7],
    ];
    for (const [kind, min, max] of scales)
      for (const score of [min, max]) expect(parseResponse({ ...minimal, kind, scale: [min, max], score }).score).toBe(score);
  });

  it('accepts an empty referrer (document.referrer with none), a custom channel and other UUID versions', () => {
    const r = { ...minimal, id: '3d813cbb-47fb-42ba-91df-831e1593ac29', page: { url: 'https://a.example/', referrer: '' }, channel: 'kiosk-7' };
    expect(parseResponse(r)).toEqual(r);
  });

  it.each([
    '2026-11-24T06:34Z',
    '2026-11-24T06:34:00Z',
    '2026-11-24T06:34:00.123456789Z',
    '2024-02-29T00:00:00Z',
    '2000-02-29T12:00:00-12:00',
    '2026-12-31T23:59:59.999+14:00',
    '2026-04-30T00:00:00+05:45',
  ])('accepts the date-time %s', (createdAt) => {
    expect(parseResponse({ ...minimal, createdAt }).createdAt).toBe(createdAt);
  });

  it('accepts the caps exactly', () => {
    const r = {
      ...minimal,
      comment: 'c'.repeat(5000),
      answers: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i}`, 'a'.repeat(5000)])),
      attributes: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`.padEnd(64, '_'), 'v'.repeat(500)])),
      page: { url: 'https://a.example/' + 'p'.repeat(2048 - 18) },
      anonymousId: 'a'.repeat(128),
      channel: 'c'.repeat(32),
    };
    expect(parseResponse(r)).toEqual(r);
  });
});

describe('parseResponse: invalid', () => {
  it.each<[string, unknown, string, string?]>([
    ['id', 'not-a-uuid', 'expected a UUID, got "not-a-uuid"'],
    ['id', '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6', 'expected a UUID, got "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6"'],
    ['id', 42, 'expected a UUID, got 42'],
    ['id', undefined, 'required'],
    ['surveyId', 'a/b', 'expected letters, digits, -, _ or ., got "a/b"'],
    ['kind', 'NPS', 'expected one of nps, csat, ces, got "NPS"'],
    ['score', 11, 'expected an integer from 0 to 10, got 11'],
    ['score', -1, 'expected an integer from 0 to 10, got -1'],
    ['score', 7.5, 'expected an integer from 0 to 10, got 7.5'],
    ['score', '9', 'expected an integer from 0 to 10, got "9"'],
    ['score', NaN, 'expected an integer from 0 to 10, got NaN'],
    ['score', Infinity, 'expected an integer from 0 to 10, got Infinity'],
    ['score', null, 'expected an integer from 0 to 10, got null'],
    ['score', undefined, 'required'],
    ['scale', [1, 10], 'expected one of 0, got 1', 'scale[0]'],
    ['scale', [0, 5], 'expected one of 10, got 5', 'scale[1]'],
    ['scale', [0, 10, 1], 'expected at most 2 items, got 3'],
    ['scale', [0], 'expected a [min, max] pair, got an array'],
    ['scale', { min: 0, max: 10 }, 'expected an array, got an object'],
    ['scale', ['0', 10], 'expected an integer from 0 to 10, got "0"', 'scale[0]'],
    ['comment', 'c'.repeat(5001), 'expected 0 to 5000 characters, got 5001'],
    ['comment', 5, 'expected a string, got 5'],
    ['answers', { 'bad key': 'x' }, 'expected letters, digits, -, _ or ., got "bad key"', 'answers.bad key'],
    ['answers.why', 'a'.repeat(5001), 'expected 0 to 5000 characters, got 5001'],
    ['answers.why', ['x'], 'expected a string, got an array'],
    ['answers', Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${i}`, 'a'])), 'expected at most 10 keys, got 11'],
    ['createdAt', '2026-11-24', 'expected an ISO 8601 date-time with zone, got "2026-11-24"'],
    ['createdAt', '2026-11-24T06:34:00', 'expected an ISO 8601 date-time with zone, got "2026-11-24T06:34:00"'],
    ['createdAt', '2026-02-30T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-02-30T00:00:00Z"'],
    ['createdAt', '2026-02-29T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-02-29T00:00:00Z"'],
    ['createdAt', '1900-02-29T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "1900-02-29T00:00:00Z"'],
    ['createdAt', '2026-04-31T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-04-31T00:00:00Z"'],
    ['createdAt', '2026-13-01T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-13-01T00:00:00Z"'],
    ['createdAt', '2026-00-01T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-00-01T00:00:00Z"'],
    ['createdAt', '2026-01-00T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-01-00T00:00:00Z"'],
    ['createdAt', '2026-01-01T24:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-01-01T24:00:00Z"'],
    ['createdAt', '2026-01-01T23:60:00Z', 'expected an ISO 8601 date-time with zone, got "2026-01-01T23:60:00Z"'],
    ['createdAt', '2026-12-31T23:59:60Z', 'expected an ISO 8601 date-time with zone, got "2026-12-31T23:59:60Z"'],
    ['createdAt', '2026-01-01T00:00:00+15:00', 'expected an ISO 8601 date-time with zone, got "2026-01-01T00:00:00+15:00"'],
    ['createdAt', '2026-01-01T00:00:00+01:60', 'expected an ISO 8601 date-time with zone, got "2026-01-01T00:00:00+01:60"'],
    ['createdAt', 'Tue Nov 24 2026 06:34:00 GMT+0000', 'expected an ISO 8601 date-time with zone, got "Tue Nov 24 2026 06:34:00 GMT+0000"'],
    ['createdAt', 1795000000000, 'expected an ISO 8601 date-time with zone, got 1795000000000'],
    ['createdAt', ' 2026-11-24T06:34:00Z', 'expected an ISO 8601 date-time with zone, got " 2026-11-24T06:34:00Z"'],
    ['anonymousId', '', 'expected 1 to 128 characters, got 0'],
    ['anonymousId', undefined, 'required'],
    ['userId', 'u'.repeat(257), 'expected 1 to 256 characters, got 257'],
    ['userSignature', 'abc', 'expected 64 to 64 characters, got 3'],
    ['userSignature', 'g'.repeat(64), `expected a hex HMAC-SHA256, got "${'g'.repeat(40)}"`],
    ['attributes', undefined, 'required'],
    ['attributes.nested', { a: 1 }, 'expected a string, number or boolean, got an object'],
    ['attributes.list', [1], 'expected a string, number or boolean, got an array'],
    ['attributes.n', NaN, 'expected a string, number or boolean, got NaN'],
    ['attributes.n', null, 'expected a string, number or boolean, got null'],
    ['attributes.s', 's'.repeat(501), 'expected 0 to 500 characters, got 501'],
    ['attributes', { ['k'.repeat(65)]: 1 }, 'expected 1 to 64 characters, got 65', `attributes.${'k'.repeat(65)}`],
    ['attributes', { '': 1 }, 'expected 1 to 64 characters, got 0', 'attributes.'],
    ['attributes', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])), 'expected at most 50 keys, got 51'],
    ['page', undefined, 'required'],
    ['page.url', undefined, 'required'],
    ['page.url', '/checkout', 'expected an absolute URL, got "/checkout"'],
    ['page.url', 'https://a.example/' + 'p'.repeat(2031), 'expected 1 to 2048 characters, got 2049'],
    ['page.referrer', 'google', 'expected an absolute URL, got "google"'],
    ['page.title', 'Checkout', 'unknown key'],
    ['locale', 'english', 'expected a BCP 47 language tag, got "english"'],
    ['locale', undefined, 'required'],
    ['channel', '', 'expected 1 to 32 characters, got 0'],
    ['channel', 'c'.repeat(33), 'expected 1 to 32 characters, got 33'],
    ['channel', undefined, 'required'],
    ['source', 'web', 'unknown key'],
    ['version', 0, 'expected an integer from 1 to 2147483647, got 0'],
    ['version', -1, 'expected an integer from 1 to 2147483647, got -1'],
    ['version', 2.5, 'expected an integer from 1 to 2147483647, got 2.5'],
    ['version', '3', 'expected an integer from 1 to 2147483647, got "3"'],
    ['version', 2147483648, 'expected an integer from 1 to 2147483647, got 2147483648'],
    ['test', 'true', 'expected one of true, false, got "true"'],
    ['test', 1, 'expected one of true, false, got 1'],
    ['test', null, 'expected one of true, false, got null'],
  ])('%s #%#', (field, value, reason, path = field) => invalid(withAt(valid, field, value), path, reason));

  it('keeps the preview flag `test` as given, and leaves it out when absent', () => {
    expect(parseResponse({ ...valid, test: true }).test).toBe(true);
    expect(parseResponse({ ...valid, test: false }).test).toBe(false);
    expect('test' in parseResponse(valid)).toBe(false);
  });

  it('checks the score against the scale given, and the scale against the kind', () => {
    invalid({ ...minimal, kind: 'csat', scale: [1, 3], score: 4 }, 'score', 'expected an integer from 1 to 3, got 4');
    invalid({ ...minimal, kind: 'csat', scale: [1, 5], score: 0 }, 'score', 'expected an integer from 1 to 5, got 0');
    invalid({ ...minimal, kind: 'ces', scale: [1, 10], score: 4 }, 'scale[1]', 'expected one of 7, 5, got 10');
    invalid({ ...minimal, kind: 'nps', scale: [1, 5], score: 4 }, 'scale[0]', 'expected one of 0, got 1');
  });

  it('keeps the version answered, from 1 up', () => {
    expect(parseResponse({ ...valid, version: 1 }).version).toBe(1);
    expect(parseResponse({ ...valid, version: 2147483647 }).version).toBe(2147483647);
  });

  it('needs userId beside a userSignature', () => {
    const { userId: _, ...rest } = valid;
    invalid(rest, 'userSignature', 'needs userId');
  });

  it('refuses a non-object', () => {
    invalid('{}', undefined, 'expected an object, got "{}"');
    invalid([valid], undefined, 'expected an object, got an array');
  });
});
