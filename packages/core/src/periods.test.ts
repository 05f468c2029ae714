import { describe, expect, it } from 'vitest';
import { periodOf } from './periods.js';

const at = (iso: string): number => Date.parse(iso);

describe('periodOf', () => {
  // Reference ISO weeks: CPython `datetime.date.isocalendar()`.
  it.each([
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2019-12-30', '2020-W01'],
    ['2026-11-24', '2026-W48'],
    ['2015-12-31', '2015-W53'],
    ['2016-01-03', '2015-W53'],
    ['2008-12-29', '2009-W01'],
    ['2010-01-03', '2009-W53'],
    ['2027-01-01', '2026-W53'],
  ])('%s is in ISO week %s', (day, week) => {
    expect(periodOf(at(`${day}T12:00:00Z`), 'week').key).toBe(week);
  });

  it('weeks run Monday 00:00 UTC to the next Monday, half-open', () => {
    expect(periodOf(at('2021-01-01T12:00:00Z'), 'week')).toEqual({ key: '2020-W53', start: '2020-12-28T00:00:00.000Z', end: '2021-01-04T00:00:00.000Z' });
    expect(periodOf(at('2021-01-03T23:59:59.999Z'), 'week').key).toBe('2020-W53');
    expect(periodOf(at('2021-01-04T00:00:00.000Z'), 'week').key).toBe('2021-W01');
    // UTC, whatever the offset written: 00:30 at +01:00 is still Sunday in UTC.
    expect(periodOf(at('2021-01-04T00:30:00+01:00'), 'week').key).toBe('2020-W53');
  });

  it('days and months', () => {
    expect(periodOf(at('2024-02-29T23:59:59.999Z'), 'day')).toEqual({ key: '2024-02-29', start: '2024-02-29T00:00:00.000Z', end: '2024-03-01T00:00:00.000Z' });
    expect(periodOf(at('2024-02-29T23:59:59.999Z'), 'month')).toEqual({ key: '2024-02', start: '2024-02-01T00:00:00.000Z', end: '2024-03-01T00:00:00.000Z' });
    expect(periodOf(at('2024-12-31T10:00:00Z'), 'month').end).toBe('2025-01-01T00:00:00.000Z');
    expect(periodOf(at('2024-03-01T00:00:00Z'), 'month').key).toBe('2024-03');
  });
});
