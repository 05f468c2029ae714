import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTally, mergeTallies, tally, type Tally } from './tally.js';
import { isSaysoError } from './errors.js';

const NPS: [number, number] = [0, 10];

/** A second, obvious implementation to check the fast paths against. */
function naiveTally(scores: ArrayLike<unknown>, [min, max]: [number, number]): Tally {
  const counts = new Array<number>(max - min + 1).fill(0);
  let invalid = 0;
  for (const v of Array.from(scores)) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) counts[v - min]!++;
    else invalid++;
  }
  return { scale: [min, max], counts, n: scores.length - invalid, invalid };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isSaysoError(e) ? `${e.code} ${e.path}` : 'not a SaysoError';
  }
  return undefined;
}

describe('tally', () => {
  it('counts per scale point and returns plain JSON', () => {
    const t = tally([10, 9, 7, 3, 0, 10], { scale: NPS });
    expect(t).toEqual({ scale: [0, 10], counts: [1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 2], n: 6, invalid: 0 });
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    expect(isTally(t)).toBe(true);
    expect(isTally([1, 2])).toBe(false);
    expect(isTally(new Uint8Array(3))).toBe(false);
  });

  it('counts invalid values apart from n', () => {
    const t = tally([5, NaN, 11, -1, 2.5, '7', null, undefined, Infinity, 8], { scale: NPS });
    expect(t.n).toBe(2);
    expect(t.invalid).toBe(8);
    expect(t.counts[5]).toBe(1);
    expect(t.counts[8]).toBe(1);
  });

  it('throws E_SCORE_INVALID naming the first bad value with invalid: "throw"', () => {
    expect(codeOf(() => tally([1, 2, 12, NaN], { scale: NPS, invalid: 'throw' }))).toBe('E_SCORE_INVALID scores[2]');
    expect(codeOf(() => tally(new Uint8Array([1, 200]), { scale: NPS, invalid: 'throw' }))).toBe('E_SCORE_INVALID scores[1]');
    expect(codeOf(() => tally(new Float64Array([1, 0.5]), { scale: NPS, invalid: 'throw' }))).toBe('E_SCORE_INVALID scores[1]');
    expect(codeOf(() => tally([1, 2], { scale: NPS, weights: [1, -1], invalid: 'throw' }))).toBe('E_SCORE_INVALID weights[1]');
    expect(tally([1, 2], { scale: NPS, invalid: 'throw' }).n).toBe(2);
  });

  it('refuses bad arguments with E_ARGUMENT_INVALID', () => {
    expect(codeOf(() => tally([1], { scale: [5, 1] }))).toBe('E_ARGUMENT_INVALID scale');
    expect(codeOf(() => tally([1], { scale: [0, 1.5] as [number, number] }))).toBe('E_ARGUMENT_INVALID scale');
    expect(codeOf(() => tally('0123' as never, { scale: NPS }))).toBe('E_ARGUMENT_INVALID scores');
    expect(codeOf(() => tally(new BigInt64Array(2) as never, { scale: NPS }))).toBe('E_ARGUMENT_INVALID scores');
    expect(codeOf(() => tally([1, 2], { scale: NPS, weights: [1] }))).toBe('E_ARGUMENT_INVALID weights');
  });

  it('handles empty input', () => {
    expect(tally([], { scale: NPS })).toEqual({ scale: [0, 10], counts: new Array(11).fill(0), n: 0, invalid: 0 });
    expect(tally(new Uint8Array(0), { scale: [1, 5] }).counts).toEqual([0, 0, 0, 0, 0]);
  });

  it('keeps weight sums, squared sums and zero weights', () => {
    const t = tally([9, 3, 9, 5], { scale: NPS, weights: [0.5, 2, 0, 1] });
    expect(t.n).toBe(4); // a zero weight is still a valid answer
    expect(t.weights!.counts[9]).toBe(0.5);
    expect(t.weights!.counts[3]).toBe(2);
    expect(t.weights!.sum).toBe(3.5);
    expect(t.weights!.sumSquares).toBe(0.25 + 4 + 0 + 1);
    // A bad weight makes the pair invalid.
    const bad = tally([9, 3, 4], { scale: NPS, weights: [NaN, -1, Infinity] });
    expect(bad.n).toBe(0);
    expect(bad.invalid).toBe(3);
  });

  // Every storage the fast paths special-case, against the naive count.
  const arrays = [Uint8Array, Uint8ClampedArray, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array] as const;
  it.each(arrays.map((A) => [A.name, A] as const))('matches the naive count for %s on any scale', (_name, A) => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 200 }),
        fc.integer({ min: -5, max: 260 }),
        fc.integer({ min: 0, max: 12 }),
        (values, min, span) => {
          const typed = new A(values);
          const scale: [number, number] = [min, min + span];
          expect(tally(typed, { scale })).toEqual(naiveTally(typed, scale));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches the naive count for plain arrays of anything', () => {
    const anyValue = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.constant(NaN), fc.string(), fc.constant(null), fc.boolean());
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 100 }), (values) => {
        expect(tally(values, { scale: NPS })).toEqual(naiveTally(values, NPS));
      }),
    );
  });
});

describe('mergeTallies', () => {
  const scores = fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(NaN), fc.constant(42)), { maxLength: 60 });

  it('merging parts equals the one-shot tally of the whole', () => {
    fc.assert(
      fc.property(scores, scores, scores, (a, b, c) => {
        const whole = tally([...a, ...b, ...c], { scale: NPS });
        const [ta, tb, tc] = [a, b, c].map((s) => tally(s, { scale: NPS })) as [Tally, Tally, Tally];
        expect(mergeTallies(ta, tb, tc)).toEqual(whole);
        // Associative and commutative.
        expect(mergeTallies(mergeTallies(ta, tb), tc)).toEqual(mergeTallies(ta, mergeTallies(tb, tc)));
        expect(mergeTallies(tc, ta, tb)).toEqual(whole);
      }),
    );
  });

  it('is exact for weighted tallies with integer weights, and treats unweighted parts as weight 1', () => {
    const weighted = fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 5 })), { maxLength: 40 });
    fc.assert(
      fc.property(weighted, weighted, fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 40 }), (a, b, plain) => {
        const t = (pairs: Array<[number, number]>): Tally => tally(pairs.map((p) => p[0]), { scale: NPS, weights: pairs.map((p) => p[1]) });
        const all = [...a, ...b, ...plain.map((s) => [s, 1] as [number, number])];
        expect(mergeTallies(t(a), t(b), tally(plain, { scale: NPS }))).toEqual(t(all));
      }),
    );
  });

  it('refuses different scales, no tallies and malformed tallies', () => {
    expect(codeOf(() => mergeTallies(tally([1], { scale: NPS }), tally([1], { scale: [1, 5] })))).toBe('E_ARGUMENT_INVALID tallies[1].scale');
    expect(codeOf(() => mergeTallies())).toBe('E_ARGUMENT_INVALID tallies');
    expect(codeOf(() => mergeTallies({ scale: [0, 10], counts: [1, 2], n: 3, invalid: 0 }))).toBe('E_ARGUMENT_INVALID tallies[0]');
  });
});
