// Property tests: whatever arrives (random JSON, or a valid record with
// random JSON spliced in anywhere), the parsers either return a value that
// parses again to itself, or throw a SaysoError with their code. Never a
// TypeError, never a RangeError, never a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSaysoError } from './errors.js';
import { parseEvent } from './parse-event.js';
import { parseResponse } from './parse-response.js';
import { parseSurvey } from './parse-survey.js';

const PARSERS = [
  ['parseSurvey', parseSurvey, 'E_SURVEY_INVALID'],
  ['parseResponse', parseResponse, 'E_RESPONSE_INVALID'],
  ['parseEvent', parseEvent, 'E_EVENT_INVALID'],
] as const;

const SURVEY = {
  id: 's',
  kind: 'csat',
  question: 'Q?',
  scale: { min: 1, max: 5, style: 'stars', labels: { min: 'a' } },
  followUp: [{ question: 'Why?', bands: ['unhappy'] }],
  thankYou: { message: 'Thanks', autoCloseMs: 1 },
  triggers: [
    { type: 'event', name: 'e', where: [{ property: 'p', op: 'in', value: [1] }], url: { include: [{ match: 'regex', value: 'a' }] } },
    { type: 'scroll', percent: 50 },
  ],
  targeting: { attributes: [{ property: 'p', op: 'eq', value: 1 }], languages: ['en'], sample: 5 },
  throttle: { show: 'once', maxDisplays: 2 },
  presentation: { mode: 'tab', launcherLabel: 'x' },
  theme: { accent: 'red' },
  translations: { de: { question: 'F?', followUp: ['W?'], strings: { a: 'b' } } },
  strings: { a: 'b' },
  variables: { a: 'b' },
};
const RESPONSE = {
  id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
  surveyId: 's',
  kind: 'nps',
  score: 3,
  scale: [0, 10],
  answers: { a: 'b' },
  createdAt: '2026-11-24T06:34:00Z',
  anonymousId: 'a',
  userId: 'u',
  userSignature: 'f'.repeat(64),
  attributes: { a: 1 },
  page: { url: 'https://a.example/', referrer: '' },
  locale: 'en',
  channel: 'web',
};
const EVENT = { id: RESPONSE.id, type: 'display', surveyId: 's', anonymousId: 'a', createdAt: RESPONSE.createdAt };

/** Every path to a value inside `value` (object keys and array indexes). */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  return out;
}

/** `base` with the value at `path` replaced (or, with `addKey`, a sibling key added). */
function splice(base: unknown, path: Array<string | number>, value: unknown, addKey?: string): unknown {
  const copy = structuredClone(base);
  if (path.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  // (Extra keys go on objects only: `length` on an array would resize it, or throw.)
  if (addKey !== undefined && node && typeof node === 'object' && !Array.isArray(node)) node[addKey] = value;
  else node[path[path.length - 1]!] = value;
  return copy;
}

/** Runs `parse`; a throw must be a SaysoError with `code` and a string-or-undefined path. */
function check(parse: (input: unknown) => unknown, code: string, input: unknown): void {
  let out: unknown;
  try {
    out = parse(input);
  } catch (e) {
    if (!isSaysoError(e)) throw e;
    expect(e.code).toBe(code);
    expect(e.path === undefined || (typeof e.path === 'string' && e.path.length > 0)).toBe(true);
    expect(e.message.length).toBeLessThan(400);
    return;
  }
  // Whatever passes must be stable: parsing it again, or its JSON, gives the
  // same value (compared as JSON there, since JSON itself turns -0 into 0).
  expect(parse(out)).toEqual(out);
  const json = JSON.stringify(out);
  expect(JSON.stringify(parse(JSON.parse(json)))).toBe(json);
}

// Generous timeouts: these run thousands of cases, and CI machines are shared.
describe.each(PARSERS)('%s never throws anything but its SaysoError', { timeout: 30_000 }, (_name, parse, code) => {
  it('on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => check(parse, code, input)), { numRuns: 500 });
  });

  it('on random JavaScript values (NaN, -0, undefined, sparse arrays, Dates, Maps, symbols…)', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withSparseArray: true, withNullPrototype: true, withTypedArray: true, withBigInt: true }), (input) => check(parse, code, input)), { numRuns: 500 });
  });
});

describe.each([
  ['parseSurvey', parseSurvey, 'E_SURVEY_INVALID', SURVEY],
  ['parseResponse', parseResponse, 'E_RESPONSE_INVALID', RESPONSE],
  ['parseEvent', parseEvent, 'E_EVENT_INVALID', EVENT],
] as const)('%s on a valid record with random JSON spliced in', { timeout: 30_000 }, (_name, parse, code, base) => {
  const all = paths(base);

  it('the base record is valid', () => {
    expect(() => parse(base)).not.toThrow();
  });

  it('replacing any value, or adding a key anywhere, yields a value or a SaysoError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, '', ' ', '\u0000', 'x'.repeat(6000))),
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        (path, value, addKey) => check(parse, code, splice(base, path, value, addKey)),
      ),
      { numRuns: 2000 },
    );
  });
});
