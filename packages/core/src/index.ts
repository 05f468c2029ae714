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
