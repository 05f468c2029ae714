// The built UI under a strict Content-Security-Policy (no unsafe-inline, no
// unsafe-eval): with the page's nonce it styles itself, loads its locale
// chunk and submits with no violation; without the nonce the browser blocks
// it (proving the violation listener is live). The UI makes no other requests.
import { expect, test, type Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from './fixtures/static-server.js';
import { show, surveys } from './fixtures/ui.js';

let server: StaticServer;
const CSP = "default-src 'self'; script-src 'nonce-abc'; style-src 'nonce-abc'";
test.beforeAll(async () => {
  server = await startStaticServer();
  server.page('/ui-csp.html', {
    headers: { 'content-security-policy': CSP },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>strict CSP</title>
<script nonce="abc">window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.effectiveDirective + ' ' + e.blockedURI); });</script>
</head><body><header><h1>Strict CSP</h1></header><main><p>Host</p></main>
<script nonce="abc" src="/packages/widget/dist/sayso-ui.js"></script>
<script nonce="abc" src="/test/browser/pages/ui/harness.js"></script>
</body></html>`,
  });
});
test.afterAll(() => server.close());

async function open(page: Page) {
  const requests: string[] = [];
  await page.goto(`${server.url}/ui-csp.html`);
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  return requests;
}

test('with the nonce: styled, German chunk loaded from beside sayso-ui.js, submits, no violation, no other request', async ({ page }) => {
  const requests = await open(page);
  await show(page, { ...surveys.nps, followUp: [] }, { locale: 'de-DE', styleNonce: 'abc', scriptNonce: 'abc' });
  await expect(page.getByRole('button', { name: 'Schließen' })).toBeVisible();
  expect(await page.locator('sayso-widget .p').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await page.getByRole('radio', { name: '10, Äußerst wahrscheinlich' }).click();
  await page.getByRole('button', { name: 'Senden' }).click();
  await expect(page.locator('sayso-widget .q')).toHaveText('Vielen Dank für Ihr Feedback!');
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  expect(requests).toEqual(['/packages/widget/dist/sayso-ui-de.js']);
  // The chunk is added with the nonce and removed once it ran; a second survey reuses it.
  expect(await page.locator('script[src$="sayso-ui-de.js"]').count()).toBe(0);
  await show(page, surveys.ces, { locale: 'de', styleNonce: 'abc', scriptNonce: 'abc' });
  await expect(page.getByRole('radio', { name: '7, Stimme voll und ganz zu' })).toBeVisible();
  expect(requests).toHaveLength(1);
});

test('in English the UI makes no request at all', async ({ page }) => {
  const requests = await open(page);
  await show(page, surveys.csat, { styleNonce: 'abc' });
  await page.getByRole('radio', { name: '5, Very satisfied' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('sayso-widget .q')).toHaveText('Thank you for your feedback!');
  expect(requests).toEqual([]);
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
});

test('without the nonces the browser blocks the style and the chunk, and the survey still works in English', async ({ page }) => {
  await open(page);
  await show(page, { ...surveys.nps, followUp: [] }, { locale: 'fr' });
  await expect(page.getByRole('button', { name: 'Close' })).toBeAttached();
  // Unstyled: the browser's own popover box (fixed, centred, square), not the card's 12 px radius.
  expect(await page.locator('sayso-widget .p').evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('0px');
  const v: string[] = await page.evaluate(() => (window as any).violations);
  expect(v.some((x) => x.startsWith('style-src'))).toBe(true);
  expect(v.some((x) => x.startsWith('script-src') && x.includes('sayso-ui-fr.js'))).toBe(true);
});

test('the built chunk has no eval, no Function constructor and no network API; the UI source never sets HTML', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { repoRoot } = await import('./fixtures/static-server.js');
  const dist = `${repoRoot}packages/widget/dist/`;
  for (const file of readdirSync(dist).filter((f) => f.startsWith('sayso-ui'))) {
    const code = readFileSync(dist + file, 'utf8');
    expect(code, file).not.toMatch(/\beval\b|\bFunction\(|\bfetch\b|XMLHttpRequest|sendBeacon|WebSocket|EventSource|importScripts/);
  }
  const src = `${repoRoot}packages/widget/src/ui/`;
  for (const file of readdirSync(src).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))) {
    expect(readFileSync(src + file, 'utf8'), file).not.toMatch(/dangerouslySetInnerHTML|innerHTML|insertAdjacentHTML|outerHTML|document\.write/);
  }
});
