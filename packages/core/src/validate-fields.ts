// Leaf checkers shared by the parsers, and the size caps they enforce. The
// caps keep one bad (or hostile) config or payload from bloating a queue, a
// database row or the DOM; they are listed in the README's "Validating input".
import { isUuid } from './id.js';
import { bad, fail, int, own, str, type Check } from './validate.js';

/** Ids and map keys: letters, digits, `-`, `_`, `.` (1..64). */
export const id: Check<string> = str(64, 1, /^[\w.-]+$/, 'letters, digits, -, _ or .');

/** A question, label or other short text shown to people: up to 500 characters. */
export const text: Check<string> = str(500);

/** The same, but not empty. */
export const text1: Check<string> = str(500, 1);

/** A URL or URL rule: 2048 characters, the practical limit of browsers and servers. */
export const URL_MAX = 2048;

/** Free text a person typed: a comment or follow-up answer. */
export const ANSWER_MAX = 5000;

/** BCP 47 language tag (`en`, `de-AT`, `zh-Hant-TW`): a 2-3 letter language, then subtags; at most 35 characters as RFC 5646 recommends. */
export const locale: Check<string> = str(35, 2, /^[a-z]{2,3}(-[a-z\d]{1,8})*$/i, 'a BCP 47 language tag');

/**
 * A delay in milliseconds. The cap is setTimeout's: browsers fire larger
 * delays at once (a signed 32-bit overflow), which would invert the intent.
 */
export const ms: Check<number> = int(0, 2147483647); // 2 ** 31 - 1, written out: bundlers keep `**` expressions

/** A string up to 500 characters, a finite number or (unless `noBool`) a boolean: filter values and attributes. */
export const scalar = /* @__NO_SIDE_EFFECTS__ */ (noBool?: 1): Check<string | number | boolean> =>
  (v, p, o) =>
    typeof v == 'string'
      ? text(v, p, o)
      : (typeof v == 'number' && isFinite(v)) || (!noBool && typeof v == 'boolean')
        ? (v as number | boolean)
        : bad(p, noBool ? 'a string or number' : 'a string, number or boolean', v);

// The rest serve responses and events only (the collector and link pages),
// so they may spend bytes on precise checks.

/** A UUID (sayso makes v7; other versions from custom sources pass). */
export const uuid: Check<string> = (v, p) => (isUuid(v) ? v : bad(p, 'a UUID', v));

/** The SDK's per-browser anonymous id. */
export const anonymousId: Check<string> = str(128, 1);
/** The host's user id (may be an email address). */
export const userId: Check<string> = str(256, 1);
const hmac = str(64, 64, /^[\da-f]+$/i, 'a hex HMAC-SHA256');
/** A signature only means something beside the user id it signs, so `userId` must come first (and be the item's own). */
export const userSignature: Check<string> = (v, p, o) => (own(o, 'userId') ? hmac(v, p, o) : fail(p, 'needs userId'));

/** `'web'`, `'link'` or a custom source's short name. */
export const channel: Check<string> = str(32, 1);

// ISO 8601 / RFC 3339 date-time with a zone; seconds and fractions optional.
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?(?:Z|[+-](\d\d):(\d\d))$/;

const daysIn = (y: number, m: number) =>
  m == 2 ? (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;

/**
 * An ISO 8601 date-time with a zone (`2026-11-24T06:34:00.000Z`,
 * `2026-11-24T07:34:00+01:00`) that names a real instant: no 31 April, no
 * 29 February outside leap years, no hour 24, no leap second, zone within ±14:00.
 */
export const dateTime: Check<string> = (v, p) => {
  const m = DATE_TIME.exec(typeof v == 'string' ? v : '');
  const [y, mo, d, h, mi, s = 0, zh = 0, zm = 0] = m ? m.slice(1).map((x) => (x === undefined ? undefined : +x)) : [];
  return m &&
    mo! >= 1 &&
    mo! <= 12 &&
    d! >= 1 &&
    d! <= daysIn(y!, mo!) &&
    h! <= 23 &&
    mi! <= 59 &&
    s <= 59 &&
    zh * 60 + zm <= 14 * 60 &&
    zm <= 59
    ? (v as string)
    : bad(p, 'an ISO 8601 date-time with zone', v);
};

/** An absolute URL (`new URL` accepts it without a base), at most 2048 characters. */
export const url: Check<string> = (v, p, o) => {
  const s = str(URL_MAX, 1)(v, p, o);
  try {
    new URL(s);
  } catch {
    bad(p, 'an absolute URL', s);
  }
  return s;
};
