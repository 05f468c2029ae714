// The instrument of `pnpm bench:host` (test/bench/host), tested on pages whose
// figures are known: a prompt inserted a known time after the ask, prompts
// that are in the DOM but not visible, a script of known size, a busy task of
// known length, a layout shift, retained memory. The bench itself never runs
// in the test suite.
import { expect, test } from '@playwright/test';
import { NeverShown, sequentialRoundTrips, visit, type VisitOptions } from '../bench/host/measure.mjs';
import { median, medians, ratio } from '../bench/host/report.mjs';
import { startStaticServer, type StaticServer } from './fixtures/static-server.js';

const TEXT = 'How likely are you to recommend the instrument?';
const page = (script: string, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head>
<body><h1>Host</h1>${body}<script>${script}</script></body></html>`;
// Asks, then inserts the prompt `ms` later, styled by `style`, with `insert` (a method taking the element).
const later = (ms: number, style = '', insert = 'document.body.append') =>
  `__bench.markAsk(); setTimeout(function () { var p = document.createElement('p'); p.style.cssText = ${JSON.stringify(style)}; p.textContent = ${JSON.stringify(TEXT)}; ${insert}(p); }, ${ms});`;

let s: StaticServer;
test.beforeAll(async () => {
  s = await startStaticServer();
  s.page('/favicon.ico', { body: '', type: 'image/x-icon' });
  // 50 000 bytes of script, uncompressed.
  s.page('/blob.js', { body: `/*${'x'.repeat(50_000 - 5)}*/\n`, type: 'text/javascript' });
});
test.afterAll(() => s.close());

const opts = (path: string, extra: Partial<VisitOptions> = {}): VisitOptions => ({ url: `${s.url}${path}`, label: path, question: TEXT, cpu: 1, network: false, ...extra });

test('ask→visible: a prompt inserted 300 ms after the ask is seen after 300 ms and within a few frames of it', async ({ browser }) => {
  s.page('/delay.html', page(later(300)));
  const r = await visit(browser, opts('/delay.html'));
  expect(r.askToVisible).toBeGreaterThanOrEqual(300);
  // Two frames after the insert in an idle browser; a loaded CI machine gets slack, not a second timer's worth.
  expect(r.askToVisible).toBeLessThan(600);
  expect(r.navToVisible).toBeGreaterThanOrEqual(r.askToVisible);
});

test('visible means rendered with a box: hidden, display:none, content-visibility:hidden, an empty box and <script> text never count; an open shadow root does', async ({ browser }) => {
  // All on one page, each in the DOM with the text: if any one of them counted, the page would show.
  const hidden = ['visibility:hidden', 'display:none', 'height:0;width:0;overflow:hidden;margin:0;padding:0'].map((style) => later(0, style)).join('\n');
  s.page('/hidden.html', page(`${hidden}\nvar text = ${JSON.stringify(TEXT)};`, `<div style="content-visibility:hidden"><p>${TEXT}</p></div>`));
  await expect(visit(browser, opts('/hidden.html', { timeoutMs: 600 }))).rejects.toBeInstanceOf(NeverShown);
  s.page('/shadow.html', page(`var host = document.createElement('div'); document.body.append(host); var root = host.attachShadow({ mode: 'open' }); ${later(100, '', 'root.append')}`));
  const r = await visit(browser, opts('/shadow.html'));
  expect(r.askToVisible).toBeGreaterThanOrEqual(100);
});

test('a prompt that never shows fails with a message naming the contender and the condition', async ({ browser }) => {
  s.page('/never.html', page('__bench.markAsk();'));
  await expect(visit(browser, opts('/never.html', { label: 'Nobody', cpu: 4, timeoutMs: 500 }))).rejects.toThrow(/Nobody never showed its prompt within 0.5 s \(4× CPU\)/);
});

test('a prompt up before the call (a library showing its survey by itself) is refused, not measured', async ({ browser }) => {
  s.page('/early.html', page(`var p = document.createElement('p'); p.textContent = ${JSON.stringify(TEXT)}; document.body.append(p); setTimeout(function () { __bench.markAsk(); }, 300);`));
  await expect(visit(browser, opts('/early.html', { label: 'Eager' }))).rejects.toThrow(/Eager showed its prompt \d+ ms before it was asked/);
});

test('bytes and requests: the document plus a 50 000-byte script, the favicon left out', async ({ browser }) => {
  s.page('/bytes.html', page(later(0), '<script src="/blob.js"></script>'));
  const r = await visit(browser, opts('/bytes.html', { settleMs: 200 }));
  expect(r.requests).toBe(2);
  expect(r.urls.map((u) => new URL(u).pathname)).toEqual(['/bytes.html', '/blob.js']);
  // The body and both responses' headers, no more.
  expect(r.bytes).toBeGreaterThan(50_000);
  expect(r.bytes).toBeLessThan(52_500);
});

test('main-thread time and the longest task: a 150 ms busy task before the prompt, from the trace and Performance metrics', async ({ browser }) => {
  s.page('/busy.html', page(`${later(50)} setTimeout(function () { var t = performance.now(); while (performance.now() - t < 150); }, 0);`));
  const r = await visit(browser, opts('/busy.html', { trace: true }));
  expect(r.longestTaskMs).toBeGreaterThanOrEqual(150);
  expect(r.longestTaskMs).toBeLessThan(1000);
  expect(r.taskMs).toBeGreaterThanOrEqual(150);
  expect(r.scriptMs).toBeGreaterThanOrEqual(140);
  expect(r.longTasks.some(([, d]) => d >= 150)).toBe(true);
});

test('CLS counts a shift of the page content; heap after GC counts what the page retains', async ({ browser }) => {
  // The prompt pushes the article down by 200 px, after the first paint.
  s.page('/shift.html', page(later(300, 'height:200px;margin:0', 'document.body.prepend'), '<p style="height:300px">article</p>'));
  const shifted = await visit(browser, opts('/shift.html', { settleMs: 100 }));
  expect(shifted.cls).toBeGreaterThan(0.05);
  s.page('/plain.html', page(later(0)));
  s.page('/heavy.html', page(`window.keep = Array.from({ length: 200000 }, function (_, i) { return { i: i }; }); ${later(0)}`));
  const [plain, heavy] = [await visit(browser, opts('/plain.html')), await visit(browser, opts('/heavy.html'))];
  expect(plain.cls).toBe(0);
  // 200 000 small objects and their array: several MB, kept through the GC.
  expect(heavy.heapKB - plain.heapKB).toBeGreaterThan(3000);
});

test('round trips one after another, and the medians and ratios of the report', () => {
  expect(sequentialRoundTrips([])).toBe(0);
  // Three in parallel are one round trip; a chain of three is three; touching ends count as a chain.
  expect(sequentialRoundTrips([{ start: 0, end: 1 }, { start: 0, end: 1 }, { start: 0.5, end: 2 }])).toBe(1);
  expect(sequentialRoundTrips([{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2.5, end: 3 }, { start: 1.5, end: 4 }])).toBe(3);
  // An unfinished request is no round trip yet.
  expect(sequentialRoundTrips([{ start: 0, end: 1 }, { start: 2 }])).toBe(1);
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([undefined, 5])).toBe(5);
  expect(median([])).toBeUndefined();
  expect(medians([{ a: 1, b: 'x' }, { a: 3, b: 'y' }])).toEqual({ a: 2 });
  expect(ratio(1, 4)).toBe('0.25×');
  expect(ratio(1, 0)).toBe('–');
  expect(ratio(undefined, 2)).toBe('–');
});
