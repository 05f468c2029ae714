// sayso alone on a host page, in Debian's Chromium: how long from the call
// that asks for a survey to the frame that shows it, and what the page pays
// for it (main-thread task time, heap, bytes, the longest task), against an
// empty page measured in the same run. The side-by-side comparison with
// PostHog and Sentry is `pnpm bench:host`; this is the quick loop for work
// on the widget itself. A benchmark, not a test: it prints, it never fails
// on figures.
//
//   node test/bench/host-sayso.mjs [runs=5] [--only=cold,warm,repeat,net] [--vs=dist-folder] [--trace=prefix] [--profile=prefix] [--serve]
//
// Scenarios (each in a fresh browser context unless said otherwise):
// - cold:   `show` right after `init`, nothing cached (the way a page-view trigger shows it).
// - warm:   `show` 3 s after load (the idle preload has had its chance).
// - repeat: the second page view of the same context, config seen before
//           (kept verdict, HTTP cache), `show` right after `init`.
// - net:    repeat and cold under an emulated network (150 ms RTT, 1.6 Mbit/s).
// Visible is the animation frame after <sayso-widget> entered the DOM; the
// page says so on the console (polling from Playwright would run its own
// script on the page's main thread and skew both the wait and the task time).
// The machine's load moves every figure: compare builds with --vs, in one run.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const traceFile = args.find((a) => a.startsWith('--trace='))?.slice(8);
const profileFile = args.find((a) => a.startsWith('--profile='))?.slice(10);
const vs = args.find((a) => a.startsWith('--vs='))?.slice(5);
const on = (name) => !only || only.includes(name);
/** What is measured: this tree's build, and with --vs=<dist folder> another build beside it, run for run in turn (the machine's load drifts). */
const variants = [{ name: 'sayso', dir: `${root}packages/widget/dist/`, path: '/sdk/' }, ...(vs ? [{ name: 'vs', dir: vs.replace(/\/?$/, '/'), path: '/vs/' }] : [])];

const survey = { id: 'nps', kind: 'nps', question: 'How likely are you to recommend us?', triggers: [{ type: 'event', name: 'checkout' }] };
const config = JSON.stringify({ surveys: [survey] });
const etag = '"c1"';

const gz = new Map();
function serveFile(res, path, type) {
  let body = gz.get(path);
  if (!body) gz.set(path, (body = gzipSync(readFileSync(path))));
  res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'cache-control': 'max-age=3600' });
  res.end(body);
}

/** The host page: sayso.js by a plain script tag, then init and (now or later) show. */
const page = (mode, sdk) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
${mode == 'empty' ? '' : `<script src="${sdk}sayso.js"></script>`}
<script>
window.__m = { ask: 0, dom: 0, vis: 0, tasks: [] };
new PerformanceObserver((l) => { for (const e of l.getEntries()) __m.tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
new MutationObserver((records, mo) => {
  if (!document.querySelector('sayso-widget')) return;
  mo.disconnect();
  __m.dom = performance.now();
  requestAnimationFrame(() => { __m.vis = performance.now(); console.log('sayso-visible'); });
}).observe(document.documentElement, { childList: true, subtree: true });
function ask() { __m.ask = performance.now(); sayso('show', 'nps'); }
${mode == 'empty' ? '' : `sayso('init', { site: 'demo', endpoint: location.origin });`}
${mode == 'cold' ? 'ask();' : mode == 'warm' ? 'setTimeout(ask, 3000);' : ''}
</script></head><body><h1>A host page</h1><p>Some text.</p></body></html>`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  for (const v of variants) if (url.pathname.startsWith(v.path)) return serveFile(res, v.dir + url.pathname.slice(v.path.length), 'text/javascript');
  if (url.pathname == '/v1/sites/demo/surveys') {
    if (req.headers['if-none-match'] == etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/json', etag, 'cache-control': 'no-cache' });
    return res.end(config);
  }
  if (url.pathname == '/v1/responses') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"accepted":1,"duplicates":0}');
  }
  const mode = url.pathname.slice(1).replace('.html', '');
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(page(mode, url.searchParams.get('sdk') ?? '/sdk/'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
// --serve: only the server (pages /cold.html, /warm.html, /held.html where nothing asks, /empty.html), for a trace by hand.
if (args.includes('--serve')) {
  console.log(origin);
  await new Promise(() => {});
}

const browser = await chromium.launch({
  executablePath: process.env.SAYSO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const NET = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };

/** One page view: returns the page's marks and the CDP figures. */
async function view(context, mode, { cpu = 1, net = false, settle = 1500, trace, profile, sdk = '/sdk/' } = {}) {
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  if (net) await cdp.send('Network.emulateNetworkConditions', NET);
  let bytes = 0;
  let requests = 0;
  const docIds = new Set();
  cdp.on('Network.requestWillBeSent', (e) => (e.type == 'Document' ? docIds.add(e.requestId) : requests++));
  cdp.on('Network.loadingFinished', (e) => docIds.has(e.requestId) || (bytes += e.encodedDataLength));
  if (trace) await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReturnAsStream' });
  // Told by the page (a console message), not polled: Playwright's polling runs its own script on the main thread.
  const visible = mode == 'empty' ? null : p.waitForEvent('console', { predicate: (m) => m.text() == 'sayso-visible', timeout: 30_000 });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await p.goto(`${origin}/${mode}.html?sdk=${sdk}`);
  await visible;
  await p.waitForTimeout(settle);
  const atVis = await p.evaluate(() => window.__m);
  if (profile) (await import('node:fs')).writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  if (trace) {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream });
      text += chunk.data;
      if (chunk.eof) break;
    }
    (await import('node:fs')).writeFileSync(trace, text);
  }
  await p.close();
  return {
    ask: atVis.vis - atVis.ask,
    nav: atVis.vis,
    dom: atVis.dom - atVis.ask,
    task: metrics.TaskDuration * 1000,
    script: metrics.ScriptDuration * 1000,
    heap: metrics.JSHeapUsedSize / 1024,
    longest: Math.max(0, ...atVis.tasks),
    bytes,
    requests,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Medians of RUNS views of `mode` for each variant, the variants taking turns run by run. */
async function scenario(mode, opts, repeat = false) {
  const out = variants.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, v] of variants.entries()) {
      const context = await browser.newContext();
      // The first view of a repeat primes the verdict and the HTTP cache; nothing is asked in it but a show.
      if (repeat) await view(context, 'cold', { settle: 800, sdk: v.path });
      const file = (prefix, ext) => prefix && i == 0 && `${prefix}.${v.name}.${mode}${repeat ? '-repeat' : ''}.${opts.cpu ?? 1}x${opts.net ? '.net' : ''}.${ext}`;
      out[j].push(await view(context, mode, { ...opts, sdk: v.path, trace: file(traceFile, 'json'), profile: file(profileFile, 'cpuprofile') }));
      await context.close();
    }
  }
  return out.map((runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((o) => o[k]))])));
}

const rows = [];
const row = (label, results, empty) =>
  results.forEach((r, j) =>
    rows.push({
      scenario: `${label}${variants.length > 1 ? ` ${variants[j].name}` : ''}`,
      'ask→visible ms': r.ask?.toFixed(1),
      'ask→dom ms': r.dom?.toFixed(1),
      'nav→visible ms': r.nav?.toFixed(1),
      'task ms above empty': (r.task - empty.task).toFixed(0),
      'script ms above empty': (r.script - empty.script).toFixed(0),
      'heap KB above empty': (r.heap - empty.heap).toFixed(0),
      'longest task ms': r.longest,
      'bytes (wire)': r.bytes,
      requests: r.requests,
    }),
  );

for (const cpu of [1, 4]) {
  const [empty] = await scenario('empty', { cpu });
  if (on('cold')) row(`cold ${cpu}×`, await scenario('cold', { cpu }), empty);
  if (on('warm')) row(`warm ${cpu}×`, await scenario('warm', { cpu, settle: 3500 }), empty);
  if (on('repeat')) row(`repeat ${cpu}×`, await scenario('cold', { cpu }, true), empty);
  if (on('net') && cpu == 1) {
    row(`cold net 1×`, await scenario('cold', { cpu, net: true }), empty);
    row(`repeat net 1×`, await scenario('cold', { cpu, net: true }, true), empty);
  }
}
console.table(rows);
await browser.close();
server.close();
