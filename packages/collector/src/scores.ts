// Scores from stored daily tallies, computed with @sayso/core: the tallies
// are merged per period and segment (adding counts is exact), then scored.
// The work is proportional to days × segments × scale points, never to the
// number of responses, which is what keeps /v1/scores fast at any volume.
import {
  ces,
  csat,
  defaultScale,
  nps,
  periodOf,
  responseRate,
  type CesResult,
  type CsatResult,
  type NpsResult,
  type Rate,
  type Scale,
  type SurveyKind,
  type Tally,
} from '@sayso/core';
import type { TallyRow } from './storage/types.js';

/** How a survey is scored: its kind and scale. */
export interface SurveyShape {
  surveyId: string;
  kind: SurveyKind;
  scale: [number, number];
  direction?: Scale['direction'];
}

/** One score with what surrounds it. */
export type ScoreCell = (NpsResult | CsatResult | CesResult) & {
  /** Answers per scale point, `counts[k]` for score `scale[0] + k`. */
  counts: number[];
  /** Displays and dismissals (`null` when not known for this segment). */
  displays: number | null;
  dismissals: number | null;
  /** Responses / displays, with a Wilson interval. */
  responseRate: Rate | null;
};

/** The scores of one survey. */
export interface SurveyScores {
  surveyId: string;
  kind: SurveyKind;
  scale: [number, number];
  total: ScoreCell;
  /** One cell per period, oldest first (only periods with data). */
  periods: Array<ScoreCell & { period: string; start: string }>;
  /** One cell per segment value, largest first (when a segment was asked for). */
  segments: Array<ScoreCell & { value: string }>;
}

/** Options of `scoreSurveys`. */
export interface ScoreOptions {
  interval: 'day' | 'week' | 'month';
  /** Confidence level of every interval. @default 0.95 */
  level?: number;
}

interface Bucket {
  tally: Tally;
  displays: number;
  dismissals: number;
}

function empty(scale: [number, number]): Bucket {
  return { tally: { scale, counts: new Array(scale[1] - scale[0] + 1).fill(0), n: 0, invalid: 0 }, displays: 0, dismissals: 0 };
}

function add(b: Bucket, row: TallyRow): void {
  if (row.metric === 'display') b.displays += row.n;
  else if (row.metric === 'dismiss') b.dismissals += row.n;
  else {
    const [min, max] = b.tally.scale;
    // A score off the survey's scale (the survey was changed) is kept out of the score, visibly.
    if (row.score < min || row.score > max) b.tally.invalid += row.n;
    else {
      b.tally.counts[row.score - min]! += row.n;
      b.tally.n += row.n;
    }
  }
}

function score(shape: SurveyShape, b: Bucket, level: number, eventsKnown: boolean): ScoreCell {
  const t = b.tally;
  const result =
    shape.kind === 'nps'
      ? nps(t, { level })
      : shape.kind === 'csat'
        ? csat(t, { level })
        : ces(t, { level, ...(shape.direction ? { direction: shape.direction } : {}) });
  // Responses can outnumber recorded displays (link surveys, an SDK without events): no rate then.
  const rate = eventsKnown && b.displays > 0 && t.n <= b.displays ? responseRate({ displays: b.displays, responses: t.n }, { level }) : null;
  return {
    ...result,
    counts: [...t.counts],
    displays: eventsKnown ? b.displays : null,
    dismissals: eventsKnown ? b.dismissals : null,
    responseRate: rate,
  };
}

/**
 * Scores per survey from overall tallies (`overall`, dimension `''`) and,
 * optionally, tallies of one segment dimension (`bySegment`).
 */
export function scoreSurveys(
  shapes: readonly SurveyShape[],
  overall: readonly TallyRow[],
  bySegment: readonly TallyRow[] | undefined,
  options: ScoreOptions & { segmentHasEvents?: boolean },
): SurveyScores[] {
  const level = options.level ?? 0.95;
  const out: SurveyScores[] = [];
  for (const shape of shapes) {
    const total = empty(shape.scale);
    const periods = new Map<string, Bucket & { start: string }>();
    for (const row of overall) {
      if (row.surveyId !== shape.surveyId) continue;
      add(total, row);
      const p = periodOf(Date.parse(`${row.day}T00:00:00Z`), options.interval);
      let b = periods.get(p.key);
      if (!b) periods.set(p.key, (b = { ...empty(shape.scale), start: p.start }));
      add(b, row);
    }
    if (total.tally.n === 0 && total.displays === 0 && total.tally.invalid === 0) continue;
    const segments = new Map<string, Bucket>();
    for (const row of bySegment ?? []) {
      if (row.surveyId !== shape.surveyId) continue;
      let b = segments.get(row.value);
      if (!b) segments.set(row.value, (b = empty(shape.scale)));
      add(b, row);
    }
    out.push({
      surveyId: shape.surveyId,
      kind: shape.kind,
      scale: shape.scale,
      total: score(shape, total, level, true),
      periods: [...periods]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([period, b]) => ({ period, start: b.start, ...score(shape, b, level, true) })),
      segments: [...segments]
        .map(([value, b]) => ({ value, ...score(shape, b, level, options.segmentHasEvents ?? false) }))
        .sort((a, b) => b.n - a.n),
    });
  }
  return out;
}

/** The scale a survey is scored on: its configured one, else its kind's default. */
export function shapeOf(surveyId: string, kind: SurveyKind, scale?: Scale): SurveyShape {
  const s = scale ?? defaultScale(kind);
  return { surveyId, kind, scale: [s.min, s.max], ...(scale?.direction ? { direction: scale.direction } : {}) };
}
