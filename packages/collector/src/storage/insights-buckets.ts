// Term counts are kept three ways: per UTC day, per ISO week and per month
// (`grain` 'd', 'w', 'm' in sayso_terms). A date range is read as the fewest
// whole buckets that tile it exactly, so 90 days are about two months, a few
// weeks and a few days of rows instead of 90 days of them.

/** The grains term counts are summed by ('t': a term's monthly total, over languages and scores). */
export type Grain = 'd' | 'w' | 'm' | 't';

/** The bucket starts that tile a range, per grain. */
export type Cover = Record<'d' | 'w' | 'm', string[]>;

const DAY_MS = 86400_000;
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const parse = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The first day of each bucket a day falls in: itself, its ISO week's Monday, its month's 1st. */
export function bucketsOf(day: string): Record<'d' | 'w' | 'm', string> {
  const t = parse(day);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
  return { d: day, w: iso(t - weekday * DAY_MS), m: `${day.slice(0, 8)}01` };
}

/**
 * Whole months, then whole ISO weeks that stay inside one month, then days,
 * that together cover `from`..`to` (inclusive, `YYYY-MM-DD`) exactly once.
 * A week that crosses into a month is taken as days, so that month can still
 * be read as one bucket.
 *
 * @example
 * cover('2026-09-28', '2026-11-03');
 * // { m: ['2026-10-01'], w: [], d: ['2026-09-28', '2026-09-29', '2026-09-30', '2026-11-01', '2026-11-02', '2026-11-03'] }
 */
export function cover(from: string, to: string): Cover {
  const out: Cover = { d: [], w: [], m: [] };
  const end = parse(to);
  for (let t = parse(from); t <= end; ) {
    const d = new Date(t);
    const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    if (d.getUTCDate() === 1 && nextMonth - DAY_MS <= end) {
      out.m.push(iso(t));
      t = nextMonth;
    } else if (d.getUTCDay() === 1 && t + 6 * DAY_MS <= end && t + 6 * DAY_MS < nextMonth) {
      out.w.push(iso(t));
      t += 7 * DAY_MS;
    } else {
      out.d.push(iso(t));
      t += DAY_MS;
    }
  }
  return out;
}

/** The first days of the months that overlap `from`..`to`. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let start = from.slice(0, 7); start <= to.slice(0, 7); start = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(`${start}-01`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** A PostgreSQL array literal of dates (`{2026-10-01,2026-10-02}`), passed as text and cast with `::text::date[]`. */
export const dateArray = (days: readonly string[]): string => `{${days.join(',')}}`;
