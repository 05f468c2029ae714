// The storage seam: one interface, a PGlite driver and a PostgreSQL driver
// behind it (see sql-storage.ts). Everything that matters lives in the
// database, so several collector instances can share one.
import type { SurveyEvent, SurveyResponse, UserHistoryEntry } from '@sayso/core';
import type { ActivityStorage } from './activity.js';
import type { InboxStorage } from './inbox.js';
import type { AlertRunStorage } from './alert-runs.js';
import type { AlertStorage } from './alerts.js';
import type { ApiTokensStorage } from './api-tokens.js';
import type { SqlRunner } from './driver.js';
import type { SiteStorage } from './sites.js';
import type { SurveyStorage } from './surveys.js';
import type { InsightsStorage } from './insights-terms.js';
import type { SessionsStorage } from './sessions.js';
import type { UsersStorage } from './users.js';
import type { WebhookOutbox } from '../webhooks/outbox.js';

/** A response as the collector stores it: the wire record plus what the server learned. */
export interface StoredResponse extends SurveyResponse {
  /** True when `userSignature` was checked against the identity secret. */
  userVerified?: boolean;
  /** True when it arrived after its survey's response limit was reached (stored all the same). */
  overLimit?: boolean;
}

/** A display or dismissal as stored. */
export interface StoredEvent extends SurveyEvent {
  userVerified?: boolean;
}

/** One item the database refused to store, though it had passed every check. */
export interface IngestRefusal {
  list: 'responses' | 'events';
  /** Index in the `responses` or `events` given to `ingest`. */
  index: number;
  /** The database's SQLSTATE (`22P05`): a class 22, 23 or 54 error, one that blames a value. */
  code: string;
  /** The database's message, for the operator's log (it may quote the value). */
  message: string;
}

/** What one ingest call did. */
export interface IngestOutcome {
  /** Ids newly stored. */
  accepted: string[];
  /** Ids that were already stored (same site and id). */
  duplicates: string[];
  /** Items not stored because the database refused a value in them; absent when there were none. */
  refused?: IngestRefusal[];
}

/** What `Storage.amendLinkResponse` did: the follow-up was stored, or why not. */
export type LinkAmendment = 'amended' | 'unknown' | 'completed' | 'expired';

/** A filter over stored data of one site. Dates are `YYYY-MM-DD` in UTC, both ends inclusive. */
export interface RangeQuery {
  site: string;
  surveyId?: string;
  from: string;
  to: string;
}

/**
 * One row of a tally: how many responses (or displays, dismissals) a survey
 * got on one UTC day with one score, for one segment value.
 */
export interface TallyRow {
  surveyId: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** The segment value (`''` when not segmented). */
  value: string;
  metric: 'response' | 'display' | 'dismiss';
  /** The score for `metric: 'response'`, else -1. */
  score: number;
  n: number;
}

/** A response row for export and the report's comment list. */
export interface ExportRow {
  id: string;
  surveyId: string;
  kind: string;
  score: number;
  scaleMin: number;
  scaleMax: number;
  comment: string | null;
  answers: Record<string, string> | null;
  createdAt: string;
  receivedAt: string;
  anonymousId: string;
  userId: string | null;
  attributes: Record<string, unknown>;
  pageUrl: string | null;
  locale: string | null;
  channel: string;
  /** The published version answered; null when not known. */
  version: number | null;
  /** True when it arrived after its survey's response limit was reached. */
  overLimit: boolean;
  /** True for an answer given in a preview (left out unless an export asks for them). */
  test: boolean;
}

/** The collector's storage. Implementations must pass `testStorage` (storage-suite.ts). */
export interface Storage {
  /** `'pglite'` or `'postgres'`. */
  readonly driver: string;
  /** Applies pending migrations; returns the schema version now in place. Safe to run from several instances at once. */
  migrate(upTo?: number): Promise<number>;
  /** Current schema version (0 for an empty database). */
  schemaVersion(): Promise<number>;
  /**
   * Stores new responses and events (de-duplicated by site and id) and adds
   * them to the daily tallies in the same transaction, so scores stay exact.
   * `segments` names the attributes to pre-aggregate besides channel and locale.
   * An item holding a value the database refuses is listed in `refused` and
   * the others are still stored; any other database failure rejects.
   */
  ingest(site: string, records: { responses: StoredResponse[]; events: StoredEvent[] }, segments: readonly string[]): Promise<IngestOutcome>;
  /**
   * Daily tallies. `dimension` is `''` (no segment), `'channel'`, `'locale'`
   * or `'attr:<name>'`. With `fromResponses`, an attribute that is not
   * pre-aggregated is counted from the stored responses instead (same
   * answer, slower). Only the surveys in `surveyIds` (or `surveyId`) are read.
   * `by` sums tallies per day (default), ISO week or month (rows dated the
   * bucket's first day), or over the whole `range` (rows dated `from`).
   * The dimension `'version'` splits by the published version answered
   * (`''` for records without one), displays and dismissals included;
   * `version` keeps only that version's rows (from the tallies without a
   * dimension, from the stored responses with one).
   */
  tallies(
    query: RangeQuery & { dimension: string; fromResponses?: boolean; surveyIds?: readonly string[]; by?: 'day' | 'week' | 'month' | 'range'; version?: number },
  ): Promise<TallyRow[]>;
  /**
   * Completes a link-survey response recorded from a one-click link: sets
   * the (possibly corrected) score and the follow-up answers, keeping the
   * tallies exact. A response takes one follow-up, within `windowSeconds`
   * of being received: `'unknown'` when the site has no link response with
   * this id for this survey, `'completed'` when it already had its
   * follow-up, `'expired'` when the window has closed.
   */
  amendLinkResponse(
    target: { site: string; surveyId: string; id: string; windowSeconds: number },
    answer: { score: number; comment?: string; answers?: Record<string, string> },
    segments: readonly string[],
  ): Promise<LinkAmendment>;
  /**
   * Folds the write shards of days before `before` (`YYYY-MM-DD`) into one
   * row per value (a rollup: scores do not change, reads get cheaper).
   * Returns the rows written; 0 when another instance is compacting.
   */
  compact(before: string): Promise<number>;
  /** Each survey with data, with the kind and scale of its newest response. */
  surveyShapes(site: string): Promise<Array<{ surveyId: string; kind: string; scale: [number, number] }>>;
  /** A verified user's history, newest first. */
  history(site: string, userId: string, limit?: number): Promise<UserHistoryEntry[]>;
  /** Responses in creation order, fetched in pages so a huge export streams; test answers only with `test: 'include'`. */
  exportResponses(query: RangeQuery & { test?: 'include' | 'exclude' }, pageSize?: number): AsyncIterable<ExportRow>;
  /** The newest responses with a comment, test answers left out; with `maxScore`/`minScore`, only those scoring within (detractors for digests). */
  latestComments(query: RangeQuery & { maxScore?: number; minScore?: number }, limit: number): Promise<ExportRow[]>;
  /** Term counts for insights, and the queue of comments waiting to be counted (insights-terms.ts). */
  readonly insights: InsightsStorage;
  /** The activity log of the admin API and the studio (activity.ts). */
  readonly activity: ActivityStorage;
  /** Studio accounts (users.ts). */
  readonly users: UsersStorage;
  /** Their server-side sessions (sessions.ts). */
  readonly sessions: SessionsStorage;
  /** The API tokens they made (api-tokens.ts). */
  readonly apiTokens: ApiTokensStorage;
  /** Webhook endpoints, the outbox of deliveries and their attempts (webhooks/outbox.ts). */
  readonly webhooks: WebhookOutbox;
  /** Sites: origins, segments, secrets, themes, and when each origin was last heard from (sites.ts). */
  readonly sites: SiteStorage;
  /** Surveys: drafts, lifecycle, immutable versions, publish requests (surveys.ts). */
  readonly surveys: SurveyStorage;
  /** Runs `fn` in one transaction: pass `tx` to the changes and to `activity.record`, and all commit or none does. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** The inbox: status, assignee, tags and notes of answers, and the filtered reading of them (inbox.ts). */
  readonly inbox: InboxStorage;
  /** Runs of alert rules and digests, claimed once per period (alert-runs.ts). */
  readonly alertRuns: AlertRunStorage;
  /** Alert rules, the Slack URL, email opt-ins and the outbox of detractor alerts (alerts.ts). */
  readonly alerts: AlertStorage;
  /** Stored counts of one site (for benchmarks and tests). */
  counts(site: string): Promise<{ responses: number; events: number; tallied: number }>;
  close(): Promise<void>;
}
