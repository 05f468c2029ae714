// Each survey's band split (promoters, passives, detractors; or unhappy,
// neutral, happy) from its score distribution, with Wilson intervals on the
// shares: the same bands the widget asks follow-ups by (scoreBand).
import { scoreBand, wilson, type ScoreBand, type SurveyKind } from '@sayso/core';

export interface BandShare {
  band: ScoreBand;
  count: number;
  /** 0..1 of the answers. */
  share: number;
  /** 95 % Wilson interval on the share, null with no answers. */
  ci: [number, number] | null;
}

const ORDER: Record<SurveyKind, ScoreBand[]> = {
  nps: ['promoter', 'passive', 'detractor'],
  csat: ['happy', 'neutral', 'unhappy'],
  ces: ['happy', 'neutral', 'unhappy'],
};

/** The band split of `counts` (answers per point from `scale[0]`). */
export function bandSplit(kind: SurveyKind, scale: readonly [number, number], counts: readonly number[], direction?: 'higher-is-easier' | 'lower-is-easier'): BandShare[] {
  const per = new Map<ScoreBand, number>(ORDER[kind].map((b) => [b, 0]));
  let n = 0;
  counts.forEach((c, k) => {
    const band = scoreBand(kind, scale[0] + k, { min: scale[0], max: scale[1], ...(direction && { direction }) });
    per.set(band, (per.get(band) ?? 0) + c);
    n += c;
  });
  return ORDER[kind].map((band) => {
    const count = per.get(band) ?? 0;
    return { band, count, share: n ? count / n : 0, ci: wilson(count, n) };
  });
}

export const BAND_LABEL: Record<ScoreBand, string> = {
  promoter: 'Promoters',
  passive: 'Passives',
  detractor: 'Detractors',
  happy: 'Happy',
  neutral: 'Neutral',
  unhappy: 'Unhappy',
};
