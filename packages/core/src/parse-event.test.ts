import { describe, expect, it } from 'vitest';
import { uuidv7 } from './id.js';
import { parseEvent } from './parse-event.js';
import { expectInvalid, withAt } from './parse-test-helpers.js';
import type { SurveyEvent } from './response.js';

const invalid = (input: unknown, path: string | undefined, reason: string) =>
  expectInvalid(parseEvent, 'E_EVENT_INVALID', input, path, reason);

const valid: SurveyEvent = {
  id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
  type: 'display',
  surveyId: 'nps-q4',
  anonymousId: 'anon-1',
  userId: 'u1',
  userSignature: '0123456789abcdef'.repeat(4),
  createdAt: '2026-11-24T06:34:00.000Z',
  channel: 'web',
};

describe('parseEvent', () => {
  it('accepts displays and dismissals, minimal and full, and round-trips', () => {
    expect(parseEvent(valid)).toEqual(valid);
    expect(parseEvent(parseEvent(valid))).toEqual(valid);
    const dismiss = { id: uuidv7(), type: 'dismiss', surveyId: 's', anonymousId: 'a', createdAt: new Date().toISOString() };
    expect(parseEvent(dismiss)).toEqual(dismiss);
  });

  it.each<[string, unknown, string]>([
    ['id', 'x', 'expected a UUID, got "x"'],
    ['id', undefined, 'required'],
    ['type', 'response', 'expected one of display, dismiss, got "response"'],
    ['type', undefined, 'required'],
    ['surveyId', '', 'expected 1 to 64 characters, got 0'],
    ['anonymousId', 5, 'expected a string, got 5'],
    ['userId', '', 'expected 1 to 256 characters, got 0'],
    ['userSignature', 'Z'.repeat(64), `expected a hex HMAC-SHA256, got "${'Z'.repeat(40)}"`],
    ['createdAt', '2026-11-31T00:00:00Z', 'expected an ISO 8601 date-time with zone, got "2026-11-31T00:00:00Z"'],
    ['createdAt', undefined, 'required'],
    ['channel', 7, 'expected a string, got 7'],
    ['score', 9, 'unknown key'],
    ['version', 0, 'expected an integer from 1 to 2147483647, got 0'],
    ['version', 1.5, 'expected an integer from 1 to 2147483647, got 1.5'],
    ['version', '2', 'expected an integer from 1 to 2147483647, got "2"'],
    ['version', 2147483648, 'expected an integer from 1 to 2147483647, got 2147483648'],
    ['version', null, 'expected an integer from 1 to 2147483647, got null'],
    ['test', 'yes', 'expected one of true, false, got "yes"'],
    ['test', 0, 'expected one of true, false, got 0'],
  ])('%s #%#', (field, value, reason) => invalid(withAt(valid, field, value), field, reason));

  it('keeps a version from 1 to the largest integer PostgreSQL holds', () => {
    expect(parseEvent({ ...valid, version: 1 }).version).toBe(1);
    expect(parseEvent({ ...valid, version: 2147483647 }).version).toBe(2147483647);
    expect('version' in parseEvent(valid)).toBe(false);
  });

  it('keeps the preview flag `test` as given, and leaves it out when absent', () => {
    expect(parseEvent({ ...valid, test: true }).test).toBe(true);
    expect('test' in parseEvent(valid)).toBe(false);
  });

  it('needs userId beside a userSignature', () => {
    invalid({ ...valid, userId: undefined }, 'userSignature', 'needs userId');
  });

  it('refuses a non-object', () => invalid(true, undefined, 'expected an object, got true'));
});
