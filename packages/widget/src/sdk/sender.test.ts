// Delivery's two sides: the always-loaded gate (when the engine loads at all)
// and the engine's sender (the pending mark that lets most pages skip it).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, DeliveryEvent, Outgoing } from '../delivery/types.js';
import { engine } from './engine.js';
import type { Engine } from './engine-types.js';
import { createSender } from './sender.js';
import { senderGate } from './sender-gate.js';

/** A delivery that keeps records in an array and tells its listeners what happens. */
function fakeDelivery() {
  const records: Outgoing[] = [];
  const listeners = new Set<(e: DeliveryEvent) => void>();
  const tell = (e: DeliveryEvent) => listeners.forEach((l) => l(e));
  const d: Delivery = {
    enqueue: async (r) => (records.push(r), tell({ type: 'queued', id: r.value.id, durability: 'indexeddb' }), { id: r.value.id, durability: 'indexeddb' }),
    flush: vi.fn(async () => {
      const ids = records.splice(0).map((r) => r.value.id);
      if (ids.length) tell({ type: 'delivered', ids });
    }),
    pending: async () => records.length,
    on: (l) => (listeners.add(l), () => listeners.delete(l)),
    clear: vi.fn(async () => void records.splice(0)),
    destroy: vi.fn(),
  };
  return { d, records, tell };
}

const event = (id: string): Outgoing => ({ kind: 'event', value: { id, type: 'display', surveyId: 's', anonymousId: 'a', createdAt: '2026-01-01T00:00:00Z', channel: 'web' } });

let fake: ReturnType<typeof fakeDelivery>;
let loads: number;
let purged: string[];
const load = (): Promise<Engine> => {
  loads++;
  return Promise.resolve({ ...engine, delivery: () => fake.d, purge: async (site) => void purged.push(site) });
};
/** The gate, as the instance builds it, over an engine whose delivery is the fake. */
const make = (allowed = () => true, seen: string[] = []) => senderGate({ site: 'pk' }, load, allowed, (name) => void seen.push(name));
const settled = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  localStorage.clear();
  fake = fakeDelivery();
  loads = 0;
  purged = [];
});

describe('senderGate and createSender', () => {
  it('loads nothing for flush() or resume() while no record is marked pending', async () => {
    const s = make();
    s.resume();
    await s.flush();
    expect(loads).toBe(0);
    expect(fake.d.flush).not.toHaveBeenCalled();
  });

  it('marks the queue pending (and used) before enqueue resolves, and clears the mark once delivered', async () => {
    const seen: string[] = [];
    const s = make(() => true, seen);
    const { out } = await s.enqueue(event('e1'));
    expect(out.durability).toBe('indexeddb');
    expect(localStorage.getItem('sayso.p')).not.toBeNull();
    expect(localStorage.getItem('sayso.d')).toBe('1');
    // A mark from the very millisecond the queue is looked at is kept (another tab may have queued then).
    await new Promise((r) => setTimeout(r, 5));
    await s.flush();
    await settled();
    expect(seen).toEqual(['queued', 'delivered']);
    expect(localStorage.getItem('sayso.p')).toBeNull();
    expect(localStorage.getItem('sayso.d')).toBe('1');
  });

  it('keeps the mark while records wait, or when another tab queued after we looked', async () => {
    const s = make();
    await s.enqueue(event('e1'));
    fake.tell({ type: 'delivered', ids: ['other'] }); // e1 still waits
    await settled();
    expect(localStorage.getItem('sayso.p')).not.toBeNull();
    fake.records.splice(0);
    localStorage.setItem('sayso.p', String(Date.now() + 60_000)); // another tab's mark, newer than our look
    fake.tell({ type: 'delivered', ids: ['e1'] });
    await settled();
    expect(localStorage.getItem('sayso.p')).not.toBeNull();
    localStorage.setItem('sayso.p', '1'); // an old mark and an empty queue
    fake.tell({ type: 'delivered', ids: ['e1'] });
    await settled();
    expect(localStorage.getItem('sayso.p')).toBeNull();
  });

  it('a page with the mark loads the engine, flushes and settles', async () => {
    localStorage.setItem('sayso.p', '1');
    fake.records.push(event('left'));
    const s = make();
    s.resume();
    await settled();
    await settled();
    expect(loads).toBe(1);
    expect(fake.d.flush).toHaveBeenCalled();
    expect(localStorage.getItem('sayso.p')).toBeNull();
  });

  it('where localStorage throws (blocked storage), it cannot tell, so it loads the engine and flushes on every page', async () => {
    const spy = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    try {
      const s = make();
      s.resume();
      await settled();
      expect(loads).toBe(1);
      expect(fake.d.flush).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses to start without consent', async () => {
    const s = make(() => false);
    expect(s.get()).toBeUndefined();
    s.resume();
    localStorage.setItem('sayso.p', '1');
    s.resume();
    expect(loads).toBe(0);
    const inner = createSender({ site: 'pk' }, { ...engine, delivery: () => fake.d }, () => false, () => {});
    expect(inner.get()).toBeUndefined();
    await expect(inner.enqueue(event('e1'))).rejects.toThrow('no consent');
  });

  it('stopped before its delivery starts: the delivery it built is destroyed, never used', async () => {
    const s = createSender({ site: 'pk' }, { ...engine, delivery: () => fake.d }, () => true, () => {});
    const p = s.get()!;
    s.stop();
    await expect(p).rejects.toThrow('stopped');
    expect(fake.d.destroy).toHaveBeenCalled();
  });

  it('stop(true) clears a started delivery even where the used mark could not be written (storage full)', async () => {
    const s = make();
    await s.enqueue(event('e1'));
    localStorage.removeItem('sayso.d');
    s.stop(true);
    await settled();
    expect(fake.d.clear).toHaveBeenCalled();
  });

  it('an engine that fails to load is asked again next time', async () => {
    let fail = true;
    const s = senderGate({ site: 'pk' }, () => (fail ? Promise.reject(new Error('offline')) : load()), () => true, () => {});
    await expect(s.enqueue(event('e1'))).rejects.toThrow('offline');
    fail = false;
    await s.enqueue(event('e1'));
    expect(fake.records).toHaveLength(1);
  });

  it('stop(true) clears a running delivery; without one, purges through the engine only when the stores were used', async () => {
    const s = make();
    await s.enqueue(event('e1'));
    s.stop(true);
    await settled();
    expect(fake.d.clear).toHaveBeenCalled();
    expect(fake.d.destroy).toHaveBeenCalled();

    make().stop(true); // the used mark is still there (the instance wipes it after)
    await settled();
    expect(purged).toEqual(['pk']);
    localStorage.clear();
    make().stop(true);
    await settled();
    expect(purged).toEqual(['pk']);
  });
});
