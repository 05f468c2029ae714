// @sayso/core: the data model shared by widget and collector, and exact scoring.
// Explicit named exports only: this file is the package's whole public surface.

export { SaysoError, isSaysoError } from './errors.js';
export type { SaysoErrorCode } from './errors.js';

export { defaultScale, scoreBand } from './survey.js';
export type {
  Survey,
  SurveyKind,
  Scale,
  ScaleStyle,
  ScoreBand,
  FollowUp,
  Trigger,
  UrlRule,
  UrlRules,
  PropertyFilter,
  Targeting,
  Throttle,
  Presentation,
  Theme,
  SurveyTranslation,
} from './survey.js';

export type { SurveyResponse, SurveyEvent, SurveyEventType, Channel, AttributeValue } from './response.js';
export type { IngestBatch, IngestResult, IngestError, UserHistory, UserHistoryEntry } from './wire.js';

export { uuidv7, isUuid } from './id.js';
export { parseSurvey } from './parse-survey.js';
export { parseResponse } from './parse-response.js';
export { parseEvent } from './parse-event.js';

// Scoring: one mergeable histogram (tally), the scores computed from it, and the rates around them.
export { tally, mergeTallies, isTally } from './tally.js';
export type { Tally, TallyWeights, TallyOptions, Scores } from './tally.js';
export { createAccumulator } from './accumulator.js';
export type { Accumulator } from './accumulator.js';
export { nps } from './nps.js';
export type { NpsOptions, NpsResult } from './nps.js';
export { csat } from './csat.js';
export type { CsatOptions, CsatResult } from './csat.js';
export { ces } from './ces.js';
export type { CesOptions, CesResult } from './ces.js';
export { compare } from './compare.js';
export type { Comparable, CompareOptions, Comparison } from './compare.js';
export { summarize } from './summarize.js';
export type { SummarizeOptions, SummaryGroup, SummarizableResponse } from './summarize.js';
export { periodOf } from './periods.js';
export type { Period } from './periods.js';
export { responseRate, churnRate, retentionRate } from './rates.js';
export type { Rate } from './rates.js';
export { effectiveN } from './weights.js';
export { wilson } from './wilson.js';
export { normalQuantile, normalCdf, twoSidedP } from './normal.js';
export { studentTQuantile, studentTCdf } from './student-t.js';
