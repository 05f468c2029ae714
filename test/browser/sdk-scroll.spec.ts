// The scroll trigger in real Chromium, on the two shapes a site takes: a page
// whose document scrolls, and an app shell whose `html` and `body` never
// scroll while `main` does. A 50 % trigger shows its survey at 50 % of the
// main scroller, not at 40 % or 49.9 %, and never for a small scroller (a
// code block) scrolled to its end.
import { expect, test, type Page } from '@playwright/test';
import { nps, snippetPage } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const env = sdkServers();
const config = () => ({ site: 'demo', endpoint: env.c.url, remoteConfig: false, cooldownDays: 0, surveys: [nps({ triggers: [{ type: 'scroll', percent: 50 }] })] });
// 3000 px of content in an 800 px viewport: 40 % is 400 px down, 50 % is 700 px.
const content = '<div style="height:3000px"></div>';
const shell = `<style>html,body{height:100%;overflow:hidden;margin:0}body>h1,#buy{display:none}main{height:100%;overflow:auto}
pre{height:100px;overflow:auto;margin:0}pre>div{height:2000px}</style>`;

const shown = (page: Page) => page.evaluate(() => (window as { __events?: string[] }).__events!.includes('show'));

/** Scrolls `selector` (or the document) to `top` and waits for the event to be handled; returns the depth reached in %. */
async function scrollTo(page: Page, selector: string | null, top: number): Promise<number> {
  return page.evaluate(
    async ([sel, y]) => {
      const el = sel ? document.querySelector(sel)! : document.scrollingElement!;
      el.scrollTop = y;
      // Scroll events fire with the next frame.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return ((el.scrollTop + el.clientHeight) / el.scrollHeight) * 100;
    },
    [selector, top] as const,
  );
}

async function notYet(page: Page) {
  // Long enough for a fired trigger to load the engine and the UI.
  await page.waitForTimeout(700);
  expect(await shown(page)).toBe(false);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
});

test('an app shell (html does not scroll, main does): fires at 50 %, not at 40 % or 49.9 %, nor for a code block at its end', async ({ page }) => {
  env.s.page('/shell.html', snippetPage(config(), { head: shell, body: `<main><pre><div></div></pre>${content.replace('3000', '2900')}</main>` }));
  await page.goto(`${env.s.url}/shell.html`);
  await page.waitForFunction(() => (window as { __events?: string[] }).__events?.includes('ready'));
  expect(await page.evaluate(() => [document.scrollingElement!.scrollHeight, innerHeight])).toEqual([800, 800]);
  expect(await scrollTo(page, 'pre', 5000)).toBe(100);
  await notYet(page);
  expect(await scrollTo(page, 'main', 400)).toBe(40);
  await notYet(page);
  expect(await scrollTo(page, 'main', 697)).toBeCloseTo(49.9, 1);
  await notYet(page);
  expect(await scrollTo(page, 'main', 700)).toBe(50);
  await expect.poll(() => shown(page)).toBe(true);
});

test('a page whose document scrolls: fires at 50 %, not at 40 %', async ({ page }) => {
  env.s.page('/long.html', snippetPage(config(), { head: '<style>body{margin:0}body>h1,#buy{display:none}</style>', body: content }));
  await page.goto(`${env.s.url}/long.html`);
  await page.waitForFunction(() => (window as { __events?: string[] }).__events?.includes('ready'));
  expect(await scrollTo(page, null, 400)).toBe(40);
  await notYet(page);
  expect(await scrollTo(page, null, 700)).toBe(50);
  await expect.poll(() => shown(page)).toBe(true);
});
