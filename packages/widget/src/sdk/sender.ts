// The engine's side of delivery for one instance: starts the durable queue
// (IndexedDB, retries, the sender election, the adapters) when it is first
// needed, keeps the pending mark in step with it, and stops or purges it.
// The always-loaded gate (sender-gate.ts) decides when this is loaded at all.
import type { Delivery, DeliveryEvent, EnqueueResult, Outgoing } from '../delivery/types.js';
import { onLocalStorage as local } from '../storage/local.js';
import type { Engine } from './engine-types.js';
import { marked, PENDING, USED } from './marks.js';
import type { SaysoConfig } from './types.js';

/** The delivery layer as the SDK instance reaches it. */
export interface Sender {
  /** The delivery layer, started on first need; undefined while `allowed()` says no. */
  get(): Promise<Delivery> | undefined;
  /** Stores a record durably, and marks the queue as pending before anyone is told it is stored. */
  enqueue(record: Outgoing): Promise<{ d: Delivery; out: EnqueueResult }>;
  /** Delivers what an earlier page left queued, when the mark says so (or storage cannot tell). */
  resume(): void;
  /** Sends what is queued now. */
  flush(): Promise<void>;
  /**
   * Stops the delivery layer (consent withdrawn, destroy); with `purge`, deletes
   * every queued record unsent (the gate asks only where the stores were used).
   */
  stop(purge?: boolean): void;
}

const noop = (): void => {};

/**
 * The sender of one instance. `allowed` is checked before the delivery layer
 * starts (consent granted, not destroyed); `listener` hears its events.
 */
export function createSender(
  config: SaysoConfig,
  engine: Pick<Engine, 'delivery' | 'purge'>,
  allowed: () => boolean,
  listener: (e: DeliveryEvent) => void,
): Sender {
  /** Drops the mark once the queue is empty and nothing was queued since we looked (another tab may have). */
  const settle = (d: Delivery): void => {
    const t = Date.now();
    d.pending().then((n) => n || Number(local((s) => s.getItem(PENDING))) >= t || local((s) => s.removeItem(PENDING)), noop);
  };
  let delivery: Promise<Delivery> | undefined;

  function get(): Promise<Delivery> | undefined {
    if (!allowed()) return undefined;
    const p = (delivery ??= Promise.resolve(config.delivery ?? engine.delivery(config)).then((d) => {
      // Stopped before it started: this delivery must not run.
      if (delivery !== p) {
        d.destroy();
        throw new Error('stopped');
      }
      d.on((e) => {
        if (e.type != 'queued') settle(d);
        listener(e);
      });
      return d;
    }));
    p.catch(() => delivery === p && (delivery = undefined));
    return p;
  }

  return {
    get,
    async enqueue(r) {
      const d = await get();
      if (!d) throw new Error('no consent');
      const out = await d.enqueue(r);
      local((s) => s.setItem(PENDING, String(Date.now())) ?? s.setItem(USED, '1'));
      return { d, out };
    },
    resume: () => void (marked() && get()?.then((d) => d.flush().then(() => settle(d)), noop)),
    flush: async () => (await (delivery || marked() ? get() : undefined))?.flush(),
    stop(purge) {
      const d = delivery;
      delivery = undefined;
      (purge
        ? d
          ? d.then((x) => x.clear().finally(() => x.destroy()))
          : config.delivery
            ? config.delivery.clear()
            : engine.purge(config.site)
        : d?.then((x) => x.destroy())
      )?.catch(noop);
    },
  };
}
