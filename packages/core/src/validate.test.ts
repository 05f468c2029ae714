import { describe, expect, it } from 'vitest';
import { isSaysoError } from './errors.js';
import { arr, at, int, obj, oneOf, record, req, run, show, str, words } from './validate.js';

describe('show', () => {
  it.each<[unknown, string]>([
    ['abc', '"abc"'],
    ['a"b\n', '"a\\"b\\n"'],
    ['x'.repeat(100), JSON.stringify('x'.repeat(40))],
    [5, '5'],
    [-0, '0'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    [null, 'null'],
    [undefined, 'undefined'],
    [true, 'true'],
    [[1, 2], 'an array'],
    [{ a: 1 }, 'an object'],
    [Object.create(null), 'an object'],
    [10n, '10'],
    [Symbol('s'), 'Symbol(s)'],
  ])('%s → %s', (value, shown) => expect(show(value)).toBe(shown));
});

describe('at', () => {
  it('joins keys with dots and indexes with brackets, from an empty root', () => {
    expect(at('', 'a')).toBe('a');
    expect(at('a', 'b')).toBe('a.b');
    expect(at('a', 0)).toBe('a[0]');
    expect(at(at(at('triggers', 0), 'url'), 'include')).toBe('triggers[0].url.include');
  });
});

describe('run', () => {
  it('throws SaysoErrors with the code given and no path at the root', () => {
    const thrown = (() => {
      try {
        run('E_EVENT_INVALID', str(3), 5);
      } catch (e) {
        return e;
      }
    })();
    expect(isSaysoError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'E_EVENT_INVALID', path: undefined, message: 'expected a string, got 5' });
  });

  it('checks nested shapes and passes earlier siblings to later fields', () => {
    const check = obj<{ max: number; n: number }>({ max: req(int(0, 9)), n: (v, p, o) => int(0, o.max as number)(v, p, o) });
    expect(run('E_SURVEY_INVALID', check, { max: 3, n: 3 })).toEqual({ max: 3, n: 3 });
    expect(() => run('E_SURVEY_INVALID', check, { max: 3, n: 4 })).toThrow('n: expected an integer from 0 to 3, got 4');
    expect(() => run('E_SURVEY_INVALID', check, { n: 1 })).toThrow('max: required');
  });

  it('does not treat inherited names as known keys', () => {
    const check = obj<{ a?: string }>({ a: str(5) });
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
      expect(() => run('E_SURVEY_INVALID', check, JSON.parse(`{"${key}": 1}`))).toThrow(`${key}: unknown key`);
  });

  it('turns array holes into undefined items rather than skipping them', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(() => run('E_SURVEY_INVALID', arr(str(5), 5), ['a', , 'c'])).toThrow('[1]: expected a string, got undefined');
  });

  it('copies map keys as own data properties, even "__proto__"', () => {
    const out = run('E_SURVEY_INVALID', record(str(20), str(5), 5), JSON.parse('{"__proto__":"x","b":"y"}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.entries(out)).toEqual([['__proto__', 'x'], ['b', 'y']]);
  });

  it('lists the choices of an enum', () => {
    expect(() => run('E_SURVEY_INVALID', words('a b c'), 'd')).toThrow('expected one of a, b, c, got "d"');
    expect(() => run('E_SURVEY_INVALID', oneOf(1, 2), '1')).toThrow('expected one of 1, 2, got "1"');
  });
});
