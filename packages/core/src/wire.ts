// The HTTP wire format between the widget's `httpAdapter` and a collector.
// Both sides import these types so they cannot drift apart.
//
// POST {endpoint}/v1/responses
//   headers: Content-Type: application/json
//            Idempotency-Key: <id of the first item>   (each item also carries its own id)
//            X-Sayso-Site: <public site key>           (also in the body)
//   body:    IngestBatch
// Answers:
//   200 IngestResult            every item stored or already stored (duplicates are success)
//   400 IngestResult + errors   some items are invalid. The valid ones ARE stored
//                               (partial acceptance): a client dead-letters only the
//                               items listed in `errors` and treats the rest as delivered.
//   401/403                     bad site key or origin: pause, keep, report
//   404                         unknown site
//   413                         body too large: split the batch
//   429/503 + Retry-After       slow down
import type { SurveyEvent, SurveyResponse } from './response.js';

/** The body of `POST /v1/responses`. */
export interface IngestBatch {
  /** Public site key. */
  site: string;
  /** When the client sent this attempt (ISO 8601); lets a server estimate clock skew. */
  sentAt?: string;
  responses?: SurveyResponse[];
  events?: SurveyEvent[];
}

/** One refused item of a batch. */
export interface IngestError {
  /** `'responses'` or `'events'`: which list the index refers to. */
  list: 'responses' | 'events';
  index: number;
  /** The item's id, when it had a readable one. */
  id?: string;
  /** Path of the bad field inside the item (`score`). */
  field: string;
  reason: string;
}

/** The answer to `POST /v1/responses`. */
export interface IngestResult {
  /** Items newly stored. */
  accepted: number;
  /** Items already stored before (same id): success, not error. */
  duplicates: number;
  /** Ids of the items accepted or duplicate, so a client can match them up. */
  ids?: string[];
  /** Present (and the status 400) when some items were refused. */
  errors?: IngestError[];
}

// GET {endpoint}/v1/sites/{site}/users/{userId}/history
//   header: X-Sayso-User-Signature: <hex HMAC-SHA256(identity secret, userId)>
//   200 UserHistory | 401 (missing/bad signature) | 404 (unknown site)
// Lets the SDK's frequency caps hold across devices for identified users.

/** One entry of a user's survey history. */
export interface UserHistoryEntry {
  surveyId: string;
  type: 'display' | 'dismiss' | 'response';
  /** ISO 8601 date-time. */
  at: string;
}

/** The answer to the history endpoint: newest first. */
export interface UserHistory {
  userId: string;
  entries: UserHistoryEntry[];
}
