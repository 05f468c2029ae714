// The localStorage sender election (where Web Locks is missing) across a real
// back/forward-cache round trip in Chromium: a page leaving gives up its
// lease, and coming back (pageshow with persisted) it must join again, or its
// queue would never be sent.
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.js';
import { submit } from './fixtures/delivery-page.js';
import { startCollector, type Collector } from './fixtures/delivery-server.js';

// Playwright turns the back/forward cache off by default; this file needs it.
test.use({
  launchOptions: {
    executablePath: process.env.SAYSO_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  },
});

let c: Collector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());
test.beforeEach(() => c.reset());

test('without Web Locks, a page restored from the back/forward cache rejoins the election and sends', async ({ context, page }) => {
  await context.addInitScript(() => {
    // As in a browser without Web Locks: the localStorage lease is used instead.
    delete (Navigator.prototype as { locks?: unknown }).locks;
    const w = window as unknown as { shows: boolean[] };
    w.shows = [];
    addEventListener('pageshow', (e) => w.shows.push(e.persisted));
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${c.url}/delivery.html?tab=bf`);
  expect(await page.evaluate(() => 'locks' in navigator)).toBe(false);
  const first = await submit(page, 1);
  await expect.poll(() => c.stored.has(first[0]!.id)).toBe(true);

  for (let round = 0; round < 2; round++) {
    await page.goto(`${c.url}/blank.html`);
    await page.goBack({ waitUntil: 'commit' }); // a restore fires no load event
    // A real restore: the same document (its state survived), shown again with persisted = true.
    await expect.poll(() => page.evaluate(() => (window as unknown as { shows: boolean[] }).shows)).toEqual([false, ...Array(round + 1).fill(true)]);
    const again = await submit(page, 1);
    await expect.poll(() => c.stored.has(again[0]!.id), { timeout: 5000 }).toBe(true);
  }
  // Page hide still sends after a restore (Chromium fires visibilitychange hidden/visible around the cache,
  // which re-arms it): the ordinary send is held, so only the keepalive send at hide can store this one.
  const n = c.arrivals.length + 1;
  c.answer = (a) => (a.n == n ? 'hold' : 'ok');
  const last = await submit(page, 1);
  await expect.poll(() => c.arrivals.length).toBe(n);
  await page.goto(`${c.url}/blank.html`);
  await expect.poll(() => c.stored.has(last[0]!.id), { timeout: 5000 }).toBe(true);
  expect(c.stored.size).toBe(4);
  expect(errors).toEqual([]);
});
