// Plain data on a host page whose libraries patch built-ins. Prototype.js
// gives arrays a `toJSON` that returns a string (so `JSON.stringify` writes
// `"responses": "[...]"`), some pages replace `JSON.stringify` with a
// library's own, and old polyfills leave enumerable properties on
// `Object.prototype` that `for...in` and `obj[key]` find. What the SDK
// writes (answers, queued records, its kept state) goes through `json` here,
// which reads own keys only and calls none of the page's code.

/** `o[k]` when it is `o`'s own property, else undefined (never `Object.prototype`'s `constructor`, nor a library's addition). */
export const own = <T>(o: Record<string, T>, k: string): T | undefined => ({}.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * The JSON text of plain data (objects, arrays, strings, numbers, booleans,
 * null), as `JSON.stringify` writes it except that no `toJSON` is called (a
 * Date becomes `{}`; the SDK keeps times as ISO strings). Objects give their
 * own enumerable keys, in `Object.keys` order, leaving out `undefined`
 * members; NaN, ±Infinity, `undefined` and functions are `null`. Control
 * characters and surrogates are written as `\u` escapes, so a lone surrogate
 * (a comment cut in the middle of an emoji) survives a UTF-8 body.
 */
export function json(v: unknown): string {
  // 0x10000 + the code in hex, less its leading 1: the four digits of the escape. Control characters are
  // exactly what the pattern is for, as in JSON's own grammar.
  // eslint-disable-next-line no-control-regex
  if (typeof v == 'string') return `"${v.replace(/[\0-\x1f"\\\ud800-\udfff]/g, (c) => '\\u' + (c.charCodeAt(0) + 65536).toString(16).slice(1))}"`;
  // isFinite is true for finite numbers, booleans and null; false for undefined, NaN, ±Infinity and functions.
  if (!v || typeof v != 'object') return isFinite(v as number) ? '' + v : 'null';
  const o = v as Record<string, unknown>;
  // Not Array.from(v, json): Prototype.js and MooTools replace Array.from with versions that ignore `json`.
  // Spreading turns holes into undefined (so null); an array in a template is joined with commas.
  return Array.isArray(v) ? `[${[...v].map(json)}]` : `{${Object.keys(o).filter((k) => o[k] !== undefined).map((k) => json(k) + ':' + json(o[k]))}}`;
}
