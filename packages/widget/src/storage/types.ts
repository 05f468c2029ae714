import type { Durability } from '../delivery/types.js';

/**
 * Where the delivery queue keeps its records: a small key-value store of
 * JSON-safe values. Keys are record ids (UUIDv7, so key order is time order).
 * A custom storage implements these five members and can run the shared
 * `testStorage` suite from `@sayso/widget/testing`.
 */
export interface QueueStorage {
  /** How durable this store is; reported to the host as the submit's durability. */
  readonly name: Durability;
  /** Every stored `[key, value]`, sorted by key. A value that cannot be read back is returned as it is (e.g. a raw string) so the queue can dead-letter it. */
  entries(): Promise<Array<[string, unknown]>>;
  /** Writes all items (insert or replace), or rejects (e.g. `QuotaExceededError`). */
  put(items: Array<[string, unknown]>): Promise<void>;
  /** Deletes these keys; missing keys are ignored. */
  del(keys: string[]): Promise<void>;
  /** Deletes every key of this store. */
  clear(): Promise<void>;
}
