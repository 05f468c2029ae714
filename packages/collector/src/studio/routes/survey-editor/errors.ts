// Every field error of a draft, by parseSurvey's paths. parseSurvey stops at
// the first bad field (it ships in the SDK, where bytes matter more than a
// full report), so this asks again without that field, until it passes or a
// path repeats (a required field left out reports the same path): a page of
// errors at once, each beside its field, from the real checker.
import { isSaysoError, parseSurvey } from '@sayso/core';
import { parsePath, setAt } from './paths.js';

export interface FieldError {
  /** parseSurvey's path (`triggers[0].delayMs`); '' for the survey as a whole. */
  path: string;
  message: string;
}

/** The message without the `path: ` prefix SaysoError puts in front. */
const bare = (message: string, path: string) => (path && message.startsWith(path + ': ') ? message.slice(path.length + 2) : message);

/** The draft's errors, at most `limit`, in the order parseSurvey meets them. */
export function surveyErrors(draft: unknown, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let rest = draft;
  while (errors.length < limit) {
    try {
      parseSurvey(rest);
      return errors;
    } catch (err) {
      if (!isSaysoError(err)) throw err;
      const path = err.path ?? '';
      if (seen.has(path)) return errors;
      seen.add(path);
      errors.push({ path, message: bare(err.message, path) });
      // The whole survey, or an item of a list (removing it would renumber the others): nothing more to learn.
      if (!path || typeof parsePath(path).at(-1) === 'number') return errors;
      rest = setAt(rest, path, undefined);
    }
  }
  return errors;
}
