// What the widget sends and the collector stores. One model for answers, and
// a smaller one for displays and dismissals so response rates can be computed.
import type { SurveyKind } from './survey.js';

/** Where a response came from: `'web'` (the widget), `'link'` (email/SMS link survey), or any custom source. */
export type Channel = 'web' | 'link' | (string & {});

/** Attribute values sayso stores: flat and JSON-safe. */
export type AttributeValue = string | number | boolean;

/** One answer to a survey. */
export interface SurveyResponse {
  /** A client-made UUIDv7: the idempotency key end to end. */
  id: string;
  surveyId: string;
  kind: SurveyKind;
  /** An integer within `scale`. */
  score: number;
  /** The inclusive scale the score was given on, `[min, max]`. */
  scale: [number, number];
  /** The first follow-up answer, if any. */
  comment?: string;
  /** Every follow-up answer by follow-up id. */
  answers?: Record<string, string>;
  /** ISO 8601 date-time with zone (`2026-11-24T06:34:00.000Z`). */
  createdAt: string;
  anonymousId: string;
  userId?: string;
  /**
   * Hex HMAC-SHA256 of `userId` made by the host's server with a secret it
   * shares with the collector. Only signed records count towards a user's
   * cross-device history, so nobody can forge another person's history.
   */
  userSignature?: string;
  attributes: Record<string, AttributeValue>;
  page: { url: string; referrer?: string };
  /** BCP 47 tag the survey was shown in. */
  locale: string;
  channel: Channel;
  /** The published version of the survey that was answered (from the collector's remote config), when known. */
  version?: number;
  /**
   * `true` for an answer given through a preview link: stored, shown in the
   * inbox as test, and left out of scores, tallies, insights and exports.
   */
  test?: boolean;
}

/** What happened to a survey besides an answer. */
export type SurveyEventType = 'display' | 'dismiss';

/** A display or dismissal of a survey. */
export interface SurveyEvent {
  /** A client-made UUIDv7, de-duplicated like a response id. */
  id: string;
  type: SurveyEventType;
  surveyId: string;
  anonymousId: string;
  userId?: string;
  /** See `SurveyResponse.userSignature`. */
  userSignature?: string;
  /** ISO 8601 date-time with zone. */
  createdAt: string;
  channel?: Channel;
  /** The published version of the survey shown, when known. */
  version?: number;
  /** `true` for a display or dismissal in a preview: left out of response rates. */
  test?: boolean;
}
