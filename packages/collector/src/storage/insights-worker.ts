// The background side of insights: counts queued comments in batches until
// the queue is empty, on a timer and before an insights answer (so a reader
// sees what was stored before they asked). One drain at a time per instance;
// several instances share the queue through SKIP LOCKED.
import type { Themes } from '@sayso/insights';
import type { Storage } from './types.js';

/** A link response's score may change for 24 h (routes/link.ts); an hour's margin covers clocks and slow requests. */
export const SETTLE_SECONDS = 25 * 3600;

/** Options of `termCounter`. */
export interface TermCounterOptions {
  /** Custom themes of a site. */
  themesFor: (site: string) => Themes | undefined;
  /** Comments per transaction. @default 500 */
  batch?: number;
  onError?: (err: unknown) => void;
}

/** Drains the term queue. */
export interface TermCounter {
  /** Counts until the queue is empty or `maxBatches` batches ran; resolves with the comments counted. Joins a drain already running. */
  drain(maxBatches?: number): Promise<number>;
  /** Drains every `ms` until `stop`. */
  start(ms: number): void;
  /** Stops the timer and waits for a running drain. */
  stop(): Promise<void>;
}

/** A term counter over `storage`. */
export function termCounter(storage: Storage, options: TermCounterOptions): TermCounter {
  const batch = options.batch ?? 500;
  let running: Promise<number> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const drain = (maxBatches = Infinity): Promise<number> => {
    running ??= (async () => {
      let total = 0;
      try {
        for (let i = 0; i < maxBatches; i++) {
          const n = await storage.insights.countPending({ limit: batch, settleSeconds: SETTLE_SECONDS, themesFor: options.themesFor });
          total += n;
          if (n < batch) break;
        }
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  };
  return {
    drain,
    start(ms) {
      timer = setInterval(() => void drain().catch((err: unknown) => options.onError?.(err)), ms);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
