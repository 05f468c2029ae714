import { describe, expect, it } from 'vitest';
import type { QueueStorage } from '../storage/types.js';

const sorted = (e: Array<[string, unknown]>) => [...e].sort((a, b) => (a[0] < b[0] ? -1 : 1));

/**
 * The conformance suite every queue storage must pass. `make` returns a store
 * over the same backing data each time (so `persistent: true` can check that a
 * second instance, as after a reload, sees what the first wrote); each test
 * starts by clearing it.
 * @example
 * import { testStorage } from '@sayso/widget/testing';
 * testStorage(() => myStorage({ name: 'test' }), { persistent: true });
 */
export function testStorage(make: () => QueueStorage, options: { label?: string; persistent?: boolean } = {}): void {
  const fresh = async () => {
    const s = make();
    await s.clear();
    return s;
  };
  describe(`storage conformance: ${options.label ?? make().name}`, () => {
    it('names its durability', () => {
      expect(['indexeddb', 'localstorage', 'memory']).toContain(make().name);
    });

    it('starts empty after clear', async () => {
      expect(await (await fresh()).entries()).toEqual([]);
    });

    it('gives back what was put, JSON types intact', async () => {
      const s = await fresh();
      const v = { v: 1, id: 'a', n: 1.5, t: true, nil: null, list: [1, 'two'], deep: { text: 'Grüße 👋 "quoted"' } };
      await s.put([['a', v], ['b', { v: 1, id: 'b' }]]);
      expect(sorted(await s.entries())).toEqual([['a', v], ['b', { v: 1, id: 'b' }]]);
    });

    it('replaces a value put twice under one key', async () => {
      const s = await fresh();
      await s.put([['k', { n: 1 }]]);
      await s.put([['k', { n: 2 }]]);
      expect(await s.entries()).toEqual([['k', { n: 2 }]]);
    });

    it('deletes only the given keys, ignoring missing ones', async () => {
      const s = await fresh();
      await s.put([['a', 1], ['b', 2], ['c', 3]]);
      await s.del(['b', 'missing']);
      expect(sorted(await s.entries())).toEqual([['a', 1], ['c', 3]]);
    });

    it('clears everything', async () => {
      const s = await fresh();
      await s.put([['a', 1], ['b', 2]]);
      await s.clear();
      expect(await s.entries()).toEqual([]);
    });

    it('keeps 300 records written in one call, none lost', async () => {
      const s = await fresh();
      const items: Array<[string, unknown]> = Array.from({ length: 300 }, (_, i) => [`k${String(i).padStart(4, '0')}`, { i }]);
      await s.put(items);
      expect(sorted(await s.entries())).toEqual(items);
    });

    if (options.persistent)
      it('shows what one instance wrote to a new instance (a reload)', async () => {
        const a = await fresh();
        await a.put([['x', { kept: true }]]);
        expect(await make().entries()).toEqual([['x', { kept: true }]]);
      });
  });
}
