// The collector's report in real Chromium: sign-in with the secret, an
// HttpOnly SameSite=Strict session cookie, uPlot charts from the collector's
// own copy of uPlot, comments inserted as text, segments and export links.
// Also writes the screenshot shown in packages/collector/README.md.
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { createCollector, type Collector, type Listening } from '../../packages/collector/dist/index.js';

const SECRET = 'report-test-secret-0123456789abcdefgh';
let collector: Collector;
let server: Listening;

test.beforeAll(async () => {
  collector = await createCollector({
    config: {
      secret: SECRET,
      sites: [
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
      ],
    },
    logLevel: 'silent',
    sdkDir: false,
    examplesDir: false,
  });
  // The same synthetic data as `pnpm start -- --demo-data`, fixed to a date so the screenshot is stable.
  const { seedDemoData } = await import('../../packages/collector/src/demo.js');
  await seedDemoData(collector.storage, 'demo', 3000, Date.parse('2026-11-20T12:00:00Z'));
  // Markup in a comment, to check it shows as text (the demo's comments are plain sentences).
  const base = { kind: 'nps', score: 6, scale: [0, 10], anonymousId: 'markup', attributes: { plan: 'pro' }, page: { url: 'http://localhost/' }, locale: 'en', channel: 'web' } as const;
  await collector.storage.ingest('demo', { responses: [{ ...base, id: '0193a1b2-0000-7000-8000-000000000001', surveyId: 'nps', scale: [0, 10], createdAt: '2026-11-20T11:00:00.000Z', comment: '<b>bold?</b> "quotes" & ampersands stay text' }], events: [] }, ['plan', 'country']);
  server = await collector.listen({ port: 0 });
});
test.afterAll(() => collector.close());

test('the report needs the secret; a wrong one is refused', async ({ page, request }) => {
  expect((await request.get(`${server.url}/v1/scores`)).status()).toBe(401);
  await page.goto(`${server.url}/report`);
  await page.getByLabel('Secret').fill('not-the-secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not the secret.');
  expect(await page.context().cookies()).toEqual([]);
});

test('signed in: scores with intervals, trend band and distribution charts, escaped comments, segments, export', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const external: string[] = [];
  page.on('request', (r) => !r.url().startsWith(server.url) && external.push(r.url()));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}/report`);
  await page.getByLabel('Secret').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: 'sayso_session', httpOnly: true, sameSite: 'Strict' });

  await page.getByLabel('From').fill('2026-08-23');
  await page.getByLabel('To').fill('2026-11-20');
  await page.getByLabel('Segment').selectOption('plan');
  await page.getByRole('button', { name: 'Apply' }).click();
  const nps = page.locator('section[data-survey="nps"]');
  await expect(nps.locator('h2')).toHaveText('NPS · nps');
  await expect(nps).toContainText('95 % interval');
  await expect(nps).toContainText('response rate');
  // uPlot drew both charts (canvas) with its legend, from /report/assets/.
  await expect(nps.locator('.uplot')).toHaveCount(2);
  await expect(nps.locator('canvas')).toHaveCount(2);
  await expect(page.locator('section.survey')).toHaveCount(3);
  // Segment rows for each plan.
  await expect(nps.locator('table.segments tbody tr')).toHaveCount(3);
  await expect(nps.locator('table.segments')).toContainText('enterprise');
  // A comment with markup shows as text: no <b> element was created.
  const markup = page.locator('ul.comments li', { hasText: '<b>bold?</b>' }).first();
  await expect(markup).toBeVisible();
  expect(await page.locator('ul.comments b').count()).toBe(0);
  // Export links carry the range; the cookie authorises the download.
  const href = await page.locator('#export-csv').getAttribute('href');
  expect(href).toContain('format=csv');
  expect(href).toContain('from=2026-08-23');
  const download = await page.request.get(`${server.url}${href}`);
  expect(download.status()).toBe(200);
  expect((await download.text()).split('\r\n')[0]).toContain('"id","surveyId"');
  expect(external).toEqual([]);
  expect(errors).toEqual([]);
  await page.screenshot({ path: fileURLToPath(new URL('../../packages/collector/docs/report.png', import.meta.url)), fullPage: false });
});

test('sign-out ends the session', async ({ page }) => {
  await page.goto(`${server.url}/report`);
  await page.getByLabel('Secret').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Secret')).toBeVisible();
  expect((await page.request.get(`${server.url}/v1/scores`)).status()).toBe(401);
});

test('a busy collector (503 on the comments) is said in the card, not thrown into the page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The read gate's own answer, as a crowd of reads would get it.
  await page.route('**/v1/comments?*', (r) => r.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '1' }, body: '{"error":"busy: too many reads at once, retry shortly"}' }));
  await page.goto(`${server.url}/report`);
  await page.getByLabel('Secret').fill(SECRET);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('ul.comments li.error').first()).toHaveText('Could not load comments (the collector is busy; reload in a moment).');
  expect(errors).toEqual([]);
});
