import type { QueueStorage } from './types.js';

/**
 * Keeps records in this page's memory: lost on reload. The last link of the
 * storage chain, so a submit is never refused because storage is missing;
 * its durability (`'memory'`) is reported so the UI can say so.
 */
export function memoryStorage(): QueueStorage {
  const m = new Map<string, unknown>();
  return {
    name: 'memory',
    entries: async () => [...m],
    put: async (items) => items.forEach(([k, v]) => m.set(k, v)),
    del: async (keys) => keys.forEach((k) => m.delete(k)),
    clear: async () => m.clear(),
  };
}
