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
 * code, never swallowed; stores that fail in the same call (a sandboxed frame
 * refuses both) are reported in one event, which ends with the store records
 * are kept in now, so the host hears the durability it is left with once.
 * Reads merge every store, so records saved lower down
 * on an earlier visit are still found; since writes only move down the chain,
 * the lowest copy of a key is the newest, except that a dead-lettered copy
 * always wins (a record must never come back to life).
 */
export function chain(stores: QueueStorage[], report: (code: SaysoErrorCode, message: string) => void): Chain {
  let cur = 0;
  const bad = new Set<QueueStorage>();
  const told = new Set<QueueStorage>();
  /** Reports the stores that failed in one call, each once ever. */
  const tell = (failed: Array<[QueueStorage, unknown]>) => {
    const fresh = failed.filter(([s]) => !told.has(s) && told.add(s));
    if (fresh[0])
      report(
        fresh.every(([, e]) => (e as Error)?.name == 'QuotaExceededError') ? 'E_STORAGE_QUOTA' : 'E_STORAGE_UNAVAILABLE',
        `${fresh.map(([s, e]) => `${s.name}: ${e}`).join('; ')}; kept in ${stores[cur]!.name}`,
      );
  };
  // Resolves with nothing useful: callers only wait for it (typed void for them).
  const each = (f: (s: QueueStorage) => Promise<unknown>) => Promise.all(stores.map((s) => bad.has(s) || f(s).catch(() => {}))) as Promise<unknown> as Promise<void>;
  return {
    async entries() {
      const seen = new Map<string, unknown>();
      const failed: Array<[QueueStorage, unknown]> = [];
      for (const s of stores)
        if (!bad.has(s))
          try {
            for (const [k, v] of await s.entries()) if (!(seen.get(k) as { dead?: string })?.dead) seen.set(k, v);
          } catch (e) {
            bad.add(s);
            if (stores[cur] == s) cur++;
            failed.push([s, e]);
          }
      tell(failed);
      return [...seen].sort();
    },
    async put(items) {
      const failed: Array<[QueueStorage, unknown]> = [];
      for (;;) {
        // The last store is memory, which does not fail.
        const s = stores[cur]!;
        try {
          await s.put(items);
          tell(failed);
          return s.name;
        } catch (e) {
          failed.push([s, e]);
          cur++;
        }
      }
    },
    del: (keys) => each((s) => s.del(keys)),
    clear: () => each((s) => s.clear()),
  };
}
