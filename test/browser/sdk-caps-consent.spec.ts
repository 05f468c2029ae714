// Frequency caps and consent in real Chromium with a real collector: caps
// hold across reloads and, for signed identified users, across devices
// (two browser contexts); consent gates storage, sending and showing.
import { expect, test, type Page } from '@playwright/test';
import { answer } from './fixtures/sayso-collector.js';
import { nps, snippetPage } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const env = sdkServers();

const QUESTION = 'How likely are you to recommend us?';
const saysoKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sayso')));
const events = (page: Page) => page.evaluate(() => (window as { __events?: string[] }).__events ?? []);

test('caps hold across reloads: a dismissed survey and the global cooldown keep quiet', async ({ page }) => {
  env.s.page('/caps.html', snippetPage({ site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps(), nps({ id: 'csat', kind: 'csat', question: 'How satisfied are you?', priority: -1 })] }));
  await page.goto(`${env.s.url}/caps.html`);
  await expect(page.getByText(QUESTION)).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).first().click();
  await expect(page.locator('sayso-widget')).toHaveCount(0);
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await page.waitForFunction(() => ((window as { __events?: string[] }).__events ?? []).includes('ready'));
    await page.waitForTimeout(1000);
    // Neither the dismissed NPS (7-day cooldown) nor the CSAT (14-day global cooldown) shows.
    await expect(page.locator('sayso-widget')).toHaveCount(0);
    expect(await events(page)).not.toContain('show');
  }
  // The display and the dismissal reached the collector as events.
  await expect.poll(async () => (await env.c.counts()).events, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  // Proof that it was the stored history: without it (and in a new session) the survey shows again.
  await page.evaluate(() => {
    Object.keys(localStorage).filter((k) => k.startsWith('sayso.h.')).forEach((k) => localStorage.removeItem(k));
    sessionStorage.clear();
  });
  await page.reload();
  await expect(page.getByText(QUESTION)).toBeVisible();
});

test('caps hold across devices for a signed identified user', async ({ browser }) => {
  const userId = `user-${Date.now()}`;
  const signature = env.c.sign(userId);
  env.s.page(
    '/device.html',
    snippetPage(
      { site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps({ id: 'xdevice' })] },
      { head: `<script>sayso('identify', ${JSON.stringify(userId)}, { plan: 'pro' }, { signature: ${JSON.stringify(signature)} });</script>` },
    ),
  );
  const laptop = await browser.newContext();
  const a = await laptop.newPage();
  await a.goto(`${env.s.url}/device.html`);
  await expect(a.getByText(QUESTION)).toBeVisible();
  await answer(a, /^9/);
  await expect.poll(async () => (await env.c.responses()).filter((r) => r.userId === userId).length, { timeout: 15_000 }).toBe(1);
  await laptop.close();

  // A phone: a fresh browser with no local history; the collector's history says "answered".
  const phone = await browser.newContext();
  const b = await phone.newPage();
  await b.goto(`${env.s.url}/device.html`);
  await b.waitForFunction(() => ((window as { __events?: string[] }).__events ?? []).includes('ready'));
  await b.waitForTimeout(1500);
  await expect(b.locator('sayso-widget')).toHaveCount(0);
  await phone.close();

  // A different user on the same phone setup is not blocked.
  const other = await browser.newContext();
  const o = await other.newPage();
  env.s.page('/device2.html', snippetPage({ site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps({ id: 'xdevice' })] }, { head: `<script>sayso('identify', 'someone-else', {}, { signature: ${JSON.stringify(env.c.sign('someone-else'))} });</script>` }));
  await o.goto(`${env.s.url}/device2.html`);
  await expect(o.getByText(QUESTION)).toBeVisible();
  await other.close();
});

test('consent pending: nothing stored, sent or shown until granted; denied clears', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => r.url().startsWith(env.c.url) && requests.push(r.url()));
  // Remote config is on: not even that request may leave before consent.
  env.s.page('/consent.html', snippetPage({ site: 'demo', endpoint: env.c.url, consent: 'pending', surveys: [nps({ id: 'consented' })] }));
  await page.goto(`${env.s.url}/consent.html`);
  await page.waitForFunction(() => (window as { sayso?: { v?: number } }).sayso?.v === 1);
  await page.waitForTimeout(2000);
  await expect(page.locator('sayso-widget')).toHaveCount(0);
  expect(await saysoKeys(page)).toEqual([]);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(requests).toEqual([]);

  await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('consent', 'granted'));
  await expect(page.getByText(QUESTION)).toBeVisible();
  expect(requests.some((u) => u.includes('/v1/sites/demo/surveys'))).toBe(true);
  await answer(page, /^6/);
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('consented');
  expect(await saysoKeys(page)).toContain('sayso.aid');

  await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('consent', 'denied'));
  await expect.poll(() => saysoKeys(page)).toEqual([]);
  expect(await page.evaluate(() => document.cookie)).toBe('');
});
