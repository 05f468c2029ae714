// Link surveys in real Chromium: the collector serves the built widget UI
// full-page (inline) at /s/:site/:survey; `?score=9` is recorded on open and
// the page opens at the follow-up (MountOptions.initialScore), whose answer
// completes the same response; everything has channel 'link'.
import { expect, test, type Page } from '@playwright/test';
import { createCollector, type Collector, type Listening } from '../../packages/collector/dist/index.js';
import { answer } from './fixtures/sayso-collector.js';

let collector: Collector;
let server: Listening;
const SECRET = 'link-test-secret-0123456789abcdefghij';

test.beforeAll(async () => {
  collector = await createCollector({
    config: {
      secret: SECRET,
      sites: [
        {
          id: 'demo',
          origins: [],
          surveys: [
            { id: 'nps', kind: 'nps', question: 'How likely are you to recommend Acme?', followUp: [{ question: 'What is the main reason for your score?' }] },
            {
              id: 'nps-detractors',
              kind: 'nps',
              question: 'How likely are you to recommend Acme Mail?',
              followUp: [{ question: 'What went wrong?', bands: ['detractor'] }],
            },
          ],
        },
      ],
    },
    logLevel: 'silent',
    examplesDir: false,
  });
  server = await collector.listen({ port: 0 });
});
test.afterAll(() => collector.close());

async function stored() {
  const rows = [];
  for await (const r of collector.storage.exportResponses({ site: 'demo', from: '2000-01-01', to: '2999-12-31' })) rows.push(r);
  return rows;
}

function watch(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  return problems;
}

test('one-click ?score=9 is recorded on open; the page opens at the follow-up, which completes the same response', async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${server.url}/s/demo/nps?score=9&a.campaign=nov-mail`);
  await expect(page.locator('body')).toHaveAttribute('data-recorded', /.+/);
  const id = await page.locator('body').getAttribute('data-recorded');
  await expect(page.getByRole('status')).toHaveText('Thank you, your answer is recorded. Anything to add?');
  await expect.poll(async () => (await stored()).map((r) => [r.id, r.score, r.channel, r.comment, r.attributes])).toEqual([[id, 9, 'link', null, { campaign: 'nov-mail' }]]);

  // The widget, inline and full-page, opens at the follow-up: the score is not asked again.
  const followUp = page.getByRole('textbox', { name: 'What is the main reason for your score?' });
  await expect(followUp).toBeVisible();
  await expect(followUp).toBeFocused();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('radiogroup')).toHaveCount(0);
  await expect(page.getByText('How likely are you to recommend Acme?')).toHaveCount(0);
  await followUp.fill('Great service');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByText('Thank you for your feedback!').first().waitFor();
  // The same response, with the original score and the comment.
  await expect.poll(async () => (await stored()).map((r) => [r.id, r.score, r.channel, r.comment])).toEqual([[id, 9, 'link', 'Great service']]);
  // Counted once, as a 9.
  const res = await page.request.get(`${server.url}/v1/scores?segment=channel`, { headers: { authorization: `Bearer ${SECRET}` } });
  const body = (await res.json()) as { surveys: Array<{ total: { n: number; counts: number[] }; segments: Array<{ value: string; n: number }> }> };
  const nps = body.surveys[0]!;
  expect(nps.total.n).toBe(1);
  expect(nps.total.counts[9]).toBe(1);
  expect(nps.total.counts.reduce((a, b) => a + b, 0)).toBe(1);
  expect(nps.segments).toEqual([expect.objectContaining({ value: 'link', n: 1 })]);
  // A second follow-up for the same response is refused: it was completed once.
  const again = await page.request.post(`${server.url}/s/demo/nps/follow-up`, { data: { id, score: 0, comment: 'changed my mind' } });
  expect(again.status()).toBe(409);
  expect(problems).toEqual([]);
});

test('one-click score with no follow-up for its band: thanks at once, one response, counted once', async ({ page }) => {
  const problems = watch(page);
  const before = (await stored()).length;
  await page.goto(`${server.url}/s/demo/nps-detractors?score=10`);
  await expect(page.getByText('Thank you for your feedback!').first()).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-submitted', 'true');
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  const id = await page.locator('body').getAttribute('data-recorded');
  await expect.poll(async () => (await stored()).filter((r) => r.surveyId === 'nps-detractors').map((r) => [r.id, r.score, r.channel])).toEqual([[id, 10, 'link']]);
  expect((await stored()).length).toBe(before + 1);
  // The card's one submit went to that same response: still counted once, as a 10.
  const res = await page.request.get(`${server.url}/v1/scores?survey=nps-detractors`, { headers: { authorization: `Bearer ${SECRET}` } });
  const body = (await res.json()) as { surveys: Array<{ surveyId: string; total: { n: number; counts: number[] } }> };
  const tally = body.surveys.find((x) => x.surveyId === 'nps-detractors')!;
  expect(tally.total.n).toBe(1);
  expect(tally.total.counts[10]).toBe(1);
  expect(problems).toEqual([]);
});

test('a follow-up the collector refuses (already given) says so on the page; the score stays recorded once', async ({ page }) => {
  await page.goto(`${server.url}/s/demo/nps?score=3`);
  await expect(page.locator('body')).toHaveAttribute('data-recorded', /.+/);
  const id = await page.locator('body').getAttribute('data-recorded');
  // Another tab (or a replayed request) completes the response first.
  expect((await page.request.post(`${server.url}/s/demo/nps/follow-up`, { data: { id, score: 3, comment: 'from elsewhere' } })).status()).toBe(200);
  await page.getByRole('textbox', { name: 'What is the main reason for your score?' }).fill('second try');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('status').first()).toHaveText(/^Your score is recorded; this follow-up was not: this response already has its follow-up/);
  await expect.poll(async () => (await stored()).filter((r) => r.id === id).map((r) => [r.score, r.comment])).toEqual([[3, 'from elsewhere']]);
});

test('reloading a one-click link counts the click once; the follow-up still completes that response', async ({ page }) => {
  const problems = watch(page);
  const before = (await stored()).length;
  await page.goto(`${server.url}/s/demo/nps?score=7&a.campaign=reload`);
  await expect(page.locator('body')).toHaveAttribute('data-recorded', /.+/);
  const id = await page.locator('body').getAttribute('data-recorded');
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-recorded', id!);
  await page.locator('sayso-widget textarea').fill('Fast, but pricey');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-submitted', 'true');
  const rows = (await stored()).filter((r) => r.attributes?.campaign === 'reload');
  expect(rows.map((r) => [r.id, r.score, r.comment])).toEqual([[id, 7, 'Fast, but pricey']]);
  expect((await stored()).length).toBe(before + 1);
  expect(problems).toEqual([]);
});

test('without a score the page asks, and the answer is stored with channel link', async ({ page }) => {
  const problems = watch(page);
  const before = (await stored()).length;
  await page.goto(`${server.url}/s/demo/nps`);
  await expect(page.getByText('How likely are you to recommend Acme?')).toBeVisible();
  expect((await stored()).length).toBe(before);
  await answer(page, /^6/, 'Too slow');
  await expect.poll(async () => (await stored()).filter((r) => r.comment === 'Too slow').map((r) => [r.score, r.channel])).toEqual([[6, 'link']]);
  expect(problems).toEqual([]);
});

test('unknown surveys are 404; a score off the scale is a 400 page naming it, and nothing is recorded', async ({ page }) => {
  expect((await page.request.get(`${server.url}/s/demo/nope`)).status()).toBe(404);
  const before = (await stored()).length;
  const res = await page.goto(`${server.url}/s/demo/nps?score=11`);
  expect(res?.status()).toBe(400);
  await expect(page.locator('code')).toHaveText('score');
  expect((await stored()).length).toBe(before);
});
