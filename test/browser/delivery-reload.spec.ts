// Submissions survive the page: closed at once, or made offline and
// reloaded offline, they are delivered exactly once later.
import { expect, test } from '@playwright/test';
import { submit, pending } from './fixtures/delivery-page.js';
import { startCollector, type Collector } from './fixtures/delivery-server.js';

let c: Collector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());
test.beforeEach(() => c.reset());


test('submit, close the page at once: delivered exactly once on the next visit', async ({ context }) => {
  c.answer = () => 503; // whatever leaves this visit is not stored
  const first = await context.newPage();
  await first.goto(`${c.url}/delivery.html?tab=first`);
  const [r] = await submit(first, 1);
  expect(r!.durability).toBe('indexeddb');
  await first.close();
  expect(c.stored.size).toBe(0);
  c.answer = () => 'ok';
  const next = await context.newPage();
  await next.goto(`${c.url}/delivery.html?tab=next`);
  await expect.poll(() => c.stored.size, { timeout: 20_000 }).toBe(1);
  expect([...c.stored.keys()]).toEqual([r!.id]);
  await expect.poll(() => pending(next)).toBe(0);
  // Silence afterwards: nothing more arrives for it.
  const n = c.arrivals.length;
  await next.waitForTimeout(1500);
  expect(c.arrivals.length).toBe(n);
});

test('submit offline, reload offline, go online: one delivery', async ({ context, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The page and its script come from route() while offline (as a service worker or the HTTP cache
  // would serve them), so the reload itself works with the network down.
  const html = await (await fetch(`${c.url}/delivery.html`)).text();
  const js = await (await fetch(`${c.url}/delivery-harness.js`)).text();
  await context.route('**/delivery.html*', (r) => r.fulfill({ body: html, contentType: 'text/html' }));
  await context.route('**/delivery-harness.js', (r) => r.fulfill({ body: js, contentType: 'text/javascript' }));
  await page.goto(`${c.url}/delivery.html?tab=off`);
  await context.setOffline(true);
  // Chromium's offline emulation does not cover the keepalive send an unloading page makes, so that
  // one reaches this loopback server; a real dead network would fail it. It is refused here likewise.
  c.answer = () => 503;
  const ids = (await submit(page, 2)).map((r) => r.id);
  await page.reload();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await pending(page)).toBe(2);
  await page.waitForTimeout(1000);
  expect(c.arrivals.every((a) => a.n <= 2)).toBe(true); // at most the unload send got out
  c.answer = () => 'ok';
  const before = c.arrivals.length;
  await context.setOffline(false); // the `online` event flushes
  await expect.poll(() => c.stored.size, { timeout: 15_000 }).toBe(2);
  expect([...c.stored.keys()].sort()).toEqual(ids.sort());
  await expect.poll(() => pending(page)).toBe(0);
  expect(c.arrivals.slice(before).flatMap((a) => a.ids).sort()).toEqual(ids.sort()); // one delivery each
  expect(errors).toEqual([]);
});
