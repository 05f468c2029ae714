import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAccumulator } from './accumulator.js';
import { tally } from './tally.js';
import { isSaysoError } from './errors.js';

const NPS: [number, number] = [0, 10];
const value = fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constant(NaN), fc.constant(2.5));

describe('createAccumulator', () => {
  it('one score at a time equals the one-shot tally', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), (scores) => {
        const acc = createAccumulator({ scale: NPS });
        for (const s of scores) acc.add(s);
        expect(acc.result()).toEqual(tally(scores, { scale: NPS }));
      }),
    );
  });

  it('in batches and merges equals the one-shot tally', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 30 }), { maxLength: 5 }), (batches) => {
        const acc = createAccumulator({ scale: NPS });
        batches.forEach((b, i) => (i % 2 ? acc.addAll(new Float64Array(b)) : acc.merge(tally(b, { scale: NPS }))));
        expect(acc.result()).toEqual(tally(batches.flat(), { scale: NPS }));
      }),
    );
  });

  it('with weights equals the weighted one-shot tally', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.double({ min: 0, max: 10, noNaN: true })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const acc = createAccumulator({ scale: NPS });
        for (const [s, w] of pairs) acc.add(s, w);
        const expected = tally(pairs.map((p) => p[0]), { scale: NPS, weights: pairs.map((p) => p[1]) });
        expect(acc.result()).toEqual(expected);
      }),
    );
  });

  it('turns weighted when a first weight arrives (earlier scores weigh 1)', () => {
    const acc = createAccumulator({ scale: NPS });
    acc.add(10);
    acc.add(0, 3);
    expect(acc.result().weights).toEqual({ counts: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], sum: 4, sumSquares: 10 });
  });

  it('returns snapshots, and throws in strict mode with the running index', () => {
    const acc = createAccumulator({ scale: NPS, invalid: 'throw' });
    acc.add(3);
    const snap = acc.result();
    acc.add(4);
    expect(snap.n).toBe(1);
    try {
      acc.add(11);
      expect.unreachable();
    } catch (e) {
      expect(isSaysoError(e) && [e.code, e.path]).toEqual(['E_SCORE_INVALID', 'scores[2]']);
    }
  });
});
