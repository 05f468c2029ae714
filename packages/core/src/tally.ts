// The one histogram every score is computed from. A tally is plain JSON
// (arrays of numbers), so segments, time windows, streaming and map-reduce on
// another engine all reduce to adding counts: `mergeTallies`.
import { SaysoError } from './errors.js';
import { countScores } from './count.js';

/**
 * Weight sums of a weighted tally, over valid scores only.
 * `sum` and `sumSquares` give Kish's effective sample size (Σw)²/Σw².
 */
export interface TallyWeights {
  /** Σw per scale point, in the same order as `Tally.counts`. */
  counts: number[];
  /** Σw. */
  sum: number;
  /** Σw². */
  sumSquares: number;
}

/** A mergeable, JSON-serialisable histogram of scores on an integer scale. */
export interface Tally {
  /** The inclusive integer scale `[min, max]`. */
  scale: [number, number];
  /** How many valid scores fell on each point: `counts[k]` is for score `min + k`. */
  counts: number[];
  /** Valid scores (the sum of `counts`). */
  n: number;
  /** Values refused: NaN, non-numbers, non-integers, out of scale, or a bad weight. Never part of `n`. */
  invalid: number;
  /** Present when the tally was made with weights. */
  weights?: TallyWeights;
}

/** Options of {@link tally}. */
export interface TallyOptions {
  /** The inclusive integer scale, e.g. `[0, 10]` for NPS. */
  scale: readonly [number, number];
  /** One finite weight ≥ 0 per score (survey weights, e.g. from raking). */
  weights?: ArrayLike<number>;
  /**
   * What to do with a value that is not a score on the scale: count it in
   * `invalid` (`'skip'`) or throw SaysoError `E_SCORE_INVALID`.
   * @default 'skip'
   */
  invalid?: 'skip' | 'throw';
}

/** Scores as a plain array or any numeric typed array (a `Uint8Array` is the fastest). */
export type Scores = ArrayLike<unknown>;

const MAX_SPAN = 1000;

/** Checks and copies a scale; throws E_ARGUMENT_INVALID for a bad one. */
export function checkScale(scale: readonly [number, number] | undefined, path = 'scale'): [number, number] {
  const [min, max] = scale ?? [];
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || (min as number) > (max as number) || (max as number) - (min as number) > MAX_SPAN) {
    throw new SaysoError('E_ARGUMENT_INVALID', `scale must be [min, max] integers with min <= max (at most ${MAX_SPAN} points apart)`, { path });
  }
  return [min as number, max as number];
}

function describe(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : typeof v;
}

function badScore(i: number, v: unknown, min: number, max: number): SaysoError {
  return new SaysoError('E_SCORE_INVALID', `score must be an integer from ${min} to ${max}, got ${describe(v)}`, { path: `scores[${i}]` });
}

/** True for a score on `[min, max]`; the slow, obvious check used to name the first bad value. */
function isScore(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isWeight(w: unknown): boolean {
  return typeof w === 'number' && w >= 0 && w < Infinity;
}

/**
 * Counts scores into a histogram on an integer scale. Values that are not
 * scores on the scale (NaN, strings, fractions, out of range) are counted in
 * `invalid`, apart from `n`, or throw with `invalid: 'throw'`.
 *
 * @example
 * tally([10, 9, 7, 3, NaN], { scale: [0, 10] });
 * // { scale: [0, 10], counts: [0,0,0,1,0,0,0,1,0,1,1], n: 4, invalid: 1 }
 * tally(new Uint8Array(bytes), { scale: [0, 10] }); // the fast path
 * tally([9, 3], { scale: [0, 10], weights: [0.5, 2] }); // adds `weights`
 */
export function tally(scores: Scores, options: TallyOptions): Tally {
  const [min, max] = checkScale(options.scale);
  if (scores === null || typeof scores !== 'object' || typeof scores.length !== 'number' || scores instanceof BigInt64Array || scores instanceof BigUint64Array) {
    throw new SaysoError('E_ARGUMENT_INVALID', 'scores must be an array or a numeric typed array', { path: 'scores' });
  }
  const span = max - min;
  const counts = new Float64Array(span + 1);
  const strict = options.invalid === 'throw';
  const weights = options.weights;
  const len = scores.length;
  let invalid: number;
  let tw: TallyWeights | undefined;

  if (weights === undefined) {
    invalid = countScores(scores, min, span, counts);
    if (strict && invalid > 0) {
      for (let i = 0; i < len; i++) if (!isScore(scores[i], min, max)) throw badScore(i, scores[i], min, max);
    }
  } else {
    if (weights === null || typeof weights !== 'object' || weights.length !== len) {
      throw new SaysoError('E_ARGUMENT_INVALID', `weights must be an array of the same length as scores (${len})`, { path: 'weights' });
    }
    const wc = new Float64Array(span + 1);
    let sum = 0;
    let sumSquares = 0;
    invalid = 0;
    for (let i = 0; i < len; i++) {
      const v = scores[i];
      const w = weights[i];
      if (!isScore(v, min, max)) {
        if (strict) throw badScore(i, v, min, max);
        invalid++;
      } else if (!isWeight(w)) {
        if (strict) throw new SaysoError('E_SCORE_INVALID', `weight must be a finite number >= 0, got ${describe(w)}`, { path: `weights[${i}]` });
        invalid++;
      } else {
        const k = (v as number) - min;
        counts[k]!++;
        wc[k]! += w as number;
        sum += w as number;
        sumSquares += (w as number) * (w as number);
      }
    }
    tw = { counts: Array.from(wc), sum, sumSquares };
  }
  const out: Tally = { scale: [min, max], counts: Array.from(counts), n: len - invalid, invalid };
  if (tw) out.weights = tw;
  return out;
}

/** An empty tally on a scale (weighted or not). */
export function emptyTally(scale: readonly [number, number], weighted = false): Tally {
  const [min, max] = checkScale(scale);
  const zeros = (): number[] => new Array<number>(max - min + 1).fill(0);
  const t: Tally = { scale: [min, max], counts: zeros(), n: 0, invalid: 0 };
  if (weighted) t.weights = { counts: zeros(), sum: 0, sumSquares: 0 };
  return t;
}

export { isTally } from './tally-input.js';

/** Checks a tally that may have come over the wire; throws E_ARGUMENT_INVALID. */
export function checkTally(t: Tally, path = 'tally'): Tally {
  const [min, max] = checkScale(t.scale, `${path}.scale`);
  const ok = (a: unknown): boolean => Array.isArray(a) && a.length === max - min + 1 && a.every((c) => typeof c === 'number' && c >= 0 && c < Infinity);
  if (!ok(t.counts) || !Number.isSafeInteger(t.n) || !Number.isSafeInteger(t.invalid) || (t.weights !== undefined && !ok(t.weights.counts))) {
    throw new SaysoError('E_ARGUMENT_INVALID', 'not a tally: counts must match the scale, n and invalid must be integers', { path });
  }
  return t;
}

/**
 * Adds tallies on the same scale: the result equals one tally of all their
 * scores. Merging is associative and commutative (exactly so for counts; weight
 * sums to floating-point rounding). An unweighted tally merged with a weighted
 * one counts each of its scores with weight 1.
 *
 * @example
 * mergeTallies(tally(monday, { scale: [0, 10] }), tally(tuesday, { scale: [0, 10] }));
 */
export function mergeTallies(...tallies: Tally[]): Tally {
  const first = tallies[0];
  if (!first) throw new SaysoError('E_ARGUMENT_INVALID', 'mergeTallies needs at least one tally', { path: 'tallies' });
  const [min, max] = checkTally(first, 'tallies[0]').scale;
  const out = emptyTally([min, max], tallies.some((t) => t.weights));
  tallies.forEach((t, i) => {
    checkTally(t, `tallies[${i}]`);
    if (t.scale[0] !== min || t.scale[1] !== max) {
      throw new SaysoError('E_ARGUMENT_INVALID', `cannot merge a [${t.scale.join(', ')}] tally into a [${min}, ${max}] one`, { path: `tallies[${i}].scale` });
    }
    const ow = out.weights;
    t.counts.forEach((c, k) => {
      out.counts[k]! += c;
      if (ow) ow.counts[k]! += t.weights ? t.weights.counts[k]! : c;
    });
    out.n += t.n;
    out.invalid += t.invalid;
    if (ow) {
      ow.sum += t.weights ? t.weights.sum : t.n;
      ow.sumSquares += t.weights ? t.weights.sumSquares : t.n;
    }
  });
  return out;
}
