// Storage that fails the way browsers fail it: IndexedDB refusing to open,
// QuotaExceededError on writes. Delivery falls back, says which durability it
// reached, reports the error once, and never throws into the host page.
import { expect, test, type Page } from '@playwright/test';
import { submit } from './fixtures/delivery-page.js';
import { startCollector, type Collector } from './fixtures/delivery-server.js';

let c: Collector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());
test.beforeEach(() => c.reset());

const errorEvents = (p: Page) => p.evaluate(() => (window as any).harness.events.filter((e: { type: string }) => e.type == 'error').map((e: { code: string }) => e.code));

test('IndexedDB failing to open: falls back to localStorage, reports durability, no uncaught error', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    // As in some private modes: open() fails asynchronously with an error event.
    IDBFactory.prototype.open = function () {
      const req = { onerror: null as null | ((e: Event) => void), onsuccess: null, onupgradeneeded: null, error: new DOMException('denied', 'InvalidStateError') };
      setTimeout(() => req.onerror?.(new Event('error')));
      return req as unknown as IDBOpenDBRequest;
    };
  });
  c.answer = () => 503;
  await page.goto(`${c.url}/delivery.html?tab=idb`);
  const res = await submit(page, 2);
  expect(res.map((r) => r.durability)).toEqual(['localstorage', 'localstorage']);
  expect(await errorEvents(page)).toEqual(['E_STORAGE_UNAVAILABLE']);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sayso:pk_browser:q:')).length);
  expect(keys).toBe(2);
  c.answer = () => 'ok';
  await page.reload(); // still no IndexedDB: the records come back from localStorage
  await expect.poll(() => c.stored.size, { timeout: 15_000 }).toBe(2);
  expect([...c.stored.keys()].sort()).toEqual(res.map((r) => r.id).sort());
  expect(errors).toEqual([]);
});

test('QuotaExceededError on writes: IndexedDB, then localStorage, then memory, each reported', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  c.answer = () => 'hold';
  await page.goto(`${c.url}/delivery.html?tab=quota`);
  const [first] = await submit(page, 1);
  expect(first!.durability).toBe('localstorage');
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const [second] = await submit(page, 1);
  expect(second!.durability).toBe('memory');
  expect(await errorEvents(page)).toEqual(['E_STORAGE_QUOTA', 'E_STORAGE_QUOTA']);
  c.release();
  c.answer = () => 'ok';
  await page.evaluate(() => (window as any).harness.flush());
  await expect.poll(() => c.stored.size, { timeout: 15_000 }).toBe(2);
  expect(errors).toEqual([]);
});
