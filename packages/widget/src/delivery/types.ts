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

/**
 * A record delivery gave up on (refused, too large, expired or unreadable),
 * kept so the host can inspect or export it.
 */
export interface DeadLetter {
  /** The record's id (also its idempotency key). */
  id: string;
  /** The record as enqueued; missing for a corrupt record, whose stored value is in `raw`. */
  record?: Outgoing | undefined;
  /** What was stored for a record that could not be read back. */
  raw?: unknown;
  /** The code of the `error` event that announced it, e.g. `E_DELIVERY_REJECTED`. */
  code: SaysoErrorCode;
  /** Why, in words (e.g. the server's `HTTP 422`). */
  reason: string;
  /** When it was dead-lettered (ms since epoch). */
  at: number;
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
  /**
   * The dead letters, oldest first: records given up on, with why and when.
   * The store keeps the newest 100 (and at most 256 KB); older ones are
   * dropped with an `E_QUEUE_FULL` error event naming their ids.
   * Optional so that test doubles of this interface need not implement it;
   * `createDelivery` always does.
   * @example
   * const letters = await delivery.deadLetters?.();
   * download(JSON.stringify(letters)); await delivery.clearDeadLetters?.();
   */
  deadLetters?(): Promise<DeadLetter[]>;
  /** Deletes every dead letter (after the host has exported them, say). */
  clearDeadLetters?(): Promise<void>;
  /** Deletes everything stored (consent withdrawn). */
  clear(): Promise<void>;
  /** Stops timers, listeners and leadership. Stored records stay. */
  destroy(): void;
}
