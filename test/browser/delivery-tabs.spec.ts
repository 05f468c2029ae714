// One sender per site across real Chromium tabs (Web Locks, BroadcastChannel):
// every record from every tab lands once, never two batches in flight at once,
// and a sender closed mid-flight is replaced at once, without loss.
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

test('the sending tab closed mid-flight: another takes over at once (no lease wait), each record stored once', async ({ context }) => {
  // A 30 s attempt timeout makes the lease 35 s: a takeover that waited it out would miss the 3 s below.
  const a = await context.newPage();
  await a.goto(`${c.url}/delivery.html?tab=a&timeout=30000`);
  const b = await context.newPage();
  await b.goto(`${c.url}/delivery.html?tab=b&timeout=30000`);
  // Tab a leads (it came first). Whatever it sends hangs until it dies.
  c.answer = (arrival) => (arrival.tab == 'a' ? 'hold' : 'ok');
  const fromA = (await submit(a, 2)).map((r) => r.id);
  await expect.poll(() => c.arrivals.length).toBeGreaterThan(0);
  const fromB = (await submit(b, 2)).map((r) => r.id);
  expect(c.stored.size).toBe(0);
  const closed = Date.now();
  await a.close(); // the Web Lock dies with the tab; b is elected and reclaims a's leased records
  await expect.poll(() => c.stored.size, { timeout: 3000, intervals: [50] }).toBe(4);
  const took = Date.now() - closed;
  expect([...c.stored.keys()].sort()).toEqual([...fromA, ...fromB].sort());
  // b sent each record exactly once, and never while another request of its own was open.
  const byB = c.arrivals.filter((x) => x.tab == 'b').flatMap((x) => x.ids);
  expect(byB.sort()).toEqual([...fromA, ...fromB].sort());
  expect(await pending(b)).toBe(0);
  expect(took).toBeLessThan(3000);
});
