// Page hide in real Chromium: what is queued goes out with fetch keepalive
// (or sendBeacon) within the 64 KB budget, and nothing leaves the queue until
// a send is acknowledged.
import { expect, test, type Page } from '@playwright/test';
import { startCollector, type Collector } from './fixtures/delivery-server.js';

let c: Collector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());
test.beforeEach(() => c.reset());

const harness = <T>(p: Page, fn: string, ...args: unknown[]) =>
  p.evaluate(([fn, args]) => (window as any).harness[fn as string](...(args as unknown[])), [fn, args] as const) as Promise<T>;

test('over 64 KB queued at pagehide: every body within budget, nothing deleted unacknowledged', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Nothing is ever acknowledged: the first ordinary send hangs, anything else is refused.
  c.answer = (a) => (a.n == 1 ? 'hold' : 503);
  await page.goto(`${c.url}/delivery.html?tab=u&timeout=60000`);
  await harness(page, 'submit', 40, 3000); // ~125 KB of answers
  await expect.poll(() => c.arrivals.length).toBe(1);
  const before = 1;
  await page.goto(`${c.url}/blank.html`); // a real pagehide
  // 40 answers of ~3.3 KB: about 18 fit the budget; the rest wait for the next visit.
  await expect.poll(() => c.arrivals.slice(before).flatMap((a) => a.ids).length, { timeout: 10_000 }).toBeGreaterThan(10);
  await page.waitForTimeout(500); // anything else sent at hide would have arrived by now
  const atHide = c.arrivals.slice(before);
  for (const a of atHide) expect(a.bytes).toBeLessThanOrEqual(65_536);
  expect(atHide.reduce((n, a) => n + a.bytes, 0)).toBeLessThanOrEqual(65_536);
  expect(atHide.flatMap((a) => a.ids).length).toBeGreaterThan(5);
  // Back again: the server refused everything, so all 40 are still queued.
  await page.goto(`${c.url}/delivery.html?tab=u&auto=0`);
  await page.evaluate(() => (window as any).harness.start());
  expect(await harness(page, 'pending')).toBe(40);
  // Once the server takes them, they all land, once each.
  c.answer = () => 'ok';
  await page.goto(`${c.url}/delivery.html?tab=u`);
  await expect.poll(() => c.stored.size, { timeout: 15_000 }).toBe(40);
  // The page that got them stored may have left before deleting them; this one then resends (absorbed).
  await expect.poll(() => harness(page, 'pending'), { timeout: 20_000 }).toBe(0);
  expect(c.stored.size).toBe(40);
  expect(errors).toEqual([]);
});

test('an acknowledged keepalive send at visibility hidden deletes what it delivered', async ({ page }) => {
  c.answer = (a) => (a.n == 1 ? 'hold' : 'ok'); // the ordinary send hangs
  await page.goto(`${c.url}/delivery.html?tab=v`);
  await harness(page, 'submit', 3);
  await expect.poll(() => c.arrivals.length).toBe(1);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => c.stored.size).toBe(3);
  await expect.poll(() => harness(page, 'pending')).toBe(0);
});

test('sendBeacon returning false keeps the records', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).beacons = 0;
    navigator.sendBeacon = () => ((window as any).beacons++, false);
  });
  c.answer = () => 503;
  await page.goto(`${c.url}/delivery.html?tab=b&unload=beacon`);
  await harness(page, 'submit', 5);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  expect(await page.evaluate(() => (window as any).beacons)).toBeGreaterThan(0);
  expect(await harness(page, 'pending')).toBe(5);
  expect(c.arrivals.every((a) => !a.beacon)).toBe(true);
});

test('a real sendBeacon at pagehide reaches the server and still keeps the records until acknowledged', async ({ page }) => {
  c.answer = (a) => (a.beacon ? 'ok' : 503);
  await page.goto(`${c.url}/delivery.html?tab=r&unload=beacon`);
  const ids = (await harness<Array<{ id: string }>>(page, 'submit', 3)).map((r) => r.id);
  await page.goto(`${c.url}/blank.html`);
  await expect.poll(() => c.arrivals.some((a) => a.beacon)).toBe(true);
  expect([...c.stored.keys()].sort()).toEqual([...ids].sort());
  // The beacon confirmed nothing, so the next visit sends them again; the server's de-duplication absorbs it.
  c.answer = () => 'ok';
  await page.goto(`${c.url}/delivery.html?tab=r`);
  await expect.poll(() => harness(page, 'pending')).toBe(0);
  expect(c.stored.size).toBe(3);
});
