// parseResponse: the gate for an answer arriving at a collector (or leaving
// a link survey page). It is not in the SDK's always-loaded bundle, so it
// checks dates, URLs and UUIDs precisely rather than cheaply.
import type { SurveyResponse } from './response.js';
import type { SurveyKind } from './survey.js';
import {
  ANSWER_MAX,
  anonymousId,
  channel,
  dateTime,
  exactText,
  id,
  locale,
  mendedText,
  url,
  userId,
  userSignature,
  uuid,
  version,
} from './validate-fields.js';
import { kind, scaleFor } from './validate-scale.js';
import { arr, at, bad, bool, int, obj, record, req, run, type Check } from './validate.js';

/** `[min, max]`, a scale the response's kind allows. */
const scale: Check<[number, number]> = (v, p, o) => {
  const s = arr(int(0, 10), 2)(v, p, o);
  if (s.length != 2) bad(p, 'a [min, max] pair', v);
  scaleFor(o.kind as SurveyKind, s[0], s[1], at(p, 0), at(p, 1));
  return s as [number, number];
};

/** An integer within the scale checked just before it. */
const score: Check<number> = (v, p, o) => {
  const [min, max] = o.scale as [number, number];
  return int(min, max)(v, p, o);
};

const answer = mendedText(ANSWER_MAX);

/**
 * An attribute value: text (mended like an answer: it is shown and tallied,
 * never used to find anything), a finite number or a boolean. JSON has no
 * negative zero, so -0 becomes 0 here rather than silently on the way to storage.
 */
const attributeText = mendedText(500);
const attribute: Check<string | number | boolean> = (v, p, o) =>
  typeof v == 'string'
    ? attributeText(v, p, o)
    : typeof v == 'number' && isFinite(v)
      ? v || 0
      : typeof v == 'boolean'
        ? v
        : bad(p, 'a string, number or boolean', v);

// Key order is check order: `kind` before `scale` before `score`.
const response = obj<SurveyResponse>({
  id: req(uuid),
  surveyId: req(id),
  kind: req(kind),
  scale: req(scale),
  score: req(score),
  comment: answer,
  answers: record(id, answer, 10),
  createdAt: req(dateTime),
  anonymousId: req(anonymousId),
  userId,
  userSignature,
  attributes: req(record(exactText(64, 1), attribute, 50)),
  page: req(
    obj({
      url: req(url),
      // document.referrer is '' when there is none.
      referrer: (v, p, o) => (v === '' ? v : url(v, p, o)),
    }),
  ),
  locale: req(locale),
  channel: req(channel),
  version,
  test: bool,
});

/**
 * Checks one survey response (from an HTTP body, a queue, an import) and
 * returns a fresh, typed copy. The score must be an integer within `scale`,
 * and `scale` one the kind allows; `id` a UUID; `createdAt` a real ISO 8601
 * date-time with zone from 1970 to 9999; `page.url` an absolute URL;
 * `attributes` flat. Ids, names and URLs holding NUL or a lone surrogate are
 * refused; in the comment, answers and attribute values those characters
 * become U+FFFD, so every returned string can be stored as UTF-8.
 *
 * @throws SaysoError with code `E_RESPONSE_INVALID` and `path` of the first bad field.
 * @example
 * try { store(parseResponse(body)) } catch (e) { if (isSaysoError(e)) reply(400, e.path, e.message) }
 */
export function parseResponse(input: unknown): SurveyResponse {
  return run('E_RESPONSE_INVALID', response, input);
}
