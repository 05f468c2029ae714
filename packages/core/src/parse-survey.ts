// parseSurvey: the one gate a survey definition passes before the widget or
// the collector trusts it. It ships in the always-loaded SDK, so it is built
// from the shared table-driven checkers in validate.ts, one shape per type
// (budget: the `@sayso/core parseSurvey` entry of the root size-limit).
import { filter, trigger } from './parse-trigger.js';
import { defaultScale, type FollowUp, type Scale, type Survey, type SurveyKind, type SurveyTranslation } from './survey.js';
import { ANSWER_MAX, id, locale, ms, text, text1, version } from './validate-fields.js';
import { kind, scaleFor } from './validate-scale.js';
import { arr, at, bool, fail, int, num, obj, record, req, run, show, str, words, type Check } from './validate.js';

const label = str(100);
const labels = obj<NonNullable<Scale['labels']>>({ min: label, max: label });
// Theme values are written into CSS; refusing these characters keeps a value
// from closing its declaration or rule and injecting styles of its own.
const css = str(200, 1, /^[^;{}<>\\]*$/, 'CSS without ;{}<>\\');
const strings = record(id, text, 100);

const scaleFields = obj<Scale>({
  min: int(0, 10),
  max: int(0, 10),
  style: words('numbers stars emoji'),
  labels,
  direction: words('higher-is-easier lower-is-easier'),
});

/** A scale valid for the survey's kind; `min`/`max` default to the kind's. */
const scale: Check<Scale> = (v, p, o) => {
  const k = o.kind as SurveyKind;
  const s = { ...defaultScale(k), ...scaleFields(v, p, o) };
  scaleFor(k, s.min, s.max, at(p, 'min'), at(p, 'max'));
  if (k == 'nps' && s.style) words('numbers')(s.style, at(p, 'style'), o); // NPS is always drawn as numbers
  if (k != 'ces' && s.direction) fail(at(p, 'direction'), 'only for ces');
  return s;
};

/** Follow-ups with unique ids (explicit or the default `followUp<i>`) and bands of the survey's kind. */
const followUps: Check<FollowUp[]> = (v, p, o) => {
  const item = obj<FollowUp>({
    id,
    question: req(text1),
    bands: arr(words(o.kind == 'nps' ? 'detractor passive promoter' : 'unhappy neutral happy'), 3),
    placeholder: text,
    maxLength: int(1, ANSWER_MAX),
    required: bool,
  });
  const seen = new Set<string>();
  return arr<FollowUp>((x, q) => {
    const f = item(x, q, {});
    // Items before this one all passed, so `seen.size` is this item's index.
    const key = f.id ?? 'followUp' + seen.size;
    if (seen.has(key)) fail(at(q, 'id'), 'duplicate id ' + show(key));
    seen.add(key);
    return f;
  }, 10)(v, p, o);
};

const survey = obj<Survey>({
  id: req(id),
  kind: req(kind),
  question: req(text1),
  scale,
  followUp: followUps,
  thankYou: obj({ message: text, autoCloseMs: ms }),
  triggers: arr(trigger, 20),
  targeting: obj({
    attributes: arr(filter, 20),
    languages: arr(locale, 50),
    device: words('mobile desktop any'),
    visitor: words('new returning any'),
    identity: words('anonymous identified any'),
    sample: num(0, 100),
  }),
  throttle: obj({
    show: words('once until-answered recurring'),
    recontactDays: num(0, 3650),
    dismissCooldownDays: num(0, 3650),
    maxDisplays: int(1, 1000),
  }),
  priority: int(-1000, 1000),
  presentation: obj({
    mode: words('popover modal bar inline tab'),
    position: words('bottom-right bottom-left top-right top-left bottom top'),
    target: str(500, 1),
    launcherLabel: label,
  }),
  theme: obj({ accent: css, radius: css, font: css, scheme: words('light dark auto') }),
  locale,
  translations: record(
    locale,
    obj<SurveyTranslation>({ question: text1, followUp: arr(text1, 10), labels, thankYou: text, strings }),
    50,
  ),
  strings,
  variables: record(id, text, 50),
  enabled: bool,
  version,
});

/**
 * Checks a survey definition (from config, JSON or a remote endpoint) and
 * returns a fresh, typed copy with `scale` filled in from the kind when absent.
 * Unknown keys, wrong types, out-of-range numbers, oversized text, invalid
 * regular expressions and fields of another trigger type are refused.
 *
 * @throws SaysoError with code `E_SURVEY_INVALID` and `path` of the first bad field.
 * @example
 * const survey = parseSurvey({ id: 'nps-q4', kind: 'nps', question: 'How likely…?' });
 * survey.scale; // { min: 0, max: 10 }
 */
export function parseSurvey(input: unknown): Survey {
  const s = run('E_SURVEY_INVALID', survey, input);
  s.scale ??= defaultScale(s.kind);
  return s;
}
