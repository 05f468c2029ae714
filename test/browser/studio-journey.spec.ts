// The whole journey in real Chromium, against a real collector and
// the real SDK on the example shop's checkout page (on its own origin, as a
// shop's site would be): a marketer creates a CSAT from a template, sets it
// to appear 2 s after the custom event `checkout` whose `total` is above
// 100, on URLs matching /checkout/*, for 50 % of visitors; previews it light,
// dark, German and Arabic; publishes; sees it on the shop after
// track('checkout', { total: 120 }); pauses it and sees it no longer shows;
// edits the question, publishes version 2, and sees in the report which
// answers belong to which version.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { bucket } from '../../packages/widget/src/sdk/sampling.js';
import { answer } from './fixtures/sayso-collector.js';
import { repoRoot, startStaticServer, type StaticServer } from './fixtures/static-server.js';
import { SECRET, signIn, startStudio, violations, type Studio } from './fixtures/studio.js';

let shop: StaticServer;
let studio: Studio;

test.beforeAll(async () => {
  shop = await startStaticServer();
  studio = await startStudio([{ id: 'shop', name: 'Acme shop', origins: [shop.url], segments: ['plan'], surveys: [] }]);
  // The example's checkout page on the shop's origin, at /checkout/payment, loading the SDK from the collector.
  const html = readFileSync(`${repoRoot}/examples/shop/checkout/index.html`, 'utf8').replace('"/sdk/"', JSON.stringify(`${studio.url}/sdk/`));
  shop.page('/checkout/payment', html);
  shop.page('/cart', html);
});
test.afterAll(async () => {
  await studio?.close();
  await shop?.close();
});

const SURVEY = 'csat-checkout';
// The sample is a hash of site, survey and person (packages/widget/src/sdk/sampling.ts, documented in
// the widget's README): these visitors are in the 50 % (bucket below 5000) or out of it, on every run.
const visitors = Array.from({ length: 200 }, (_, i) => `journey-visitor-${i}`);
const inSample = visitors.filter((id) => bucket('shop', SURVEY, id) < 5000);
const outOfSample = visitors.filter((id) => bucket('shop', SURVEY, id) >= 5000);

/** A fresh visitor (own storage) whose anonymous id is `id`, on the shop's page `path`. */
async function visit(browser: Browser, id: string, path = '/checkout/payment'): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((aid) => localStorage.setItem('sayso.aid', aid), id);
  const page = await context.newPage();
  await page.goto(`${shop.url}${path}`);
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { sayso?: { v?: unknown } }).sayso?.v)).not.toBe('undefined');
  return page;
}

/** Places the order and waits `ms` for no survey at all. */
async function noSurvey(page: Page, ms: number) {
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForTimeout(ms);
  await expect(page.locator('sayso-widget')).toHaveCount(0);
}

/** Stored answers of the survey per version (`v1:1` is one answer to version 1), from /v1/scores?split=version. */
async function storedVersions(): Promise<string[]> {
  const res = await fetch(`${studio.url}/v1/scores?site=shop&survey=${SURVEY}&split=version`, { headers: { authorization: `Bearer ${SECRET}` } });
  const body = (await res.json()) as { surveys: Array<{ segments: Array<{ value: string; n: number }> }> };
  return (body.surveys[0]?.segments ?? []).filter((g) => g.n > 0).map((g) => `v${g.value}:${g.n}`);
}

test('create from a template, target, preview, publish, see it on the shop, pause, version 2, report by version', async ({ page, browser }) => {
  test.setTimeout(180_000);
  expect(inSample.length).toBeGreaterThan(3);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, studio, 'publisher@shop.test');

  // A CSAT from the template.
  await page.getByRole('link', { name: 'Use “CSAT after checkout”' }).click();
  await expect(page.getByRole('heading', { name: 'New survey' })).toBeVisible();
  const trigger = page.getByRole('group', { name: 'Trigger 1' });
  await expect(trigger.getByLabel('Type')).toHaveValue('event');
  await expect(trigger.getByLabel('Event name')).toHaveValue('checkout');
  await trigger.getByLabel('Wait before showing (seconds)').fill('2');
  // …whose property total is above 100…
  await trigger.getByRole('button', { name: 'Add property test' }).click();
  const test1 = trigger.getByRole('group', { name: 'property test 1' });
  await test1.getByLabel('Property').fill('total');
  await test1.getByLabel('Test').selectOption('gt');
  await test1.getByLabel('Value').fill('100');
  // …on URLs matching /checkout/*…
  await trigger.getByRole('button', { name: 'Add include rule' }).click();
  await trigger.getByRole('group', { name: 'include rule 1' }).getByLabel('URL or pattern').fill('/checkout/*');
  const tester = trigger.getByLabel('Test a URL against these rules');
  await tester.fill(`${shop.url}/checkout/payment`);
  await expect(trigger.locator('output')).toHaveText('Shows: matched by include rule 1.');
  await tester.fill(`${shop.url}/cart`);
  await expect(trigger.locator('output')).toHaveText('Does not show: no include rule matches.');
  // …for 50 % of visitors.
  await page.getByLabel('Sample (% of visitors)').fill('50');
  await expect(page.locator('.error-summary')).toHaveCount(0);

  // Preview: light, dark, German, Arabic (right to left).
  const frame = page.frameLocator('iframe[title="Survey preview"]');
  const panel = frame.locator('sayso-widget .p');
  await expect(panel).toContainText('How satisfied are you with your checkout?');
  await page.getByLabel('Preview colours').selectOption('dark');
  await expect(frame.locator('sayso-widget .p.dk')).toHaveCount(1);
  await page.getByLabel('Preview colours').selectOption('light');
  await expect(frame.locator('sayso-widget .p.dk')).toHaveCount(0);
  await page.getByLabel('Preview language').selectOption('de');
  await expect(panel).toHaveAttribute('lang', 'de');
  await page.getByLabel('Preview language').selectOption('ar');
  await expect(panel).toHaveAttribute('dir', 'rtl');
  await page.getByLabel('Preview language').selectOption('en');

  // Save, publish: live as version 1.
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(`${studio.url}/studio/surveys/shop/${SURVEY}`);
  await expect(page.locator('h1 .status')).toHaveText('draft');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('h1 .status')).toHaveText('live · v1');

  // On the shop: 2 s after track('checkout', { total: 120 }), for a visitor in the sample.
  const v1 = await visit(browser, inSample[0]!);
  const clicked = Date.now();
  await v1.getByRole('button', { name: 'Place order' }).click();
  await expect(v1.getByText('How satisfied are you with your checkout?')).toBeVisible({ timeout: 15_000 });
  expect(Date.now() - clicked).toBeGreaterThanOrEqual(2000);
  await answer(v1, /^5/);
  // Not for a total of 100 or less, not off /checkout/*, not for a visitor outside the sample.
  const low = await visit(browser, inSample[1]!);
  await low.locator('#total').fill('100');
  await noSurvey(low, 3000);
  await noSurvey(await visit(browser, inSample[1]!, '/cart'), 3000);
  await noSurvey(await visit(browser, outOfSample[0]!), 3000);
  await expect.poll(storedVersions, { timeout: 15_000 }).toEqual(['v1:1']);

  // Pause: it no longer shows.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('h1 .status')).toHaveText('paused · v1');
  await noSurvey(await visit(browser, inSample[2]!), 3500);

  // Edit the question, save, publish version 2.
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How easy was paying today?');
  await expect(frame.locator('sayso-widget .p')).toContainText('How easy was paying today?');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('h1 .status')).toHaveText('live · v2');
  const v2 = await visit(browser, inSample[3]!);
  await v2.getByRole('button', { name: 'Place order' }).click();
  await expect(v2.getByText('How easy was paying today?')).toBeVisible({ timeout: 15_000 });
  await answer(v2, /^2/, 'the card form was slow');
  await expect.poll(storedVersions, { timeout: 15_000 }).toEqual(['v1:1', 'v2:1']);

  // The versions and their diff.
  await page.getByRole('button', { name: 'Show changes' }).click();
  await expect(page.locator('table.diff')).toContainText('question');
  await expect(page.locator('table.diff')).toContainText('How easy was paying today?');

  // The report: which answers belong to which version, and where the version changed.
  await page.getByRole('link', { name: 'Report' }).click();
  const card = page.locator(`section[data-survey="${SURVEY}"]`);
  await expect(card.locator('table.by-version tbody tr')).toHaveCount(2);
  await expect(card.locator('table.by-version tbody tr').nth(0)).toContainText('v1');
  await expect(card.locator('table.by-version tbody tr').nth(0).locator('td').first()).toHaveText('1');
  await expect(card.locator('table.by-version tbody tr').nth(1)).toContainText('v2');
  await expect(card.locator('table.by-version tbody tr').nth(1).locator('td').first()).toHaveText('1');
  await expect(card.locator('table.bands')).toContainText('Happy');
  await expect(card).toContainText('dashed: a new version');
  expect(await violations(page)).toEqual([]);

  // The activity log has every step, and the surveys list the state and the answers.
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.locator('ol.activity')).toContainText('survey.publish');
  await expect(page.locator('ol.activity')).toContainText('survey.pause');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Surveys' }).click();
  const row = page.locator(`tr[data-survey="${SURVEY}"]`);
  await expect(row).toContainText('live');
  await expect(row).toContainText('v2');
  await expect(row.locator('td.num').first()).toHaveText('2');
  expect(await violations(page)).toEqual([]);
  // The installation check heard from the shop's origin.
  await page.getByRole('link', { name: 'Sites' }).click();
  await expect(page.locator('[data-site="shop"] table')).not.toContainText('waiting for the first page view');
  expect(await violations(page)).toEqual([]);
});
