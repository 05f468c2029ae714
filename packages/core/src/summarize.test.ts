import { describe, expect, it } from 'vitest';
import { summarize, type SummarizableResponse } from './summarize.js';
import { nps } from './nps.js';
import type { SurveyKind } from './survey.js';

let seq = 0;
function r(kind: SurveyKind, score: number, createdAt: string, extra: { id?: string; plan?: string } = {}): SummarizableResponse & { plan: string } {
  const scale: [number, number] = kind === 'nps' ? [0, 10] : kind === 'csat' ? [1, 5] : [1, 7];
  return { id: extra.id ?? `r${++seq}`, kind, score, scale, createdAt, plan: extra.plan ?? 'free' };
}

describe('summarize', () => {
  it('groups by ISO week across a year boundary, each window half-open', () => {
    const rows = [
      r('nps', 10, '2020-12-31T10:00:00Z'), // 2020-W53
      r('nps', 0, '2021-01-03T23:59:59.999Z'), // still 2020-W53
      r('nps', 9, '2021-01-04T00:00:00.000Z'), // 2021-W01
      r('nps', 7, '2021-01-10T12:00:00Z'), // 2021-W01
    ];
    const out = summarize(rows, { by: 'week' });
    expect(out.map((g) => [g.period, g.start, g.end, g.result.n])).toEqual([
      ['2020-W53', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z', 2],
      ['2021-W01', '2021-01-04T00:00:00.000Z', '2021-01-11T00:00:00.000Z', 2],
    ]);
    expect(out[0]!.result).toEqual(nps([10, 0]));
    expect(out[1]!.result).toMatchObject({ kind: 'nps', score: 50 });
  });

  it('counts duplicates by id once', () => {
    const a = r('nps', 10, '2026-11-24T08:00:00Z', { id: 'same' });
    const again = { ...a, score: 0 }; // a retried delivery of the same answer
    const out = summarize([a, again, a, r('nps', 0, '2026-11-24T09:00:00Z')], { by: 'day' });
    expect(out).toHaveLength(1);
    expect(out[0]!.tally.n).toBe(2);
    expect(out[0]!.result).toMatchObject({ score: 0, promoters: 1, detractors: 1 });
  });

  it('scores each group by its kind, by segment and month', () => {
    const rows = [
      r('nps', 10, '2026-10-31T23:00:00Z', { plan: 'pro' }),
      r('nps', 3, '2026-11-01T00:00:00Z', { plan: 'pro' }),
      r('csat', 5, '2026-11-02T00:00:00Z', { plan: 'free' }),
      r('csat', 2, '2026-11-02T00:00:00Z', { plan: 'free' }),
      r('ces', 6, '2026-11-03T00:00:00Z', { plan: 'free' }),
      r('ces', 9, '2026-11-03T00:00:00Z', { plan: 'free' }), // off the 1..7 scale
    ];
    const out = summarize(rows, { by: 'month', segment: (x) => x.plan });
    expect(out.map((g) => [g.period, g.segment, g.kind])).toEqual([
      ['2026-10', 'pro', 'nps'],
      ['2026-11', 'free', 'ces'],
      ['2026-11', 'free', 'csat'],
      ['2026-11', 'pro', 'nps'],
    ]);
    expect(out[1]!.result).toMatchObject({ kind: 'ces', n: 1, invalid: 1, mean: 6 });
    expect(out[2]!.result).toMatchObject({ kind: 'csat', score: 50, n: 2 });
    expect(out[3]!.result).toMatchObject({ kind: 'nps', score: -100 });
  });

  it('without by: one group per kind; custom by; options per kind', () => {
    const rows = [r('nps', 10, '2026-01-01T00:00:00Z'), r('nps', 6, '2027-05-01T00:00:00Z'), r('ces', 2, '2027-05-01T00:00:00Z')];
    const all = summarize(rows);
    expect(all.map((g) => [g.period, g.kind, g.result.n])).toEqual([[null, 'ces', 1], [null, 'nps', 2]]);
    const custom = summarize(rows, { by: (x) => x.createdAt.slice(0, 4), nps: { interval: 'adjusted-wald' } });
    expect(custom.map((g) => g.period)).toEqual(['2026', '2027', '2027']);
    expect(custom[0]!.result).toEqual(nps([10], { interval: 'adjusted-wald' }));
  });

  it('refuses a response whose createdAt is not a date', () => {
    expect(() => summarize([r('nps', 1, 'yesterday')], { by: 'day' })).toThrow(/responses\[0\]\.createdAt/);
  });

  it('handles no responses', () => {
    expect(summarize([], { by: 'week' })).toEqual([]);
  });
});
