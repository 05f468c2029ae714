import { compare, nps, tally } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { themeImpact } from './impact.js';

const t = (scores: number[]) => tally(scores, { scale: [0, 10] });
const rep = (score: number, n: number): number[] => new Array<number>(n).fill(score);

describe('themeImpact', () => {
  const delivery = [...rep(2, 30), ...rep(9, 10)];
  const price = [...rep(6, 12), ...rep(10, 13)];
  const other = [...rep(10, 60), ...rep(8, 20), ...rep(3, 10)];
  const all = [...delivery, ...price, ...other];
  const input = { kind: 'nps' as const, total: t(all), terms: new Map([['deliveri', t(delivery)], ['price', t(price)]]) };

  it('compares answers that mention a theme with those that do not, with core’s compare', () => {
    const [first] = themeImpact(input, { minComments: 20 });
    const expected = compare(nps(t(delivery)), nps(t([...price, ...other])));
    expect(first!.term).toBe('deliveri');
    expect(first!.mentions).toBe(40);
    expect(first!.scoreWith).toBeCloseTo(-50, 10); // 10 promoters, 30 detractors of 40
    expect(first!.scoreWithout).toBeCloseTo(nps(t([...price, ...other])).score!, 10);
    expect(first!.comparison).toEqual(expected);
    expect(first!.impact).toBeCloseTo(-expected.difference! * (40 / all.length), 10);
  });

  it('puts the theme that costs the score most first', () => {
    const r = themeImpact(input, { minComments: 20 });
    expect(r.map((x) => x.term)).toEqual(['deliveri', 'price']);
    expect(r[0]!.impact).toBeGreaterThan(r[1]!.impact);
  });

  it('skips themes with fewer than minComments answers', () => {
    expect(themeImpact(input, { minComments: 26 }).map((x) => x.term)).toEqual(['deliveri']);
    expect(themeImpact(input, { minComments: 25 }).map((x) => x.term)).toEqual(['deliveri', 'price']);
  });

  it('refuses a theme with more answers on a point than the total', () => {
    expect(() => themeImpact({ kind: 'nps', total: t([1, 2]), terms: { x: t([1, 1]) } }, { minComments: 1 })).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT_INVALID', path: 'input.terms["x"]' }),
    );
    expect(() => themeImpact({ kind: 'nope' as 'nps', total: t([1]), terms: {} })).toThrow(expect.objectContaining({ path: 'input.kind' }));
    expect(() => themeImpact({ kind: 'nps', total: t([1]), terms: { y: tally([1], { scale: [1, 5] }) } })).toThrow(expect.objectContaining({ path: 'input.terms["y"]' }));
    expect(() => themeImpact({ kind: 'nps', total: [1, 2] as never, terms: {} })).toThrow(expect.objectContaining({ path: 'input.total' }));
  });
});
