// Checkers for when a survey shows (triggers, URL rules) and for property
// tests, which targeting shares. Each trigger type lists its own fields, so
// a field from another type (`selector` on a pageview) is refused.
import type { PropertyFilter, Trigger, UrlRule, UrlRules } from './survey.js';
import { URL_MAX, ms, scalar } from './validate-fields.js';
import { arr, at, bad, fail, has, keysOf, num, obj, own, req, str, words, type Check, type Shape } from './validate.js';

const rule = obj<UrlRule>({
  match: req(words('exact contains glob regex')),
  value: req((v, p, o) => {
    const s = str(URL_MAX)(v, p, o);
    // Compile now so a bad pattern fails here, loudly, not silently on every page.
    if (o.match == 'regex')
      try {
        new RegExp(s);
      } catch {
        bad(p, 'a valid regular expression', s);
      }
    return s;
  }),
});

/** Include/exclude URL rules. */
export const urlRules: Check<UrlRules> = obj<UrlRules>({ include: arr(rule, 50), exclude: arr(rule, 50) });

const filterFields = obj<PropertyFilter>({
  property: req(str(100, 1)),
  op: req(words('eq neq contains not-contains gt gte lt lte exists not-exists in')),
  // `op` is checked first, so the value's form can follow it.
  value: (v, p, o) =>
    /exists/.test(o.op as string)
      ? fail(p, 'unknown key for ' + o.op)
      : o.op == 'in'
        ? (arr(scalar(1), 100)(v, p, o) as Array<string | number>)
        : scalar()(v, p, o),
});

/** A test on a property: `value` is required except for `exists`/`not-exists`, and a list for `in`. */
export const filter: Check<PropertyFilter> = (v, p, o) => {
  const f = filterFields(v, p, o);
  // An own `value`: `in` would find one a page's library put on Object.prototype.
  if (!(has(f, 'value') || /exists/.test(f.op))) fail(at(p, 'value'), 'required');
  return f;
};

type Fields<K extends Trigger['type']> = Shape<Omit<Extract<Trigger, { type: K }>, 'type' | 'delayMs' | 'url'>>;

const TRIGGERS: { [K in Trigger['type']]: Fields<K> } = {
  pageview: {},
  event: { name: req(str(100, 1)), where: arr(filter, 20) },
  click: { selector: req(str(500, 1)) },
  'time-on-page': { seconds: req(num(0, 86400)) },
  scroll: { percent: req(num(0, 100)) },
  'exit-intent': { touchInactivityMs: ms },
  manual: {},
};

const type: Check<Trigger['type']> = words('pageview event click time-on-page scroll exit-intent manual');

/** One trigger: `type` first, then the fields of that type plus `delayMs` and `url`. */
export const trigger: Check<Trigger> = (v, p, o) => {
  // The type picks the fields, so it is checked before the rest (a missing type reads "got undefined").
  const t = type((keysOf(v, p), own(v as object, 'type')), at(p, 'type'), o);
  return obj({ type, ...TRIGGERS[t], delayMs: ms, url: urlRules } as Shape<Trigger>)(v, p, o);
};
