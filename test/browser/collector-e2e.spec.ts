// End to end across origins: a host page on one origin loads the REAL built
// widget (packages/widget/dist/sayso.js) from the collector on another; the
// SDK reads the site's surveys (remote config, CORS), shows one, and its
// delivery layer posts the answer and the display to the real collector,
// which stores them once. A page on an origin the site does not allow gets
// nothing stored.
import { expect, test } from '@playwright/test';
import { createCollector, type Collector, type Listening } from '../../packages/collector/dist/index.js';
import { answer } from './fixtures/sayso-collector.js';
import { startStaticServer, type StaticServer } from './fixtures/static-server.js';

let host: StaticServer;
let stranger: StaticServer;
let collector: Collector;
let server: Listening;

const page = (endpoint: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title></head>
<body><h1>A host page</h1>
<script src="${endpoint}/sdk/sayso.js" data-site="demo" data-endpoint="${endpoint}" async></script>
</body></html>`;

test.beforeAll(async () => {
  host = await startStaticServer();
  stranger = await startStaticServer();
  collector = await createCollector({
    config: {
      secret: 'e2e-secret-0123456789abcdefghijklmno',
      sites: [
        {
          id: 'demo',
          origins: [host.url],
          surveys: [{ id: 'e2e-nps', kind: 'nps', question: 'E2E: how likely are you to recommend us?', followUp: [{ question: 'Why?' }], triggers: [{ type: 'pageview' }] }],
        },
      ],
    },
    logLevel: 'silent',
    examplesDir: false,
  });
  server = await collector.listen({ port: 0 });
  host.page('/host.html', page(server.url));
  stranger.page('/host.html', page(server.url));
});
test.afterAll(async () => {
  await collector.close();
  await host.close();
  await stranger.close();
});

async function stored() {
  const rows = [];
  for await (const r of collector.storage.exportResponses({ site: 'demo', from: '2000-01-01', to: '2999-12-31' })) rows.push(r);
  return rows;
}

test('the real widget on an allowed origin delivers to the real collector, once', async ({ page: p }) => {
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  const posts: number[] = [];
  p.on('response', (r) => r.url() === `${server.url}/v1/responses` && r.request().method() === 'POST' && posts.push(r.status()));
  await p.goto(`${host.url}/host.html`);
  await expect(p.getByText('E2E: how likely are you to recommend us?')).toBeVisible({ timeout: 15_000 });
  await answer(p, /^8/, 'Cross-origin works');
  await expect.poll(async () => (await stored()).map((r) => [r.surveyId, r.score, r.comment, r.channel]), { timeout: 20_000 }).toEqual([['e2e-nps', 8, 'Cross-origin works', 'web']]);
  await expect.poll(async () => (await collector.storage.counts('demo')).events, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  expect(posts.every((s) => s === 200)).toBe(true);
  // A reload sends nothing twice.
  await p.reload();
  await p.waitForTimeout(1500);
  expect((await stored()).length).toBe(1);
  expect(errors).toEqual([]);
});

test('a page on an origin the site does not allow stores nothing', async ({ page: p }) => {
  const before = await collector.storage.counts('demo');
  const refused: number[] = [];
  p.on('requestfailed', (r) => r.url().startsWith(`${server.url}/v1/`) && refused.push(0));
  p.on('response', (r) => r.url().startsWith(`${server.url}/v1/`) && refused.push(r.status()));
  await p.goto(`${stranger.url}/host.html`);
  // The remote config is refused (no CORS), so no survey shows; a direct post from this origin is refused too.
  await p.waitForTimeout(2000);
  await expect(p.getByText('E2E: how likely are you to recommend us?')).toHaveCount(0);
  const status = await p.evaluate(async (url) => {
    try {
      const r = await fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ site: 'demo', events: [] }) });
      return r.status;
    } catch {
      return 'blocked';
    }
  }, server.url);
  expect(status).toBe('blocked'); // 403 without CORS headers: the page cannot even read it
  expect(await collector.storage.counts('demo')).toEqual(before);
  expect(refused.length).toBeGreaterThan(0);
});
