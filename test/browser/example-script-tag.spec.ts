// examples/script-tag end to end in Chromium, served by a real collector:
// loader snippet → SDK → trigger → real UI chunk → answer → delivered and stored.
import { expect, test } from '@playwright/test';
import { answer, startCollector, type TestCollector } from './fixtures/sayso-collector.js';

let c: TestCollector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());

test('the page embeds the built loader snippet verbatim', async ({ request }) => {
  const [html, snippet] = await Promise.all([
    (await request.get(`${c.url}/examples/script-tag/`)).text(),
    (await request.get(`${c.url}/sdk/snippet.min.js`)).text(),
  ]);
  expect(snippet.length).toBeLessThan(600);
  expect(html).toContain(snippet.trim());
});

test('NPS after 5 seconds: answered with a comment, delivered to the collector', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let uiRequestedAt = 0;
  page.on('request', (r) => r.url().endsWith('/sdk/sayso-ui.js') && (uiRequestedAt ||= Date.now()));
  await page.goto(`${c.url}/examples/script-tag/`);
  const started = Date.now();
  const question = page.getByText('How likely are you to recommend Acme to a friend or colleague?');
  await expect(question).toBeVisible({ timeout: 15_000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
  // A survey was likely on this page, so the UI chunk loaded on idle, well before it was needed.
  expect(uiRequestedAt).toBeGreaterThan(0);
  expect(uiRequestedAt - started).toBeLessThan(3000);
  await answer(page, /^9/, 'Fast delivery');
  await expect.poll(async () => (await c.responses()).map((r) => [r.surveyId, r.score, r.comment]), { timeout: 15_000 }).toContainEqual(['example-nps', 9, 'Fast delivery']);
  await expect(page.locator('#log')).toContainText('delivered');
  expect(errors).toEqual([]);
});

// Each test is a fresh visitor (new context); both act before the NPS's 5 seconds.
test('CSAT on the checkout button click', async ({ page }) => {
  await page.goto(`${c.url}/examples/script-tag/`);
  await page.getByRole('button', { name: 'Complete checkout' }).click();
  await expect(page.getByText('How satisfied are you with checkout?')).toBeVisible();
  await answer(page, /^4/);
  await expect.poll(async () => (await c.responses()).map((r) => `${r.surveyId}:${r.score}`), { timeout: 15_000 }).toContain('example-csat:4');
});

test('CES on exit intent: the pointer leaving through the top of the viewport', async ({ page }) => {
  await page.goto(`${c.url}/examples/script-tag/`);
  await expect(page.locator('#log')).toBeAttached();
  await page.waitForFunction(() => (window as { sayso?: { v?: number } }).sayso?.v === 1);
  // Exit intent is armed by the UI chunk, which the page requests as it starts.
  await page.waitForFunction(() => '__saysoui' in window);
  await page.mouse.move(400, 200);
  await page.mouse.move(400, 0);
  // Chromium fires mouseout with no relatedTarget when the pointer leaves the window; headless
  // cannot move it outside, so dispatch the same event the browser would.
  await page.evaluate(() => document.documentElement.dispatchEvent(new MouseEvent('mouseout', { clientX: 400, clientY: -1, relatedTarget: null, bubbles: true })));
  await expect(page.getByText('Acme made it easy to handle my issue.')).toBeVisible();
  await answer(page, /^6/);
  await expect.poll(async () => (await c.responses()).map((r) => `${r.surveyId}:${r.score}`), { timeout: 15_000 }).toContain('example-ces:6');
});
