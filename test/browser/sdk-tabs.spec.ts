// The thank-you tells the truth in every tab: an answer given in a tab that
// is not the site's sender is delivered by the sender tab, which reports the
// ids back over BroadcastChannel, so the answering tab says "sent", not
// "saved, will be sent when you are back online". Real Chromium, real collector.
import { expect, test } from '@playwright/test';
import { answer } from './fixtures/sayso-collector.js';
import { nps, snippetPage } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const env = sdkServers();

test('an answer in a tab that is not the sender is delivered by the sender tab, and its thank-you says so', async ({ context }) => {
  const config = (id: string) => ({ site: 'demo', endpoint: env.c.url, remoteConfig: false, cooldownDays: 0, surveys: [nps({ id })] });
  env.s.page('/tab-a.html', snippetPage(config('tab-a')));
  env.s.page('/tab-b.html', snippetPage(config('tab-b')));

  // Tab A answers first: its delivery starts and takes the site's Web Lock, so it is the sender.
  const a = await context.newPage();
  await a.goto(`${env.s.url}/tab-a.html`);
  await answer(a, /^9/);
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('tab-a');

  // Tab B (same site, still open A) queues its answer; A sends it.
  const b = await context.newPage();
  await b.goto(`${env.s.url}/tab-b.html`);
  const sent: string[] = [];
  b.on('request', (r) => r.method() === 'POST' && sent.push(r.url()));
  await answer(b, /^3/); // resolves once the thank-you shows, which waits up to 2 s for a delivery report
  expect(await b.evaluate(() => (window as { __events?: string[] }).__events)).toContain('delivered');
  await expect(b.locator('sayso-widget [part=offline]')).toHaveCount(0);
  await expect(b.locator('sayso-widget p.sr')).toHaveText('Thank you for your feedback!');
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('tab-b');
  expect(sent).toEqual([]); // B did not send: the sender tab did
});
