// The small marks kept beside the queue in localStorage (records pending, a
// server's pause): reads and writes that must never throw into the host.

/** Runs `fn` on localStorage; undefined where there is none or it throws (blocked cookies, sandboxed frames, Node). */
export function onLocalStorage<T>(fn: (s: Storage) => T): T | undefined {
  try {
    return fn(localStorage);
  } catch {
    return undefined;
  }
}
