// Scores over time and across segments: group responses, tally each group
// (de-duplicated by response id) and score it by its survey kind.
import { SaysoError } from './errors.js';
import type { SurveyKind } from './survey.js';
import type { SurveyResponse } from './response.js';
import type { Tally } from './tally.js';
import { createAccumulator } from './accumulator.js';
import { periodOf } from './periods.js';
import { nps, type NpsOptions, type NpsResult } from './nps.js';
import { csat, type CsatOptions, type CsatResult } from './csat.js';
import { ces, type CesOptions, type CesResult } from './ces.js';

/** The fields of a response that {@link summarize} reads. */
export type SummarizableResponse = Pick<SurveyResponse, 'id' | 'kind' | 'score' | 'scale' | 'createdAt'>;

/** Options of {@link summarize}. */
export interface SummarizeOptions<R extends SummarizableResponse> {
  /** Time bucket (UTC day, ISO week, month) or your own key; none puts all times in one group. */
  by?: 'day' | 'week' | 'month' | ((response: R) => string);
  /** A segment key per response (plan, country, channel…). */
  segment?: (response: R) => string;
  /** Scoring options per kind (the scale comes from the responses). */
  nps?: NpsOptions;
  csat?: Omit<CsatOptions, 'points'>;
  ces?: Omit<CesOptions, 'points'>;
}

/** One group of {@link summarize}: a period × segment × survey kind (× scale). */
export interface SummaryGroup {
  /** Period key (`2026-11-24`, `2026-W48`, `2026-11`, or your `by` key); `null` without `by`. */
  period: string | null;
  /** The period's half-open UTC window `[start, end)`; `null` for a custom or absent `by`. */
  start: string | null;
  end: string | null;
  segment: string | null;
  kind: SurveyKind;
  scale: [number, number];
  tally: Tally;
  result: NpsResult | CsatResult | CesResult;
}

/**
 * Groups responses by time period (UTC days, ISO 8601 weeks, months; each a
 * half-open window) and segment, and scores each group by its survey kind:
 * `nps` for NPS, `csat` for CSAT, `ces` for CES. Responses with the same
 * `id` are counted once (the first one seen), as the collector stores them.
 * Scores off the scale are counted in the group's `tally.invalid`.
 * Groups come sorted by period, then segment, then kind.
 *
 * @example
 * summarize(responses, { by: 'week', segment: (r) => r.channel });
 * // [{ period: '2026-W47', segment: 'web', kind: 'nps', result: { score: 31.2, … } }, …]
 */
export function summarize<R extends SummarizableResponse>(responses: Iterable<R>, options: SummarizeOptions<R> = {}): SummaryGroup[] {
  const { by, segment } = options;
  const seen = new Set<string>();
  const groups = new Map<string, { g: Omit<SummaryGroup, 'tally' | 'result'>; acc: ReturnType<typeof createAccumulator>; sort: string }>();
  let i = -1;
  for (const r of responses) {
    i++;
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    let period: string | null = null;
    let start: string | null = null;
    let end: string | null = null;
    if (typeof by === 'function') period = by(r);
    else if (by) {
      const time = Date.parse(r.createdAt);
      if (Number.isNaN(time)) throw new SaysoError('E_RESPONSE_INVALID', `createdAt is not a date: ${String(r.createdAt)}`, { path: `responses[${i}].createdAt` });
      ({ key: period, start, end } = periodOf(time, by));
    }
    const seg = segment ? segment(r) : null;
    const scale: [number, number] = [r.scale[0], r.scale[1]];
    const key = JSON.stringify([period, seg, r.kind, scale]);
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        g: { period, start, end, segment: seg, kind: r.kind, scale },
        acc: createAccumulator({ scale }),
        sort: JSON.stringify([start ?? period ?? '', seg ?? '', r.kind, scale]),
      };
      groups.set(key, entry);
    }
    entry.acc.add(r.score);
  }
  return [...groups.values()]
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
    .map(({ g, acc }) => {
      const tally = acc.result();
      const result = g.kind === 'nps' ? nps(tally, options.nps) : g.kind === 'csat' ? csat(tally, options.csat) : ces(tally, options.ces);
      return { ...g, tally, result };
    });
}
