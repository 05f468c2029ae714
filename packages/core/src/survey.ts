// The survey definition: one schema shared by the widget (what to show, when,
// to whom) and the collector (remote config). `parseSurvey` checks it.

/** The three CX metrics sayso asks for. */
export type SurveyKind = 'nps' | 'csat' | 'ces';

/** How a CSAT (or CES) scale is drawn. NPS is always numbers. */
export type ScaleStyle = 'numbers' | 'stars' | 'emoji';

/** An inclusive integer scale: NPS 0..10, CSAT 1..k (k = 3, 5, 7, 10), CES 1..7 (or the legacy 1..5). */
export interface Scale {
  min: number;
  max: number;
  /** @default 'numbers' */
  style?: ScaleStyle;
  /** Words under the end points; the widget's localised defaults apply when absent. */
  labels?: { min?: string; max?: string };
  /**
   * For CES: whether a higher number means less effort.
   * @default 'higher-is-easier'
   */
  direction?: 'higher-is-easier' | 'lower-is-easier';
}

/**
 * The band a score falls in: NPS detractor (0-6) / passive (7-8) / promoter (9-10);
 * CSAT and CES unhappy / neutral / happy.
 */
export type ScoreBand = 'detractor' | 'passive' | 'promoter' | 'unhappy' | 'neutral' | 'happy';

/** An open-text question asked after the score. */
export interface FollowUp {
  /** Key of this answer in `SurveyResponse.answers`. @default `followUp${index}` */
  id?: string;
  /** The question; may use `{placeholders}`. */
  question: string;
  /** Only ask when the score is in one of these bands. @default every band */
  bands?: ScoreBand[];
  placeholder?: string;
  /** Length cap on the answer, in characters. @default 1000 */
  maxLength?: number;
  /** @default false */
  required?: boolean;
}

/** A URL rule: `exact`, `contains`, `glob` (`*` any run, `?` one char) or `regex`. */
export interface UrlRule {
  match: 'exact' | 'contains' | 'glob' | 'regex';
  value: string;
}

/** Which URLs a trigger or survey applies to; excludes win over includes. */
export interface UrlRules {
  include?: UrlRule[];
  exclude?: UrlRule[];
}

/** A test on an event property or a user attribute. */
export interface PropertyFilter {
  property: string;
  op: 'eq' | 'neq' | 'contains' | 'not-contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'not-exists' | 'in';
  value?: string | number | boolean | Array<string | number>;
}

interface TriggerBase {
  /** Wait this long after the trigger fires before showing. Cancelled if the URL stops matching. */
  delayMs?: number;
  /** Only on these URLs. */
  url?: UrlRules;
}

/** When a survey appears. A survey may have several; any one of them shows it. */
export type Trigger =
  | (TriggerBase & { type: 'pageview' })
  | (TriggerBase & { type: 'event'; name: string; where?: PropertyFilter[] })
  | (TriggerBase & { type: 'click'; selector: string })
  | (TriggerBase & { type: 'time-on-page'; seconds: number })
  | (TriggerBase & { type: 'scroll'; percent: number })
  | (TriggerBase & { type: 'exit-intent'; touchInactivityMs?: number })
  | (TriggerBase & { type: 'manual' });

/** Who may see a survey. */
export interface Targeting {
  /** Tests on `identify()` attributes; all must pass. */
  attributes?: PropertyFilter[];
  /** BCP 47 language prefixes (`'de'` matches `de-AT`). */
  languages?: string[];
  /** @default 'any' */
  device?: 'mobile' | 'desktop' | 'any';
  /** @default 'any' */
  visitor?: 'new' | 'returning' | 'any';
  /** @default 'any' */
  identity?: 'anonymous' | 'identified' | 'any';
  /** Percent of people (0..100), stable per person. @default 100 */
  sample?: number;
}

/** How often one person may see a survey. */
export interface Throttle {
  /** @default 'until-answered' */
  show?: 'once' | 'until-answered' | 'recurring';
  /** Days after an answer before a recurring survey may show again. @default 90 */
  recontactDays?: number;
  /** Days after a dismissal before it may show again. @default 7 */
  dismissCooldownDays?: number;
  /** Never more displays than this. */
  maxDisplays?: number;
}

/** Where and how the widget is drawn. */
export interface Presentation {
  /** @default 'popover' */
  mode?: 'popover' | 'modal' | 'bar' | 'inline' | 'tab';
  /** Popover corner or bar edge. @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'bottom' | 'top';
  /** CSS selector of the host element, for `inline`. */
  target?: string;
  /** Launcher text, for `tab`. */
  launcherLabel?: string;
}

/** Visual settings; each maps to a `--sayso-*` CSS custom property. */
export interface Theme {
  accent?: string;
  radius?: string;
  font?: string;
  /** @default 'auto' */
  scheme?: 'light' | 'dark' | 'auto';
}

/** A survey's own texts in another language. */
export interface SurveyTranslation {
  question?: string;
  followUp?: string[];
  labels?: { min?: string; max?: string };
  thankYou?: string;
  strings?: Record<string, string>;
}

/** A survey definition. */
export interface Survey {
  /** Unique within a site: letters, digits, `-`, `_`, `.` (1..64). */
  id: string;
  kind: SurveyKind;
  /** The question; may use `{placeholders}` filled from variables and `identify()` attributes (as text). */
  question: string;
  /** Defaults by kind: NPS 0..10, CSAT 1..5, CES 1..7. */
  scale?: Scale;
  followUp?: FollowUp[];
  thankYou?: { message?: string; autoCloseMs?: number };
  triggers?: Trigger[];
  targeting?: Targeting;
  throttle?: Throttle;
  /** Higher wins when several surveys trigger together. @default 0 */
  priority?: number;
  presentation?: Presentation;
  theme?: Theme;
  /** Forces a locale for this survey's widget strings. */
  locale?: string;
  /** Survey texts per locale (`{ de: { question: '…' } }`). */
  translations?: Record<string, SurveyTranslation>;
  /** Overrides of the widget's own strings (`{ submit: 'Send' }`). */
  strings?: Record<string, string>;
  /** Values for `{placeholders}` (`{ product: 'Acme' }`). */
  variables?: Record<string, string>;
  /** Off surveys are kept but never shown. @default true */
  enabled?: boolean;
  /**
   * The published version this definition is, set by the collector's remote
   * config (never by hand); the widget records it on the survey's responses and events.
   */
  version?: number;
}

/** The scale a survey uses when it names none. */
export function defaultScale(kind: SurveyKind): { min: number; max: number } {
  return kind === 'nps' ? { min: 0, max: 10 } : kind === 'csat' ? { min: 1, max: 5 } : { min: 1, max: 7 };
}

/**
 * The band of a score: NPS by the standard cut-offs (0-6, 7-8, 9-10); other
 * scales by thirds of the scale's range (bottom third unhappy, top third happy),
 * which gives CSAT 1-5 → 1-2 / 3 / 4-5 and CES 1-7 → 1-3 / 4 / 5-7.
 */
export function scoreBand(kind: SurveyKind, score: number, scale: { min: number; max: number; direction?: Scale['direction'] } = defaultScale(kind)): ScoreBand {
  if (kind === 'nps') return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  const span = scale.max - scale.min;
  let pos = (score - scale.min) / (span || 1);
  if (scale.direction === 'lower-is-easier') pos = 1 - pos;
  // Thirds, with the middle point(s) neutral: 1-5 → 1,2 | 3 | 4,5.
  return pos < 0.4 ? 'unhappy' : pos > 0.6 ? 'happy' : 'neutral';
}
