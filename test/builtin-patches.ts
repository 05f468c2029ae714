// What real host pages' libraries do to built-ins, as scripts a test runs in
// its own realm (unit tests, installed and removed around each test) or puts
// in a page before sayso (the Chromium specs). Each imitates a library sayso
// meets in the wild, as that library behaves, not a caricature of it:
// - prototype: Prototype.js 1.6/1.7. `toJSON` on arrays, strings, numbers and
//   dates that return JSON *text* (so the platform's JSON.stringify writes an
//   array as a string), `Array.from = $A` (no map function), its own
//   `Function#bind`, and enumerable Enumerable methods on arrays.
// - objectPrototype: old polyfills and helpers that assign to Object.prototype,
//   so their members are enumerable: names of sayso's own fields among them.
// - mootools: MooTools 1.3/1.4. Enumerable methods on Array, Function, String
//   and Number, and an `Array.from` that returns an array itself and ignores
//   a map function; enumerable spec-correct polyfills of `includes`/`find`.
// - stringify: a JSON.stringify replaced by a library's own, json2 style,
//   that walks keys with `for...in` (skipping the functions it meets), beside
//   the enumerable `Object.prototype.toJSONString` of json2's predecessor.

/** The library scripts, as page source (ES5, no dependencies). */
export const PATCHES = {
  prototype: `(function () {
  function toJSON(o) {
    var t = typeof o;
    if (t === 'undefined' || t === 'function') return undefined;
    if (t === 'boolean') return o.toString();
    if (o === null) return 'null';
    if (o.toJSON) return o.toJSON();
    var r = [];
    for (var k in o) { var v = toJSON(o[k]); if (v !== undefined) r.push(k.toJSON() + ': ' + v); }
    return '{' + r.join(', ') + '}';
  }
  Object.toJSON = toJSON;
  Array.prototype.toJSON = function () {
    var r = [];
    for (var i = 0; i < this.length; i++) { var v = toJSON(this[i]); if (v !== undefined) r.push(v); }
    return '[' + r.join(', ') + ']';
  };
  String.prototype.toJSON = function () {
    return '"' + this.replace(/[\\u0000-\\u001f"\\\\]/g, function (c) { return '\\\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); }) + '"';
  };
  Number.prototype.toJSON = function () { return isFinite(this) ? this.toString() : 'null'; };
  Date.prototype.toJSON = function () { return '"' + this.toISOString().slice(0, 19) + 'Z"'; };
  // $A: copies an array-like, or asks it for toArray(); a second argument is ignored.
  Array.from = function (it) {
    if (!it) return [];
    if (it.toArray) return it.toArray();
    var n = it.length || 0, r = new Array(n);
    while (n--) r[n] = it[n];
    return r;
  };
  var methods = {
    toArray: function () { return [].concat(this); },
    each: function (f) { for (var i = 0; i < this.length; i++) f(this[i], i); return this; },
    pluck: function (p) { var r = []; this.each(function (x) { r.push(x[p]); }); return r; },
    compact: function () { return this.filter(function (x) { return x != null; }); },
    first: function () { return this[0]; },
    last: function () { return this[this.length - 1]; }
  };
  for (var m in methods) Array.prototype[m] = methods[m];
  Function.prototype.bind = function () {
    if (arguments.length < 2 && arguments[0] === undefined) return this;
    var fn = this, args = Array.prototype.slice.call(arguments), self = args.shift();
    return function () { return fn.apply(self, args.concat(Array.prototype.slice.call(arguments))); };
  };
  Function.prototype.curry = function () { var fn = this, a = Array.prototype.slice.call(arguments); return function () { return fn.apply(this, a.concat(Array.prototype.slice.call(arguments))); }; };
})();`,
  objectPrototype: `(function () {
  Object.prototype.foo = 'bar';
  Object.prototype.trigger = function (name) { return this; };
  Object.prototype.kind = 'ces';
  Object.prototype.userId = 'someone-else';
  Object.prototype.extend = function (o) { for (var k in o) this[k] = o[k]; return this; };
})();`,
  mootools: `(function () {
  function implement(type, methods) { for (var m in methods) type.prototype[m] = methods[m]; }
  implement(Array, {
    each: function (f, bind) { for (var i = 0; i < this.length; i++) f.call(bind, this[i], i, this); return this; },
    contains: function (x) { return this.indexOf(x) != -1; },
    include: function (x) { if (!this.contains(x)) this.push(x); return this; },
    erase: function (x) { for (var i = this.length; i--;) if (this[i] === x) this.splice(i, 1); return this; },
    clean: function () { return this.filter(function (x) { return x != null; }); },
    getLast: function () { return this.length ? this[this.length - 1] : null; },
    flatten: function () { return this.reduce(function (a, x) { return a.concat(Array.isArray(x) ? x.flatten() : x); }, []); }
  });
  implement(Function, {
    extend: function (k, v) { this[k] = v; return this; },
    implement: function (k, v) { this.prototype[k] = v; return this; },
    pass: function (args, bind) { var fn = this; return function () { return fn.apply(bind, [].concat(args)); }; },
    delay: function (ms, bind, args) { return setTimeout(this.pass(args == null ? [] : args, bind), ms); }
  });
  implement(String, { contains: function (s) { return this.indexOf(s) > -1; }, camelCase: function () { return this.replace(/-\\D/g, function (m) { return m.charAt(1).toUpperCase(); }); } });
  implement(Number, { limit: function (a, b) { return Math.min(b, Math.max(a, this)); } });
  // Array.from: the array itself, an array-like copied, anything else wrapped; no map function.
  Array.from = function (item) {
    if (item == null) return [];
    return typeof item != 'string' && typeof item.length == 'number' ? (Array.isArray(item) ? item : Array.prototype.slice.call(item)) : [item];
  };
  // Polyfills written for browsers without these, so enumerable; correct, but their own code.
  function define(name, fn) { Object.defineProperty(Array.prototype, name, { value: fn, writable: true, configurable: true, enumerable: true }); }
  define('includes', function (x, from) {
    for (var i = from || 0; i < this.length; i++) if (this[i] === x || (x !== x && this[i] !== this[i])) return true;
    return false;
  });
  define('find', function (f, bind) { for (var i = 0; i < this.length; i++) if (f.call(bind, this[i], i, this)) return this[i]; return undefined; });
})();`,
  stringify: `(function () {
  Object.prototype.toJSONString = function () { return JSON.stringify(this); };
  function str(o) {
    var t = typeof o;
    if (t === 'undefined' || t === 'function') return undefined;
    if (o === null) return 'null';
    if (o && typeof o.toJSON === 'function' && t === 'object') return str(o.toJSON());
    if (t === 'string') return '"' + o.replace(/[\\u0000-\\u001f"\\\\]/g, function (c) { return '\\\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); }) + '"';
    if (t === 'number') return isFinite(o) ? String(o) : 'null';
    if (t === 'boolean') return String(o);
    var r = [];
    if (Array.isArray(o)) { for (var i = 0; i < o.length; i++) r.push(str(o[i]) || 'null'); return '[' + r.join(', ') + ']'; }
    for (var k in o) { var v = str(o[k]); if (v !== undefined) r.push(str(k) + ': ' + v); }
    return '{' + r.join(', ') + '}';
  }
  JSON.stringify = function (value) { return str(value); };
})();`,
} as const;

export type PatchName = keyof typeof PATCHES;

/** The objects the patches change, by name, for undoing them. */
const TOUCHED = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'String.prototype': String.prototype,
  'Number.prototype': Number.prototype,
  'Date.prototype': Date.prototype,
  'Function.prototype': Function.prototype,
  Object,
  Array,
  JSON,
};

/**
 * Runs the named library scripts in this realm and returns what undoes
 * them: every property they added is deleted and every one they replaced
 * restored, descriptors and all.
 */
export function install(...names: PatchName[]): () => void {
  const saved = Object.values(TOUCHED).map((target) => [target, Object.getOwnPropertyDescriptors(target)] as const);
  try {
    // The libraries' own source, run as a page runs a <script>: in this realm, as plain code.
    // eslint-disable-next-line no-new-func
    for (const name of names) new Function(PATCHES[name])();
  } catch (err) {
    undo();
    throw err;
  }
  function undo(): void {
    // Own keys only (`in` would see Object.prototype's additions on `before` itself).
    const had = (o: object, key: PropertyKey) => Reflect.getOwnPropertyDescriptor(o, key) !== undefined;
    for (const [target, before] of saved) {
      for (const key of Reflect.ownKeys(target)) if (!had(before, key)) Reflect.deleteProperty(target, key);
      for (const key of Reflect.ownKeys(before)) Reflect.defineProperty(target, key, (before as Record<PropertyKey, PropertyDescriptor>)[key]!);
    }
  }
  return undo;
}

/** `fn()` with the named patches installed, removed again before it returns (or throws). */
export function patched<T>(names: PatchName[], fn: () => T): T {
  const undo = install(...names);
  try {
    return fn();
  } finally {
    undo();
  }
}

/** The patches as one `<script>` for the head of a page, before sayso's snippet. */
export const patchScript = (...names: PatchName[]): string => `<script>${names.map((n) => PATCHES[n]).join('\n')}</script>`;
