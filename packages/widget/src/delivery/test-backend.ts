// A de-duplicating fake backend for delivery tests: stores each item once by
// id (as a collector does), counts what it received, and plays a script of
// faults, one per request. Not part of the package.
import type { Adapter, Batch, SendOutcome } from './types.js';

/** What the next request meets. `reset`: stored, then the connection drops before the answer. */
export type Fault = 'ok' | 'offline' | '500' | '503' | '429' | 'hang' | 'reset' | 'garbage' | 'throw';

export interface TestBackend {
  adapter: Adapter;
  /** Items stored, by id: each stored once, whatever arrives. */
  stored: Map<string, number>;
  /** How often each id arrived. */
  received: Map<string, number>;
  batches: Batch[];
  /** Faults for the next requests, in order; an empty script answers ok. */
  script: Fault[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** Ids the server cannot take: any batch holding one is answered 500 and nothing of it is stored (after the script). */
  poisoned: Set<string>;
}

export function testBackend(): TestBackend {
  let inFlight = 0;
  const b: TestBackend = {
    stored: new Map(),
    received: new Map(),
    batches: [],
    script: [],
    maxInFlight: 0,
    poisoned: new Set(),
    adapter: {
      name: 'test-backend',
      async send(batch, ctx): Promise<SendOutcome> {
        b.maxInFlight = Math.max(b.maxInFlight, ++inFlight);
        try {
          const f = b.script.shift() ?? 'ok';
          b.batches.push(structuredClone(batch));
          if (f == 'offline') throw new TypeError('Failed to fetch');
          if (f == 'throw') throw new Error('adapter bug');
          if (f == 'garbage') return { status: 'fine' } as unknown as SendOutcome;
          if (f == 'hang') return await new Promise<never>((_, no) => ctx.signal.addEventListener('abort', () => no(new Error('aborted'))));
          if (f == '500' || f == '503') return { status: 'retry', reason: `HTTP ${f}` };
          if (f == '429') return { status: 'retry', reason: 'HTTP 429', delayMs: 7000 };
          if ([...batch.responses, ...batch.events].some((it) => b.poisoned.has(it.id))) return { status: 'retry', reason: 'HTTP 500' };
          for (const it of [...batch.responses, ...batch.events]) {
            b.received.set(it.id, (b.received.get(it.id) ?? 0) + 1);
            b.stored.set(it.id, 1);
          }
          if (f == 'reset') throw new TypeError('network error: connection reset');
          return { status: 'ok' };
        } finally {
          inFlight--;
        }
      },
    },
  };
  return b;
}
