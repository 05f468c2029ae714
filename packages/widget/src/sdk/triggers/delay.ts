// Delayed shows. A survey waiting out its `delayMs` is cancelled when the URL
// stops matching its trigger's rules (an SPA navigated away meanwhile).

export interface Delays {
  /** Runs `run` after `ms` unless `stillValid()` turned false at a recheck. */
  add(ms: number, run: () => void, stillValid: () => boolean): void;
  /** Cancels every pending show that is no longer valid (after a navigation). */
  recheck(): void;
  /** Cancels everything. */
  clear(): void;
}

/** A set of pending delayed shows. */
export function createDelays(): Delays {
  const pending = new Map<ReturnType<typeof setTimeout>, () => boolean>();
  // Deleting the entry being visited is safe in a Map's for-of.
  const drop = (all?: 1): void => {
    for (const [id, valid] of pending)
      if (all || !valid()) {
        clearTimeout(id);
        pending.delete(id);
      }
  };
  return {
    add(ms, run, stillValid) {
      const id = setTimeout(() => {
        pending.delete(id);
        if (stillValid()) run();
      }, ms);
      pending.set(id, stillValid);
    },
    recheck: () => drop(),
    clear: () => drop(1),
  };
}
