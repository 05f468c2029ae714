// A record the server 500s for (whatever batch holds it) in real Chromium:
// the next page finds 20 records queued in IndexedDB, bisects the failing
// batch, delivers the 19 others once each and dead-letters the poisoned one
// with an `error` event naming it, in a bounded number of requests.
import { expect, test } from '@playwright/test';
import { pending, submit } from './fixtures/delivery-page.js';
import { startCollector, type Collector } from './fixtures/delivery-server.js';

let c: Collector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());
test.beforeEach(() => c.reset());

test('20 queued, one poisoned: 19 delivered once, it dead-lettered, at most 20 requests', async ({ context }) => {
  c.answer = () => 'hold'; // nothing leaves this visit stored
  const first = await context.newPage();
  await first.goto(`${c.url}/delivery.html?tab=first`);
  const ids = (await submit(first, 20)).map((r) => r.id);
  await first.close();
  await new Promise((r) => setTimeout(r, 500)); // its keepalive sends at page hide reach the server, held, then refused
  c.reset();
  const bad = ids[7]!;
  c.answer = (a) => (a.ids.includes(bad) ? 500 : 'ok');
  const next = await context.newPage();
  await next.goto(`${c.url}/delivery.html?tab=next`);
  await expect.poll(() => c.stored.size, { timeout: 30_000 }).toBe(19);
  expect([...c.stored.keys()].sort()).toEqual(ids.filter((id) => id != bad).sort());
  // The first request held the nineteen never tried (the one the closed page had sent goes on its own, as it
  // has an attempt more): the split happened here, from what IndexedDB kept.
  expect(c.arrivals.every((a) => a.tab == 'next')).toBe(true);
  expect(c.arrivals[0]!.ids).toEqual(ids.slice(1));
  const rejected = () =>
    next.evaluate(() => (window as any).harness.events.filter((e: { type: string; code?: string }) => e.type == 'error' && e.code == 'E_DELIVERY_REJECTED'));
  await expect.poll(rejected, { timeout: 60_000 }).toEqual([{ type: 'error', code: 'E_DELIVERY_REJECTED', message: 'HTTP 500: fails while others are delivered', ids: [bad] }]);
  expect(await pending(next)).toBe(0);
  // Each good record arrived in exactly one request that was answered ok; bisection's extra requests are few.
  const okArrivals = c.arrivals.filter((a) => !a.ids.includes(bad));
  expect(okArrivals.flatMap((a) => a.ids).sort()).toEqual(ids.filter((id) => id != bad).sort());
  expect(c.arrivals.length).toBeLessThanOrEqual(20);
  const n = c.arrivals.length;
  await next.waitForTimeout(3000);
  expect(c.arrivals.length).toBe(n);
});
