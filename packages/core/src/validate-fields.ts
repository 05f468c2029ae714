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

// What PostgreSQL (and any UTF-8 store) cannot hold: NUL, which `text` and
// `jsonb` refuse, and a lone UTF-16 surrogate, which has no UTF-8 form (JSON
// escapes it as `\udc00`, and jsonb refuses that escape). In `u` mode a
// surrogate pair is one code point, so only unpaired halves match: "😀" does
// not. Noncharacters such as U+FFFE and U+FFFF are valid scalar values and pass.
const UNSTORABLE = /[\0\ud800-\udfff]/u;
const UNSTORABLE_ALL = /[\0\ud800-\udfff]/gu;

/**
 * Text that names or identifies something (an anonymous id, a user id, an
 * attribute key): `min`..`max` UTF-16 units, kept exactly as sent, so one that
 * holds NUL or a lone surrogate is refused rather than silently changed into
 * another name.
 */
export const exactText = /* @__NO_SIDE_EFFECTS__ */ (max: number, min = 0): Check<string> => {
  const s = str(max, min);
  return (v, p, o) => (UNSTORABLE.test(s(v, p, o)) ? bad(p, 'text without NUL or lone surrogates', v) : (v as string));
};

/**
 * Text a person typed, or a value shown as such (a comment, an answer, an
 * attribute value): at most `max` UTF-16 units, with NUL and lone surrogates
 * replaced by U+FFFD. A lone surrogate is most often half an emoji cut off
 * by a length limit; refusing the whole answer for it would lose the score.
 */
export const mendedText = /* @__NO_SIDE_EFFECTS__ */ (max: number): Check<string> => {
  const s = str(max);
  return (v, p, o) => s(v, p, o).replace(UNSTORABLE_ALL, '\ufffd');
};

/** The SDK's per-browser anonymous id. */
export const anonymousId: Check<string> = exactText(128, 1);
/** The host's user id (may be an email address). */
export const userId: Check<string> = exactText(256, 1);
const hmac = str(64, 64, /^[\da-f]+$/i, 'a hex HMAC-SHA256');
/** A signature only means something beside the user id it signs, so `userId` must come first (and be the item's own). */
export const userSignature: Check<string> = (v, p, o) => (own(o, 'userId') ? hmac(v, p, o) : fail(p, 'needs userId'));

/** `'web'`, `'link'` or a custom source's short name. */
export const channel: Check<string> = exactText(32, 1);

/** Largest survey version: what a PostgreSQL `integer` holds. */
export const VERSION_MAX = 2147483647;

/** A published survey version: an integer from 1 (the collector numbers them). */
export const version: Check<number> = int(1, VERSION_MAX);

// ISO 8601 / RFC 3339 date-time with a zone; seconds and fractions optional.
// Groups: year, month, day, hour, minute, second, fraction, zone sign, zone hours, zone minutes.
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(\.\d{1,9})?)?(?:Z|([+-])(\d\d):(\d\d))$/;

const daysIn = (y: number, m: number) =>
  m == 2 ? (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;

/** The first instant a date-time may name. */
export const EARLIEST_DATE_TIME = '1970-01-01T00:00:00.000Z';
/** The last instant a date-time may name. */
export const LATEST_DATE_TIME = '9999-12-31T23:59:59.999Z';
/** 9999-12-31T23:59:59Z in epoch milliseconds: the last whole second in range. */
const LAST_SECOND_MS = 253402300799000;

/**
 * An ISO 8601 date-time with a zone (`2026-11-24T06:34:00.000Z`,
 * `2026-11-24T07:34:00+01:00`) that names a real instant: no 31 April, no
 * 29 February outside leap years, no hour 24, no leap second, zone within
 * ±14:00. The instant, in UTC, must lie from 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z: PostgreSQL has no year 0000 (and writes years
 * before 1 AD as BC), years past 9999 need the six-digit `+010000` form, and an
 * answer dated before the Unix epoch is a broken clock, not a survey.
 */
export const dateTime: Check<string> = (v, p) => {
  const m = DATE_TIME.exec(typeof v == 'string' ? v : '');
  if (!m) return bad(p, 'an ISO 8601 date-time with zone', v);
  const [y, mo, d, h, mi, s, fraction, zh, zm] = [1, 2, 3, 4, 5, 6, 7, 9, 10].map((i) => +(m[i] ?? 0)) as [
    number, number, number, number, number, number, number, number, number,
  ];
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 59 && zh * 60 + zm <= 14 * 60 && zm <= 59))
    bad(p, 'an ISO 8601 date-time with zone', v);
  // Whole seconds and the fraction are compared apart, so the bounds are
  // exact whatever the number of digits (a double cannot hold microseconds in
  // year 9999). `Date.UTC` reads years 0..99 as 1900..1999, hence `y >= 1969`
  // first: a local 1969-12-31 with a western zone can still be in range.
  const utc = Date.UTC(y, mo - 1, d, h, mi - (m[8] == '-' ? -1 : 1) * (zh * 60 + zm), s);
  if (!(y >= 1969 && utc >= 0 && (utc < LAST_SECOND_MS || (utc == LAST_SECOND_MS && fraction <= 0.999))))
    bad(p, `a date-time from ${EARLIEST_DATE_TIME} to ${LATEST_DATE_TIME}`, v);
  return v as string;
};

/** An absolute URL (`new URL` accepts it without a base), at most 2048 characters, without NUL or lone surrogates. */
export const url: Check<string> = (v, p, o) => {
  const s = str(URL_MAX, 1)(v, p, o);
  try {
    // `new URL` percent-encodes a lone surrogate and drops a trailing NUL, but
    // the string as sent is what is stored: a browser's `location.href` never holds either.
    new URL(s);
    if (UNSTORABLE.test(s)) throw 0;
  } catch {
    bad(p, 'an absolute URL', s);
  }
  return s;
};
