// Host pages whose libraries patch built-ins (issue #12), in real Chromium
// with a real collector: Prototype.js's toJSONs and Array.from, enumerable
// Object.prototype members named like sayso's fields, MooTools' enumerable
// methods and Array.from, and a JSON.stringify replaced by a library's own
// (test/builtin-patches.ts holds the scripts). On each page the remote
// config's survey validates and shows, a bad survey from init is refused by
// path, the answer reaches the collector's storage exactly as typed, the
// kept verdict and history are intact JSON, a second page reuses the verdict
// without loading the engine, and nothing is thrown into the page.
import { expect, test, type Page } from '@playwright/test';
import { patchScript, type PatchName } from '../builtin-patches.js';
import { answer } from './fixtures/sayso-collector.js';
import { nps, snippet } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const QUESTION = 'How likely are you to recommend our shop?';
const env = sdkServers([
  nps({
    id: 'patched',
    question: QUESTION,
    followUp: [{ question: 'What is the main reason for your score?' }],
    // `exists` has no value: Object.prototype members must not be taken for one.
    targeting: { attributes: [{ property: 'plan', op: 'exists' }], languages: ['en'] },
  }),
]);

/** A stored response as the collector exports it (the fields this spec reads). */
interface Row {
  surveyId: string;
  pageUrl: string | null;
}
/** The stored responses given on the page at `path`. */
const rowsOf = async (path: string) => ((await env.c.responses()) as unknown as Row[]).filter((r) => r.pageUrl?.endsWith(path));

/** Refused by parseSurvey (a scroll field on a pageview), so the page hears of it by path on every visit. */
const bad = { id: 'bad', kind: 'nps', question: 'Never shown', triggers: [{ type: 'pageview', percent: 50 }] };

/** Counts what the page's JSON.stringify writes that holds `MARK-`: sayso's answers must never pass through it. */
const SPY = `<script>(function () { var lib = JSON.stringify; window.__leaked = 0;
JSON.stringify = function () { var out = lib.apply(this, arguments); if (typeof out == 'string' && out.indexOf('MARK-') >= 0) window.__leaked++; return out; }; })();</script>`;

/** A host page: the libraries' scripts first (as pages load them before sayso), then the snippet and its calls. */
function hostPage(names: PatchName[], spy: boolean): string {
  const config = { site: 'demo', endpoint: env.c.url, surveys: [bad] };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>patched</title>
${patchScript(...names)}${spy ? SPY : ''}
<script>${snippet()}
sayso('init', ${JSON.stringify(config)});
sayso('identify', 'user-1', { plan: 'pro' });
window.__errors = []; window.__ready = null;
sayso('on', 'error', function (e) { window.__errors.push(e.code + ' ' + (e.path || e.message)); });
sayso('on', 'ready', function (e) { window.__ready = e.surveys.slice(); });
</script></head><body><h1>A shop</h1></body></html>`;
}

/** What the page stored, read with the platform's JSON.parse (the patches leave it alone). */
const stored = (page: Page) =>
  page.evaluate(() => {
    const read = (k: string) => JSON.parse(localStorage.getItem(k) ?? 'null') as unknown;
    return { verdict: read('sayso.vr') as { s: Array<{ id: string; followUp: unknown[] }>; e: unknown[] } | null, history: read('sayso.h.demo') };
  });

/** Requests for the engine and the remote config's answers, from now on. */
function watch(page: Page) {
  const seen = { engine: 0, config: [] as string[] };
  page.on('request', (r) => void (r.url().endsWith('/sayso-engine.js') && seen.engine++));
  // A revalidation by the browser's cache: its own If-None-Match, and an empty body on the wire (the 304;
  // Chromium hands the page the cached 200).
  page.on('requestfinished', (r) => {
    if (r.url().endsWith('/v1/sites/demo/surveys'))
      void Promise.all([r.allHeaders(), r.sizes()]).then(([h, z]) => seen.config.push(h['if-none-match'] && z.responseBodySize === 0 ? 'revalidated' : 'fetched'));
  });
  return seen;
}

const cases: Array<[string, PatchName[]]> = [
  ['Prototype.js: toJSON on arrays and strings, Array.from = $A, its own bind', ['prototype']],
  ['enumerable Object.prototype members named like survey fields (trigger, kind, userId)', ['objectPrototype']],
  ['MooTools: enumerable Array/Function/String methods, its Array.from, enumerable includes/find polyfills', ['mootools']],
  ["a JSON.stringify replaced by a library's own", ['stringify']],
];

for (const [what, names] of cases) {
  test(`a page with ${what}: surveys validate and show, the answer is stored as typed, the verdict is reused`, async ({ page, context }) => {
    const path = `/patched-${names.join('-')}.html`;
    const spy = names.includes('stringify');
    env.s.page(path, hostPage(names, spy));
    const thrown: string[] = [];
    const listen = (p: Page) => p.on('pageerror', (e) => thrown.push(e.message));
    listen(page);
    await page.goto(`${env.s.url}${path}`);

    await expect(page.getByText(QUESTION)).toBeVisible();
    const comment = `MARK-${names[0]} "quoted", back\\slash, naïve, 😀, and a\ttab`;
    await answer(page, /^9/, comment);
    await expect.poll(async () => (await rowsOf(path)).length, { timeout: 15_000 }).toBe(1);
    const [row] = await rowsOf(path);
    expect(row).toMatchObject({
      surveyId: 'patched',
      kind: 'nps',
      score: 9,
      scaleMin: 0,
      scaleMax: 10,
      comment,
      answers: { followUp0: comment },
      userId: 'user-1',
      attributes: { plan: 'pro' },
      locale: 'en',
      channel: 'web',
    });
    expect(await page.evaluate(() => (window as { __errors?: string[] }).__errors)).toEqual(['E_SURVEY_INVALID surveys[0].triggers[0].percent']);
    expect(await page.evaluate(() => (window as { __ready?: string[] }).__ready)).toEqual(['patched']);

    // What was kept is JSON as the platform writes it: lists are lists, and no member of Object.prototype slipped in.
    const kept = await stored(page);
    expect(kept.verdict?.s.map((s) => s.id)).toEqual(['patched']);
    expect(Array.isArray(kept.verdict?.s[0]?.followUp)).toBe(true);
    expect(Object.keys(kept.history as object)).toEqual(['patched']);
    expect(kept.history).toMatchObject({ patched: { n: 1, a: expect.any(Number) } });
    if (spy) expect(await page.evaluate(() => (window as { __leaked?: number }).__leaked)).toBe(0);

    // A second page: the browser's cache revalidates the config (304) and the kept verdict stands, with no engine; the answered survey stays away.
    await page.close();
    page = await context.newPage();
    listen(page);
    const seen = watch(page);
    await page.goto(`${env.s.url}${path}`);
    await page.waitForFunction(() => (window as { __ready?: unknown }).__ready);
    await page.waitForTimeout(1000); // idle callbacks and timers have run
    expect(await page.evaluate(() => (window as { __ready?: string[] }).__ready)).toEqual(['patched']);
    expect(await page.evaluate(() => (window as { __errors?: string[] }).__errors)).toEqual(['E_SURVEY_INVALID surveys[0].triggers[0].percent']);
    expect(seen.config).toEqual(['revalidated']);
    expect(seen.engine).toBe(0);
    await expect(page.getByText(QUESTION)).toHaveCount(0);
    expect(thrown).toEqual([]);
  });
}
