// "The score dropped": the recent window against the trailing baseline, with
// @sayso/core's two-sample test. It fires only when every guard holds, so
// noise never pages anyone: enough answers on both sides, a drop of at least
// `minPoints`, and p below 1 − level. (The cooldown is the scheduler's: it
// needs the run history.)
import { compare, type Comparison, type Survey } from '@sayso/core';
import type { Storage } from '../storage/types.js';
import type { DropRule } from './config.js';
import { dayOf, windowScore, type DayWindow, type WindowScore } from './windows.js';

/** One side of the comparison, as the alert tells it. */
export interface DropSide extends DayWindow {
  score: number | null;
  ci: [number, number] | null;
  n: number;
}

/** What an evaluation of a drop rule found. */
export interface DropEvaluation {
  site: string;
  rule: string;
  survey: string;
  kind: Survey['kind'];
  recent: DropSide;
  baseline: DropSide;
  comparison: Comparison;
  /** Why it did not fire (`null` when it fired). */
  quiet: 'too-few-answers' | 'no-drop' | 'too-small' | 'not-significant' | null;
}

const side = (w: DayWindow, s: WindowScore): DropSide => ({ ...w, score: s.score, ci: s.ci, n: s.n });

/** The two windows of `rule` for a check at `now`: the recent one ends today (UTC). */
export function dropWindows(rule: Pick<DropRule, 'recentDays' | 'baselineDays'>, now: number): { recent: DayWindow; baseline: DayWindow } {
  return {
    recent: { from: dayOf(now, -(rule.recentDays - 1)), to: dayOf(now) },
    baseline: { from: dayOf(now, -(rule.recentDays + rule.baselineDays - 1)), to: dayOf(now, -rule.recentDays) },
  };
}

/** Evaluates `rule` at `now` from the stored tallies. */
export async function evaluateDrop(storage: Storage, site: string, survey: Survey, rule: DropRule, now: number): Promise<DropEvaluation> {
  const windows = dropWindows(rule, now);
  const [recent, baseline] = await Promise.all([
    windowScore(storage, site, survey, windows.recent, rule.level),
    windowScore(storage, site, survey, windows.baseline, rule.level),
  ]);
  const comparison = compare(recent, baseline, { level: rule.level });
  const d = comparison.difference;
  const quiet =
    recent.n < rule.minAnswers || baseline.n < rule.minAnswers
      ? 'too-few-answers'
      : d === null || d >= 0
        ? 'no-drop'
        : // A drop of exactly minPoints fires; the tolerance absorbs float noise in percent scores.
          -d < rule.minPoints - 1e-9
          ? 'too-small'
          : !comparison.significant
            ? 'not-significant'
            : null;
  return { site, rule: rule.id, survey: survey.id, kind: survey.kind, recent: side(windows.recent, recent), baseline: side(windows.baseline, baseline), comparison, quiet };
}
