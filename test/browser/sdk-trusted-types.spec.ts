// Trusted Types, in real Chromium with a real collector. A page that
// requires them for scripts and allows sayso's policy (`trusted-types
// sayso`, no default policy) gets sayso.js, the engine, the UI and a locale
// chunk through the `sayso` policy, from the snippet or a plain script tag;
// a page with a default policy gets them through that policy and sayso
// creates none. Either way: the survey shows, the answer is stored, and no
// violation is reported. A page that allows neither loads nothing and says
// so on the console, without throwing into the page.
import { expect, test, type Page } from '@playwright/test';
import { SDK_PATH, snippet } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const QUESTION = 'Wie wahrscheinlich empfehlen Sie uns weiter?';
const env = sdkServers([{ id: 'tt', kind: 'nps', question: QUESTION, triggers: [{ type: 'pageview' }] }]);
const N = 'tTn0nce';
test.beforeAll(() => env.s.page('/favicon.ico', { body: '', type: 'image/x-icon' }));

const csp = (trusted: string) =>
  `default-src 'none'; script-src 'nonce-${N}'; style-src 'nonce-${N}'; connect-src ${env.c.url}; require-trusted-types-for 'script'; trusted-types ${trusted}`;
// First in the head: every violation from here on, as the page's own reporting would see it.
const LISTENER = `<script nonce="${N}">window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')); });</script>`;
const snippetDoor = () => `<script nonce="${N}">${snippet()}\nsayso('init', ${JSON.stringify({ site: 'demo', endpoint: env.c.url })});</script>`;
const tagDoor = () => `<script nonce="${N}" src="${SDK_PATH}" data-site="demo" data-endpoint="${env.c.url}" async></script>`;

function ttPage(path: string, trusted: string, head: string) {
  env.s.page(path, {
    headers: { 'content-security-policy': csp(trusted) },
    body: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>tt</title>${LISTENER}${head}</head><body><h1>Trusted Types</h1></body></html>`,
  });
}

/** Opens the page, answers in German, and checks the answer was stored and nothing was refused. */
async function answersInGerman(page: Page, path: string) {
  const scripts: string[] = [];
  const thrown: string[] = [];
  page.on('request', (r) => r.resourceType() == 'script' && scripts.push(new URL(r.url()).pathname.split('/').pop()!));
  page.on('pageerror', (e) => thrown.push(e.message));
  const before = (await env.c.responses()).filter((r) => r.surveyId == 'tt').length;
  await page.goto(`${env.s.url}${path}`);
  await expect(page.getByText(QUESTION)).toBeVisible();
  // German strings: the locale chunk loaded through the same policy.
  await page.getByRole('radio', { name: '10, Äußerst wahrscheinlich' }).click();
  await page.getByRole('button', { name: 'Senden' }).click();
  await expect(page.getByText('Vielen Dank für Ihr Feedback!').first()).toBeVisible();
  await expect.poll(async () => (await env.c.responses()).filter((r) => r.surveyId == 'tt').length, { timeout: 15_000 }).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  expect(thrown).toEqual([]);
  expect(scripts).toEqual(expect.arrayContaining(['sayso.js', 'sayso-engine.js', 'sayso-ui.js', 'sayso-ui-de.js']));
}

/** What the page's `sayso` policy makes of a few file names. */
const policyAnswers = (page: Page) =>
  page.evaluate(() => {
    const policy = (window as unknown as Record<symbol, { p?: { createScriptURL(f: string): { toString(): string } } | null }>)[Symbol.for('sayso')]!.p!;
    return ['sayso-ui-fr.js', 'evil.js', '../sayso.js', 'sayso.js?x', 'https://evil.example/sayso.js', 'sayso%2F..%2Fx.js'].map((f) => `${policy.createScriptURL(f)}`);
  });

test("trusted-types sayso, no default policy, the snippet: everything loads through sayso's policy, no violation", async ({ page }) => {
  ttPage('/tt-snippet.html', 'sayso', snippetDoor());
  await answersInGerman(page, '/tt-snippet.html');
  expect(await page.evaluate(() => (window as unknown as { trustedTypes: { defaultPolicy: unknown } }).trustedTypes.defaultPolicy)).toBeNull();
  // Only sayso's own files, in sayso's folder.
  expect(await policyAnswers(page)).toEqual(['/packages/widget/dist/sayso-ui-fr.js', '', '', '', '', '']);
});

test("trusted-types sayso, no default policy, a plain script tag: sayso.js makes the policy itself, no violation", async ({ page }) => {
  ttPage('/tt-tag.html', 'sayso', tagDoor());
  await answersInGerman(page, '/tt-tag.html');
  // sayso.js made it for the folder it came from (an absolute URL, as script.src is).
  expect(await policyAnswers(page)).toEqual([`${env.s.url}/packages/widget/dist/sayso-ui-fr.js`, '', '', '', '', '']);
});

test('a default policy: every URL goes through it, sayso creates no policy, no violation', async ({ page }) => {
  const DEFAULT = `<script nonce="${N}">window.vetted = []; trustedTypes.createPolicy('default', { createScriptURL: function (u) { vetted.push(u.split('/').pop()); return u; } });</script>`;
  ttPage('/tt-default.html', 'default', DEFAULT + snippetDoor());
  await answersInGerman(page, '/tt-default.html');
  expect(await page.evaluate(() => (window as unknown as { vetted: string[] }).vetted)).toEqual(['sayso.js', 'sayso-engine.js', 'sayso-ui.js', 'sayso-ui-de.js']);
  expect(await page.evaluate(() => (window as unknown as Record<symbol, { p?: unknown }>)[Symbol.for('sayso')]?.p ?? null)).toBeNull();
});

test('a page that allows neither: nothing loads, E_TRUSTED_TYPES on the console, the violation reported, nothing thrown', async ({ page }) => {
  ttPage('/tt-none.html', "'none'", snippetDoor());
  const consoleErrors: string[] = [];
  const thrown: string[] = [];
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => thrown.push(e.message));
  await page.goto(`${env.s.url}/tt-none.html`);
  await expect.poll(() => consoleErrors.some((m) => m.startsWith('sayso: E_TRUSTED_TYPES'))).toBe(true);
  expect((await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).some((v) => v.startsWith('trusted-types'))).toBe(true);
  expect(await page.locator('script[src$="sayso.js"]').count()).toBe(0);
  expect(thrown).toEqual([]);
});
