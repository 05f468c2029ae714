// Input checks at the HTTP boundary. The record shapes are checked by
// @sayso/core (parseResponse, parseEvent, parseSurvey), the same code the
// widget uses; the collector adds its own policy on top (text caps).
import { SaysoError, isSaysoError, parseSurvey, type Survey, type SurveyResponse } from '@sayso/core';

export { parseEvent, parseResponse } from '@sayso/core';

/** Checks a survey definition of the config; `at` prefixes error paths (`sites[0].surveys[2].kind`). */
export function checkSurvey(input: unknown, at: string): Survey {
  try {
    return parseSurvey(input);
  } catch (err) {
    if (!isSaysoError(err)) throw err;
    const path = err.path ? `${at}.${err.path}` : at;
    const message = err.path && err.message.startsWith(`${err.path}: `) ? err.message.slice(err.path.length + 2) : err.message;
    throw new SaysoError('E_CONFIG_INVALID', message, { path, cause: err });
  }
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
