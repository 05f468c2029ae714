// Every built-in storage through the shared conformance suite, then the
// fallback chain under the faults browsers really produce.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { testStorage } from '../testing.js';
import { chain } from './chain.js';
import { indexedDbStorage } from './indexeddb.js';
import { patched } from '../../../../test/builtin-patches.js';
import { localStorageStorage } from './localstorage.js';
import { memoryStorage } from './memory.js';

const shared = new IDBFactory();
testStorage(() => indexedDbStorage({ name: 'conf', factory: shared }), { persistent: true });
testStorage(() => localStorageStorage({ name: 'conf' }), { persistent: true });
const mem = memoryStorage();
testStorage(() => mem);

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('indexedDbStorage', () => {
  it('reopens a connection the browser closed', async () => {
    const factory = new IDBFactory();
    const dbs: IDBDatabase[] = [];
    const open = factory.open.bind(factory);
    factory.open = (name: string, v?: number) => {
      const r = open(name, v);
      r.addEventListener('success', () => dbs.push(r.result));
      return r;
    };
    const s = indexedDbStorage({ name: 'lost', factory });
    await s.put([['a', 1]]);
    dbs[0]!.close(); // as when the user clears site data: transactions on it now throw InvalidStateError
    await s.put([['b', 2]]);
    expect(await s.entries()).toEqual([['a', 1], ['b', 2]]);
    expect(dbs.length).toBe(2);
  });

  it('rejects when IndexedDB cannot be opened', async () => {
    const factory = new IDBFactory();
    factory.open = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    await expect(indexedDbStorage({ factory }).entries()).rejects.toThrow('blocked');
  });
});

describe('localStorageStorage', () => {
  it('returns an unreadable value raw, for the queue to dead-letter', async () => {
    localStorage.setItem('sayso:raw:q:x', '{not json');
    expect(await localStorageStorage({ name: 'raw' }).entries()).toEqual([['x', '{not json']]);
  });

  it("keeps a record's lists as lists on a page with Prototype.js's toJSON, Object.prototype members and a replaced JSON.stringify", async () => {
    const s = localStorageStorage({ name: 'patched' });
    const rec = { v: 1, id: 'r', value: { scale: [0, 10], answers: { followUp0: 'ok' }, comment: 'a "b" \\ c' } };
    // put() writes before its first await, so inside the patched window.
    patched(['prototype', 'objectPrototype', 'stringify'], () => void s.put([['r', rec]]));
    expect(await s.entries()).toStrictEqual([['r', rec]]);
  });

  it('keeps namespaces apart', async () => {
    await localStorageStorage({ name: 'one' }).put([['a', 1]]);
    expect(await localStorageStorage({ name: 'two' }).entries()).toEqual([]);
  });
});

describe('the storage chain', () => {
  const failing = (name: 'indexeddb' | 'localstorage', op: 'read' | 'write', e = () => new Error('broken')) => {
    const s = memoryStorage();
    return {
      name,
      entries: op == 'read' ? () => Promise.reject(e()) : s.entries,
      put: () => Promise.reject(e()),
      del: s.del,
      clear: s.clear,
    };
  };

  it('falls to the next store when one cannot open, reporting it once with a code', async () => {
    const report = vi.fn();
    const c = chain([failing('indexeddb', 'read'), memoryStorage()], report);
    expect(await c.entries()).toEqual([]);
    expect(await c.put([['a', 1]])).toBe('memory');
    expect(await c.put([['b', 2]])).toBe('memory');
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]![0]).toBe('E_STORAGE_UNAVAILABLE');
  });

  it('reports QuotaExceededError as E_STORAGE_QUOTA and writes lower down', async () => {
    const report = vi.fn();
    const ls = localStorageStorage({ name: 'chain-q' });
    const c = chain([failing('indexeddb', 'write', quota), ls, memoryStorage()], report);
    expect(await c.put([['a', { v: 1 }]])).toBe('localstorage');
    expect(report).toHaveBeenCalledWith('E_STORAGE_QUOTA', expect.stringContaining('indexeddb'));
    expect(await ls.entries()).toEqual([['a', { v: 1 }]]);
  });

  it('goes down to memory when localStorage is full too: both in one report, which says where records are kept now', async () => {
    const report = vi.fn();
    const c = chain([failing('indexeddb', 'write', quota), failing('localstorage', 'write', quota), memoryStorage()], report);
    expect(await c.put([['a', 1]])).toBe('memory');
    expect(await c.put([['b', 1]])).toBe('memory');
    expect(report.mock.calls).toEqual([['E_STORAGE_QUOTA', expect.stringMatching(/^indexeddb: .*; localstorage: .*; kept in memory$/)]]);
  });

  it('a quota error beside another failure is reported as E_STORAGE_UNAVAILABLE', async () => {
    const report = vi.fn();
    const c = chain([failing('indexeddb', 'write'), failing('localstorage', 'write', quota), memoryStorage()], report);
    expect(await c.put([['a', 1]])).toBe('memory');
    expect(report.mock.calls).toEqual([['E_STORAGE_UNAVAILABLE', expect.stringContaining('Error: broken; localstorage: QuotaExceededError')]]);
  });

  it('reads every store, so records left lower down on an earlier visit are found', async () => {
    const idb = memoryStorage();
    const ls = memoryStorage();
    await ls.put([['old', { v: 1 }]]);
    await idb.put([['new', { v: 1 }]]);
    const c = chain([{ ...idb, name: 'indexeddb' }, ls], () => {});
    expect((await c.entries()).map((e) => e[0])).toEqual(['new', 'old']);
  });

  it('never brings a dead-lettered copy back to life', async () => {
    const a = memoryStorage();
    const b = memoryStorage();
    await a.put([['r', { dead: 'E_DELIVERY_REJECTED' }]]);
    await b.put([['r', { live: true }]]);
    const c = chain([a, b], () => {});
    expect(await c.entries()).toEqual([['r', { dead: 'E_DELIVERY_REJECTED' }]]);
  });

  it('deletes from every store', async () => {
    const a = memoryStorage();
    const b = memoryStorage();
    await a.put([['r', 1]]);
    await b.put([['r', 2]]);
    const c = chain([a, b], () => {});
    await c.del(['r']);
    expect(await c.entries()).toEqual([]);
  });
});
