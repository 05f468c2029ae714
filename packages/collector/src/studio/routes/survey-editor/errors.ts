// Every field error of a draft, by parseSurvey's paths. parseSurvey stops at
// the first bad field (it ships in the SDK, where bytes matter more than a
// full report), so this asks again with a stand-in for that field, until it
// passes: a page of errors at once, each beside its field, from the real
// checker.
import { isSaysoError, parseSurvey } from '@sayso/core';
import { parsePath, setAt } from './paths.js';

export interface FieldError {
  /** parseSurvey's path (`triggers[0].delayMs`); '' for the survey as a whole. */
  path: string;
  message: string;
}

/** The message without the `path: ` prefix SaysoError puts in front. */
const bare = (message: string, path: string) => (path && message.startsWith(path + ': ') ? message.slice(path.length + 2) : message);

// What stands in for a bad field while looking for the next error: first
// nothing; a required field then reports the same path again, so a short
// text, then a number (most required fields are one or the other).
const STAND_INS: unknown[] = [undefined, 'x', 1];

/** The draft's errors, at most `limit`, in the order parseSurvey meets them. */
export function surveyErrors(draft: unknown, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const tries = new Map<string, number>();
  let rest = draft;
  for (let guard = 0; errors.length < limit && guard < limit * STAND_INS.length; guard++) {
    try {
      parseSurvey(rest);
      return errors;
    } catch (err) {
      if (!isSaysoError(err)) throw err;
      const path = err.path ?? '';
      const tried = tries.get(path) ?? 0;
      if (tried === 0) errors.push({ path, message: bare(err.message, path) });
      // The whole survey, or an item of a list (removing it would renumber the others): nothing more to learn.
      if (!path || typeof parsePath(path).at(-1) === 'number' || tried >= STAND_INS.length) return errors;
      tries.set(path, tried + 1);
      rest = setAt(rest, path, STAND_INS[tried]);
    }
  }
  return errors;
}
