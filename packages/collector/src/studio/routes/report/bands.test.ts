import { describe, expect, it } from 'vitest';
import { bandSplit } from './bands.js';

describe('bandSplit', () => {
  it('NPS: 0-6 detractors, 7-8 passives, 9-10 promoters, with Wilson intervals', () => {
    // 10 answers: six 6s (detractors), two 8s (passives), two 10s (promoters); 7 and 9 sit on the edges.
    const counts = [0, 0, 0, 0, 0, 0, 5, 1, 1, 1, 2];
    const [p, pa, d] = bandSplit('nps', [0, 10], counts);
    expect([p!.band, p!.count, pa!.band, pa!.count, d!.band, d!.count]).toEqual(['promoter', 3, 'passive', 2, 'detractor', 5]);
    expect(p!.share).toBeCloseTo(0.3);
    // wilson(3, 10) at 95 %: 0.1078 – 0.6032 (Newcombe 1998, table I method 3).
    expect(p!.ci![0]).toBeCloseTo(0.1078, 3);
    expect(p!.ci![1]).toBeCloseTo(0.6032, 3);
  });

  it('CSAT 1-5: 1-2 unhappy, 3 neutral, 4-5 happy', () => {
    const split = bandSplit('csat', [1, 5], [1, 2, 3, 4, 5]);
    expect(split.map((b) => [b.band, b.count])).toEqual([
      ['happy', 9],
      ['neutral', 3],
      ['unhappy', 3],
    ]);
  });

  it('CES lower-is-easier turns the bands round; no answers gives no interval', () => {
    const split = bandSplit('ces', [1, 7], [4, 0, 0, 0, 0, 0, 0], 'lower-is-easier');
    expect(split[0]).toMatchObject({ band: 'happy', count: 4, share: 1 });
    expect(bandSplit('nps', [0, 10], Array(11).fill(0)).every((b) => b.ci === null && b.share === 0)).toBe(true);
  });
});
