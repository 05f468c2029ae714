// Delivery in a (jsdom) page: the localStorage sender election where Web
// Locks is missing, page-hide sends within the keepalive budget, and the
// storage chain's fallbacks as createDelivery reports them.
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { beaconAdapter } from '../adapters/beacon.js';
import { callbackAdapter } from '../adapters/callback.js';
import { indexedDbStorage } from '../storage/indexeddb.js';
import { localStorageStorage } from '../storage/localstorage.js';
import { memoryStorage } from '../storage/memory.js';
import { sampleResponse } from '../testing.js';
import { createDelivery, type DeliveryOptions } from './create.js';
import { testBackend } from './test-backend.js';
import type { Adapter, Batch, Delivery, DeliveryEvent } from './types.js';

let open: Delivery[] = [];
beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  open.forEach((d) => d.destroy());
  open = [];
  vi.useRealTimers();
  vi.restoreAllMocks();
});
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const make = (o: Partial<DeliveryOptions> & Pick<DeliveryOptions, 'adapter'>) => {
  const events: DeliveryEvent[] = [];
  const d = createDelivery({ site: 'pk_page', random: () => 1, ...o });
  d.on((e) => events.push(e));
  open.push(d);
  return { d, events };
};

describe('one sender per site without Web Locks (localStorage lease)', () => {
  it('only the lease holder sends; records from every tab reach it', async () => {
    expect(navigator.locks).toBeUndefined();
    const storage = localStorageStorage({ name: 'pk_page' });
    const a = testBackend();
    const b = testBackend();
    const tabA = make({ adapter: a.adapter, storage });
    const tabB = make({ adapter: b.adapter, storage });
    const ids: string[] = [];
    for (const tab of [tabA, tabB, tabB])
      for (let i = 0; i < 2; i++) {
        const r = sampleResponse();
        ids.push(r.id);
        await tab.d.enqueue({ kind: 'response', value: r });
      }
    await tick(0);
    await tabA.d.flush();
    expect([...a.stored.keys()].sort()).toEqual(ids.sort());
    expect(b.batches).toEqual([]);
  });

  it('a closing leader hands over at once', async () => {
    const storage = localStorageStorage({ name: 'pk_page' });
    const a = testBackend();
    const b = testBackend();
    const tabA = make({ adapter: a.adapter, storage });
    const tabB = make({ adapter: b.adapter, storage });
    await tick(0);
    tabA.d.destroy();
    await tick(2000); // one heartbeat
    const r = sampleResponse();
    await tabB.d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect([...b.stored.keys()]).toEqual([r.id]);
  });

  it('a leader that died without a word is taken over once its lease expires', async () => {
    localStorage.setItem('sayso:pk_page:leader', JSON.stringify({ id: 'dead-tab', u: Date.now() + 5000 }));
    const b = testBackend();
    const tab = make({ adapter: b.adapter, storage: memoryStorage() });
    await tab.d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(4000);
    expect(b.batches).toEqual([]);
    await tick(3000); // the lease (5 s) plus at most one heartbeat (5/3 s)
    expect(b.stored.size).toBe(1);
  });

  it('a lease a day ahead (the clock went back) counts as expired', async () => {
    localStorage.setItem('sayso:pk_page:leader', JSON.stringify({ id: 'other', u: Date.now() + 864e5 }));
    const b = testBackend();
    const tab = make({ adapter: b.adapter, storage: memoryStorage() });
    await tab.d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    expect(b.stored.size).toBe(1);
  });
});

describe('page hide', () => {
  const hide = () => window.dispatchEvent(new PageTransitionEvent('pagehide'));

  const queued = () => {
    const main = testBackend();
    main.script.push('hang'); // nothing is acknowledged by the normal path
    return { main, bodies: [] as string[], storage: memoryStorage() };
  };

  it('sends over 64 KB in bodies that each fit the keepalive budget, deleting nothing unacknowledged', async () => {
    const { main, bodies, storage } = queued();
    const unload = callbackAdapter((batch: Batch, ctx) => {
      expect(ctx.unloading).toBe(true);
      bodies.push(JSON.stringify({ sentAt: new Date().toISOString(), ...batch }));
      return { status: 'retry', reason: 'unconfirmed' };
    });
    const { d } = make({ adapter: main.adapter, unloadAdapter: unload, storage, batchSize: 10 });
    for (let i = 0; i < 40; i++) await d.enqueue({ kind: 'response', value: sampleResponse({ comment: 'x'.repeat(2000) }) });
    await tick(0);
    hide();
    await tick(0);
    // Split by batch size (10) as well as by bytes: full bodies, then the rest.
    const sizes = bodies.map((b) => JSON.parse(b).responses.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.slice(0, -1).every((n) => n == 10)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBeGreaterThan(20);
    for (const b of bodies) expect(new Blob([b]).size).toBeLessThanOrEqual(65_536);
    // Chromium's quota is per page, across all bodies in flight.
    expect(bodies.reduce((a, b) => a + new Blob([b]).size, 0)).toBeLessThanOrEqual(65_536);
    expect(await d.pending()).toBe(40);
  });

  it('keeps the records when sendBeacon refuses', async () => {
    const main = testBackend();
    main.script.push('hang');
    const beacon = vi.fn(() => false);
    Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
    const { d } = make({ adapter: main.adapter, unloadAdapter: beaconAdapter({ url: '/v1/responses' }), storage: memoryStorage() });
    // The first record is in flight (hung), the second waits: both go by beacon (the page's fetch dies with it).
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    hide();
    await tick(0);
    expect(beacon).toHaveBeenCalled();
    expect(await d.pending()).toBe(2);
  });

  it('deletes what a keepalive send got acknowledged', async () => {
    const main = testBackend();
    main.script.push('hang');
    const got = testBackend();
    const { d } = make({ adapter: main.adapter, unloadAdapter: got.adapter, storage: memoryStorage() });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await tick(0);
    // Both, the hung one too: a page going away cancels its ordinary fetch. Acknowledged, so deleted,
    // and the hung attempt failing later must not bring them back.
    expect(got.stored.has(r.id)).toBe(true);
    expect(got.stored.size).toBe(2);
    expect(await d.pending()).toBe(0);
    await tick(60_000);
    expect(await d.pending()).toBe(0);
    delete (document as { hidden?: boolean }).hidden;
  });
});

describe('storage fallbacks, as the host sees them', () => {
  const quota = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };

  it('IndexedDB failing to open: stored in localStorage, durability reported, one error event', async () => {
    const factory = new IDBFactory();
    factory.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'UnknownError');
    };
    const { d, events } = make({ adapter: testBackend().adapter, storage: [indexedDbStorage({ factory, name: 'x' }), localStorageStorage({ name: 'x' })] });
    const r1 = await d.enqueue({ kind: 'response', value: sampleResponse() });
    const r2 = await d.enqueue({ kind: 'response', value: sampleResponse() });
    expect([r1.durability, r2.durability]).toEqual(['localstorage', 'localstorage']);
    expect(events.filter((e) => e.type == 'error')).toEqual([{ type: 'error', code: 'E_STORAGE_UNAVAILABLE', message: expect.stringContaining('indexeddb') }]);
    expect(events.find((e) => e.type == 'queued')).toEqual({ type: 'queued', id: r1.id, durability: 'localstorage' });
  });

  it('QuotaExceededError on IndexedDB writes, then on localStorage: memory, each reported once with E_STORAGE_QUOTA', async () => {
    const factory = new IDBFactory();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quota);
    const { d, events } = make({ adapter: testBackend().adapter, storage: [indexedDbStorage({ factory, name: 'q' }), localStorageStorage({ name: 'q' })] });
    expect((await d.enqueue({ kind: 'response', value: sampleResponse() })).durability).toBe('localstorage');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(quota);
    expect((await d.enqueue({ kind: 'response', value: sampleResponse() })).durability).toBe('memory');
    expect(events.filter((e) => e.type == 'error').map((e) => (e as { code: string }).code)).toEqual(['E_STORAGE_QUOTA', 'E_STORAGE_QUOTA']);
  });

  it('with no IndexedDB at all (the default chain in this page), falls back without throwing', async () => {
    const { d, events } = make({ adapter: testBackend().adapter });
    expect((await d.enqueue({ kind: 'response', value: sampleResponse() })).durability).toBe('localstorage');
    expect(events.filter((e) => e.type == 'error').length).toBe(1);
  });
});

describe('page hide during a pause', () => {
  const setHidden = (hidden: boolean) => {
    Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  };
  afterEach(() => void delete (document as { hidden?: boolean }).hidden);

  /** An unload adapter that would store everything it is given. */
  const unloadSpy = () => {
    const got = testBackend();
    return { got, unloadAdapter: got.adapter };
  };

  it('during a Retry-After (429) pause sends nothing at hide or pagehide, keeps the records, then sends once when it ends', async () => {
    const main = testBackend();
    main.script.push('429'); // Retry-After: 7 s
    const { got, unloadAdapter } = unloadSpy();
    const { d } = make({ adapter: main.adapter, unloadAdapter, storage: memoryStorage() });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(main.batches.length).toBe(1);
    setHidden(true);
    await tick(0);
    expect(got.batches).toEqual([]);
    expect(await d.pending()).toBe(1);
    // Visible again within the pause: still quiet until the server's time is up.
    setHidden(false);
    await tick(6900);
    expect(main.batches.length).toBe(1);
    await tick(100);
    expect(main.batches.length).toBe(2);
    expect(main.stored.has(r.id)).toBe(true);
    expect(await d.pending()).toBe(0);
    expect(got.batches).toEqual([]);
  });

  it('pagehide in a Retry-After pause sends nothing either', async () => {
    const main = testBackend();
    main.script.push('429');
    const { got, unloadAdapter } = unloadSpy();
    const { d } = make({ adapter: main.adapter, unloadAdapter, storage: memoryStorage() });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await tick(0);
    expect(got.batches).toEqual([]);
    expect(await d.pending()).toBe(1);
  });

  it.each([401, 403])('after %i stays paused at hide: nothing sent, records kept', async (status) => {
    let calls = 0;
    const auth: Adapter = { name: 'auth', send: async () => (calls++, { status: 'reject', reason: `HTTP ${status}`, auth: true }) };
    const { got, unloadAdapter } = unloadSpy();
    const { d, events } = make({ adapter: auth, unloadAdapter, storage: memoryStorage() });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    setHidden(true);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await tick(0);
    expect(got.batches).toEqual([]);
    expect(calls).toBe(1);
    expect(await d.pending()).toBe(1);
    expect(events.filter((e) => e.type == 'error').map((e) => (e as { code: string }).code)).toEqual(['E_DELIVERY_UNAUTHORIZED']);
  });

  it('plain backoff (a 500 without Retry-After) is not a pause: page hide still sends', async () => {
    const main = testBackend();
    main.script.push('500');
    const { got, unloadAdapter } = unloadSpy();
    const { d } = make({ adapter: main.adapter, unloadAdapter, storage: memoryStorage() });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    setHidden(true);
    await tick(0);
    expect(got.stored.has(r.id)).toBe(true);
    expect(await d.pending()).toBe(0);
  });
});

describe('back/forward cache with the localStorage election', () => {
  const key = 'sayso:pk_page:leader';
  const show = () => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

  it('a page restored from the cache rejoins the election and sends what waited', async () => {
    const main = testBackend();
    main.script.push('offline');
    // At hide the records go out by beacon, which confirms nothing: they stay queued.
    const beacon = callbackAdapter(() => false);
    const { d } = make({ adapter: main.adapter, unloadAdapter: beacon, storage: memoryStorage() });
    const r = sampleResponse();
    await d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(localStorage.getItem(key)).toContain('"u"');
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    expect(localStorage.getItem(key)).toBeNull(); // given up, so another tab could take over
    // In the cache: the backoff timer fires, but this page does not lead, so nothing goes.
    await tick(10_000);
    expect(main.stored.size).toBe(0);
    expect(localStorage.getItem(key)).toBeNull();
    show();
    await tick(0);
    expect(localStorage.getItem(key)).toContain('"u"');
    expect([...main.stored.keys()]).toEqual([r.id]);
    expect(await d.pending()).toBe(0);
  });

  it('restored while another tab leads: follows, and keeps following while that lease is renewed', async () => {
    const main = testBackend();
    const { d } = make({ adapter: main.adapter, storage: memoryStorage() });
    await tick(0);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    localStorage.setItem(key, JSON.stringify({ id: 'other-tab', u: Date.now() + 5000 }));
    show();
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    expect(main.batches).toEqual([]);
    expect(JSON.parse(localStorage.getItem(key)!).id).toBe('other-tab');
  });

  it('a destroyed delivery does not come back on pageshow', async () => {
    const { d } = make({ adapter: testBackend().adapter, storage: memoryStorage() });
    await tick(0);
    d.destroy();
    expect(localStorage.getItem(key)).toBeNull();
    show();
    await tick(5000);
    expect(localStorage.getItem(key)).toBeNull();
  });
});

describe('one sender per site with Web Locks', () => {
  /** A minimal exclusive LockManager (jsdom has none; the real one is exercised in Chromium by delivery-tabs.spec.ts). */
  const installLocks = () => {
    const tail = new Map<string, Promise<unknown>>();
    const request = (name: string, opts: { signal?: AbortSignal }, cb: () => Promise<unknown>) => {
      const before = tail.get(name) ?? Promise.resolve();
      const mine = before.then(() => (opts.signal?.aborted ? Promise.reject(new DOMException('', 'AbortError')) : cb()));
      tail.set(name, mine.catch(() => {}));
      return mine;
    };
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
  };
  afterEach(() => void delete (navigator as { locks?: unknown }).locks);

  it('the next lock holder resends a closed sender’s leased records at once, not after the lease', async () => {
    installLocks();
    const storage = memoryStorage();
    const b = testBackend();
    b.script.push('hang'); // the first sender's request never answers
    const first = make({ adapter: b.adapter, storage, timeout: 30_000 });
    const second = make({ adapter: b.adapter, storage, timeout: 30_000 });
    const r = sampleResponse();
    await first.d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(b.batches.length).toBe(1);
    expect((await storage.entries())[0]![1]).toMatchObject({ leaseUntil: expect.any(Number), by: expect.any(String) });
    first.d.destroy(); // as the tab closing: its lock is released, its request cancelled
    await tick(0);
    // The lease (30 s + 5 s) is still running, but the lock proves its owner gone.
    expect([...b.stored.keys()]).toEqual([r.id]);
    expect(b.batches.length).toBe(2);
    expect(b.maxInFlight).toBe(1);
    expect(await second.d.pending()).toBe(0);
  });
});

describe('Web Locks that refuse (an opaque-origin sandboxed frame)', () => {
  /** As Chromium in `<iframe sandbox="allow-scripts">`: every request rejects with SecurityError; storage throws too. */
  const refuse = () => {
    const request = vi.fn(() => Promise.reject(new DOMException('Access to the Locks API is denied in this context.', 'SecurityError')));
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
    return request;
  };
  afterEach(() => void delete (navigator as { locks?: unknown }).locks);

  it('localStorage blocked too: this page is alone in its origin, so it leads and sends at once from memory', async () => {
    const request = refuse();
    const denied = () => {
      throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
    };
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(denied);
    const factory = new IDBFactory();
    factory.open = denied;
    const b = testBackend();
    const { d, events } = make({ adapter: b.adapter, storage: [indexedDbStorage({ factory, name: 'sb' }), localStorageStorage({ name: 'sb' })] });
    const r = sampleResponse();
    expect((await d.enqueue({ kind: 'response', value: r })).durability).toBe('memory');
    await tick(0);
    expect(request).toHaveBeenCalledTimes(1);
    expect([...b.stored.keys()]).toEqual([r.id]);
    expect(events.filter((e) => e.type == 'delivered')).toEqual([{ type: 'delivered', ids: [r.id] }]);
    // Both stores refused in one go: one event, saying where records are kept now.
    expect(events.filter((e) => e.type == 'error')).toEqual([
      { type: 'error', code: 'E_STORAGE_UNAVAILABLE', message: expect.stringMatching(/^indexeddb: SecurityError.*; localstorage: SecurityError.*; kept in memory$/) },
    ]);
  });

  it('localStorage usable: the localStorage lease elects one sender among the tabs', async () => {
    refuse();
    const storage = localStorageStorage({ name: 'pk_page' });
    const a = testBackend();
    const b = testBackend();
    make({ adapter: a.adapter, storage });
    const tabB = make({ adapter: b.adapter, storage });
    await tick(0);
    const r = sampleResponse();
    await tabB.d.enqueue({ kind: 'response', value: r });
    await tick(0);
    expect(JSON.parse(localStorage.getItem('sayso:pk_page:leader')!)).toMatchObject({ id: expect.any(String) });
    expect([...a.stored.keys()]).toEqual([r.id]);
    expect(b.batches).toEqual([]);
  });
});

describe('a pause outlives its page', () => {
  /** An adapter that answers like a server under load: a Retry-After of 60 s first, then stored. */
  const busyThenOk = () => {
    const calls: number[] = [];
    const adapter: Adapter = {
      name: 'busy',
      send: async () => (calls.push(Date.now()), calls.length == 1 ? { status: 'retry', delayMs: 60_000 } : { status: 'ok' }),
    };
    return { calls, adapter };
  };

  it('the next page waits out the rest of a Retry-After, then sends once, and the pause ends with it', async () => {
    const storage = localStorageStorage({ name: 'pk_page' });
    const server = busyThenOk();
    const first = make({ adapter: server.adapter, storage });
    await first.d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    expect(server.calls).toHaveLength(1);
    first.d.destroy(); // the page is gone 10 s into the pause
    await tick(10_000);
    const next = make({ adapter: server.adapter, storage });
    await tick(0);
    await next.d.flush(); // start-up and explicit flushes do not jump it either
    await tick(49_000);
    expect(server.calls).toHaveLength(1);
    await tick(1_001);
    expect(server.calls).toHaveLength(2);
    expect(await next.d.pending()).toBe(0);
    expect(localStorage.getItem('sayso:pk_page:hold')).toBeNull();
  });

  it('a kept pause more than 5 minutes ahead is a clock that jumped: ignored', async () => {
    localStorage.setItem('sayso:pk_page:hold', String(Date.now() + 86_400_000));
    const server = busyThenOk();
    const { d } = make({ adapter: { name: 'ok', send: async () => (server.calls.push(Date.now()), { status: 'ok' }) }, storage: localStorageStorage({ name: 'pk_page' }) });
    await d.enqueue({ kind: 'response', value: sampleResponse() });
    await tick(0);
    expect(server.calls).toHaveLength(1);
  });
});
