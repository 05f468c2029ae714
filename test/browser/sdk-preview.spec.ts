// Preview links and "why isn't it showing?" in real Chromium, with the real
// built SDK (dist/sayso.js and its chunks, served by the collector) on a host
// page of another localhost origin, against a real collector (in-memory
// PGlite): a link made with the admin API shows the draft with its badge
// though its targeting excludes this visitor, and its answer reaches the
// collector marked test; the debug panel names a failing URL rule, a failing
// sample bucket and a reached cap; an ordinary page never asks for the debug
// chunk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { createCollector, type Collector, type Listening } from '../../packages/collector/dist/index.js';
import { answer } from './fixtures/sayso-collector.js';
import { startStaticServer, type StaticServer } from './fixtures/static-server.js';

const SECRET = 'preview-e2e-secret-0123456789abcdefgh';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const axeSource = readFileSync(`${repoRoot}node_modules/axe-core/axe.min.js`, 'utf8');

let host: StaticServer;
let collector: Collector;
let server: Listening;

const hostPage = (endpoint: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>A shop page</h1><p>Products.</p></main>
<script src="${endpoint}/sdk/sayso.js" data-site="shop" data-endpoint="${endpoint}" async></script>
</body></html>`;

test.beforeAll(async () => {
  host = await startStaticServer();
  collector = await createCollector({
    config: {
      secret: SECRET,
      sites: [
        {
          id: 'shop',
          origins: [host.url],
          surveys: [
            // Three live surveys that do not show on /host.html, each for another reason.
            { id: 'url-nps', kind: 'nps', question: 'On checkout only?', triggers: [{ type: 'pageview', url: { include: [{ match: 'glob', value: '/checkout/*' }] } }] },
            { id: 'sample-csat', kind: 'csat', question: 'Nobody is sampled?', triggers: [{ type: 'pageview' }], targeting: { sample: 0 } },
            { id: 'cap-ces', kind: 'ces', question: 'Shown once already?', triggers: [{ type: 'pageview' }], throttle: { show: 'once' } },
          ],
        },
      ],
    },
    logLevel: 'silent',
    examplesDir: false,
  });
  server = await collector.listen({ port: 0 });
  host.page('/host.html', hostPage(server.url));
});
test.afterAll(async () => {
  await collector.close();
  await host.close();
});

const admin = (path: string, body: unknown) =>
  fetch(`${server.url}/v1/admin/sites/shop${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

/** Every script URL the page requested. */
function scripts(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && urls.push(r.url()));
  return urls;
}

async function axe(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (sel) => {
    const r = await (window as any).axe.run(sel, { resultTypes: ['violations'] });
    return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${JSON.stringify(n.target)}`));
  }, selector);
}

test('a preview link shows the draft with its badge though targeting excludes this visitor; its answer is marked test', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A French-only draft with an event trigger: an English visitor on this page would never see it.
  const created = await admin('/surveys', {
    survey: { id: 'draft-nps', kind: 'nps', question: 'Draft: would you recommend our shop?', triggers: [{ type: 'event', name: 'never-tracked' }], targeting: { languages: ['fr'], sample: 0 } },
  });
  expect(created.status).toBe(201);
  const link = await admin('/surveys/draft-nps/preview-link', { url: `${host.url}/host.html` });
  expect(link.status).toBe(200);
  expect(link.body.url).toMatch(/#sayso_preview=[\w-]+\.[\w-]+$/);

  // The site's cap-ces would show to a fresh visitor as soon as remote config is in, maybe before the debug
  // chunk arrives (the draft then waits for it to close): this visitor saw it yesterday.
  await page.addInitScript(() => {
    if (!localStorage.getItem('sayso.h.shop')) localStorage.setItem('sayso.h.shop', JSON.stringify({ 'cap-ces': { k: 'ces', n: 1, d: Date.now() - 864e5 } }));
  });
  const posted: any[] = [];
  page.on('request', (r) => r.url() === `${server.url}/v1/responses` && r.method() === 'POST' && posted.push(r.postDataJSON()));
  await page.goto(link.body.url);
  const card = page.locator('sayso-widget .p');
  await expect(card).toContainText('Draft: would you recommend our shop?');
  await expect(page.locator('sayso-widget [part=badge]')).toHaveText('Preview');
  // The token left the address bar, and stays for this tab.
  expect(page.url()).toBe(`${host.url}/host.html`);
  expect(await page.evaluate(() => sessionStorage.getItem('sayso.pv'))).toBe(link.body.url.split('#sayso_preview=')[1]);
  await expect(page.getByRole('region', { name: /why is it \(not\) showing/ })).toContainText('Preview of the draft of draft-nps');

  await answer(page, '9');
  await expect.poll(() => posted.flatMap((b) => b.responses ?? []).length).toBe(1);
  const response = posted.flatMap((b) => b.responses ?? [])[0];
  expect(response).toMatchObject({ surveyId: 'draft-nps', score: 9, test: true });
  // Its display event is test too: the response rate leaves previews out as well.
  await expect.poll(() => posted.flatMap((b) => b.events ?? []).filter((e: any) => e.type === 'display').map((e: any) => e.test)).toEqual([true]);
  // The collector stored it once, as a test answer.
  const rows = async (test?: 'include') => {
    const out: any[] = [];
    for await (const r of collector.storage.exportResponses({ site: 'shop', from: '2000-01-01', to: '2999-12-31', ...(test && { test }) })) out.push(r);
    return out.filter((r) => r.surveyId === 'draft-nps');
  };
  await expect.poll(async () => (await rows('include')).map((r) => [r.score, r.test])).toEqual([[9, true]]);
  expect(await rows()).toEqual([]);
  // Beside it, one ordinary answer to the same survey: /v1/scores counts that one and not the preview's.
  const ordinary = await fetch(`${server.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: host.url, 'x-sayso-site': 'shop' },
    body: JSON.stringify({ site: 'shop', sentAt: new Date().toISOString(), responses: [{ ...response, id: '01900000-0000-7000-8000-000000000001', score: 3, test: undefined }], events: [] }),
  });
  expect(ordinary.status).toBe(200);
  const day = new Date().toISOString().slice(0, 10);
  const scores = await fetch(`${server.url}/v1/scores?site=shop&survey=draft-nps&from=${day}&to=${day}`, { headers: { authorization: `Bearer ${SECRET}` } }).then((r) => r.json());
  expect(scores.surveys[0].total).toMatchObject({ n: 1, score: -100 });
  // A preview leaves no trace in the caps: the display history is as it was.
  expect(Object.keys(JSON.parse((await page.evaluate(() => localStorage.getItem('sayso.h.shop')))!))).toEqual(['cap-ces']);
  expect(errors).toEqual([]);
});

test('a refused preview link shows nothing to the visitor and says why in the panel', async ({ page }) => {
  await page.goto(`${host.url}/host.html#sayso_preview=bm90LWEtdG9rZW4.c2lnbmF0dXJl`);
  const panel = page.getByRole('region', { name: /why is it \(not\) showing/ });
  await expect(panel.getByRole('alert')).toHaveText('preview link refused: bad signature');
  // No draft and no badge (the site's own live surveys go on as for any visitor).
  await page.waitForLoadState('networkidle');
  await expect(page.locator('sayso-widget [part=badge]')).toHaveCount(0);
  await expect(page.getByText('Draft: would you recommend our shop?')).toHaveCount(0);
  // Forgotten: a reload is an ordinary page.
  expect(await page.evaluate(() => sessionStorage.getItem('sayso.pv'))).toBeNull();
});

test('a link whose draft was edited since (410) shows nothing, and the panel says to make a new one', async ({ page }) => {
  const draft = { id: 'edited-csat', kind: 'csat', question: 'Edited: how was it?', triggers: [{ type: 'pageview' }] };
  expect((await admin('/surveys', { survey: draft })).status).toBe(201);
  const link = await admin('/surveys/edited-csat/preview-link', { url: `${host.url}/host.html` });
  const url = `${server.url}/v1/admin/sites/shop/surveys/edited-csat`;
  const auth = { authorization: `Bearer ${SECRET}` };
  const etag = (await fetch(url, { headers: auth })).headers.get('etag')!;
  const put = await fetch(url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json', 'if-match': etag }, body: JSON.stringify({ survey: { ...draft, question: 'Edited again?' } }) });
  expect(put.status).toBe(200);
  await page.goto(link.body.url);
  await expect(page.getByRole('region', { name: /why is it \(not\) showing/ }).getByRole('alert')).toHaveText(
    'the draft changed since this preview link was made: make a new one in the studio',
  );
  await page.waitForLoadState('networkidle');
  await expect(page.getByText(/Edited/)).toHaveCount(0);
  await expect(page.locator('sayso-widget [part=badge]')).toHaveCount(0);
});

test('the debug panel names a failing URL rule, a failing sample bucket and a reached cap; keyboard-usable, axe-clean', async ({ page }) => {
  // cap-ces was shown yesterday to this browser: `show: 'once'` holds it back.
  await page.addInitScript(() => {
    if (!localStorage.getItem('sayso.h.shop')) localStorage.setItem('sayso.h.shop', JSON.stringify({ 'cap-ces': { k: 'ces', n: 1, d: Date.now() - 864e5 } }));
  });
  const tables: unknown[] = [];
  page.on('console', async (m) => m.type() === 'table' && tables.push(m.text()));
  await page.goto(`${host.url}/host.html?sayso_debug=1`);
  const panel = page.getByRole('region', { name: /why is it \(not\) showing/ });
  await expect(panel.getByRole('heading', { name: 'url-nps: does not show' })).toBeVisible();
  const row = (survey: string, condition: string) => panel.getByRole('table', { name: `Conditions of survey ${survey}` }).getByRole('row', { name: condition });
  await expect(row('url-nps', 'URL rule (trigger 1)')).toContainText('✗ fails');
  await expect(row('url-nps', 'URL rule (trigger 1)')).toContainText('include glob /checkout/*');
  await expect(row('sample-csat', 'sample bucket')).toContainText('✗ fails');
  await expect(row('sample-csat', 'sample bucket')).toContainText(/bucket \d+ of 10000; in below 0 \(0 %\)/);
  await expect(row('cap-ces', 'cap: show once')).toContainText('✗ fails');
  await expect(row('cap-ces', 'cap: show once')).toContainText('shown 1 times');
  await expect(panel.getByRole('heading', { name: 'cap-ces: does not show' })).toBeVisible();
  // Nothing showed, as the panel says.
  await expect(page.locator('sayso-widget')).toHaveCount(0);
  expect(await axe(page, 'sayso-debug')).toEqual([]);
  // An SPA navigation onto the checkout: the URL rule passes now.
  await page.evaluate(() => history.pushState(null, '', '/checkout/pay?sayso_debug=1'));
  await expect(row('url-nps', 'URL rule (trigger 1)')).toContainText('✓ passes');
  // Keyboard: Tab reaches the close button, Enter closes the panel.
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Close the sayso debug panel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  // sayso('debug') opens it again (a method the chunk adds: sayso.js has none).
  await page.evaluate(() => (window as any).sayso('debug'));
  await expect(panel).toBeVisible();
});

test('an ordinary page load never requests sayso-debug.js; on a near-miss flag the chunk loads and shows nothing', async ({ page }) => {
  const urls = scripts(page);
  await page.goto(`${host.url}/host.html?q=1#section`);
  await page.waitForFunction(() => (window as any).sayso?.v === 1);
  // The remote config has arrived and been acted on.
  await page.waitForLoadState('networkidle');
  expect(urls.filter((u) => u.includes('sayso-debug'))).toEqual([]);
  expect(await page.evaluate(() => typeof (window as any).__saysodebug)).toBe('undefined');
  // sayso.js's check is a loose one (`sayso_` in the address: every visitor pays 90 bytes, not 120); the chunk reads exactly.
  for (const path of ['/host.html?sayso_debug=0', '/host.html?next=%2Fa%3Fsayso_debug%3D1#xsayso_preview=t', '/host.html#sayso_preview=']) {
    await page.goto(`${host.url}${path}`);
    await page.waitForFunction(() => (window as any).sayso?.v === 1);
    await page.waitForLoadState('networkidle');
    // The chunk ran on this page (it sets its global), and did nothing.
    expect(await page.evaluate(() => typeof (window as any).__saysodebug), path).toBe('function');
    await expect(page.locator('sayso-debug')).toHaveCount(0);
    expect(await page.evaluate(() => sessionStorage.getItem('sayso.pv')), path).toBeNull();
  }
  expect(urls.filter((u) => u.endsWith('/sdk/sayso.js')).length).toBe(4);
});
