// Where the SDK keeps its little state (anonymous id, display history, cached
// remote config, the session counter). Never cookies. Writes reach
// localStorage/sessionStorage only while consent is granted; before that, and
// when storage is missing or throws (Safari private mode, quota, sandboxed
// iframes), values live in memory for the page's lifetime.
import { quietly } from '../storage/local.js';

/** A string key-value store. */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  /** Removes every key sayso wrote. */
  clear(): void;
  /** Drops the memory copy, so the next reads come from storage (consent just granted). */
  forget(): void;
}

const PREFIX = 'sayso.';

/** The JSON value kept under `key`, or undefined when there is none or it does not parse. */
export function readJson<T>(kv: KeyValue, key: string): T | undefined {
  return quietly(() => JSON.parse(kv.get(key)!) ?? undefined);
}

/** Storage behind a consent gate, with a memory copy that always works. */
export function consentStore(storage: () => Storage | undefined, allowed: () => boolean): KeyValue {
  // This page's values, by unprefixed key: only the real storage is shared with the host page.
  const memory = new Map<string, string>();
  // Every touch of storage goes through `quietly`: reading `localStorage` itself
  // throws when cookies are blocked, and setItem throws when storage is full.
  const real = (): Storage | undefined => (allowed() ? storage() : undefined);
  return {
    get: (key) => memory.get(key) ?? quietly(() => real()?.getItem(PREFIX + key)) ?? null,
    set(key, value) {
      memory.set(key, value); // kept even when storage refuses it, so this page keeps working
      quietly(() => real()?.setItem(PREFIX + key, value));
    },
    forget: () => memory.clear(),
    clear() {
      memory.clear();
      // Not behind the consent gate: consent withdrawn is when the keys must go.
      quietly(() => {
        const s = storage();
        // Object.keys lists a Storage's keys up front, so removing while looping is safe.
        if (s) for (const k of Object.keys(s)) if (k.startsWith(PREFIX)) s.removeItem(k);
      });
    },
  };
}
