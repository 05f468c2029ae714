// Paths as parseSurvey writes them (`triggers[0].url.include[1].value`):
// the editor reads, writes and reports errors by exactly these strings.

/** `a.b[2].c` → `['a', 'b', 2, 'c']`. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The value at `path` in `root`, or undefined. */
export function getAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const k of parsePath(path)) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

const empty = (v: unknown) =>
  v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/**
 * A copy of `root` with `value` at `path` (the objects on the way copied,
 * the rest shared). `undefined` removes the key, and an object left empty by
 * that goes too, so clearing a field never leaves `theme: {}` behind.
 * Array items are never removed this way (indices are paths); see `removeAt`.
 */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const keys = parsePath(path);
  const go = (node: unknown, i: number): unknown => {
    const k = keys[i]!;
    const copy = (Array.isArray(node) ? [...(node as unknown[])] : { ...(node as object) }) as Record<string | number, unknown>;
    const next = i === keys.length - 1 ? value : go(copy[k] ?? (typeof keys[i + 1] === 'number' ? [] : {}), i + 1);
    if (empty(next) && !Array.isArray(copy)) delete copy[k];
    else copy[k] = next;
    return copy;
  };
  return go(root ?? {}, 0) as T;
}

/** A copy of `root` without item `index` of the array at `path` (an emptied array goes). */
export function removeAt<T>(root: T, path: string, index: number): T {
  const list = (getAt(root, path) as unknown[] | undefined) ?? [];
  const next = list.filter((_, i) => i !== index);
  return setAt(root, path, next.length ? next : undefined);
}

/** A DOM id for the field at `path` (`f-triggers_0_.delayMs` style, stable and unique per path). */
export const fieldId = (path: string): string => 'f-' + path.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
