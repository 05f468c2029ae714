// Contract of the delivery layer (issue: durable queue, retries, adapters).
// The SDK depends only on these types; the delivery implementation lives
// beside this file. Change them only together with every caller.
import type { IngestError, SaysoErrorCode, SurveyEvent, SurveyResponse } from '@sayso/core';

/** How durably a record was stored before `submit` resolved. */
export type Durability = 'indexeddb' | 'localstorage' | 'memory';

/** One batch handed to an adapter: the same shape the HTTP wire format posts. */
export interface Batch {
  site: string;
  responses: SurveyResponse[];
  events: SurveyEvent[];
}

/** What an adapter knows about the attempt it is making. */
export interface SendContext {
  /** Aborted when the attempt times out or delivery stops. */
  signal: AbortSignal;
  /** Stable across every attempt of the same records (the first record's id). */
  idempotencyKey: string;
  /** 1 for the first attempt of these records. */
  attempt: number;
  /** True during page hide/unload: the adapter must use keepalive/sendBeacon or return `retry`. */
  unloading: boolean;
}

/**
 * The result of one send. Delivery policy (queue, backoff, splitting, dead
 * letters) acts on it; an adapter only reports what happened.
 */
export type SendOutcome =
  /** Every record is stored (duplicates count as success). */
  | { status: 'ok'; duplicates?: number }
  /** Nothing is known to be stored; try again later (after `delayMs` when the server said so). */
  | { status: 'retry'; delayMs?: number; reason?: string }
  /**
   * The backend refused. With `items`, only those records are bad and the
   * others were stored (partial acceptance); without, the whole batch is bad.
   * `auth: true` means credentials/origin were refused: pause, keep, report.
   */
  | { status: 'reject'; reason: string; items?: IngestError[]; auth?: boolean }
  /** The batch is too large for the backend: split it. */
  | { status: 'too-large' };

/** A backend adapter: a name and one method. */
export interface Adapter {
  readonly name: string;
  send(batch: Batch, context: SendContext): Promise<SendOutcome>;
}

/** What the delivery layer tells the SDK. */
export type DeliveryEvent =
  | { type: 'queued'; id: string; durability: Durability }
  | { type: 'delivered'; ids: string[] }
  | { type: 'error'; code: SaysoErrorCode; message: string; ids?: string[] };

/** A record the SDK hands to delivery. */
export type Outgoing = { kind: 'response'; value: SurveyResponse } | { kind: 'event'; value: SurveyEvent };

/** What `enqueue` resolves with, once the record is durably stored. */
export interface EnqueueResult {
  id: string;
  durability: Durability;
}

/** The delivery layer as the SDK uses it. */
export interface Delivery {
  /**
   * Stores the record durably, then resolves; delivery happens after. Rejects
   * with a SaysoError (`E_QUEUE_FULL`, `E_STORAGE_UNAVAILABLE`) when it could
   * not be kept. Enqueueing the same id twice stores it once.
   */
  enqueue(record: Outgoing): Promise<EnqueueResult>;
  /** Tries to send what is queued now (this tab must be the sender). */
  flush(): Promise<void>;
  /** Records waiting (not dead-lettered). */
  pending(): Promise<number>;
  /** Subscribes to delivery events; returns an unsubscribe. */
  on(listener: (event: DeliveryEvent) => void): () => void;
  /** Deletes everything stored (consent withdrawn). */
  clear(): Promise<void>;
  /** Stops timers, listeners and leadership. Stored records stay. */
  destroy(): void;
}
