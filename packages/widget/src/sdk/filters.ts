// Property filters, shared by event triggers (on `track` properties) and
// audience targeting (on `identify` attributes). Numbers compare as numbers
// when both sides are numeric, so `"42"` from a data attribute still works.
import type { PropertyFilter } from '@sayso/core';

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

/** True when `props` passes one filter. */
export function passes(props: Record<string, unknown>, f: PropertyFilter): boolean {
  const has = Object.prototype.hasOwnProperty.call(props, f.property) && props[f.property] != null;
  const v = props[f.property];
  const want = f.value;
  switch (f.op) {
    case 'exists':
      return has;
    case 'not-exists':
      return !has;
    case 'eq':
      return has && (v === want || String(v) === String(want));
    case 'neq':
      return !has || String(v) !== String(want);
    case 'contains':
      return has && String(v).includes(String(want));
    case 'not-contains':
      return !has || !String(v).includes(String(want));
    case 'in':
      return has && Array.isArray(want) && want.some((w) => String(w) === String(v));
    default: {
      const a = num(v);
      const b = num(want);
      if (!has || Number.isNaN(a) || Number.isNaN(b)) return false;
      return f.op === 'gt' ? a > b : f.op === 'gte' ? a >= b : f.op === 'lt' ? a < b : a <= b;
    }
  }
}

/** Every filter passes (an empty list passes). */
export function passesAll(props: Record<string, unknown>, filters: PropertyFilter[] | undefined): boolean {
  return !filters || filters.every((f) => passes(props, f));
}
