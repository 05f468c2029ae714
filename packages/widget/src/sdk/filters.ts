// Property filters, shared by event triggers (on `track` properties) and
// audience targeting (on `identify` attributes). Numbers compare as numbers
// when both sides are numeric, so `"42"` from a data attribute still works.
import type { PropertyFilter } from '@sayso/core';

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() != '' ? Number(v) : NaN);

/** True when `props` passes one filter. */
export function passes(props: Record<string, unknown>, f: PropertyFilter): boolean {
  const has = ({}).hasOwnProperty.call(props, f.property) && props[f.property] != null;
  const v = String(props[f.property]);
  const want = f.value;
  // `neq`, `not-contains` and `not-exists` are exactly the negations of `eq`,
  // `contains` and `exists` (absent fails the positive, so passes the negative):
  // one test per pair keeps the always-loaded bundle small.
  const op = f.op.replace(/^n(ot-)?/, '');
  const yes =
    op == 'exists'
      ? has
      : !has
        ? false
        : op == 'eq'
          ? v === String(want)
          : op == 'contains'
            ? v.includes(String(want))
            : op == 'in'
              ? Array.isArray(want) && want.some((w) => String(w) === v)
              : compare(f.op, num(props[f.property]), num(want));
  return op == f.op ? yes : !yes;
}

const compare = (op: string, a: number, b: number): boolean =>
  a == a && b == b && (op == 'gt' ? a > b : op == 'gte' ? a >= b : op == 'lt' ? a < b : a <= b);

/** Every filter passes (an empty list passes). */
export function passesAll(props: Record<string, unknown>, filters: PropertyFilter[] | undefined): boolean {
  return !filters || filters.every((f) => passes(props, f));
}
