// `window.sayso` already taken, in real Chromium with a real collector. An
// element with id="sayso" (a named-access global) is shadowed and sayso
// works. Another script's own `window.sayso` is left as it is, the console
// says E_GLOBAL_TAKEN and nothing is thrown into the page; the plain script
// tag still starts from data-site. The snippet's last argument, or
// `data-sayso-global` on the plain script tag, names another global.
import { expect, test, type Page } from '@playwright/test';
import { answer } from './fixtures/sayso-collector.js';
import { SDK_PATH, snippet } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const QUESTION = 'How likely are you to recommend our globals?';
const env = sdkServers([{ id: 'global', kind: 'nps', question: QUESTION, triggers: [{ type: 'manual' }] }]);
test.beforeAll(() => env.s.page('/favicon.ico', { body: '', type: 'image/x-icon' }));

// Another library that owns window.sayso, as a page would have loaded it before sayso.
const LIBRARY = `<script>window.sayso = { library: 'theirs', calls: 0, track: function () { this.calls++; } };</script>`;
const page_ = (head: string, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>global</title>${head}</head>
<body><h1>Taken</h1><button type="button" data-sayso-survey="global">Rate us</button>${body}</body></html>`;
const config = () => JSON.stringify({ site: 'demo', endpoint: env.c.url });

/** Page errors and console messages, as they come. */
function watch(page: Page) {
  const thrown: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => thrown.push(e.message));
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  return { thrown, consoleErrors };
}

const stored = async () => (await env.c.responses()).filter((r) => r.surveyId == 'global').length;

async function rateAndStore(page: Page) {
  const before = await stored();
  await page.getByRole('button', { name: 'Rate us' }).click();
  await expect(page.getByText(QUESTION)).toBeVisible();
  await answer(page, /^6/);
  await expect.poll(stored, { timeout: 15_000 }).toBe(before + 1);
}

test('an element with id="sayso": the snippet takes the global over it, init works, the element stays reachable', async ({ page }) => {
  // The element comes first, so `window.sayso` is it when the snippet runs.
  env.s.page('/element.html', page_('', `<div id="sayso">our own sayso box</div><script>${snippet()}\nsayso('init', ${config()});</script>`));
  const seen = watch(page);
  await page.goto(`${env.s.url}/element.html`);
  await page.waitForFunction(() => (window as { sayso?: { v?: number } }).sayso?.v === 1);
  await rateAndStore(page);
  expect(await page.evaluate(() => document.getElementById('sayso')?.textContent)).toBe('our own sayso box');
  expect(seen).toEqual({ thrown: [], consoleErrors: [] });
});

test("another library's window.sayso and the snippet: left alone, E_GLOBAL_TAKEN on the console, nothing thrown", async ({ page }) => {
  // The page's own call goes to the library, as the library's global is what `sayso` names.
  env.s.page('/library-snippet.html', page_(`${LIBRARY}<script>${snippet()}\nsayso.track('still theirs');</script>`));
  const seen = watch(page);
  await page.goto(`${env.s.url}/library-snippet.html`);
  await expect.poll(() => seen.consoleErrors).toEqual(['sayso: E_GLOBAL_TAKEN sayso']);
  expect(await page.evaluate(() => (window as unknown as { sayso: { library: string; calls: number } }).sayso)).toMatchObject({ library: 'theirs', calls: 1 });
  // No SDK was requested for a global that is not sayso's.
  expect(await page.locator(`script[src$="sayso.js"]`).count()).toBe(0);
  expect(seen.thrown).toEqual([]);
});

test("the snippet's last argument names another global; the library keeps window.sayso", async ({ page }) => {
  env.s.page(
    '/library-named.html',
    page_(`${LIBRARY}<script>${snippet().replace(/"sayso"\);\s*$/, '"feedback");')}\nfeedback('init', ${config()});</script>`),
  );
  const seen = watch(page);
  await page.goto(`${env.s.url}/library-named.html`);
  await page.waitForFunction(() => (window as { feedback?: { v?: number } }).feedback?.v === 1);
  await rateAndStore(page);
  expect(await page.evaluate(() => (window as unknown as { sayso: { library: string } }).sayso.library)).toBe('theirs');
  expect(seen).toEqual({ thrown: [], consoleErrors: [] });
});

test("a plain script tag over another library's window.sayso: left alone, reported, and sayso still runs from data-site", async ({ page }) => {
  env.s.page('/library-tag.html', page_(`${LIBRARY}<script src="${SDK_PATH}" data-site="demo" data-endpoint="${env.c.url}"></script>`));
  const seen = watch(page);
  await page.goto(`${env.s.url}/library-tag.html`);
  await expect.poll(() => seen.consoleErrors).toEqual(['sayso: E_GLOBAL_TAKEN sayso']);
  // data-sayso-* needs no global: the instance runs.
  await rateAndStore(page);
  expect(await page.evaluate(() => (window as unknown as { sayso: { library: string } }).sayso.library)).toBe('theirs');
  expect(seen.thrown).toEqual([]);
});

test('a plain script tag with data-sayso-global answers on that global', async ({ page }) => {
  env.s.page('/tag-named.html', page_(`${LIBRARY}<script src="${SDK_PATH}" data-site="demo" data-endpoint="${env.c.url}" data-sayso-global="fb"></script>`));
  const seen = watch(page);
  await page.goto(`${env.s.url}/tag-named.html`);
  await page.waitForFunction(() => (window as { fb?: { v?: number } }).fb?.v === 1);
  const before = await stored();
  await page.evaluate(() => (window as unknown as { fb: (...a: unknown[]) => unknown }).fb('show', 'global'));
  await expect(page.getByText(QUESTION)).toBeVisible();
  await answer(page, /^4/);
  await expect.poll(stored, { timeout: 15_000 }).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { sayso: { library: string } }).sayso.library)).toBe('theirs');
  expect(seen).toEqual({ thrown: [], consoleErrors: [] });
});
