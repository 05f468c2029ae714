// The parsers on a host page whose libraries patch built-ins (issue #12):
// Object.prototype members must not be read as fields or iterated as schema
// keys, and a replaced Array.from must not skip the item checks. Each parse
// runs with the patches installed; they are removed before any assertion, so
// vitest itself never runs on a patched realm.
import { describe, expect, it } from 'vitest';
import { patched, type PatchName } from '../../../test/builtin-patches.js';
import { isSaysoError } from './errors.js';
import { parseEvent } from './parse-event.js';
import { parseResponse } from './parse-response.js';
import { parseSurvey } from './parse-survey.js';

type Outcome = { value: unknown } | { code: string; path: string | undefined; message: string } | { thrown: string };

/** What `parse(input)` gives: its value, its SaysoError, or anything else it threw. */
const outcome = (parse: (input: unknown) => unknown, input: unknown): Outcome => {
  try {
    return { value: parse(input) };
  } catch (e) {
    return isSaysoError(e) ? { code: e.code, path: e.path, message: e.message } : { thrown: String(e) };
  }
};

/** The outcome of `parse(input)` with `names` installed. */
const under = (names: PatchName[], parse: (input: unknown) => unknown, input: unknown): Outcome => patched(names, () => outcome(parse, input));

const ALL: PatchName[][] = [['objectPrototype'], ['prototype'], ['mootools'], ['stringify'], ['prototype', 'objectPrototype', 'mootools', 'stringify']];

const survey = {
  id: 'nps-patched',
  kind: 'nps',
  question: 'How likely…?',
  followUp: [{ question: 'Why?' }, { id: 'more', question: 'More?', bands: ['detractor'] }],
  triggers: [
    { type: 'event', name: 'bought', where: [{ property: 'coupon', op: 'exists' }, { property: 'total', op: 'in', value: [1, 2] }] },
    { type: 'pageview', url: { include: [{ match: 'glob', value: '/shop/*' }] } },
  ],
  targeting: { languages: ['en', 'de-AT'], attributes: [{ property: 'plan', op: 'eq', value: 'pro' }] },
  translations: { de: { question: 'Wie?', followUp: ['Warum?'] } },
  strings: { submit: 'Send' },
};

describe.each(ALL)('parseSurvey with %s installed', (...names) => {
  it('gives exactly what it gives on a clean page: no inherited key added, every array a checked copy', () => {
    const clean = parseSurvey(survey);
    const got = under(names, parseSurvey, survey);
    // toStrictEqual: an extra key holding undefined (a schema key found on Object.prototype) fails too.
    expect(got).toStrictEqual({ value: clean });
    const out = (got as { value: typeof clean }).value;
    expect(out.triggers).not.toBe(survey.triggers);
    expect(out.followUp![0]).not.toBe(survey.followUp[0]);
  });

  it.each<[string, object, string, string]>([
    ['a field of another trigger type', { triggers: [{ type: 'pageview', percent: 50 }] }, 'triggers[0].percent', 'unknown key'],
    ['a bad language inside an array', { targeting: { languages: ['en', 'not a tag'] } }, 'targeting.languages[1]', 'expected a BCP 47 language tag, got "not a tag"'],
    ['a follow-up without its question', { followUp: [{ id: 'x' }] }, 'followUp[0].question', 'required'],
    ['a trigger without a type', { triggers: [{}] }, 'triggers[0].type', 'expected one of pageview, event, click, time-on-page, scroll, exit-intent, manual, got undefined'],
    ['an eq filter without its value', { targeting: { attributes: [{ property: 'plan', op: 'eq' }] } }, 'targeting.attributes[0].value', 'required'],
    ['duplicate follow-up ids', { followUp: [{ question: 'a' }, { id: 'followUp0', question: 'b' }] }, 'followUp[1].id', 'duplicate id "followUp0"'],
  ])('still refuses %s', (_, patch, path, reason) => {
    expect(under(names, parseSurvey, { ...survey, ...patch })).toEqual({ code: 'E_SURVEY_INVALID', path, message: `${path}: ${reason}` });
  });
});

describe('the records of an answer with Object.prototype members installed', () => {
  const response = {
    id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
    surveyId: 'nps',
    kind: 'nps',
    score: 9,
    scale: [0, 10],
    createdAt: '2026-11-24T06:34:00.000Z',
    anonymousId: 'anon-1',
    attributes: {},
    page: { url: 'https://shop.example/' },
    locale: 'en',
    channel: 'web',
  };
  const event = { id: response.id, type: 'display', surveyId: 'nps', anonymousId: 'anon-1', createdAt: response.createdAt };

  it('parses them as on a clean page', () => {
    expect(under(['objectPrototype'], parseResponse, response)).toStrictEqual({ value: parseResponse(response) });
    expect(under(['objectPrototype'], parseEvent, event)).toStrictEqual({ value: parseEvent(event) });
  });

  it('refuses a signature without an own userId (Object.prototype.userId signs nothing)', () => {
    const sig = { userSignature: 'a'.repeat(64) };
    const needs = { path: 'userSignature', message: 'userSignature: needs userId' };
    expect(under(['objectPrototype'], parseResponse, { ...response, ...sig })).toEqual({ code: 'E_RESPONSE_INVALID', ...needs });
    expect(under(['objectPrototype'], parseEvent, { ...event, ...sig })).toEqual({ code: 'E_EVENT_INVALID', ...needs });
  });
});

describe('a filter with Object.prototype.value defined', () => {
  // Not among the library patches: a `value` on Object.prototype breaks every accessor
  // descriptor on the page (defineProperty reads it), so it is set only around one parse.
  const withValue = <T>(fn: () => T): T => {
    Object.defineProperty(Object.prototype, 'value', { value: 'inherited', configurable: true, writable: true });
    try {
      return fn();
    } finally {
      delete (Object.prototype as { value?: unknown }).value;
    }
  };
  const attributes = (filter: object) => ({ ...survey, targeting: { attributes: [filter] } });

  it("accepts `exists` without a value, and refuses `eq` without one, reading only the filter's own keys", () => {
    const exists = attributes({ property: 'plan', op: 'exists' });
    expect(withValue(() => outcome(parseSurvey, exists))).toStrictEqual({ value: parseSurvey(exists) });
    const path = 'targeting.attributes[0].value';
    expect(withValue(() => outcome(parseSurvey, attributes({ property: 'plan', op: 'eq' })))).toEqual({
      code: 'E_SURVEY_INVALID',
      path,
      message: `${path}: required`,
    });
  });
});
