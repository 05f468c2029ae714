// Shared by CSAT and CES: both are ordinal 1..k scales whose score is the
// share of answers in a chosen set of points ("top-2-box", "agree").
import { SaysoError } from './errors.js';
import type { Scores, Tally } from './tally.js';
import { isTally, toTally } from './tally-input.js';
import { checkTally } from './tally.js';

/**
 * The tally for a 1..k scale: a tally keeps its own scale unless `points`
 * names another; raw scores are counted on 1..points.
 */
export function ordinalTally(input: Tally | Scores, points: number | undefined, fallback: number): Tally {
  if (points !== undefined && !(Number.isInteger(points) && points >= 2 && points <= 100)) {
    throw new SaysoError('E_ARGUMENT_INVALID', `points must be an integer from 2 to 100, got ${String(points)}`, { path: 'points' });
  }
  if (isTally(input) && points === undefined) return checkTally(input, 'scores');
  return toTally(input, [1, points ?? fallback]);
}

/** Checks a set of scale points (`satisfied`, `agree`) and returns it as a membership table by index. */
export function pointSet(points: readonly number[], t: Tally, path: string): boolean[] {
  const [min, max] = t.scale;
  const member = new Array<boolean>(max - min + 1).fill(false);
  if (!Array.isArray(points) || points.length === 0) {
    throw new SaysoError('E_ARGUMENT_INVALID', 'must list at least one scale point', { path });
  }
  points.forEach((p, i) => {
    if (!Number.isInteger(p) || p < min || p > max) {
      throw new SaysoError('E_ARGUMENT_INVALID', `must be a point of the scale ${min}..${max}, got ${String(p)}`, { path: `${path}[${i}]` });
    }
    member[p - min] = true;
  });
  return member;
}

/** Range of integers `from..to` inclusive. */
export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v++) out.push(v);
  return out;
}

/** Weighted mass in a point set, total mass, and the weighted sums for mean and variance. */
export function moments(counts: number[], total: number, min: number, member: boolean[]): { hit: number; mean: number; squares: number } {
  let hit = 0;
  let sum = 0;
  counts.forEach((c, k) => {
    if (member[k]) hit += c;
    sum += c * (min + k);
  });
  const mean = sum / total;
  let squares = 0;
  counts.forEach((c, k) => (squares += c * (min + k - mean) ** 2));
  return { hit, mean, squares };
}
