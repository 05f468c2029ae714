// Property filters, shared by event triggers (on `track` properties) and
// audience targeting (on `identify` attributes). Numbers compare as numbers
// when both sides are numeric, so `"42"` from a data attribute still works.
import type { PropertyFilter } from '@sayso/core';

/** A number, a numeric string as its number, anything else (`true`, `''`) NaN. */
const num = (v: unknown): number => (typeof v == 'number' || (typeof v == 'string' && v.trim()) ? +v : NaN);

/** True when `props` passes one filter. */
export function passes(props: Record<string, unknown>, f: PropertyFilter): boolean {
  const { property, op, value } = f;
  const p = props[property];
  const has = ({}).hasOwnProperty.call(props, property) && p != null;
  const v = String(p);
  const want = String(value);
  const a = num(p);
  const b = num(value);
  // `neq`, `not-contains` and `not-exists` are exactly the negations of `eq`,
  // `contains` and `exists` (absent fails the positive, so passes the negative):
  // one test per pair keeps the always-loaded bundle small.
  const base = op.replace(/^n(ot-)?/, '');
  // A NaN side (not numeric) fails every comparison by itself: no guard needed.
  const yes =
    has &&
    (base == 'exists' ||
      (base == 'eq'
        ? v == want
        : base == 'contains'
          ? v.includes(want)
          : base == 'in'
            ? Array.isArray(value) && value.some((w) => String(w) == v)
            : base == 'gt'
              ? a > b
              : base == 'gte'
                ? a >= b
                : base == 'lt'
                  ? a < b
                  : a <= b));
  return base == op ? yes : !yes;
}

/** Every filter passes (an empty list passes). */
export function passesAll(props: Record<string, unknown>, filters: PropertyFilter[] | undefined): boolean {
  return !filters || filters.every((f) => passes(props, f));
}
