// Link surveys in real Chromium: the collector serves the built widget UI
// full-page (inline) at /s/:site/:survey; `?score=9` is recorded on open,
// the follow-up completes the same response; everything has channel 'link'.
import { expect, test, type Page } from '@playwright/test';
import { createCollector, type Collector, type Listening } from '../../packages/collector/dist/index.js';
import { answer } from './fixtures/sayso-collector.js';

let collector: Collector;
let server: Listening;
const SECRET = 'link-test-secret';

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

test('one-click ?score=9 is recorded on open; the follow-up completes the same response', async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${server.url}/s/demo/nps?score=9&a.campaign=nov-mail`);
  await expect(page.locator('body')).toHaveAttribute('data-recorded', /.+/);
  const id = await page.locator('body').getAttribute('data-recorded');
  await expect(page.getByRole('status')).toHaveText('Thank you, your answer is recorded. Anything to add?');
  await expect.poll(async () => (await stored()).map((r) => [r.id, r.score, r.channel, r.comment, r.attributes])).toEqual([[id, 9, 'link', null, { campaign: 'nov-mail' }]]);

  // The widget, inline and full-page: the person corrects to 10 and explains.
  await expect(page.getByText('How likely are you to recommend Acme?')).toBeVisible();
  await answer(page, /^10/, 'Great service');
  await expect.poll(async () => (await stored()).map((r) => [r.id, r.score, r.comment])).toEqual([[id, 10, 'Great service']]);
  // The tallies moved with the score: one answer, a 10.
  const res = await page.request.get(`${server.url}/v1/scores?segment=channel`, { headers: { authorization: `Bearer ${SECRET}` } });
  const body = (await res.json()) as { surveys: Array<{ total: { n: number; counts: number[] }; segments: Array<{ value: string; n: number }> }> };
  expect(body.surveys[0]!.total.n).toBe(1);
  expect(body.surveys[0]!.total.counts[10]).toBe(1);
  expect(body.surveys[0]!.segments).toEqual([expect.objectContaining({ value: 'link', n: 1 })]);
  // A second follow-up for the same response is refused: it was completed once.
  const again = await page.request.post(`${server.url}/s/demo/nps/follow-up`, { data: { id, score: 0, comment: 'changed my mind' } });
  expect(again.status()).toBe(409);
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

test('unknown surveys are 404; a score off the scale is not recorded', async ({ page }) => {
  expect((await page.request.get(`${server.url}/s/demo/nope`)).status()).toBe(404);
  const before = (await stored()).length;
  await page.goto(`${server.url}/s/demo/nps?score=11`);
  await expect(page.getByText('How likely are you to recommend Acme?')).toBeVisible();
  expect(await page.locator('body').getAttribute('data-recorded')).toBeNull();
  expect((await stored()).length).toBe(before);
});
