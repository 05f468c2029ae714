// How the SDK gets onto a page, in real Chromium with a real collector: the
// snippet twice, a script that arrives after `track` was called, and a plain
// script tag under a strict CSP (no inline script at all) with nonces.
import { expect, test } from '@playwright/test';
import { answer } from './fixtures/sayso-collector.js';
import { nps, SDK_PATH, snippet, snippetPage } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const env = sdkServers([nps({ id: 'remote-nps', question: 'How likely are you to recommend our docs?' })]);

test('a page that loads the snippet twice: one SDK, one survey, sayso() works after load', async ({ page }) => {
  const config = {
    site: 'demo',
    endpoint: env.c.url,
    remoteConfig: false,
    perPageView: 2,
    surveys: [nps({ id: 'twice', triggers: [{ type: 'event', name: 'bought' }] })],
  };
  env.s.page('/twice.html', snippetPage(config, { body: `<script>${snippet()}\nsayso('init', ${JSON.stringify({ ...config, site: 'ignored' })});</script>` }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.s.url}/twice.html`);
  await page.waitForFunction(() => (window as { sayso?: { v?: number } }).sayso?.v === 1);
  expect(await page.locator(`script[src="${SDK_PATH}"]`).count()).toBe(1);
  await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('track', 'bought'));
  await expect(page.getByText('How likely are you to recommend us?')).toBeVisible();
  await expect(page.locator('sayso-widget')).toHaveCount(1);
  await answer(page, /^8/);
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('twice');
  expect(errors).toEqual([]);
});

test('a page whose SDK script arrives after track() was called still shows the survey', async ({ page }) => {
  // Hold the SDK back for 1.5 s, as a slow network would.
  await page.route(`**${SDK_PATH}`, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  env.s.page(
    '/late.html',
    snippetPage({ site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps({ id: 'late', triggers: [{ type: 'event', name: 'signed-up', where: [{ property: 'plan', op: 'eq', value: 'pro' }] }] })] }, {
      head: `<script>sayso('track', 'signed-up', { plan: 'pro' }); window.__trackedBeforeLoad = !(window.sayso.v);</script>`,
    }),
  );
  await page.goto(`${env.s.url}/late.html`);
  expect(await page.evaluate(() => (window as { __trackedBeforeLoad?: boolean }).__trackedBeforeLoad)).toBe(true);
  await expect(page.getByText('How likely are you to recommend us?')).toBeVisible();
  await answer(page, /^7/);
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('late');
});

test('strict CSP, plain script tag, no inline script: remote config, UI and delivery all work with the nonce', async ({ page }) => {
  const nonce = 'r4nd0mN0nce';
  env.s.page('/csp.html', {
    headers: {
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src ${env.c.url}; img-src 'none'; base-uri 'none'`,
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp</title>
<script nonce="${nonce}" src="${SDK_PATH}" data-site="demo" data-endpoint="${env.c.url}" async></script></head>
<body><h1>Strict CSP</h1></body></html>`,
  });
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && violations.push(m.text()));
  await page.goto(`${env.s.url}/csp.html`);
  await expect(page.getByText('How likely are you to recommend our docs?')).toBeVisible();
  // The UI's style element carries the nonce, so the card is styled (not the UA default).
  const styled = await page.locator('sayso-widget').evaluate((el) => {
    const style = el.shadowRoot?.querySelector('style');
    return { nonce: !!style && style.nonce.length > 0, sheets: el.shadowRoot?.styleSheets.length ?? 0 };
  });
  expect(styled.nonce).toBe(true);
  expect(styled.sheets).toBeGreaterThan(0);
  await answer(page, /^10/);
  await expect.poll(async () => (await env.c.responses()).map((r) => `${r.surveyId}:${r.score}`), { timeout: 15_000 }).toContain('remote-nps:10');
  expect(violations).toEqual([]);
});

test('a show asked for right after init requests the UI and the engine beside the remote config, not after it', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => {
    const chunk = /\/(sayso-(?:ui|engine))\.js$/.exec(r.url())?.[1];
    if (chunk) requested.push(chunk);
  });
  // The config answers late, as over a slow network; what the chunks had been asked for by then is what counts.
  let atAnswer: string[] = [];
  await page.route('**/v1/sites/demo/surveys', async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    atAnswer = [...requested].sort();
    await route.continue();
  });
  env.s.page('/early.html', snippetPage({ site: 'demo', endpoint: env.c.url }, { head: `<script>sayso('show', 'remote-nps');</script>` }));
  await page.goto(`${env.s.url}/early.html`);
  await expect(page.getByText('How likely are you to recommend our docs?')).toBeVisible();
  expect(atAnswer).toEqual(['sayso-engine', 'sayso-ui']);
  expect(requested.sort()).toEqual(['sayso-engine', 'sayso-ui']); // each once
  await answer(page, /^9/);
  await expect.poll(async () => (await env.c.responses()).map((r) => `${r.surveyId}:${r.score}`), { timeout: 15_000 }).toContain('remote-nps:9');
});

test('a UI chunk that fails to load is retried, then reported as E_UI_LOAD_FAILED, never thrown into the page', async ({ page }) => {
  let attempts = 0;
  let fail = true;
  await page.route('**/sayso-ui.js', (route) => (attempts++, fail ? route.abort('connectionreset') : route.continue()));
  env.s.page('/ui-fail.html', snippetPage({ site: 'demo', endpoint: env.c.url, remoteConfig: false, perPageView: 5, perSession: 5, surveys: [nps({ id: 'uifail', triggers: [{ type: 'event', name: 'go' }] })] }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.s.url}/ui-fail.html`);
  await page.waitForFunction(() => (window as { sayso?: { v?: number } }).sayso?.v === 1);
  const codes = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const sayso = (window as unknown as { sayso: (...a: unknown[]) => void }).sayso;
        sayso('on', 'error', (e: { code: string }) => resolve([e.code]));
        sayso('track', 'go');
      }),
  );
  expect(codes).toEqual(['E_UI_LOAD_FAILED']);
  expect(attempts).toBe(3);
  expect(errors).toEqual([]);
  // The network is back: the next trigger loads the chunk afresh and shows.
  fail = false;
  await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('track', 'go'));
  await expect(page.getByText('How likely are you to recommend us?')).toBeVisible();
});

test('a feedback tab (presentation mode "tab") opens its survey on demand, with the real UI chunk', async ({ page }) => {
  env.s.page(
    '/tab.html',
    snippetPage({
      site: 'demo',
      endpoint: env.c.url,
      remoteConfig: false,
      surveys: [nps({ id: 'tab', kind: 'csat', question: 'How are we doing?', triggers: [{ type: 'manual' }], presentation: { mode: 'tab', launcherLabel: 'Give feedback' } })],
    }),
  );
  await page.goto(`${env.s.url}/tab.html`);
  await page.getByRole('button', { name: 'Give feedback' }).click();
  await expect(page.getByText('How are we doing?')).toBeVisible();
  await answer(page, /^5/);
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('tab');
});

test('a throwing on() handler is reported as the page\'s error, and neither the other handlers nor the survey notice', async ({ page }) => {
  env.s.page('/throwing.html', snippetPage({ site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps({ id: 'throwing', triggers: [{ type: 'event', name: 'go' }] })] }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.s.url}/throwing.html`);
  await page.evaluate(() => {
    const sayso = (window as unknown as { sayso: (...a: unknown[]) => void }).sayso;
    sayso('on', 'show', () => {
      throw new Error('a host handler broke');
    });
    sayso('on', 'show', () => ((window as { __heard?: boolean }).__heard = true));
    sayso('track', 'go');
  });
  await expect(page.getByText('How likely are you to recommend us?')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as { __heard?: boolean }).__heard)).toBe(true);
  expect(errors).toEqual(['a host handler broke']);
  await answer(page, /^9/);
  await expect.poll(async () => (await env.c.responses()).map((r) => r.surveyId), { timeout: 15_000 }).toContain('throwing');
});
