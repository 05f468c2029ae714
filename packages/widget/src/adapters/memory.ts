import type { SurveyEvent, SurveyResponse } from '@sayso/core';
import type { Adapter, Batch } from '../delivery/types.js';

/** An adapter that keeps what it receives, for tests and demos. */
export interface MemoryAdapter extends Adapter {
  /** Every item received, once per id (the adapter de-duplicates like a server). */
  readonly items: Map<string, SurveyResponse | SurveyEvent>;
  /** Every batch received, in order, duplicates included. */
  readonly batches: Batch[];
}

/**
 * Accepts every batch into memory, de-duplicating by id and reporting
 * duplicates as a server would.
 * @example
 * const backend = memoryAdapter();
 * createDelivery({ site: 'demo', adapter: backend });
 */
export function memoryAdapter(): MemoryAdapter {
  const items = new Map<string, SurveyResponse | SurveyEvent>();
  const batches: Batch[] = [];
  return {
    name: 'memory',
    items,
    batches,
    async send(batch) {
      batches.push(structuredClone(batch));
      let duplicates = 0;
      for (const it of [...batch.responses, ...batch.events]) {
        if (items.has(it.id)) duplicates++;
        else items.set(it.id, structuredClone(it));
      }
      return { status: 'ok', duplicates };
    },
  };
}
