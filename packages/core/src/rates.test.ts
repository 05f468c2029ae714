import { describe, expect, it } from 'vitest';
import { churnRate, responseRate, retentionRate } from './rates.js';

// Wilson reference intervals: SciPy 1.17.1 binomtest(k, n).proportion_ci(0.95, 'wilson').
describe('rates', () => {
  it('responseRate = responses / displays, with a Wilson interval', () => {
    const r = responseRate({ displays: 1200, responses: 180 });
    expect(r.rate).toBe(15);
    expect(r.ci![0]).toBeCloseTo(13.091536681882937, 10);
    expect(r.ci![1]).toBeCloseTo(17.131833360308512, 10);
    expect(r).toMatchObject({ count: 180, of: 1200, level: 0.95 });
    expect(responseRate({ displays: 0, responses: 0 })).toMatchObject({ rate: null, ci: null });
    expect(() => responseRate({ displays: 10, responses: 11 })).toThrow(/exceed/);
    expect(() => responseRate({ displays: -1, responses: 0 })).toThrow(/displays/);
    expect(() => responseRate({ displays: 1.5, responses: 0 })).toThrow(/whole number/);
  });

  it('churnRate = lost / atStart', () => {
    const r = churnRate({ atStart: 500, lost: 25 });
    expect(r.rate).toBe(5);
    expect(r.ci![0]).toBeCloseTo(3.4093745243849436, 10);
    expect(r.ci![1]).toBeCloseTo(7.27681611715476, 10);
    expect(churnRate({ atStart: 0, lost: 0 }).rate).toBeNull();
  });

  it('retentionRate = (atEnd − acquired) / atStart', () => {
    // 200 at start, 210 at end of whom 30 are new: 180 of 200 kept = 90 %.
    const r = retentionRate({ atStart: 200, atEnd: 210, acquired: 30 });
    expect(r.rate).toBe(90);
    expect(r.ci![0]).toBeCloseTo(85.05941875672826, 10);
    expect(r.ci![1]).toBeCloseTo(93.43295513309042, 10);
    expect(() => retentionRate({ atStart: 10, atEnd: 5, acquired: 6 })).toThrow(/acquired/);
    expect(() => retentionRate({ atStart: 10, atEnd: 25, acquired: 5 })).toThrow(/exceed/);
  });
});
