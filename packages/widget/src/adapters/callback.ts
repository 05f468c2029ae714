import type { Adapter, Batch, SendContext, SendOutcome } from '../delivery/types.js';

/**
 * Hands each batch to host code, e.g. to forward answers to an analytics tool.
 * `fn` resolves with nothing or `true` for success, `false` to retry later,
 * or a full {@link SendOutcome}; a throw is retried.
 * @example
 * callbackAdapter((batch) => analytics.track('feedback', batch))
 */
export function callbackAdapter(
  fn: (batch: Batch, context: SendContext) => void | boolean | SendOutcome | Promise<void | boolean | SendOutcome>,
): Adapter {
  return {
    name: 'callback',
    async send(batch, ctx) {
      const r = await fn(batch, ctx);
      return r === undefined || r === true ? { status: 'ok' } : r === false ? { status: 'retry', reason: 'callback returned false' } : r;
    },
  };
}
