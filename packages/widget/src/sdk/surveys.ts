// Surveys from config and remote config pass parseSurvey one by one: a bad one
// is skipped with an `error` event naming the field (`surveys[2].triggers[0].url`),
// never taking the others down with it.
import { isSaysoError, parseSurvey, type SaysoErrorCode, type Survey } from '@sayso/core';

/** The valid surveys of `list`, reporting each invalid one through `report`. */
export function checkSurveys(
  list: unknown[],
  report: (e: { code: SaysoErrorCode; message: string; path?: string }) => void,
): Survey[] {
  const out: Survey[] = [];
  list.forEach((input, i) => {
    try {
      out.push(parseSurvey(input));
    } catch (err) {
      const path = `surveys[${i}]${isSaysoError(err) && err.path ? `.${err.path}` : ''}`;
      report({ code: 'E_SURVEY_INVALID', message: `surveys[${i}]: ${(err as Error).message}`, path });
    }
  });
  return out;
}

/** Later lists replace earlier surveys with the same id (remote config wins over init). */
export function mergeSurveys(...lists: Survey[][]): Survey[] {
  const byId = new Map<string, Survey>();
  for (const l of lists) for (const s of l) byId.set(s.id, s);
  return [...byId.values()];
}
