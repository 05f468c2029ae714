// The always-loaded side of delivery: it decides when the engine, which holds
// the durable queue and its sender (sender.ts), is needed at all: when a record
// is about to be queued, once the sender has started, and on a page where the
// pending mark says an earlier page left records waiting. Most page views need
// none of these and never load the engine.
import type { Emitter } from './emitter.js';
import type { Engine } from './engine-types.js';
import { marked, USED } from './marks.js';
import type { Sender } from './sender.js';
import type { SaysoConfig } from './types.js';

export type { Sender };

const noop = (): void => {};

/** A Sender that loads the engine's own (sender.ts) only when there is something for it to do. */
export function senderGate(
  config: SaysoConfig,
  loadEngine: () => Promise<Engine>,
  allowed: () => boolean,
  emit: Emitter['emit'],
): Sender {
  let inner: Promise<Sender> | undefined;
  const real = (): Promise<Sender> =>
    (inner ??= loadEngine().then(
      (e) => e.sender(config, allowed, emit),
      (err: unknown) => {
        inner = undefined;
        throw err;
      },
    ));
  return {
    // Undefined without consent, as the engine's sender says, so nothing loads for it.
    get: () => (allowed() ? real().then((s) => s.get()!) : undefined),
    enqueue: (r) => real().then((s) => s.enqueue(r)),
    resume: () => void (marked() && allowed() && real().then((s) => s.resume(), noop)),
    flush: async () => (inner || marked() ? (await real()).flush() : undefined),
    // Decided now, as a denial wipes the marks right after this: without a
    // started sender, there is nothing to purge where the stores were never used.
    stop(purge) {
      if (inner || (purge && (config.delivery || marked(USED)))) real().then((s) => s.stop(purge), noop);
    },
  };
}
