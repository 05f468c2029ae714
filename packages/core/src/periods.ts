// Calendar buckets in UTC. Every bucket is a half-open window [start, end),
// so an instant on a boundary belongs to exactly one bucket.

/** A UTC calendar bucket: `key` is `2026-11-24`, `2026-W48` or `2026-11`. */
export interface Period {
  key: string;
  /** Inclusive start, ISO 8601 UTC. */
  start: string;
  /** Exclusive end, ISO 8601 UTC. */
  end: string;
}

const DAY = 86_400_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * The day, ISO 8601 week or month (all UTC) an instant falls in. ISO weeks
 * start on Monday and belong to the year of their Thursday, so 2020-12-31 is
 * in 2020-W53 and 2021-01-04 starts 2021-W01.
 *
 * @example
 * periodOf(Date.parse('2021-01-01T12:00:00Z'), 'week');
 * // { key: '2020-W53', start: '2020-12-28T00:00:00.000Z', end: '2021-01-04T00:00:00.000Z' }
 */
export function periodOf(time: number, by: 'day' | 'week' | 'month'): Period {
  const d = new Date(time);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dayStart = Date.UTC(y, m, d.getUTCDate());
  const iso = (t: number): string => new Date(t).toISOString();
  if (by === 'month') return { key: `${pad(y, 4)}-${pad(m + 1)}`, start: iso(Date.UTC(y, m, 1)), end: iso(Date.UTC(y, m + 1, 1)) };
  if (by === 'day') return { key: iso(dayStart).slice(0, 10), start: iso(dayStart), end: iso(dayStart + DAY) };
  const monday = dayStart - ((d.getUTCDay() + 6) % 7) * DAY;
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return { key: `${pad(year, 4)}-W${pad(week)}`, start: iso(monday), end: iso(monday + 7 * DAY) };
}
