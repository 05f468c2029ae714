// The small marks kept beside the queue in localStorage (records pending, a
// server's pause): reads and writes that must never throw into the host.

/** `fn()`, or undefined when it throws: storage and stored data that must never throw into the host. */
export function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    // undefined: the caller's fallback applies
  }
}

/** Runs `fn` on localStorage; undefined where there is none or it throws (blocked cookies, sandboxed frames, Node). */
export function onLocalStorage<T>(fn: (s: Storage) => T): T | undefined {
  // Inside quietly(): reading `localStorage` itself is what throws where cookies are blocked.
  return quietly(() => fn(localStorage));
}
