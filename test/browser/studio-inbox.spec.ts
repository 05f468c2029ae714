// The inbox's loop in real Chromium against a real collector: answers
// stored through the real ingest over HTTP (detractors with and without a
// comment, promoters); an editor sees the report's closed loop at 0, filters
// the inbox to detractors with a comment (only those remain), opens one with
// the keyboard, assigns it and closes it; the report's figure moves to 1;
// the answer's copied link opens the same answer in a new page; axe-clean
// on the list and the answer, in forced colours too and at a narrow width.
import { expect, test, type Page } from '@playwright/test';
import { uuidv7 } from '../../packages/core/dist/index.js';
import { signIn, startStudio, violations, watchErrors, type Studio } from './fixtures/studio.js';

const SHOP = 'http://shop.test';
let studio: Studio;

/** Six answers to the NPS, given minutes ago: four detractors (two with a comment), two promoters. */
const ANSWERS = [
  { score: 2, comment: 'The checkout kept failing' },
  { score: 4, comment: 'Too expensive <b>for</b> what it does' },
  { score: 3 },
  { score: 0 },
  { score: 10, comment: 'Love it' },
  { score: 9 },
].map((a, i) => ({
  id: uuidv7(),
  surveyId: 'nps',
  kind: 'nps',
  scale: [0, 10],
  createdAt: new Date(Date.now() - (60 - i) * 60_000).toISOString(),
  anonymousId: `inbox-visitor-${i}`,
  attributes: { plan: i % 2 ? 'pro' : 'free' },
  page: { url: `${SHOP}/checkout` },
  locale: 'en',
  channel: 'web',
  ...a,
}));

test.beforeAll(async () => {
  studio = await startStudio([{ id: 'shop', name: 'Acme shop', origins: [SHOP], segments: ['plan'], surveys: [{ id: 'nps', kind: 'nps', question: 'How likely are you to recommend Acme?' }] }]);
  // The real ingest, over HTTP, as the SDK on the shop's origin sends it.
  const res = await fetch(`${studio.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SHOP }, body: JSON.stringify({ site: 'shop', responses: ANSWERS }) });
  expect(res.status, await res.text()).toBe(200);
});
test.afterAll(() => studio?.close());

const items = (page: Page) => page.locator('ul.keyboard-list > li > a');
/** The report's closed-loop line of the NPS. */
async function closedLoop(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  const line = page.locator('section[data-survey="nps"] .closed-loop p');
  await expect(line).toBeVisible();
  return (await line.textContent())!;
}
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('an editor filters to detractors with a comment, opens one by keyboard, assigns and closes it; the closed loop moves; the link opens it', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.url });
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, studio, 'editor@shop.test');
  expect(await closedLoop(page)).toMatch(/^0 of 4 detractor answers closed \(0 %\)\. The 4 still open, in the inbox$/);

  await page.getByRole('link', { name: 'Responses', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Responses', level: 1 })).toBeVisible();
  await expect(items(page)).toHaveCount(6);
  expect(await violations(page)).toEqual([]);

  // Detractors with a comment: only the two remain, newest first, and the URL says so.
  await page.getByLabel('Band').selectOption('detractor');
  await page.getByLabel('Comment', { exact: true }).selectOption('true');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\/studio\/responses\?site=shop&band=detractor&hasComment=true$/);
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).nth(0)).toContainText('Too expensive <b>for</b> what it does');
  await expect(items(page).nth(1)).toContainText('The checkout kept failing');
  await expect(page.locator('ul.keyboard-list b')).toHaveCount(0);
  // The filtered view survives a reload.
  await page.reload();
  await expect(items(page)).toHaveCount(2);
  await expect(page.getByLabel('Band')).toHaveValue('detractor');

  // The keyboard: Tab into the list (one stop), Down to the second, its focus shown, Enter opens it.
  await page.getByRole('button', { name: 'Apply' }).focus();
  await page.keyboard.press('Tab');
  await expect(items(page).nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items(page).nth(1)).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: '2 of 2' })).toBeAttached();
  const outline = await items(page).nth(1).evaluate((e) => getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) >= 2);
  expect(outline, 'the focused answer shows its focus').toBe(true);
  await page.keyboard.press('Enter');
  const id = ANSWERS[0]!.id;
  await expect(page).toHaveURL(`${studio.url}/studio/responses/shop/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NPS 2 · detractor · nps');
  // Focus lands on the answer's heading (the link that had it is gone), so Tab carries on in the answer.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await violations(page)).toEqual([]);

  // Assign to the publisher and close.
  await page.getByLabel('Assignee').selectOption({ label: 'publisher (publisher@shop.test)' });
  await page.getByLabel('Status').selectOption('closed');
  await page.getByRole('button', { name: 'Save status and assignee' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: the answer is closed.' })).toBeVisible();
  const stored = await studio.collector.storage.inbox.get('shop', id);
  const publisher = await studio.collector.storage.users.byEmail('publisher@shop.test');
  expect(stored).toMatchObject({ status: 'closed', assignee: publisher!.id });

  // The copied link opens the same answer in a new page.
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`${studio.url}/studio/responses/shop/${id}`);
  const colleague = await context.newPage();
  await colleague.goto(link);
  await expect(colleague.getByText('The checkout kept failing')).toBeVisible();
  await expect(colleague.getByLabel('Status')).toHaveValue('closed');
  await expect(colleague.getByLabel('Assignee')).toHaveValue(publisher!.id);
  await colleague.close();

  // The report's closed loop now counts it, and its link lists the three still open.
  expect(await closedLoop(page)).toMatch(/^1 of 4 detractor answers closed \(25 %\), median (\d+ min|1 h( \d+ min)?) to close\. The 3 still open, in the inbox$/);
  await page.getByRole('link', { name: 'The 3 still open, in the inbox' }).click();
  await expect(items(page)).toHaveCount(3);
  await expect(page.getByLabel('Status')).toHaveValue('open');
  expect(errors).toEqual([]);
});

test('axe-clean in forced colours and at a narrow width (list and answer); one column, nothing scrolls sideways', async ({ page }) => {
  await signIn(page, studio, 'viewer@shop.test');
  const id = ANSWERS[1]!.id;
  for (const path of ['/studio/responses?site=shop', `/studio/responses/shop/${id}`]) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${studio.url}${path}`);
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.locator('.inbox[data-loaded], .answer').first()).toBeVisible();
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await violations(page), `${path}, forced colours`).toEqual([]);
    await page.emulateMedia({ forcedColors: 'none' });
    // 1280 px at 400 % zoom is 320 CSS px.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await noSideways(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await violations(page), `${path}, narrow`).toEqual([]);
  }
  // The answer folds to one column: the follow-up under what was said.
  const said = await page.locator('section[aria-labelledby="a-given"]').boundingBox();
  const follow = await page.locator('form[aria-labelledby="a-follow"]').boundingBox();
  expect(follow!.y).toBeGreaterThan(said!.y + said!.height - 1);
  // A viewer's controls are disabled, with the reason.
  await expect(page.getByLabel('Status')).toBeDisabled();
  await expect(page.getByText('Changing an answer needs the editor role; you have viewer.')).toBeVisible();
});
