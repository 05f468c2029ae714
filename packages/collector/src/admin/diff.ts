// The difference of two JSON values as a list of changed leaves, each named
// by the path parseSurvey would use for it (`triggers[0].delay`), so the
// studio can show a change beside its field.

/** One changed field: absent on one side is `undefined` (left out of JSON). */
export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The changes that turn `from` into `to`; objects are compared key by key, arrays item by item. */
export function diff(from: unknown, to: unknown, path = '', out: Change[] = []): Change[] {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    for (const k of keys) diff(from[k], to[k], join(path, k), out);
  } else if (Array.isArray(from) && Array.isArray(to)) {
    for (let i = 0; i < Math.max(from.length, to.length); i++) diff(from[i], to[i], join(path, i), out);
  } else if (JSON.stringify(from) !== JSON.stringify(to)) {
    out.push({ path, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  }
  return out;
}
