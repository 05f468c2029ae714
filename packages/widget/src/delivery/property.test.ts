// @vitest-environment node
// A seeded property test: whatever sequence of offline spans, server errors,
// hangs, lost answers, waits and reloads happens, every submitted response
// reaches a de-duplicating backend, exactly once, and nothing stays queued.
import fc from 'fast-check';
import { afterEach, expect, it, vi } from 'vitest';
import { memoryStorage } from '../storage/memory.js';
import { sampleResponse } from '../testing.js';
import { createDelivery } from './create.js';
import { testBackend, type Fault } from './test-backend.js';
import type { Delivery, DeliveryEvent } from './types.js';

type Step =
  | { t: 'submit'; n: number }
  | { t: 'faults'; f: Fault[] }
  | { t: 'offline'; n: number }
  | { t: 'wait'; ms: number }
  | { t: 'reload' }
  | { t: 'flush' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('submit' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ t: fc.constant('faults' as const), f: fc.array(fc.constantFrom<Fault>('500', '503', '429', 'hang', 'reset', 'garbage', 'throw', 'offline'), { maxLength: 4 }) }),
  fc.record({ t: fc.constant('offline' as const), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ t: fc.constant('wait' as const), ms: fc.constantFrom(0, 50, 1000, 5000, 40_000, 300_000) }),
  fc.record({ t: fc.constant('reload' as const) }),
  fc.record({ t: fc.constant('flush' as const) }),
);

afterEach(() => vi.useRealTimers());

it('every submitted response is delivered exactly once, whatever the faults (seeded)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 2 ** 31 }), async (steps, seed) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
      const storage = memoryStorage(); // survives "reloads", as IndexedDB does
      const backend = testBackend();
      const submitted = new Set<string>();
      const errors: DeliveryEvent[] = [];
      let r = seed;
      const random = () => ((r = (r * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const start = () => {
        const d = createDelivery({ site: 'pk_prop', adapter: backend.adapter, storage, timeout: 10_000, random });
        d.on((e) => e.type == 'error' && errors.push(e));
        return d;
      };
      let d: Delivery = start();
      try {
        for (const s of steps) {
          if (s.t == 'submit')
            for (let i = 0; i < s.n; i++) {
              const v = sampleResponse();
              await d.enqueue({ kind: 'response', value: v });
              submitted.add(v.id);
            }
          else if (s.t == 'faults') backend.script.push(...s.f);
          else if (s.t == 'offline') backend.script.push(...Array<Fault>(s.n).fill('offline'));
          else if (s.t == 'wait') await vi.advanceTimersByTimeAsync(s.ms);
          else if (s.t == 'flush') {
            // Not awaited: with a hung request in flight, flush() resolves only once fake time moves on.
            void d.flush();
            await vi.advanceTimersByTimeAsync(0);
          }
          else {
            d.destroy(); // the page goes away mid-whatever
            d = start();
          }
        }
        // The network heals; give delivery the time it asks for.
        backend.script.length = 0;
        for (let i = 0; i < 20 && (await d.pending()) > 0; i++) await vi.advanceTimersByTimeAsync(300_000);
        expect(await d.pending()).toBe(0);
        expect([...backend.stored.keys()].sort()).toEqual([...submitted].sort());
        expect(errors).toEqual([]);
        expect(backend.maxInFlight).toBeLessThanOrEqual(1);
      } finally {
        d.destroy();
        vi.useRealTimers();
      }
    }),
    { seed: 20261124, numRuns: 150 },
  );
}, 120_000);

it('records the server 500s for never hold back the others, and only they are ever dead-lettered (seeded)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 60 }),
      fc.uniqueArray(fc.nat(59), { minLength: 1, maxLength: 3 }),
      fc.array(fc.oneof(fc.constant('reload' as const), fc.constant('outage' as const), fc.constantFrom(0, 1000, 30_000)), { maxLength: 6 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      async (n, at, steps, seed) => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
        const storage = memoryStorage();
        const backend = testBackend();
        const errors: DeliveryEvent[] = [];
        let r = seed;
        const random = () => ((r = (r * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const rs = Array.from({ length: n }, () => sampleResponse());
        await storage.put(rs.map((x) => [x.id, { v: 1, id: x.id, kind: 'response', value: x, at: Date.now() }]));
        const bad = new Set(at.filter((i) => i < n).map((i) => rs[i]!.id));
        const start = () => {
          const d = createDelivery({ site: 'pk_prop', adapter: backend.adapter, storage, random });
          d.on((e) => e.type == 'error' && errors.push(e));
          return d;
        };
        bad.forEach((id) => backend.poisoned.add(id));
        let d = start();
        try {
          for (const s of steps) {
            if (s == 'reload') {
              d.destroy();
              d = start();
            } else if (s == 'outage') {
              // Everything fails for an hour: no evidence against any record, so nothing may be given up.
              const before = errors.length;
              rs.forEach((x) => backend.poisoned.add(x.id));
              await vi.advanceTimersByTimeAsync(3_600_000);
              expect(errors.length).toBe(before);
              backend.poisoned.clear();
            } else await vi.advanceTimersByTimeAsync(s);
            bad.forEach((id) => backend.poisoned.add(id));
          }
          bad.forEach((id) => backend.poisoned.add(id));
          await vi.advanceTimersByTimeAsync(600_000);
          const good = rs.filter((x) => !bad.has(x.id)).map((x) => x.id);
          expect([...backend.stored.keys()].sort()).toEqual(good.sort());
          expect([...backend.received.values()].every((k) => k == 1)).toBe(true);
          // Only poisoned records are dead-lettered, each once, always alone, and the rest is what is still queued.
          const dead = errors.flatMap((e) => (e as { ids: string[] }).ids);
          expect(dead.every((id) => bad.has(id))).toBe(true);
          expect(new Set(dead).size).toBe(dead.length);
          expect(errors.every((e) => e.type == 'error' && e.code == 'E_DELIVERY_REJECTED' && e.ids?.length == 1)).toBe(true);
          expect(await d.pending()).toBe(bad.size - dead.length);
          expect(backend.maxInFlight).toBeLessThanOrEqual(1);
        } finally {
          d.destroy();
          vi.useRealTimers();
        }
      },
    ),
    { seed: 20261203, numRuns: 100 },
  );
}, 120_000);
