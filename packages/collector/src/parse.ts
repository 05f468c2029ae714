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
 * The collector's own cap on text, `limits.maxTextLength`: the comment, each
 * answer and each string attribute. Every other cap (how many answers and
 * attributes, key, id and URL lengths) and what may be stored at all (no NUL,
 * no lone surrogate, dates from 1970 to 9999) is `parseResponse`'s, so the
 * two cannot disagree. Returns the path of the first field over the cap, or undefined.
 */
export function textOverCap(r: SurveyResponse, max: number): string | undefined {
  if (r.comment !== undefined && r.comment.length > max) return 'comment';
  for (const [k, v] of Object.entries(r.answers ?? {})) if (v.length > max) return `answers.${k}`;
  for (const [k, v] of Object.entries(r.attributes)) if (typeof v === 'string' && v.length > max) return `attributes.${k}`;
  return undefined;
}
