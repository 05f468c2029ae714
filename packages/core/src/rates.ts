// The CX rates around the scores. Each is a proportion of people, given in
// percent with a Wilson interval, and `null` when its denominator is 0.
import { SaysoError } from './errors.js';
import { zFor } from './normal.js';
import { wilsonAt } from './wilson.js';

/** A rate in percent (0..100) with its Wilson interval. */
export interface Rate {
  /** Percent; `null` when the denominator is 0. */
  rate: number | null;
  /** Wilson score interval, in percent. */
  ci: [number, number] | null;
  /** The numerator and denominator the rate was computed from. */
  count: number;
  of: number;
  level: number;
}

function count(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new SaysoError('E_ARGUMENT_INVALID', `must be a whole number >= 0, got ${String(value)}`, { path });
  }
  return value as number;
}

function rate(hit: number, of: number, level: number, path: string): Rate {
  const z = zFor(level);
  if (hit > of) throw new SaysoError('E_ARGUMENT_INVALID', `cannot exceed its denominator (${hit} > ${of})`, { path });
  if (of === 0) return { rate: null, ci: null, count: hit, of, level };
  const [lo, hi] = wilsonAt(hit / of, of, z);
  return { rate: (100 * hit) / of, ci: [100 * lo, 100 * hi], count: hit, of, level };
}

/**
 * Response rate = responses / displays, in percent: of the people a survey
 * was shown to (count `display` events), how many answered. Count both per
 * person or per display, consistently; responses may not exceed displays.
 *
 * @example
 * responseRate({ displays: 1200, responses: 180 }); // { rate: 15, ci: [13.1…, 17.1…], … }
 */
export function responseRate(input: { displays: number; responses: number }, options: { level?: number } = {}): Rate {
  const displays = count(input.displays, 'displays');
  return rate(count(input.responses, 'responses'), displays, options.level ?? 0.95, 'responses');
}

/**
 * Churn rate for a period = lost / atStart, in percent: the share of the
 * customers you had at the start of the period who left during it.
 * Customers acquired during the period are not in the denominator.
 *
 * @example
 * churnRate({ atStart: 500, lost: 25 }); // { rate: 5, ci: [3.40…, 7.27…], … }
 */
export function churnRate(input: { atStart: number; lost: number }, options: { level?: number } = {}): Rate {
  const atStart = count(input.atStart, 'atStart');
  return rate(count(input.lost, 'lost'), atStart, options.level ?? 0.95, 'lost');
}

/**
 * Customer retention rate for a period = (atEnd − acquired) / atStart, in
 * percent: of the customers at the start, the share still there at the end,
 * not counting the ones acquired during the period. `atEnd − acquired` must
 * lie within 0..atStart.
 *
 * @example
 * retentionRate({ atStart: 200, atEnd: 210, acquired: 30 }); // { rate: 90, … }
 */
export function retentionRate(input: { atStart: number; atEnd: number; acquired: number }, options: { level?: number } = {}): Rate {
  const atStart = count(input.atStart, 'atStart');
  const retained = count(input.atEnd, 'atEnd') - count(input.acquired, 'acquired');
  if (retained < 0) throw new SaysoError('E_ARGUMENT_INVALID', 'acquired cannot exceed atEnd', { path: 'acquired' });
  return rate(retained, atStart, options.level ?? 0.95, 'atEnd');
}
