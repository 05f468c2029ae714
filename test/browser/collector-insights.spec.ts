// The report's Insights section in the studio, in real Chromium, on the demo
// data of `pnpm start -- --demo-data`: themes that set detractors and
// promoters apart, impacts with their intervals, rising themes, custom themes
// and disagreeing answers; a click (or Enter) on a theme lists its comments.
// A comment holding markup shows as text and runs nothing. axe-core finds no
// violations in it.
import { expect, test, type Page } from '@playwright/test';
import { signIn, startStudio, violations, watchErrors, type Studio } from './fixtures/studio.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const XSS = '<img src=x onerror="window.__xss = 1"> the delivery never came <script>window.__xss = 2</script>';
let studio: Studio;

test.beforeAll(async () => {
  const { demoConfig, seedDemoData } = await import('../../packages/collector/src/demo.js');
  const site = demoConfig(0).sites[0]!;
  site.insights = { themes: [{ name: 'Pricing', words: ['price', 'expensive', 'cost', 'teuer', 'cher', 'caro'] }] };
  studio = await startStudio([site as never]);
  await seedDemoData(studio.collector.storage as never, 'demo', 3000, NOW);
  const base = { surveyId: 'nps', kind: 'nps' as const, scale: [0, 10] as [number, number], anonymousId: 'x', attributes: {}, page: { url: 'http://localhost/' }, locale: 'en', channel: 'web' as const };
  await studio.collector.storage.ingest('demo', { responses: [{ ...base, id: '0193a1b2-0000-7000-8000-0000000000a1', score: 1, createdAt: new Date(NOW - 3600_000).toISOString(), comment: XSS }], events: [] }, []);
});
test.afterAll(() => studio.close());

async function open(page: Page): Promise<void> {
  await signIn(page, studio, 'viewer@shop.test');
  await page.getByRole('link', { name: 'Report' }).click();
  await page.getByLabel('From').fill('2026-08-23');
  await page.getByLabel('To').fill('2026-11-20');
  await page.getByRole('button', { name: 'Apply' }).click();
}

test('insights on demo data: themes, impacts with intervals, rising and custom themes, a theme lists its comments as text', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await open(page);
  const insights = page.locator('section[data-survey="nps"] section.insights');
  await expect(insights.getByRole('heading', { name: 'Insights' })).toBeVisible();
  await expect(insights.getByRole('heading', { name: 'What sets detractors apart' })).toBeVisible();
  // Detractors complain about delivery; promoters praise (shipping, support…).
  const detractors = insights.locator('div', { has: page.getByRole('heading', { name: 'What sets detractors apart' }) }).locator('ul.themes');
  await expect(detractors.getByRole('button', { name: 'delivery', exact: true })).toBeVisible();
  const promoters = insights.locator('div', { has: page.getByRole('heading', { name: 'What sets promoters apart' }) }).locator('ul.themes li');
  expect(await promoters.count()).toBeGreaterThan(1);
  // Impact: rows with the score with and without, and an interval.
  const impact = insights.locator('table.impact').first();
  await expect(impact.locator('thead')).toContainText('NPS with');
  const first = impact.locator('tbody tr').first();
  await expect(first.locator('td').nth(4)).toHaveText(/^[−+]?\d+\.\d \([−+]?\d+\.\d to [−+]?\d+\.\d\)$/);
  expect(await impact.locator('tbody tr').count()).toBeGreaterThan(3);
  await expect(impact.locator('tbody')).toContainText('delivery');
  // Login trouble rises in the last days; the custom theme is there with its impact.
  const rising = insights.locator('ul.themes').nth(2);
  await expect(rising.getByRole('button', { name: /^(log|app|log in)$/ }).first()).toBeVisible();
  const custom = insights.locator('table.impact').nth(1);
  await expect(custom.locator('tbody tr').first().locator('td').first()).toHaveText('Pricing');
  await expect(custom.locator('tbody tr').first().locator('td').nth(4)).toHaveText(/ to /);
  await expect(insights.getByRole('heading', { name: 'Comments that disagree with their score' })).toBeVisible();
  expect(await insights.locator('ul.disagreements li').count()).toBeGreaterThan(0);

  // Keyboard: Enter on a theme lists its comments, the markup one among them, as text.
  await detractors.getByRole('button', { name: 'delivery', exact: true }).focus();
  await page.keyboard.press('Enter');
  const panel = insights.locator('.theme-comments');
  await expect(panel.getByRole('heading', { name: 'Comments mentioning “delivery”' })).toBeVisible();
  const items = panel.locator('ul.comments li');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBe(20);
  for (const text of await items.allTextContents()) expect(text.toLowerCase()).toMatch(/deliver/);
  await expect(items.first()).toContainText('<img src=x onerror="window.__xss = 1">');
  await expect(items.first()).toContainText('<script>');
  expect(await page.locator('.insights img, .insights script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // More, page by page.
  await panel.getByRole('button', { name: 'More comments' }).click();
  await expect(items).toHaveCount(40);
  expect(new Set(await items.allTextContents()).size).toBeGreaterThan(5);
  expect(errors).toEqual([]);
});

test('the Insights section has no axe violations', async ({ page }) => {
  await open(page);
  const insights = page.locator('section[data-survey="nps"] section.insights');
  await expect(insights.locator('table.impact').first()).toBeVisible();
  await insights.getByRole('button', { name: 'delivery', exact: true }).first().click();
  await expect(insights.locator('.theme-comments li').first()).toBeVisible();
  await expect(page.getByText('Loading insights…')).toHaveCount(0);
  expect(await violations(page, 'section.insights')).toEqual([]);
  // axe does look at it: a planted violation (a button without a name) is found.
  await page.evaluate(() => document.querySelector('section.insights')!.append(document.createElement('button')));
  expect((await violations(page, 'section.insights')).some((v) => v.startsWith('button-name'))).toBe(true);
});
