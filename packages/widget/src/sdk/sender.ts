// The always-loaded side of delivery. The durable queue itself (IndexedDB,
// retries, the sender election, the adapters) lives in the lazily loaded
// engine; this is what decides when that is needed: when a record is about to
// be queued, and on a page where a mark in localStorage says records an
// earlier page queued are still waiting. Most page views need neither and
// never load the engine.
import type { Delivery, DeliveryEvent, EnqueueResult, Outgoing } from '../delivery/types.js';
import { onLocalStorage as local } from '../storage/local.js';
import type { Engine } from './engine-types.js';
import type { SaysoConfig } from './types.js';

/** Set (to the time) once a record is durably queued; removed when the queue is seen empty. */
const PENDING = 'sayso.p';
/** Says the delivery stores were used in this browser, so a denial knows there is something to purge. */
const USED = 'sayso.d';

/** The delivery layer as the SDK instance reaches it. */
export interface Sender {
  /** The delivery layer, loading the engine on first need; undefined while `allowed()` says no. */
  get(): Promise<Delivery> | undefined;
  /** Stores a record durably, and marks the queue as pending before anyone is told it is stored. */
  enqueue(record: Outgoing): Promise<{ d: Delivery; out: EnqueueResult }>;
  /** Delivers what an earlier page left queued, when the mark says so (or storage cannot tell). */
  resume(): void;
  /** Sends what is queued now; resolves at once, loading nothing, when nothing is. */
  flush(): Promise<void>;
  /** Stops the delivery layer (consent withdrawn, destroy); with `purge`, deletes every queued record unsent. */
  stop(purge?: boolean): void;
}

const noop = (): void => {};

/**
 * The sender of one instance. `allowed` is checked before the delivery layer
 * starts (consent granted, not destroyed); `listener` hears its events.
 */
export function createSender(
  config: SaysoConfig,
  loadEngine: () => Promise<Engine>,
  allowed: () => boolean,
  listener: (e: DeliveryEvent) => void,
): Sender {
  /** True when the mark is set, or storage cannot say. */
  const marked = (key = PENDING): boolean => local((s) => s.getItem(key)) !== null;
  /** Drops the mark once the queue is empty and nothing was queued since we looked (another tab may have). */
  const settle = (d: Delivery): void => {
    const t = Date.now();
    d.pending().then((n) => n || Number(local((s) => s.getItem(PENDING))) >= t || local((s) => s.removeItem(PENDING)), noop);
  };
  let delivery: Promise<Delivery> | undefined;

  function get(): Promise<Delivery> | undefined {
    if (!allowed()) return undefined;
    const p = (delivery ??= (config.delivery ? Promise.resolve(config.delivery) : loadEngine().then((e) => e.delivery(config))).then((d) => {
      // Stopped while the engine loaded: this delivery must not start.
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
    flush: async () => void (await (delivery || marked() ? get() : undefined))?.flush(),
    stop(purge) {
      const d = delivery;
      delivery = undefined;
      (purge
        ? d
          ? d.then((x) => x.clear().finally(() => x.destroy()))
          : config.delivery
            ? config.delivery.clear()
            : marked(USED)
              ? loadEngine().then((e) => e.purge(config.site))
              : undefined
        : d?.then((x) => x.destroy())
      )?.catch(noop);
    },
  };
}
