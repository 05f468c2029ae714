// The editor's live preview in real Chromium: the widget's own UI chunk
// (/sdk/sayso-ui.js) draws the draft inside a sandboxed frame, and redraws
// as the user types, in dark mode, in German, in Arabic right to left, in
// each presentation mode. The frame is sandboxed (opaque origin) and the
// draft travels on a MessageChannel port the studio hands it.
import { expect, test, type Page } from '@playwright/test';
import { signIn, startStudio, violations, watchErrors, type Studio } from './fixtures/studio.js';

let studio: Studio;
test.beforeAll(async () => {
  studio = await startStudio();
});
test.afterAll(() => studio.close());

const frame = (page: Page) => page.frameLocator('iframe[title="Survey preview"]');
/** The widget's panel inside the frame (Playwright's CSS pierces the open shadow root). */
const panel = (page: Page) => frame(page).locator('sayso-widget .p');

async function openEditor(page: Page) {
  await signIn(page, studio, 'editor@shop.test');
  await page.goto(`${studio.url}/studio/surveys/shop/new?template=csat-checkout`);
  await expect(page.getByRole('textbox', { name: 'Question', exact: true })).toHaveValue('How satisfied are you with your checkout?');
}

test('the preview is the widget itself, and follows typing', async ({ page }) => {
  const errors = watchErrors(page);
  await openEditor(page);
  await expect(panel(page)).toContainText('How satisfied are you with your checkout?');
  // Five stars, as the template says.
  await expect(frame(page).locator('sayso-widget [role=radio]')).toHaveCount(5);
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How was paying today?');
  await expect(panel(page)).toContainText('How was paying today?');
  // The frame is sandboxed without same-origin: an opaque origin the studio cannot reach into, nor it into the studio.
  const sandbox = await page.locator('iframe[title="Survey preview"]').getAttribute('sandbox');
  expect(sandbox).toBe('allow-scripts');
  expect(await frame(page).locator('body').evaluate(() => window.origin)).toBe('null');
  // Markup in the question is text in the widget.
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('<img src=x onerror="parent.pwned=1"> fine?');
  await expect(panel(page)).toContainText('<img src=x');
  await expect(frame(page).locator('sayso-widget img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('dark, German, Arabic right to left: the preview redraws for each, and as the user types', async ({ page }) => {
  await openEditor(page);
  await page.getByLabel('Preview colours').selectOption('dark');
  await expect(frame(page).locator('sayso-widget .p.dk')).toHaveCount(1);
  await expect(frame(page).locator('html')).toHaveAttribute('data-scheme', 'dark');

  await page.getByLabel('Preview language').selectOption('de');
  await expect(panel(page)).toHaveAttribute('lang', 'de');
  // The widget's own German words (its submit button or scale labels), from its German chunk.
  await expect(frame(page).locator('sayso-widget [role=radio]').first()).toHaveAttribute('aria-label', /unzufrieden/i);
  // A German question typed in the translations shows at once.
  await page.getByLabel('Translate into').selectOption('de');
  await page.getByLabel('Question (de)').fill('Wie zufrieden sind Sie mit dem Bezahlen?');
  await expect(panel(page)).toContainText('Wie zufrieden sind Sie mit dem Bezahlen?');

  await page.getByLabel('Preview language').selectOption('ar');
  await expect(panel(page)).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('[data-preview-dir]')).toHaveAttribute('data-preview-dir', 'rtl');
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('Checkout in Arabic?');
  await expect(panel(page)).toContainText('Checkout in Arabic?');
  await expect(panel(page)).toHaveAttribute('dir', 'rtl');
  await page.getByLabel('Preview language').selectOption('he');
  await expect(panel(page)).toHaveAttribute('dir', 'rtl');
  await page.getByLabel('Preview language').selectOption('en');
  await expect(panel(page)).toHaveAttribute('dir', 'ltr');
});

test('every presentation mode draws; an invalid draft draws nothing and says why', async ({ page }) => {
  await openEditor(page);
  for (const mode of ['popover', 'modal', 'bar', 'inline'] as const) {
    await page.getByLabel('Preview mode').selectOption(mode);
    await expect(panel(page)).toBeVisible();
  }
  await page.getByLabel('Preview mode').selectOption('tab');
  await expect(frame(page).locator('sayso-widget')).not.toHaveCount(0);
  await page.getByLabel('Preview mode').selectOption('');
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('');
  await expect(frame(page).locator('#status')).toContainText('Nothing to draw until the survey is valid');
  await expect(frame(page).locator('sayso-widget')).toHaveCount(0);
  await expect(page.getByText('Fix the errors to see the survey.')).toBeVisible();
});

test('the editor with its preview has no axe violations, light and dark', async ({ page }) => {
  await openEditor(page);
  await expect(panel(page)).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Preview colours').selectOption('dark');
  await expect(frame(page).locator('html')).toHaveAttribute('data-scheme', 'dark');
  expect(await violations(page)).toEqual([]);
});
