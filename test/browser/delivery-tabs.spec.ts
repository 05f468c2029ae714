// One sender per site across real Chromium tabs (Web Locks, BroadcastChannel):
// every record from every tab lands once, never two batches in flight at once,
// and a sender closed mid-flight is replaced without loss.
import { expect, test, type Page } from '@playwright/test';
import { submit, pending } from './fixtures/delivery-page.js';
import { startCollector, type Collector } from './fixtures/delivery-server.js';

let c: Collector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());
test.beforeEach(() => c.reset());


for (const tabs of [2, 3]) {
  test(`${tabs} tabs with records queued: every record delivered once, no batch sent twice concurrently`, async ({ context }) => {
    const errors: string[] = [];
    c.delayMs = 150; // answers take a while, so a second sender would overlap
    const pages: Page[] = [];
    for (let i = 0; i < tabs; i++) {
      const p = await context.newPage();
      p.on('pageerror', (e) => errors.push(String(e)));
      await p.goto(`${c.url}/delivery.html?tab=t${i}`);
      pages.push(p);
    }
    const ids: string[] = [];
    // Interleaved bursts from every tab while sends are in flight.
    for (let round = 0; round < 3; round++)
      for (const p of pages) ids.push(...(await submit(p, 3)).map((r: { id: string }) => r.id));
    await expect.poll(() => c.stored.size, { timeout: 20_000 }).toBe(ids.length);
    expect([...c.stored.keys()].sort()).toEqual([...ids].sort());
    expect(c.maxOpen).toBe(1);
    expect(c.overlapped).toBe(false);
    // One tab did all the sending.
    expect(new Set(c.arrivals.map((a) => a.tab)).size).toBe(1);
    for (const p of pages) expect(await pending(p)).toBe(0);
    expect(errors).toEqual([]);
  });
}

test('the sending tab closed mid-flight: another takes over without loss', async ({ context }) => {
  const a = await context.newPage();
  await a.goto(`${c.url}/delivery.html?tab=a&timeout=2000`);
  const b = await context.newPage();
  await b.goto(`${c.url}/delivery.html?tab=b&timeout=2000`);
  // Tab a leads (it came first). Whatever it sends hangs until it dies.
  c.answer = (arrival) => (arrival.tab == 'a' ? 'hold' : 'ok');
  const fromA = (await submit(a, 2)).map((r: { id: string }) => r.id);
  await expect.poll(() => c.arrivals.length).toBeGreaterThan(0);
  const fromB = (await submit(b, 2)).map((r: { id: string }) => r.id);
  expect(c.stored.size).toBe(0);
  await a.close(); // the lock dies with the tab; b is elected and waits out a's lease (timeout + 5 s)
  await expect.poll(() => c.stored.size, { timeout: 20_000 }).toBe(4);
  expect([...c.stored.keys()].sort()).toEqual([...fromA, ...fromB].sort());
  expect(c.arrivals.filter((x) => x.tab == 'b').length).toBeGreaterThan(0);
  expect(await pending(b)).toBe(0);
});
