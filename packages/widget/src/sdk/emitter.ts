// Events for code (`on`), for the page (`sayso:*` CustomEvents on window) and
// for tag managers (`window.dataLayer`). A throwing handler never reaches the
// host's code path that caused the event.
import type { SaysoEventName, SaysoEvents } from './types.js';

type Handler = (payload: never) => void;

export interface Emitter {
  on<K extends SaysoEventName>(name: K, fn: (p: SaysoEvents[K]) => void): () => void;
  emit<K extends SaysoEventName>(name: K, payload: SaysoEvents[K]): void;
}

/** An emitter that also dispatches on `win` and pushes to its dataLayer. */
export function createEmitter(win: Window): Emitter {
  const handlers = new Map<string, Set<Handler>>();
  return {
    on(name, fn) {
      let set = handlers.get(name);
      if (!set) handlers.set(name, (set = new Set()));
      set.add(fn as Handler);
      return () => void set.delete(fn as Handler);
    },
    emit(name, payload) {
      for (const fn of handlers.get(name) ?? []) {
        try {
          (fn as (p: unknown) => void)(payload);
        } catch (err) {
          // report, asynchronously, without breaking the SDK's own flow
          setTimeout(() => {
            throw err;
          });
        }
      }
      win.dispatchEvent(new CustomEvent(`sayso:${name}`, { detail: payload }));
      const dl = (win as { dataLayer?: unknown }).dataLayer;
      if (Array.isArray(dl)) dl.push({ event: `sayso.${name}`, sayso: payload });
    },
  };
}
