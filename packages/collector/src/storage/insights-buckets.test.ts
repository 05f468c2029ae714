import { expect, test } from 'vitest';
import { bucketsOf, cover } from './insights-buckets.js';

const DAY = 86400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) out.push(iso(t));
  return out;
};

test('the example: whole months, weeks inside one month, then days', () => {
  expect(cover('2026-09-28', '2026-11-03')).toEqual({ m: ['2026-10-01'], w: [], d: ['2026-09-28', '2026-09-29', '2026-09-30', '2026-11-01', '2026-11-02', '2026-11-03'] });
  // 2026-10-05 is a Monday: three whole weeks, then the rest as days (the next week runs into November).
  expect(cover('2026-10-05', '2026-10-31')).toEqual({ m: [], w: ['2026-10-05', '2026-10-12', '2026-10-19'], d: ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31'] });
  expect(cover('2026-10-01', '2026-10-31')).toEqual({ m: ['2026-10-01'], w: [], d: [] });
  expect(cover('2026-10-01', '2026-10-30').m).toEqual([]);
  expect(cover('2026-10-07', '2026-10-07')).toEqual({ m: [], w: [], d: ['2026-10-07'] });
});

test('every range is tiled exactly: each day once, nothing outside (2 000 random ranges, leap years included)', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 2000; i++) {
    const start = Date.UTC(2023, 0, 1) + Math.floor(rand() * 1500) * DAY;
    const from = iso(start);
    const to = iso(start + Math.floor(rand() * 400) * DAY);
    const c = cover(from, to);
    const covered: string[] = [...c.d];
    for (const w of c.w) {
      expect(bucketsOf(w).w).toBe(w);
      for (let k = 0; k < 7; k++) covered.push(iso(Date.parse(`${w}T00:00:00Z`) + k * DAY));
    }
    for (const m of c.m) {
      expect(m.endsWith('-01')).toBe(true);
      covered.push(...days(m, iso(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0))));
    }
    expect(covered.sort()).toEqual(days(from, to));
  }
});

test('bucketsOf: the ISO week starts on Monday, the month on the 1st', () => {
  expect(bucketsOf('2026-11-01')).toEqual({ d: '2026-11-01', w: '2026-10-26', m: '2026-11-01' }); // a Sunday
  expect(bucketsOf('2026-10-26')).toEqual({ d: '2026-10-26', w: '2026-10-26', m: '2026-10-01' }); // a Monday
  expect(bucketsOf('2024-02-29')).toEqual({ d: '2024-02-29', w: '2024-02-26', m: '2024-02-01' });
});
