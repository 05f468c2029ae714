// Streaming tallies: add scores one at a time or in batches, read a tally at
// any point. The result equals `tally()` of everything added, in order.
import { SaysoError } from './errors.js';
import type { Scores, Tally, TallyOptions } from './tally.js';
import { checkScale, emptyTally, mergeTallies, tally } from './tally.js';

/** A running tally; see {@link createAccumulator}. */
export interface Accumulator {
  /** Counts one score, with an optional weight (≥ 0). An invalid one is counted apart, or throws in `'throw'` mode. */
  add(score: unknown, weight?: number): void;
  /** Counts a batch (any array or typed array), with optional weights of the same length. */
  addAll(scores: Scores, weights?: ArrayLike<number>): void;
  /** Adds a tally made elsewhere (another worker, another day). */
  merge(other: Tally): void;
  /** A snapshot copy of the tally so far. */
  result(): Tally;
}

/**
 * A streaming accumulator of scores on one scale. Its `result()` equals the
 * one-shot `tally()` of the same scores (and weights), so it suits event
 * streams, workers and map-reduce.
 *
 * @example
 * const acc = createAccumulator({ scale: [0, 10] });
 * for await (const r of stream) acc.add(r.score);
 * nps(acc.result());
 */
export function createAccumulator(options: Omit<TallyOptions, 'weights'>): Accumulator {
  const scale = checkScale(options.scale);
  const [min, max] = scale;
  const strict = options.invalid === 'throw';
  let t = emptyTally(scale);
  let seen = 0;

  const weigh = (): NonNullable<Tally['weights']> =>
    (t.weights ??= { counts: t.counts.slice(), sum: t.n, sumSquares: t.n });

  return {
    add(score, weight) {
      const i = seen++;
      // Weighted from the first weight on, even for an invalid score, as a one-shot tally with weights is.
      if (weight !== undefined) weigh();
      const ok = typeof score === 'number' && Number.isInteger(score) && score >= min && score <= max;
      const wok = weight === undefined || (typeof weight === 'number' && weight >= 0 && weight < Infinity);
      if (!ok || !wok) {
        if (strict) {
          throw new SaysoError('E_SCORE_INVALID', ok ? `weight must be a finite number >= 0, got ${String(weight)}` : `score must be an integer from ${min} to ${max}, got ${String(score)}`, { path: `${ok ? 'weights' : 'scores'}[${i}]` });
        }
        t.invalid++;
        return;
      }
      const k = (score as number) - min;
      t.counts[k]!++;
      t.n++;
      const tw = t.weights;
      if (tw) {
        const w = weight ?? 1;
        tw.counts[k]! += w;
        tw.sum += w;
        tw.sumSquares += w * w;
      }
    },
    addAll(scores, weights) {
      const batch = tally(scores, weights === undefined ? { scale, invalid: options.invalid ?? 'skip' } : { scale, weights, invalid: options.invalid ?? 'skip' });
      seen += scores.length;
      t = mergeTallies(t, batch);
    },
    merge(other) {
      t = mergeTallies(t, other);
    },
    result() {
      return JSON.parse(JSON.stringify(t)) as Tally;
    },
  };
}
