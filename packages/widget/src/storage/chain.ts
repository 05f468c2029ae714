import type { SaysoErrorCode } from '@sayso/core';
import type { Durability } from '../delivery/types.js';
import type { QueueStorage } from './types.js';

/** The storage chain as the queue uses it: a write resolves with the durability it reached. */
export interface Chain {
  entries(): Promise<Array<[string, unknown]>>;
  put(items: Array<[string, unknown]>): Promise<Durability>;
  del(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

/**
 * Tries each store in order (IndexedDB → localStorage → memory). Writes go to
 * the current store; one that fails a write is left for the next, one that
 * fails a read is no longer read. Each failing store is reported once with a
 * code, never swallowed. Reads merge every store, so records saved lower down
 * on an earlier visit are still found; since writes only move down the chain,
 * the lowest copy of a key is the newest, except that a dead-lettered copy
 * always wins (a record must never come back to life).
 */
export function chain(stores: QueueStorage[], report: (code: SaysoErrorCode, message: string) => void): Chain {
  let cur = 0;
  const bad = new Set<QueueStorage>();
  const told = new Set<QueueStorage>();
  const fail = (s: QueueStorage, e: unknown) => {
    if (!told.has(s)) {
      told.add(s);
      report((e as Error)?.name == 'QuotaExceededError' ? 'E_STORAGE_QUOTA' : 'E_STORAGE_UNAVAILABLE', `${s.name}: ${e}`);
    }
  };
  // Resolves with nothing useful: callers only wait for it (typed void for them).
  const each = (f: (s: QueueStorage) => Promise<unknown>) => Promise.all(stores.map((s) => bad.has(s) || f(s).catch(() => {}))) as Promise<unknown> as Promise<void>;
  return {
    async entries() {
      const seen = new Map<string, unknown>();
      for (const s of stores)
        if (!bad.has(s))
          try {
            for (const [k, v] of await s.entries()) if (!(seen.get(k) as { dead?: string })?.dead) seen.set(k, v);
          } catch (e) {
            bad.add(s);
            if (stores[cur] == s) cur++;
            fail(s, e);
          }
      return [...seen].sort();
    },
    async put(items) {
      for (;;) {
        // The last store is memory, which does not fail.
        const s = stores[cur]!;
        try {
          await s.put(items);
          return s.name;
        } catch (e) {
          fail(s, e);
          cur++;
        }
      }
    },
    del: (keys) => each((s) => s.del(keys)),
    clear: () => each((s) => s.clear()),
  };
}
