// The always-loaded sayso.js and its lazily loaded engine (sayso-engine.js:
// parseSurvey and delivery), in real Chromium with a real collector: a
// browser loads the engine to validate a config once, a page with nothing to
// send and nothing to show never loads it, records left by an earlier page
// make the next page load it and deliver them, and consent('denied') purges
// queued records without sending them.
import { expect, test, type Page } from '@playwright/test';
import { answer } from './fixtures/sayso-collector.js';
import { nps, snippetPage } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

// Remote config: one survey that shows only on an event.
const env = sdkServers([nps({ id: 'on-event', triggers: [{ type: 'event', name: 'bought' }] })]);

const ENGINE = '/sayso-engine.js';
/** Paths of the chunks (engine, UI) and collector calls the page makes from now on. */
function watch(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith(ENGINE) || u.pathname.endsWith('/sayso-ui.js')) seen.push(u.pathname.slice(u.pathname.lastIndexOf('/')));
    else if (u.origin === env.c.url) seen.push(`${r.method()} ${u.pathname}`);
  });
  return seen;
}
const ready = (page: Page) => page.waitForFunction(() => (window as { __events?: string[] }).__events?.includes('ready'));
const sayso = (page: Page, ...args: unknown[]) => page.evaluate((a) => (window as unknown as { sayso: (...x: unknown[]) => unknown }).sayso(...a), args);
/** Records in the site's IndexedDB queue (`sayso-demo`, store `q`). */
const queued = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sayso-demo', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('q');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const r = open.result.transaction('q').objectStore('q').count();
          r.onsuccess = () => (open.result.close(), resolve(r.result));
        };
      }),
  );

test('the engine loads to validate a config once; later pages with nothing to send or show never load it', async ({ page }) => {
  env.s.page('/once.html', snippetPage({ site: 'demo', endpoint: env.c.url }));
  let seen = watch(page);
  await page.goto(`${env.s.url}/once.html`);
  await ready(page);
  expect(seen).toContain(ENGINE); // first sight of this config: validated by parseSurvey

  await page.close();
  page = await page.context().newPage();
  seen = watch(page);
  const revalidations: Array<{ ifNoneMatch: string | undefined; bodyBytes: number }> = [];
  page.on('requestfinished', (r) => {
    if (!r.url().endsWith('/v1/sites/demo/surveys')) return;
    // Chromium hands the page (and Playwright) the cached 200 after a 304; the empty body on the wire is the 304.
    void Promise.all([r.allHeaders(), r.sizes()]).then(([h, sizes]) => revalidations.push({ ifNoneMatch: h['if-none-match'], bodyBytes: sizes.responseBodySize }));
  });
  await page.goto(`${env.s.url}/once.html`);
  await ready(page);
  await page.waitForTimeout(1500); // idle callbacks and timers have run
  expect(seen).not.toContain(ENGINE); // the kept verdict reused
  // One round trip for the config: the browser's cache revalidates it (its own If-None-Match, a 304), so the
  // request stays simple: no CORS preflight.
  expect(seen.filter((x) => x.includes('/v1/sites/demo/surveys'))).toEqual(['GET /v1/sites/demo/surveys']);
  expect(revalidations).toEqual([{ ifNoneMatch: expect.stringMatching(/^".+"$/), bodyBytes: 0 }]);

  // A survey about to show brings the engine: its answer must be kept.
  await sayso(page, 'track', 'bought');
  await expect(page.getByText('How likely are you to recommend us?')).toBeVisible();
  expect(seen).toContain(ENGINE);
  await answer(page, /^9/);
  await expect.poll(async () => (await env.c.responses()).filter((r) => r.surveyId === 'on-event').length, { timeout: 15_000 }).toBe(1);
});

test('records left by an earlier page make the next page load the engine and deliver them, once', async ({ page, context }) => {
  const config = { site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps({ id: 'left-behind' })] };
  env.s.page('/left.html', snippetPage(config));
  // The collector is unreachable while the first page is open.
  await context.route(`${env.c.url}/v1/responses`, (route) => route.abort('connectionrefused'));
  await page.goto(`${env.s.url}/left.html`);
  await answer(page, /^4/);
  await expect.poll(() => queued(page)).toBeGreaterThan(0);
  await page.close();
  await context.unroute(`${env.c.url}/v1/responses`);

  // Next visit: a page with no survey to show; only the pending mark brings the engine.
  env.s.page('/quiet.html', snippetPage({ site: 'demo', endpoint: env.c.url, remoteConfig: false }));
  page = await context.newPage();
  let seen = watch(page);
  await page.goto(`${env.s.url}/quiet.html`);
  await expect.poll(() => env.c.responses().then((r) => r.filter((x) => x.surveyId === 'left-behind').length), { timeout: 15_000 }).toBe(1);
  expect(seen).toContain(ENGINE);
  expect(seen).not.toContain('/sayso-ui.js');
  await expect.poll(() => queued(page)).toBe(0);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sayso.p'))).toBeNull();

  // Delivered and settled: the page after that loads no engine.
  await page.close();
  page = await context.newPage();
  seen = watch(page);
  await page.goto(`${env.s.url}/quiet.html`);
  await ready(page);
  await page.waitForTimeout(1500);
  expect(seen).not.toContain(ENGINE);
  expect((await env.c.responses()).filter((x) => x.surveyId === 'left-behind')).toHaveLength(1);
});

test("consent('denied') on a later page purges queued records without sending them", async ({ page, context }) => {
  // A collector that never answers (nothing listens on port 9): the records stay queued, even through the unload beacon.
  const endpoint = 'http://127.0.0.1:9';
  env.s.page('/deny-1.html', snippetPage({ site: 'demo', endpoint, remoteConfig: false, surveys: [nps({ id: 'to-forget' })] }));
  await page.goto(`${env.s.url}/deny-1.html`);
  await answer(page, /^2/);
  await expect.poll(() => queued(page)).toBeGreaterThan(0);
  await page.close();

  env.s.page('/deny-2.html', snippetPage({ site: 'demo', endpoint, remoteConfig: false, consent: 'denied' }));
  page = await context.newPage();
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.goto(`${env.s.url}/deny-2.html`);
  await expect.poll(() => queued(page)).toBe(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sayso')))).toEqual([]);
  await page.waitForTimeout(1000);
  expect(posts).toEqual([]);
});
