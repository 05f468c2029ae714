// examples/spa (Preact + the npm package, built by `pnpm build`) end to end in
// Chromium against a real collector: a route-change survey, its cancellation
// when the visitor navigates away first, and a survey after a custom event.
import { expect, test } from '@playwright/test';
import { answer, startCollector, type TestCollector } from './fixtures/sayso-collector.js';

let c: TestCollector;
test.beforeAll(async () => {
  c = await startCollector();
});
test.afterAll(() => c.close());

const NPS = 'How likely are you to recommend Acme to a friend or colleague?';

test('three seconds on the pricing route shows the NPS; the answer reaches the collector', async ({ page }) => {
  await page.goto(`${c.url}/examples/spa/index.html`);
  await page.getByRole('link', { name: 'Pricing' }).click();
  await expect(page).toHaveURL(/page=pricing/);
  await expect(page.getByText(NPS)).toBeVisible({ timeout: 8000 });
  await answer(page, /^10/);
  await expect.poll(async () => (await c.responses()).map((r) => `${r.surveyId}:${r.score}:${r.channel}`), { timeout: 15_000 }).toContain('spa-pricing-nps:10:web');
});

test('leaving the pricing route before the delay cancels the pending survey', async ({ page }) => {
  await page.goto(`${c.url}/examples/spa/index.html`);
  await page.getByRole('link', { name: 'Pricing' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('link', { name: 'Reports' }).click(); // pushState navigation
  await page.waitForTimeout(3000);
  await expect(page.locator('sayso-widget')).toHaveCount(0);
  await expect(page.locator('#log')).not.toContainText('show');
  // Coming back starts a fresh delay, and the survey does show.
  await page.goBack(); // popstate
  await expect(page).toHaveURL(/page=pricing/);
  await expect(page.getByText(NPS)).toBeVisible({ timeout: 8000 });
});

test('a custom event with a matching property shows the CSAT; the follow-up answer is stored', async ({ page }) => {
  await page.goto(`${c.url}/examples/spa/index.html?page=reports`);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText('How satisfied are you with the report export?')).toBeVisible();
  await answer(page, /^2/, 'Columns were missing');
  await expect
    .poll(async () => (await c.responses()).map((r) => `${r.surveyId}:${r.score}:${r.comment}`), { timeout: 15_000 })
    .toContain('spa-export-csat:2:Columns were missing');
  await expect(page.locator('#log')).toContainText('delivered');
});
