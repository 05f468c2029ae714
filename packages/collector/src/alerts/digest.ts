// Digests: one survey's last finished day or ISO week, told in one message:
// the score and its interval, the change since the period before, the number
// of answers, and the newest comments of its detractors.
import { compare, defaultScale, periodOf, scoreBand, type Comparison, type Survey } from '@sayso/core';
import type { Storage } from '../storage/types.js';
import type { DigestRule } from './config.js';
import { dayOf, windowScore, type DayWindow } from './windows.js';

/** A detractor's comment quoted in a digest. */
export interface DigestComment {
  id: string;
  score: number;
  comment: string;
  createdAt: string;
}

export interface Digest {
  site: string;
  rule: string;
  survey: string;
  kind: Survey['kind'];
  /** The period's key (`2026-12-03`, `2026-W49`) and its days. */
  period: DayWindow & { key: string };
  score: number | null;
  ci: [number, number] | null;
  n: number;
  /** The period before, for the change. */
  previous: DayWindow & { score: number | null; n: number };
  /** This period − the one before, with its test. */
  change: Comparison;
  comments: DigestComment[];
}

/** The last finished period of `every` at `now`, and the one before it. */
export function digestPeriods(every: DigestRule['every'], now: number): { current: DayWindow & { key: string }; previous: DayWindow } {
  const step = every === 'day' ? 1 : 7;
  const days = (p: { key: string; start: string; end: string }) => ({ key: p.key, from: p.start.slice(0, 10), to: dayOf(Date.parse(p.end), -1) });
  const current = days(periodOf(now - step * 86_400_000, every));
  const previous = days(periodOf(Date.parse(`${current.from}T00:00:00Z`) - step * 86_400_000, every));
  return { current, previous: { from: previous.from, to: previous.to } };
}

/**
 * The scores of detractors (NPS 0-6) or unhappy answers (the worst third of
 * a CSAT or CES scale, as `scoreBand` cuts it): at most `max`, or at least
 * `min` on a lower-is-easier scale.
 */
export function detractorBand(survey: Survey): { max: number } | { min: number } {
  const s = survey.scale ?? defaultScale(survey.kind);
  // scoreBand is the one definition of the bands; the worst band is a run at one end.
  const worst: number[] = [];
  for (let x = s.min; x <= s.max; x++) if (['detractor', 'unhappy'].includes(scoreBand(survey.kind, x, s))) worst.push(x);
  return worst[0] === s.min ? { max: worst[worst.length - 1]! } : { min: worst[0] ?? s.max };
}

/** Builds the digest of `rule` for the last finished period at `now`. */
export async function buildDigest(storage: Storage, site: string, survey: Survey, rule: DigestRule, now: number, level = 0.95): Promise<Digest> {
  const { current, previous } = digestPeriods(rule.every, now);
  const [cur, prev] = await Promise.all([windowScore(storage, site, survey, current, level), windowScore(storage, site, survey, previous, level)]);
  const band = detractorBand(survey);
  let comments: DigestComment[] = [];
  if (rule.comments > 0) {
    const rows = await storage.latestComments({ site, surveyId: survey.id, from: current.from, to: current.to, ...('max' in band ? { maxScore: band.max } : { minScore: band.min }) }, rule.comments);
    comments = rows.map((r) => ({ id: r.id, score: r.score, comment: r.comment ?? '', createdAt: new Date(r.createdAt).toISOString() }));
  }
  return {
    site,
    rule: rule.id,
    survey: survey.id,
    kind: survey.kind,
    period: current,
    score: cur.score,
    ci: cur.ci,
    n: cur.n,
    previous: { ...previous, score: prev.score, n: prev.n },
    change: compare(cur, prev, { level }),
    comments,
  };
}
