// Where the SDK keeps its little state (anonymous id, display history, cached
// remote config, the session counter). Never cookies. Writes reach
// localStorage/sessionStorage only while consent is granted; before that, and
// when storage is missing or throws (Safari private mode, quota, sandboxed
// iframes), values live in memory for the page's lifetime.

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
  try {
    return JSON.parse(kv.get(key)!) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Storage behind a consent gate, with a memory copy that always works. */
export function consentStore(storage: () => Storage | undefined, allowed: () => boolean): KeyValue {
  const memory = new Map<string, string>();
  const real = (): Storage | undefined => {
    try {
      return allowed() ? storage() : undefined;
    } catch {
      return undefined; // touching localStorage itself throws when cookies are blocked
    }
  };
  return {
    get(key) {
      const k = PREFIX + key;
      if (memory.has(k)) return memory.get(k)!;
      try {
        return real()?.getItem(k) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      const k = PREFIX + key;
      memory.set(k, value);
      try {
        real()?.setItem(k, value);
      } catch {
        // full or unavailable: the memory copy keeps this page working
      }
    },
    forget: () => memory.clear(),
    clear() {
      memory.clear();
      try {
        const s = storage();
        if (!s) return;
        for (let i = s.length - 1; i >= 0; i--) {
          const k = s.key(i);
          if (k?.startsWith(PREFIX)) s.removeItem(k);
        }
      } catch {
        // nothing we could clear
      }
    },
  };
}

