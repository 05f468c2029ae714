// Input checks at the HTTP boundary. Shape checks follow @sayso/core's
// record model; the collector adds its own policy on top (text caps, known
// surveys). Every failure is a SaysoError whose `path` names the bad field.
//
// The shape checks stay here until @sayso/core's parseResponse / parseEvent /
// parseSurvey land; they have the same signature and error contract.
import { SaysoError, isUuid, type SaysoErrorCode, type Survey, type SurveyEvent, type SurveyResponse } from '@sayso/core';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function checker(code: SaysoErrorCode) {
  const bad = (path: string, message: string): never => {
    throw new SaysoError(code, message, { path });
  };
  return {
    bad,
    str(o: Obj, key: string, opt = false): string | undefined {
      const v = o[key];
      if (v === undefined && opt) return undefined;
      if (typeof v !== 'string' || v === '') return bad(key, opt ? 'must be a non-empty string when present' : 'is required and must be a non-empty string');
      return v;
    },
    date(o: Obj, key: string): string {
      const v = o[key];
      if (typeof v !== 'string' || !ISO_RE.test(v) || Number.isNaN(Date.parse(v))) return bad(key, 'must be an ISO 8601 date-time with a zone');
      return v;
    },
  };
}

/** Checks one response of a batch (shape only). */
export function parseResponse(input: unknown): SurveyResponse {
  const c = checker('E_RESPONSE_INVALID');
  if (!isObj(input)) return c.bad('', 'must be an object');
  if (!isUuid(input.id)) c.bad('id', 'must be a UUID');
  c.str(input, 'surveyId');
  if (input.kind !== 'nps' && input.kind !== 'csat' && input.kind !== 'ces') c.bad('kind', 'must be "nps", "csat" or "ces"');
  const scale = input.scale;
  if (!Array.isArray(scale) || scale.length !== 2 || !scale.every(Number.isInteger) || scale[0] >= scale[1]) c.bad('scale', 'must be [min, max] integers with min < max');
  const [min, max] = scale as [number, number];
  if (!Number.isInteger(input.score) || (input.score as number) < min || (input.score as number) > max) c.bad('score', `must be an integer from ${min} to ${max}`);
  if (input.comment !== undefined && typeof input.comment !== 'string') c.bad('comment', 'must be a string');
  if (input.answers !== undefined) {
    if (!isObj(input.answers)) c.bad('answers', 'must be an object of strings');
    for (const [k, v] of Object.entries(input.answers as Obj)) if (typeof v !== 'string') c.bad(`answers.${k}`, 'must be a string');
  }
  c.date(input, 'createdAt');
  c.str(input, 'anonymousId');
  c.str(input, 'userId', true);
  if (input.userSignature !== undefined && (typeof input.userSignature !== 'string' || !/^[0-9a-f]{64}$/i.test(input.userSignature))) c.bad('userSignature', 'must be a hex HMAC-SHA256');
  if (!isObj(input.attributes)) c.bad('attributes', 'must be an object');
  for (const [k, v] of Object.entries(input.attributes as Obj)) {
    if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) c.bad(`attributes.${k}`, 'must be a string, finite number or boolean');
  }
  if (!isObj(input.page)) c.bad('page', 'must be an object with a url');
  c.str(input.page as Obj, 'url') ?? c.bad('page.url', 'is required');
  if ((input.page as Obj).referrer !== undefined && typeof (input.page as Obj).referrer !== 'string') c.bad('page.referrer', 'must be a string');
  c.str(input, 'locale');
  c.str(input, 'channel');
  return input as unknown as SurveyResponse;
}

/** Checks one display/dismiss event of a batch (shape only). */
export function parseEvent(input: unknown): SurveyEvent {
  const c = checker('E_EVENT_INVALID');
  if (!isObj(input)) return c.bad('', 'must be an object');
  if (!isUuid(input.id)) c.bad('id', 'must be a UUID');
  if (input.type !== 'display' && input.type !== 'dismiss') c.bad('type', 'must be "display" or "dismiss"');
  c.str(input, 'surveyId');
  c.str(input, 'anonymousId');
  c.str(input, 'userId', true);
  if (input.userSignature !== undefined && (typeof input.userSignature !== 'string' || !/^[0-9a-f]{64}$/i.test(input.userSignature))) c.bad('userSignature', 'must be a hex HMAC-SHA256');
  c.date(input, 'createdAt');
  c.str(input, 'channel', true);
  return input as unknown as SurveyEvent;
}

/** Checks a survey definition of the config; `at` prefixes error paths. */
export function checkSurvey(input: unknown, at: string): Survey {
  const bad = (path: string, message: string): never => {
    throw new SaysoError('E_CONFIG_INVALID', message, { path: path ? `${at}.${path}` : at });
  };
  if (!isObj(input)) return bad('', 'must be a survey object');
  if (typeof input.id !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(input.id)) bad('id', 'must be 1-64 letters, digits, "-", "_" or "."');
  if (input.kind !== 'nps' && input.kind !== 'csat' && input.kind !== 'ces') bad('kind', 'must be "nps", "csat" or "ces"');
  if (typeof input.question !== 'string' || input.question === '') bad('question', 'must be a non-empty string');
  return input as unknown as Survey;
}

/**
 * The collector's own caps on text: the comment, each answer and each string
 * attribute at most `max` characters, at most 50 attributes and 20 answers.
 * Returns the path of the first field over the cap, or undefined.
 */
export function textOverCap(r: SurveyResponse, max: number): string | undefined {
  if (r.comment !== undefined && r.comment.length > max) return 'comment';
  const answers = Object.entries(r.answers ?? {});
  if (answers.length > 20) return 'answers';
  for (const [k, v] of answers) if (v.length > max || k.length > 64) return `answers.${k}`;
  const attrs = Object.entries(r.attributes);
  if (attrs.length > 50) return 'attributes';
  for (const [k, v] of attrs) if (k.length > 64 || (typeof v === 'string' && v.length > max)) return `attributes.${k}`;
  if (r.page.url.length > 2048) return 'page.url';
  if ((r.page.referrer?.length ?? 0) > 2048) return 'page.referrer';
  for (const key of ['surveyId', 'anonymousId', 'userId', 'locale', 'channel'] as const) if ((r[key]?.length ?? 0) > 256) return key;
  return undefined;
}
