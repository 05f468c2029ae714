import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, MAX_RETRY_AFTER_MS, nextDelay, parseRetryAfter } from './retry-schedule.js';

const noJitter = { scale: 1, random: () => 0 };

describe('retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up after the 8th attempt', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((n) => nextDelay(n, noJitter));
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextDelay(8, noJitter)).toBeUndefined();
    expect(nextDelay(0, noJitter)).toBeUndefined();
  });

  it('adds up to 10 % of jitter, never less than the schedule', () => {
    expect(nextDelay(1, { scale: 1, random: () => 0.9999 })).toBe(5_500);
    const seen = new Set(Array.from({ length: 50 }, () => nextDelay(2, { scale: 1 })!));
    for (const w of seen) expect(w >= 300_000 && w <= 330_000).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('is scaled by configuration', () => {
    expect(nextDelay(2, { scale: 0.001, random: () => 0 })).toBe(300);
  });

  it('honours Retry-After as a floor, capped at 10 h', () => {
    expect(nextDelay(1, { ...noJitter, retryAfterMs: 60_000 })).toBe(60_000);
    expect(nextDelay(2, { ...noJitter, retryAfterMs: 1_000 })).toBe(300_000);
    expect(nextDelay(1, { ...noJitter, retryAfterMs: 7 * 86_400_000 })).toBe(MAX_RETRY_AFTER_MS);
  });

  it('reads Retry-After as seconds or an HTTP date, nothing else', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Fri, 04 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 09:00:00 GMT', now)).toBe(0);
    for (const bad of [null, undefined, '', '-1', '1.5', '2s', 'soon', '2026-12-04T10:00:30Z']) expect(parseRetryAfter(bad, now), String(bad)).toBeUndefined();
  });
});
