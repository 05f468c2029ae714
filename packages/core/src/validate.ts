// A tiny internal toolkit for the parsers: a checker takes a value and its
// path, returns the (copied) value or throws a SaysoError naming the path.
// Factories are marked `@__NO_SIDE_EFFECTS__` so bundlers drop schemas an
// app never parses (importing `nps` must not pull in parseSurvey's tables).
// Everything here is shared by parseSurvey, which ships in the always-loaded
// browser SDK, so it trades generality for bytes: one message shape for every
// rule, no error collection (the first bad field wins), no schema language:
// a shape is a plain object of checkers, typed against the model's interface.
import { SaysoError, type SaysoErrorCode } from './errors.js';

/**
 * Checks one value at `path`. `parent` is the object being built around it,
 * holding the siblings checked so far (schema order), so a field can depend
 * on an earlier one: `score` on `scale`, a rule's `value` on its `match`.
 */
export type Check<T = unknown> = ((value: unknown, path: string, parent: Record<string, unknown>) => T) & { r?: 1 };

/** Checker per key of T; every key of the type must be listed, so the schema cannot drift from the type. */
export type Shape<T> = { [K in keyof T]-?: Check<Exclude<T[K], undefined>> };

// The error code of the parse in progress. Parsing is synchronous and never
// re-enters `run`, so one module slot is enough and saves threading it through.
let code: SaysoErrorCode;

/** Throws the parse's SaysoError for `path`. */
export const fail = (path: string, message: string): never => {
  throw new SaysoError(code, message, path ? { path } : {});
};

/** Runs a checker at the root of `input`, throwing SaysoErrors with `errorCode`. */
export const run = <T>(errorCode: SaysoErrorCode, check: Check<T>, input: unknown): T => {
  code = errorCode;
  return check(input, '', {});
};

/** A short, safe description of a bad value for a message (never the whole of a long string). */
export const show = (v: unknown): string =>
  typeof v == 'string'
    ? JSON.stringify(v.slice(0, 40))
    : Array.isArray(v)
      ? 'an array'
      : v && typeof v == 'object'
        ? 'an object'
        : String(v).slice(0, 40);

/** Fails with the one message shape every rule uses: `expected <what>, got <value>`. */
export const bad = (path: string, what: string, v: unknown): never => fail(path, `expected ${what}, got ${show(v)}`);

/** `a.b` or `a[2]`. */
export const at = (path: string, key: string | number): string =>
  typeof key == 'number' ? `${path}[${key}]` : path ? path + '.' + key : key;

/** True when `k` is an own property of `o`. */
export const has = (o: object, k: string) => ({}).hasOwnProperty.call(o, k);

/**
 * `o[k]` when it is `o`'s own property, else undefined: a field a config
 * leaves out must not be read from `Object.prototype`, where some pages'
 * libraries put enumerable properties of their own (`trigger`, `value`).
 */
export const own = (o: object, k: string): unknown => (has(o, k) ? (o as Record<string, unknown>)[k] : undefined);

/** Marks a checker's key as required in `obj`. */
export const req = /* @__NO_SIDE_EFFECTS__ */ <T>(check: Check<T>): Check<T> => {
  const c: Check<T> = (v, p, o) => check(v, p, o);
  c.r = 1;
  return c;
};

/** A string of `min`..`max` UTF-16 units, optionally matching `re` (described by `what`). */
export const str = /* @__NO_SIDE_EFFECTS__ */ (max: number, min = 0, re?: RegExp, what?: string): Check<string> =>
  (v, p) => {
    if (typeof v != 'string') bad(p, 'a string', v);
    const s = v as string;
    if (s.length < min || s.length > max) bad(p, `${min} to ${max} characters`, s.length);
    if (re && !re.test(s)) bad(p, what!, s);
    return s;
  };

/** A finite number (an integer when `int`) from `min` to `max`; NaN, Infinity and numeric strings are refused. */
export const num = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number, int?: 1): Check<number> =>
  (v, p) =>
    typeof v == 'number' && (int ? Number.isInteger(v) : isFinite(v)) && v >= min && v <= max
      ? v
      : bad(p, `${int ? 'an integer' : 'a number'} from ${min} to ${max}`, v);

/** An integer from `min` to `max`. */
export const int = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number): Check<number> => num(min, max, 1);

/** One of a fixed list of values (compared with `===`). */
export const oneOf = /* @__NO_SIDE_EFFECTS__ */ <const V extends readonly unknown[]>(...values: V): Check<V[number]> =>
  (v, p) =>
    values.includes(v) ? v : bad(p, 'one of ' + values.join(', '), v);

/** `'a' | 'b'` from `'a b'`. */
export type Words<S extends string> = S extends `${infer A} ${infer B}` ? A | Words<B> : S;

/**
 * One of the space-separated words of `list`: `words('light dark auto')`.
 * Reads like the union it checks, and is typed as that union.
 */
export const words = /* @__NO_SIDE_EFFECTS__ */ <const S extends string>(list: S): Check<Words<S>> =>
  oneOf(...list.split(' ')) as Check<Words<S>>;

/** `true` or `false`. */
export const bool: Check<boolean> = oneOf(true, false);

/** An array of at most `max` items, each checked (holes count as `undefined`). */
export const arr = /* @__NO_SIDE_EFFECTS__ */ <T>(item: Check<T>, max: number): Check<T[]> =>
  (v, p) => {
    if (!Array.isArray(v)) bad(p, 'an array', v);
    const a = v as unknown[];
    if (a.length > max) bad(p, `at most ${max} items`, a.length);
    // Not Array.from(a, fn): Prototype.js and MooTools replace Array.from with
    // versions that ignore `fn` (MooTools even returns `a` itself). Spreading
    // turns holes into undefined, as Array.from would.
    return [...a].map((x, i) => item(x, at(p, i), {}));
  };

/** Fails unless `v` is a plain object (not null, not an array); returns its own keys. */
export const keysOf = (v: unknown, p: string): string[] =>
  v && typeof v == 'object' && !Array.isArray(v) ? Object.keys(v) : bad(p, 'an object', v);

/**
 * An object with exactly the keys of `shape`. Unknown keys are reported
 * first (a misspelt key is usually the cause of a "required" further on),
 * then each field in shape order. `undefined` counts as absent and is dropped.
 * Only own keys count, of the shape and of the value: `for...in` would also
 * visit enumerable properties a page's library added to `Object.prototype`.
 */
export const obj = /* @__NO_SIDE_EFFECTS__ */ <T>(shape: Shape<T>): Check<T> =>
  (v, p) => {
    for (const k of keysOf(v, p)) if (!has(shape, k)) fail(at(p, k), 'unknown key');
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(shape)) {
      const c = shape[k as keyof T] as Check;
      const x = own(v as object, k);
      if (x !== undefined) o[k] = c(x, at(p, k), o);
      else if (c.r) fail(at(p, k), 'required');
    }
    return o as T;
  };

/** A map of at most `max` keys, each key and value checked. */
export const record = /* @__NO_SIDE_EFFECTS__ */ <T>(key: Check<string>, value: Check<T>, max: number): Check<Record<string, T>> =>
  (v, p) => {
    const ks = keysOf(v, p);
    if (ks.length > max) bad(p, `at most ${max} keys`, ks.length);
    // fromEntries defines own properties, so a `__proto__` key stays data.
    return Object.fromEntries(
      ks.map((k) => (key(k, at(p, k), {}), [k, value((v as Record<string, unknown>)[k], at(p, k), {})])),
    );
  };
