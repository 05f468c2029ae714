// The `tallyOrScores` argument of nps/csat/ces: a tally passes through after a
// shape check, raw scores are counted (invalid values apart) on the scale.
// Deliberately lean: it is all that `nps` needs from the tally machinery.
import { SaysoError } from './errors.js';
import { countScores } from './count.js';
import type { Scores, Tally } from './tally.js';

/**
 * True for a value shaped like a {@link Tally} (as opposed to an array of scores).
 *
 * @example
 * isTally(tally([9], { scale: [0, 10] })); // true
 * isTally([9, 10]);                        // false
 */
export function isTally(value: unknown): value is Tally {
  // Arrays and typed arrays have no `counts`; `scale` is checked by the caller.
  return Array.isArray((value as Partial<Tally> | null | undefined)?.counts);
}

/**
 * The tally behind a `tallyOrScores` argument. A tally must be on `scale`
 * (when given) with one count per point; raw scores are counted on `scale`,
 * invalid values apart. Throws E_ARGUMENT_INVALID for anything else.
 */
export function toTally(input: Tally | Scores, scale?: readonly [number, number]): Tally {
  const tallied = isTally(input);
  const [min, max] = ((tallied ? input.scale : scale) ?? []) as number[];
  // A tally with no `scale` given is checked in full by the caller (csat/ces use `checkTally`).
  if (tallied ? scale && (min !== scale[0] || max !== scale[1] || input.counts.length !== max - min + 1) : !scale || typeof input?.length !== 'number') {
    throw new SaysoError('E_ARGUMENT_INVALID', `expected scores or a tally on [${String(scale)}]`, { path: 'scores' });
  }
  if (tallied) return input;
  const counts = new Float64Array(max! - min! + 1);
  const invalid = countScores(input, min!, max! - min!, counts);
  return { scale: [min!, max!], counts: Array.from(counts), n: input.length - invalid, invalid };
}
