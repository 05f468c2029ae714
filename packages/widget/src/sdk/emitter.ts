// Events for code (`on`), for the page (`sayso:*` CustomEvents on window) and
// for tag managers (`window.dataLayer`). `on` handlers listen on a private
// EventTarget: the platform already calls each one apart and reports a
// throwing handler (window `error`) without breaking the SDK's own flow.
import { listen } from '../listen.js';
import type { SaysoEventName, SaysoEvents } from './types.js';

export interface Emitter {
  on<K extends SaysoEventName>(name: K, fn: (p: SaysoEvents[K]) => void): () => void;
  emit<K extends SaysoEventName>(name: K, payload: SaysoEvents[K]): void;
}

/** An emitter that also dispatches on `win` and pushes to its dataLayer. */
export function createEmitter(win: Window): Emitter {
  const own = new EventTarget();
  return {
    on: (name, fn) => listen<CustomEvent>(own, `sayso:${name}`, (e) => fn(e.detail)),
    emit(name, detail) {
      for (const target of [own, win]) target.dispatchEvent(new CustomEvent(`sayso:${name}`, { detail }));
      const dl = (win as { dataLayer?: unknown }).dataLayer;
      if (Array.isArray(dl)) dl.push({ event: `sayso.${name}`, sayso: detail });
    },
  };
}
