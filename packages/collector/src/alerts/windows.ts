// Scores of one survey over a window of UTC days, from the stored daily
// tallies (summed in the database with `by: 'range'`), never from a scan of
// the responses: the cost is the number of scale points, at any volume.
import { ces, csat, defaultScale, nps, type CesResult, type CsatResult, type NpsResult, type Scale, type Survey } from '@sayso/core';
import type { Storage } from '../storage/types.js';

/** A window of whole UTC days, both ends inclusive (`YYYY-MM-DD`). */
export interface DayWindow {
  from: string;
  to: string;
}

export type WindowScore = NpsResult | CsatResult | CesResult;

const DAY = 86_400_000;

/** `YYYY-MM-DD` of `time`, `offset` days later (earlier when negative). */
export function dayOf(time: number, offset = 0): string {
  return new Date(time + offset * DAY).toISOString().slice(0, 10);
}

/** The score of `survey` over `window`, at confidence `level`. */
export async function windowScore(storage: Storage, site: string, survey: Survey, window: DayWindow, level: number): Promise<WindowScore> {
  const scale: Scale = survey.scale ?? defaultScale(survey.kind);
  const counts = new Array<number>(scale.max - scale.min + 1).fill(0);
  let n = 0;
  let invalid = 0;
  const rows = await storage.tallies({ site, surveyId: survey.id, from: window.from, to: window.to, dimension: '', by: 'range' });
  for (const row of rows) {
    if (row.metric !== 'response') continue;
    // Off-scale scores (the survey's scale changed) stay out, as in scores.ts.
    if (row.score < scale.min || row.score > scale.max) invalid += row.n;
    else {
      counts[row.score - scale.min]! += row.n;
      n += row.n;
    }
  }
  const tally = { scale: [scale.min, scale.max] as [number, number], counts, n, invalid };
  if (survey.kind === 'nps') return nps(tally, { level });
  if (survey.kind === 'csat') return csat(tally, { level });
  return ces(tally, { level, ...(scale.direction ? { direction: scale.direction } : {}) });
}
