// Keeping the collector responsive under read load. PGlite is one
// connection: every query waits for the one before it, so 200 concurrent
// score requests once held /healthz and ingest for 12 s behind them. Reads
// therefore go through a small gate (a few at once, a few more waiting, the
// rest refused with 503 and Retry-After at once, never an unbounded queue),
// and identical score queries in flight or just answered share one result.
// PGlite runs each query synchronously on the main thread, so a chain of
// reads would only ever yield to microtasks and the event loop would not
// even read the next request (or /healthz) until the whole chain was done:
// the gate yields to I/O before each grant.
import type { Storage } from '../storage/types.js';

/** A read refused because the gate and its queue are full (answered 503). */
export class BusyError extends Error {
  readonly code = 'E_BUSY';
  constructor() {
    super('too many reads at once');
    this.name = 'BusyError';
  }
}

/** True for a BusyError, also across realms (by name). */
export const isBusy = (err: unknown): err is BusyError => err instanceof Error && err.name === 'BusyError';

/** A counting semaphore with a bounded queue. */
export interface Gate {
  /** Waits for a slot and returns its release; throws BusyError when the queue is full or the wait too long. */
  acquire(): Promise<() => void>;
  /** Runs `fn` in a slot. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

/** A gate of `slots` concurrent holders, `queue` waiters at most, each waiting at most `maxWaitMs`. */
export function gate(slots: number, queue: number, maxWaitMs = 5000): Gate {
  let active = 0;
  const waiters: Array<{ grant: () => void; timer: ReturnType<typeof setTimeout> }> = [];
  const release = () => {
    const next = waiters.shift();
    if (next) {
      clearTimeout(next.timer);
      // The slot passes straight to the next waiter, after pending I/O had its turn.
      setImmediate(next.grant);
    } else active--;
  };
  const once = () => {
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  };
  const g: Gate = {
    async acquire() {
      // Requests already received reach the gate (and are counted) before any read starts.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (active < slots) {
        active++;
        return once();
      }
      if (waiters.length >= queue) throw new BusyError();
      return new Promise<() => void>((resolve, reject) => {
        const waiter = {
          grant: () => resolve(once()),
          timer: setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(new BusyError());
          }, maxWaitMs),
        };
        waiters.push(waiter);
      });
    },
    async run(fn) {
      const done = await g.acquire();
      try {
        return await fn();
      } finally {
        done();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiters.length;
    },
  };
  return g;
}

/** Shares the result of identical work in flight, and keeps it `ttlMs` after it settles. */
export interface Coalescer<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
}

/**
 * A coalescer of at most `maxEntries` keys (the oldest go first). Failures
 * are shared by the calls already waiting, never kept for later ones.
 */
export function coalescer<T>(ttlMs: number, maxEntries = 500, now: () => number = Date.now): Coalescer<T> {
  const entries = new Map<string, { promise: Promise<T>; until: number }>();
  return {
    get(key, compute) {
      const t = now();
      const hit = entries.get(key);
      if (hit && hit.until > t) return hit.promise;
      entries.delete(key);
      if (entries.size >= maxEntries) {
        for (const [k, e] of entries) if (e.until <= t) entries.delete(k);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      }
      const entry = { promise: compute(), until: Infinity };
      entries.set(key, entry);
      entry.promise.then(
        () => (entry.until = now() + ttlMs),
        () => entries.get(key) === entry && entries.delete(key),
      );
      return entry.promise;
    },
  };
}

/**
 * Wraps `storage` so every write (ingest, link follow-up) bumps a counter of
 * its site; cached score answers are keyed by it, so none is older than the
 * last write through this instance.
 */
export function countingWrites(storage: Storage): { storage: Storage; writes: (site: string) => number } {
  const counts = new Map<string, number>();
  const bump = (site: string) => counts.set(site, (counts.get(site) ?? 0) + 1);
  return {
    storage: {
      ...storage,
      async ingest(site, records, segments) {
        try {
          return await storage.ingest(site, records, segments);
        } finally {
          bump(site);
        }
      },
      async amendLinkResponse(target, answer, segments) {
        try {
          return await storage.amendLinkResponse(target, answer, segments);
        } finally {
          bump(target.site);
        }
      },
    },
    writes: (site) => counts.get(site) ?? 0,
  };
}

const toIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Wraps the read methods of `storage` so each query first lets pending I/O
 * run: on PGlite a read of several queries would otherwise hold the event
 * loop from its first to its last, and no request (not even /healthz)
 * would be read in between.
 */
export function yieldingReads(storage: Storage): Storage {
  return {
    ...storage,
    tallies: async (query) => (await toIo(), storage.tallies(query)),
    surveyShapes: async (site) => (await toIo(), storage.surveyShapes(site)),
    latestComments: async (query, limit) => (await toIo(), storage.latestComments(query, limit)),
    history: async (site, userId, limit) => (await toIo(), storage.history(site, userId, limit)),
    async *exportResponses(query, pageSize) {
      for await (const row of storage.exportResponses(query, pageSize)) yield row;
    },
  };
}
