// One helper for the add/remove listener pair that the triggers and the
// delivery layer all need: written once, the always-loaded bundle pays for
// `addEventListener`/`removeEventListener` and their arguments once.

/**
 * Adds `fn` for `type` on `target` and returns the function that removes it
 * (with the same options, so a capture listener comes off too).
 */
export function listen<E extends Event = Event>(
  target: EventTarget,
  type: string,
  fn: (e: E) => void,
  options?: AddEventListenerOptions | boolean,
): () => void {
  target.addEventListener(type, fn as EventListener, options);
  return () => target.removeEventListener(type, fn as EventListener, options);
}
