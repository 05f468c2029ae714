// sayso's own JSON writer and own-key reads, against the platform's
// JSON.stringify on plain data, and on a realm where the libraries of
// test/builtin-patches.ts are installed (removed again before asserting).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patched, type PatchName } from '../../../test/builtin-patches.js';
import { json, own } from './plain.js';

const ALL: PatchName[] = ['prototype', 'objectPrototype', 'mootools', 'stringify'];

/** A queued response as the SDK writes it, with the text a person may type. */
const record = {
  v: 1,
  id: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
  kind: 'response',
  at: 1764700000000,
  value: {
    score: 9,
    scale: [0, 10],
    comment: 'Über "quotes", back\\slash, a\ttab, a\nline, \u2028, 😀 and a lone \ud83d',
    answers: { followUp0: 'x', __proto__x: 'y' },
    attributes: { plan: 'pro', seats: 12, trial: false, none: null },
    page: { url: 'https://shop.example/?q=1' },
  },
  attempts: undefined,
};

describe('json', () => {
  it('reads back as JSON.stringify writes it, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(json(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes exactly what JSON.stringify writes where no escape is needed', () => {
    const text = fc.string({ unit: fc.constantFrom(...'abc XYZ 09 éü€ ,:{}[]') });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }).filter((v) => !/[\\\ud800-\udfff]/.test(JSON.stringify(v))), text, (v, s) => {
        expect(json(v)).toBe(JSON.stringify(v));
        expect(json({ [s]: [s, v] })).toBe(JSON.stringify({ [s]: [s, v] }));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the edge values JSON.stringify keeps, and a lone surrogate', () => {
    expect(json([undefined, NaN, -Infinity, -0, () => 1, null])).toBe('[null,null,null,0,null,null]');
    expect(json({ a: undefined, b: 1 })).toBe('{"b":1}');
    // eslint-disable-next-line no-sparse-arrays
    expect(json([1, , 3])).toBe('[1,null,3]');
    expect(JSON.parse(json('\ud800 and \udfff'))).toBe('\ud800 and \udfff');
    expect(JSON.parse(json('\u0000\u001f"\\'))).toBe('\u0000\u001f"\\');
    expect(JSON.parse(json(record))).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it('writes the same text with every library patch installed: no toJSON, no inherited key, no page JSON.stringify', () => {
    const clean = json(record);
    expect(patched(ALL, () => json(record))).toBe(clean);
    for (const name of ALL) expect(patched([name], () => json(record)), name).toBe(clean);
    // What the platform's JSON.stringify does on the same page, for contrast.
    expect(patched(['prototype'], () => JSON.stringify(record))).toContain('"scale":"[0, 10]"');
  });
});

describe('own', () => {
  it("finds own keys only: not Object.prototype's, nor a library's additions, and __proto__ as data", () => {
    const o = JSON.parse('{"__proto__": "p", "a": 1}') as Record<string, unknown>;
    expect([own(o, '__proto__'), own(o, 'a'), own(o, 'constructor'), own(o, 'toString')]).toEqual(['p', 1, undefined, undefined]);
    expect(patched(['objectPrototype'], () => [own({}, 'foo'), own({}, 'trigger'), own({ foo: 2 }, 'foo')])).toEqual([undefined, undefined, 2]);
  });
});
