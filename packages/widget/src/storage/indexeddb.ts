import type { QueueStorage } from './types.js';

/** Options of {@link indexedDbStorage}. */
export interface IndexedDbOptions {
  /** Namespace: the database is `sayso-<name>`, so two sites on one origin keep separate queues. @default 'default' */
  name?: string;
  /** The IDBFactory to use (tests pass fake-indexeddb's). @default globalThis.indexedDB */
  factory?: IDBFactory;
}

/** A request's result as a promise. */
const q = <T>(r: IDBRequest<T>) =>
  new Promise<T>((ok, no) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });

/**
 * Keeps records in IndexedDB: the first, most durable link of the storage
 * chain. The connection opens lazily and is reopened after the browser closes
 * it (storage cleared, version change, a crashed backing store).
 */
export function indexedDbStorage(options: IndexedDbOptions = {}): QueueStorage {
  let db: Promise<IDBDatabase> | undefined;
  /** Runs `fn` in one transaction and resolves on commit; reopens once when the connection was lost. */
  const tx = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => T, again?: 1): Promise<Awaited<T>> => {
    let t: IDBTransaction;
    try {
      const d = await (db ??= new Promise<IDBDatabase>((ok, no) => {
        const r = (options.factory ?? indexedDB).open(`sayso-${options.name ?? 'default'}`, 1);
        r.onupgradeneeded = () => r.result.createObjectStore('q');
        // Private modes of some browsers never answer `open`: give up rather than hang a submit. Only its text
        // reaches the host (the chain reports `indexeddb: TimeoutError`), so a string does what a DOMException would.
        setTimeout(no, 3e3, 'TimeoutError');
        q(r).then(ok, no);
      }));
      d.onclose = () => (db = undefined);
      t = d.transaction('q', mode);
    } catch (e) {
      // A failed open or a connection closed under us (InvalidStateError): open again, once now and on later calls.
      db = undefined;
      if (again) throw e;
      return tx(mode, fn, 1);
    }
    const out = fn(t.objectStore('q'));
    await new Promise((ok, no) => {
      t.oncomplete = ok;
      t.onabort = () => no(t.error);
    });
    return out as Awaited<T>;
  };
  return {
    name: 'indexeddb',
    entries: () =>
      tx('readonly', async (s) => {
        const [k, v] = await Promise.all([q(s.getAllKeys()), q(s.getAll())]);
        return k.map((key, i): [string, unknown] => [key as string, v[i]]);
      }),
    put: (items) => tx('readwrite', (s) => void items.forEach(([k, v]) => s.put(v, k))),
    del: (keys) => tx('readwrite', (s) => void keys.forEach((k) => s.delete(k))),
    clear: () => tx('readwrite', (s) => void s.clear()),
  };
}
