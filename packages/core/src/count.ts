// The hot loop: counting unweighted scores into a histogram. Kept apart from
// `tally()` so `nps` alone bundles small (no weights or error-message paths).

/**
 * Counts `scores` into `counts` (index = score − min) and returns how many
 * were refused. A `Uint8Array` (the fast path) is counted into 256 bins with no
 * branch per value, then folded onto the scale. Anything else takes one
 * unsigned compare per value: `k >>> 0 === k` is false for negatives,
 * fractions, NaN and ±Infinity, and the `typeof` test refuses strings and
 * nulls that `-` would otherwise coerce.
 */
export function countScores(scores: ArrayLike<unknown>, min: number, span: number, counts: Float64Array): number {
  const len = scores.length;
  let valid = 0;
  if (scores instanceof Uint8Array) {
    const bins = new Float64Array(256);
    for (let i = 0; i < len; i++) bins[scores[i]!]!++;
    for (let k = 0; k <= span; k++) valid += counts[k] = bins[min + k] || 0;
  } else {
    for (let i = 0; i < len; i++) {
      const v = scores[i];
      const k = typeof v === 'number' ? v - min : -1;
      if (k >>> 0 === k && k <= span) {
        counts[k]!++;
        valid++;
      }
    }
  }
  return len - valid;
}
