import { json } from '../plain.js';
import type { QueueStorage } from './types.js';

/**
 * Keeps records in `localStorage`, one key per record (`sayso:<name>:q:<id>`):
 * the second link of the storage chain, for browsers where IndexedDB is
 * missing or failing. `name` namespaces the keys (default `'default'`).
 */
export function localStorageStorage(options: { name?: string } = {}): QueueStorage {
  const p = `sayso:${options.name ?? 'default'}:q:`;
  // Looked up per call: merely reading `localStorage` throws where storage is blocked.
  const ls = () => localStorage;
  const keys = () => Object.keys(ls()).filter((k) => k.startsWith(p));
  return {
    name: 'localstorage',
    entries: async () =>
      keys().map((k) => {
        let v: unknown = ls()[k];
        try {
          v = JSON.parse(v as string);
        } catch {
          // Left as the raw string: the queue dead-letters it as corrupt.
        }
        return [k.slice(p.length), v];
      }),
    // sayso's own JSON writer: a page's toJSON (Prototype.js) would store arrays as strings.
    put: async (items) => items.forEach(([k, v]) => ls().setItem(p + k, json(v))),
    del: async (ks) => ks.forEach((k) => ls().removeItem(p + k)),
    clear: async () => keys().forEach((k) => ls().removeItem(k)),
  };
}
