// Test-only helpers for the parse-*.test.ts files (not exported by the package).
import { expect } from 'vitest';
import { isSaysoError, type SaysoErrorCode } from './errors.js';

/**
 * Asserts that `parse(input)` throws a SaysoError with `code`, exactly this
 * `path` (undefined for the root) and message `path: reason`.
 */
export function expectInvalid(
  parse: (input: unknown) => unknown,
  code: SaysoErrorCode,
  input: unknown,
  path: string | undefined,
  reason: string,
): void {
  let error: unknown;
  try {
    parse(input);
  } catch (e) {
    error = e;
  }
  expect(isSaysoError(error), `expected a SaysoError, got ${String(error)}`).toBe(true);
  const e = error as { code: string; path: string | undefined; message: string };
  expect({ code: e.code, path: e.path, message: e.message }).toEqual({
    code,
    path,
    message: path ? `${path}: ${reason}` : reason,
  });
}

/** A copy of `base` with `patch` applied at a dotted/indexed path (`a.b[1].c`); `undefined` deletes. */
export function withAt<T>(base: T, path: string, value: unknown): T {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as T;
}
