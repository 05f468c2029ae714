// The instance `init` returns outside a browser (SSR, Node tests): every
// method exists and does nothing, so host code needs no environment checks.
import type { SaysoInstance } from './types.js';

const noop = (): void => {};

/** An instance that does nothing. */
export function inertInstance(): SaysoInstance {
  return {
    identify: noop,
    track: noop,
    show: () => Promise.resolve(false),
    on: () => noop,
    flush: () => Promise.resolve(),
    consent: noop,
    destroy: noop,
  };
}
