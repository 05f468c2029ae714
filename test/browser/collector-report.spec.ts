// The collector's report, a section of the studio, in real Chromium: the old
// /report address redirects to /studio/report behind the studio's sign-in
// (an HttpOnly SameSite=Strict session cookie), uPlot charts from the
// studio's own chunk, comments inserted as text, segments, export links
// that download, axe clean with the keyboard's focus visible, sign-out, and
// a busy collector said in the card.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PASSWORD, signIn, startStudio, violations, watchErrors, type Studio } from './fixtures/studio.js';

let studio: Studio;

test.beforeAll(async () => {
  studio = await startStudio([
    {
      id: 'demo',
      origins: [],
      segments: ['plan', 'country'],
      surveys: [
        { id: 'nps', kind: 'nps', question: 'How likely are you to recommend Acme?' },
        { id: 'csat', kind: 'csat', question: 'How satisfied are you with checkout?', scale: { min: 1, max: 5, style: 'stars' } },
        { id: 'upgrade-ces', kind: 'ces', question: 'Upgrading was easy.' },
      ],
    },
  ]);
  // The same synthetic data as `pnpm start -- --demo-data`, fixed to a date.
  const { seedDemoData } = await import('../../packages/collector/src/demo.js');
  await seedDemoData(studio.collector.storage as never, 'demo', 3000, Date.parse('2026-11-20T12:00:00Z'));
  // Markup in a comment, to check it shows as text (the demo's comments are plain sentences).
  const base = { kind: 'nps', score: 6, scale: [0, 10], anonymousId: 'markup', attributes: { plan: 'pro' }, page: { url: 'http://localhost/' }, locale: 'en', channel: 'web' } as const;
  await studio.collector.storage.ingest('demo', { responses: [{ ...base, id: '0193a1b2-0000-7000-8000-000000000001', surveyId: 'nps', scale: [0, 10], createdAt: '2026-11-20T11:00:00.000Z', comment: '<b>bold?</b> "quotes" & ampersands stay text' }], events: [] }, ['plan', 'country']);
});
test.afterAll(() => studio.close());

/** Presses Tab until `target` has focus, each stop showing its focus (an outline of 2 px or more), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return '';
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? '' : e.outerHTML.slice(0, 120);
    });
    expect(hidden, 'every focus stop shows its focus').toBe('');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Opens the report on the demo's 90 days, `segment` chosen. */
async function range(page: Page, segment = ''): Promise<void> {
  await page.getByLabel('From').fill('2026-08-23');
  await page.getByLabel('To').fill('2026-11-20');
  if (segment) await page.getByLabel('Segment').selectOption(segment);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('section[data-survey="nps"] .head .muted')).toContainText('response rate');
}

test('the old /report needs a studio sign-in now: it redirects there, keeping the site; a wrong password is refused', async ({ page, request }) => {
  expect((await request.get(`${studio.url}/v1/scores`)).status()).toBe(401);
  const old = await request.get(`${studio.url}/report?site=demo`, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  expect(old.headers().location).toBe('/studio/report?site=demo');
  await page.goto(`${studio.url}/report?site=demo`);
  await expect(page).toHaveURL(`${studio.url}/studio/report?site=demo`);
  await page.getByLabel('Email').fill('viewer@shop.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
  expect(await page.context().cookies()).toEqual([]);
  // The right one opens the report the link named.
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { name: 'Report', level: 1 })).toBeVisible();
  await expect(page.locator('section[data-survey="nps"]')).toBeVisible();
});

test('signed in: scores with intervals, trend band and distribution charts, escaped comments, segments, export', async ({ page }) => {
  const errors = watchErrors(page);
  const external: string[] = [];
  page.on('request', (r) => !r.url().startsWith(studio.url) && external.push(r.url()));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signIn(page, studio, 'viewer@shop.test');
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: 'sayso_studio', httpOnly: true, sameSite: 'Strict' });
  await page.getByRole('link', { name: 'Report' }).click();
  await range(page, 'plan');

  const nps = page.locator('section[data-survey="nps"]');
  await expect(nps.locator('h2')).toHaveText('NPS · nps');
  await expect(nps).toContainText('95 % interval');
  await expect(nps).toContainText('response rate');
  // uPlot drew both charts (canvas) with its legend, from the studio's own chunk and stylesheet.
  await expect(nps.locator('.uplot')).toHaveCount(2);
  await expect(nps.locator('canvas')).toHaveCount(2);
  // uPlot's own rules (joined into the studio's stylesheet) apply: its legend is centred.
  await expect(nps.locator('.u-legend').first()).toHaveCSS('text-align', 'center');
  await expect(page.locator('section.survey')).toHaveCount(3);
  // Segment rows for each plan.
  await expect(nps.locator('table.segments tbody tr')).toHaveCount(3);
  await expect(nps.locator('table.segments')).toContainText('enterprise');
  // A comment with markup shows as text: no <b> element was created.
  const markup = page.locator('ul.comments li', { hasText: '<b>bold?</b>' }).first();
  await expect(markup).toBeVisible();
  expect(await page.locator('ul.comments b').count()).toBe(0);
  // Export links carry the range; the cookie authorises the download.
  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toContain('format=csv');
  expect(href).toContain('from=2026-08-23');
  const download = await page.request.get(`${studio.url}${href}`);
  expect(download.status()).toBe(200);
  expect((await download.text()).split('\r\n')[0]).toContain('"id","surveyId"');
  expect(external).toEqual([]);
  expect(errors).toEqual([]);
});

test('the report with the keyboard: filters by Tab and typing, Enter applies, focus always shown; axe clean, in forced colours too', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signIn(page, studio, 'viewer@shop.test');
  await page.goto(`${studio.url}/studio/report`);
  await expect(page.locator('section[data-survey="nps"]')).toBeVisible();
  await tabTo(page, page.getByLabel('From'));
  await page.keyboard.type('08232026');
  await expect(page.getByLabel('From')).toHaveValue('2026-08-23');
  await tabTo(page, page.getByLabel('To'));
  await page.keyboard.type('11202026');
  await expect(page.getByLabel('To')).toHaveValue('2026-11-20');
  await tabTo(page, page.getByLabel('Segment'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Segment')).toHaveValue('channel');
  await tabTo(page, page.getByRole('button', { name: 'Apply' }));
  await page.keyboard.press('Enter');
  const nps = page.locator('section[data-survey="nps"]');
  await expect(nps.locator('table.segments')).toContainText('link');
  // A scrolling list of comments is reached by Tab (it is focusable, and named).
  const comments = nps.getByRole('list', { name: 'Latest comments: nps' });
  await comments.focus();
  await expect(comments).toBeFocused();
  await expect(page.getByText('Loading insights…')).toHaveCount(0);
  await expect(nps.locator('ul.comments li strong').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await violations(page)).toEqual([]);
});

test('sign-out ends the session', async ({ page }) => {
  await signIn(page, studio, 'viewer@shop.test');
  await page.getByRole('link', { name: 'Report' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  expect((await page.request.get(`${studio.url}/v1/scores`)).status()).toBe(401);
});

test('a busy collector (503 on the comments) is said in the card, not thrown into the page', async ({ page }) => {
  const errors = watchErrors(page);
  // The read gate's own answer, as a crowd of reads would get it.
  await page.route('**/v1/comments?*', (r) => r.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '1' }, body: '{"error":"busy: too many reads at once, retry shortly"}' }));
  await signIn(page, studio, 'viewer@shop.test');
  await page.goto(`${studio.url}/studio/report?survey=nps`);
  // A few tries a second apart, then the card says so.
  await expect(page.locator('ul.comments li.error').first()).toHaveText('Could not load comments: the collector is busy; reload in a moment', { timeout: 20_000 });
  expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
});

test('at 400 % zoom (320 CSS px) the report with its cards, tables and insights reads in one column without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, studio, 'viewer@shop.test');
  await page.goto(`${studio.url}/studio/report`);
  await range(page, 'plan');
  const nps = page.locator('section[data-survey="nps"]');
  await expect(nps.locator('canvas')).toHaveCount(2);
  await expect(nps.locator('section.insights table.impact').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The charts take the width their column has (polled: a chart is redrawn, so briefly detached, while its card settles).
  const right = async () => {
    const box = await nps.locator('.uplot').first().boundingBox();
    return box ? box.x + box.width : Infinity;
  };
  await expect.poll(right).toBeLessThanOrEqual(320);
  // A table wider than the column scrolls in its own box, which the keyboard reaches (a named Tab stop) and scrolls.
  const split = nps.getByRole('region', { name: 'By plan: nps' });
  expect(await split.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await split.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => split.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  await expect(page.getByText('Loading insights…')).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
});
