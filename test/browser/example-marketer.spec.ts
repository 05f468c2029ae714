// examples/marketer end to end in Chromium against a real collector: the page
// has only the snippet and `sayso('init', { site })`; the surveys and their
// triggers come from the collector's remote config, data-sayso-* attributes
// and dataLayer pushes fire them, and sayso's own events reach the dataLayer.
import { expect, test } from '@playwright/test';
import { answer, startCollector, type TestCollector } from './fixtures/sayso-collector.js';

let c: TestCollector;
test.beforeAll(async () => {
  c = await startCollector([
    { id: 'csat', kind: 'csat', question: 'How helpful was this page?', triggers: [{ type: 'manual' }] },
    {
      id: 'upgrade-ces',
      kind: 'ces',
      question: 'Upgrading was easy.',
      triggers: [{ type: 'event', name: 'upgrade', where: [{ property: 'plan', op: 'eq', value: 'team' }] }],
    },
    { id: 'sales-nps', kind: 'nps', question: 'How likely are you to recommend our sales team?', triggers: [{ type: 'event', name: 'contact_sales' }] },
  ]);
});
test.afterAll(() => c.close());

test('data-sayso-survey opens a survey from remote config; its events reach the dataLayer', async ({ page }) => {
  await page.goto(`${c.url}/examples/marketer/`);
  // A click before sayso.js has run has nobody to hear it (the snippet does not
  // capture clicks); on a loaded machine the script can take seconds to arrive.
  await expect.poll(() => page.evaluate(() => (window as unknown as { dataLayer: Array<{ event: string }> }).dataLayer.some((e) => e.event === 'sayso.ready'))).toBe(true);
  await page.getByRole('button', { name: 'Rate this page' }).click();
  await expect(page.getByText('How helpful was this page?')).toBeVisible();
  await answer(page, /^5/);
  await expect(page.locator('#tag-log')).toContainText('sayso.show "csat"');
  await expect(page.locator('#tag-log')).toContainText('sayso.submit "csat"');
  await expect(page.locator('#tag-log')).toContainText('sayso.delivered');
  await expect.poll(async () => (await c.responses()).map((r) => `${r.surveyId}:${r.score}`), { timeout: 15_000 }).toContain('csat:5');
  const dataLayer = await page.evaluate(() => (window as unknown as { dataLayer: Array<{ event: string }> }).dataLayer.map((e) => e.event));
  expect(dataLayer).toEqual(expect.arrayContaining(['sayso.ready', 'sayso.show', 'sayso.queued', 'sayso.submit', 'sayso.delivered']));
});

test('data-sayso-track with data-sayso-prop-* fires an event survey whose filter matches', async ({ page }) => {
  await page.goto(`${c.url}/examples/marketer/`);
  await page.getByRole('button', { name: 'Upgrade to Team' }).click();
  await expect(page.getByText('Upgrading was easy.')).toBeVisible();
  await answer(page, /^7/);
  await expect.poll(async () => (await c.responses()).map((r) => `${r.surveyId}:${r.score}`), { timeout: 15_000 }).toContain('upgrade-ces:7');
});

test('a dataLayer push from a tag manager fires an event survey', async ({ page }) => {
  await page.goto(`${c.url}/examples/marketer/`);
  await page.getByRole('button', { name: 'Contact sales' }).click();
  await expect(page.getByText('How likely are you to recommend our sales team?')).toBeVisible();
  // Dismissing is recorded too: displays and dismissals reach the collector as events.
  await page.getByRole('button', { name: 'Close' }).first().click();
  await expect(page.locator('#tag-log')).toContainText('sayso.dismiss "sales-nps"');
  await expect.poll(async () => (await c.counts()).events, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
});
