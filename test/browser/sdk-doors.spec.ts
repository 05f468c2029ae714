// Every door onto a page, and two at once, in real Chromium with a real
// collector: the loader snippet, a plain script tag, npm's `init` (bundled
// here as a host's bundler would), the same script twice, two npm bundles of
// different builds, the snippet pasted twice. However a page combines them,
// one site runs one instance: one `ready`, one card for one trigger, a
// `data-sayso-*` click handled once, one response stored.
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { answer } from './fixtures/sayso-collector.js';
import { SDK_PATH, snippet } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const QUESTION = 'How likely are you to recommend our doors?';
const env = sdkServers([{ id: 'doors', kind: 'nps', question: QUESTION, triggers: [{ type: 'manual' }] }]);
const widget = (p: string) => fileURLToPath(new URL(`../../packages/widget/${p}`, import.meta.url));

/** `init` from the npm package, bundled into an IIFE that sets `window.__npm[name]`. */
async function npmBundle(name: string, from: string, minify: boolean): Promise<string> {
  const out = await build({
    stdin: { contents: `import { init } from ${JSON.stringify(from)}; (window.__npm ??= {})[${JSON.stringify(name)}] = init;`, resolveDir: widget('.') },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify,
    alias: { '@sayso/core': fileURLToPath(new URL('../../packages/core/src/index.ts', import.meta.url)) },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

test.beforeAll(async () => {
  // Two builds of the package, as two teams' bundles would be: the built ESM, minified, and the sources as they are.
  env.s.page('/npm-a.js', { body: await npmBundle('a', widget('dist/index.js'), true), type: 'text/javascript' });
  env.s.page('/favicon.ico', { body: '', type: 'image/x-icon' });
  env.s.page('/npm-b.js', { body: await npmBundle('b', widget('src/index.ts'), false), type: 'text/javascript' });
});

const config = () => ({ site: 'demo', endpoint: env.c.url });
// Each door as the markup a page would have.
const doors = {
  snippet: () => `<script>${snippet()}\nsayso('init', ${JSON.stringify(config())});</script>`,
  tag: () => `<script src="${SDK_PATH}" data-site="demo" data-endpoint="${env.c.url}"></script>`,
  npmA: () => `<script src="/npm-a.js"></script><script>__npm.a(${JSON.stringify(config())});</script>`,
  npmB: () => `<script src="/npm-b.js"></script><script>__npm.b(${JSON.stringify(config())});</script>`,
};
type Door = keyof typeof doors;

/** A page with `first` in its head and `second` at the end of its body, counting sayso's window events. */
function doorsPage(first: Door, second: Door): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>doors</title>
<script>window.__seen = []; ['ready', 'show'].forEach(function (n) { addEventListener('sayso:' + n, function () { __seen.push(n); }); });</script>
${doors[first]()}</head><body><h1>Two doors</h1>
<button type="button" data-sayso-survey="doors">Rate our doors</button>
${doors[second]()}</body></html>`;
}

const seen = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { __seen: string[] }).__seen.filter((x) => x == n).length, name);
const stored = async () => (await env.c.responses()).filter((r) => r.surveyId == 'doors').length;

const pairs: Array<[Door, Door]> = [
  ['snippet', 'npmA'],
  ['tag', 'npmA'],
  ['npmA', 'snippet'],
  ['npmA', 'npmB'],
  ['tag', 'tag'],
  ['snippet', 'snippet'],
  ['snippet', 'tag'],
];

for (const [first, second] of pairs) {
  test(`${first} + ${second}: one instance, one card, the click handled once, one response stored`, async ({ page }) => {
    const path = `/doors-${first}-${second}.html`;
    env.s.page(path, doorsPage(first, second));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() == 'error' && errors.push(m.text()));
    const before = await stored();
    await page.goto(`${env.s.url}${path}`);
    // Both doors have run: the script-tag SDK where one of them is it, and remote config answered.
    if ([first, second].some((d) => d == 'snippet' || d == 'tag')) await page.waitForFunction(() => (window as { sayso?: { v?: number } }).sayso?.v === 1);
    await expect.poll(() => seen(page, 'ready')).toBe(1);
    await page.getByRole('button', { name: 'Rate our doors' }).click();
    await expect(page.getByText(QUESTION)).toBeVisible();
    // A second instance would have opened its own card on the same click by now.
    await page.waitForTimeout(500);
    await expect(page.locator('sayso-widget')).toHaveCount(1);
    expect(await seen(page, 'show')).toBe(1);
    expect(await seen(page, 'ready')).toBe(1);
    await answer(page, /^9/);
    await expect.poll(stored, { timeout: 15_000 }).toBe(before + 1);
    await page.waitForTimeout(500);
    expect(await stored()).toBe(before + 1);
    expect(errors).toEqual([]);
  });
}

test('one instance per site: a later init for the site gets the running one (any build), another site its own, a destroyed one leaves', async ({ page }) => {
  env.s.page('/doors-api.html', `<!doctype html><meta charset="utf-8"><title>api</title><script src="/npm-a.js"></script><script src="/npm-b.js"></script>`);
  const warnings: string[] = [];
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
  await page.goto(`${env.s.url}/doors-api.html`);
  const facts = await page.evaluate((endpoint) => {
    type Init = (c: Record<string, unknown>) => { destroy(): void };
    const { a, b } = (window as unknown as { __npm: Record<'a' | 'b', Init> }).__npm;
    const base = { endpoint, remoteConfig: false };
    const first = a({ site: 'demo', ...base });
    const again = b({ site: 'demo', ...base, debug: true });
    const other = a({ site: 'other', ...base });
    const registry = (window as unknown as Record<symbol, { i: Map<string, unknown> }>)[Symbol.for('sayso')]!;
    const sites = [...registry.i.keys()];
    first.destroy();
    const fresh = a({ site: 'demo', ...base });
    return {
      same: first === again,
      otherDiffers: other !== first,
      sites,
      fresh: fresh !== first,
      registered: registry.i.get('demo') === fresh,
    };
  }, env.c.url);
  expect(facts).toMatchObject({ same: true, otherDiffers: true, sites: ['demo', 'other'], fresh: true, registered: true });
  // Only the second init asked for debug, and only it hears that it got the running instance.
  expect(warnings).toEqual(['sayso: demo runs already; init returns it']);
});
