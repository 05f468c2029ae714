// Surveys from config and remote config pass parseSurvey one by one: a bad one
// is skipped with an `error` event naming the field (`surveys[2].triggers[0].url`),
// never taking the others down with it.
import { parseSurvey, SaysoError, type SaysoErrorCode, type Survey } from '@sayso/core';
import { compileSurveyUrls } from './triggers/url-compile.js';

/** The valid surveys of `list` (URL rules compiled for the matcher), reporting each invalid one through `report`. */
export function checkSurveys(
  list: unknown[],
  report: (e: { code: SaysoErrorCode; message: string; path?: string }) => void,
): Survey[] {
  const out: Survey[] = [];
  list.forEach((input, i) => {
    try {
      out.push(compileSurveyUrls(parseSurvey(input)));
    } catch (err) {
      // parseSurvey is bundled with this file, so its errors are this realm's SaysoError:
      // `instanceof` suffices (isSaysoError's cross-frame check is not needed here).
      const path = `surveys[${i}]${err instanceof SaysoError && err.path ? `.${err.path}` : ''}`;
      report({ code: 'E_SURVEY_INVALID', message: `surveys[${i}]: ${(err as Error).message}`, path });
    }
  });
  return out;
}

/** Later lists replace earlier surveys with the same id (remote config wins over init). */
export function mergeSurveys(...lists: Survey[][]): Survey[] {
  // A Map keeps a key where it was first set and the value last set.
  return [...new Map(lists.flat().map((s) => [s.id, s])).values()];
}
