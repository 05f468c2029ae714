// One measured visit of a host page in Chromium: CPU throttling and network
// emulation through CDP, the in-page probe (probe.mjs) for ask→visible and
// layout shifts, CDP's Network events for bytes and requests, Performance
// metrics for main-thread time, a trace for the longest task, and the heap
// after a forced GC.
import { probe } from './probe.mjs';

/** 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Chrome's "3G" throughput at a 4G latency). */
export const EMULATED_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };

/** How long a visit waits for its prompt before the contender counts as never showing. */
export const SHOW_TIMEOUT_MS = 30_000;

export class NeverShown extends Error {
  constructor(label, condition, timeoutMs, cause) {
    super(`bench:host: ${label} never showed its prompt within ${timeoutMs / 1000} s (${condition}): ${cause}`);
    this.name = 'NeverShown';
  }
}

/**
 * Network requests seen on a CDP session, by request id.
 * @param {import('@playwright/test').CDPSession} cdp
 */
export function recordNetwork(cdp) {
  /** @type {Map<string, { url: string, type?: string, start: number, end?: number, bytes: number, cached: boolean, failed?: boolean, status?: number }>} start: when it was sent (CDP seconds) */
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('data:')) return;
    // A redirect reuses the id; the hop before it was its own round trip.
    const prev = requests.get(e.requestId);
    if (prev && e.redirectResponse) requests.set(`${e.requestId}:${requests.size}`, { ...prev, end: e.timestamp });
    // A CORS preflight is its own request (initiator "preflight"), made before the one it clears.
    const preflight = e.initiator?.type === 'preflight' || e.request.method === 'OPTIONS';
    requests.set(e.requestId, { url: e.request.url, type: preflight ? 'Preflight' : e.type, start: e.timestamp, announced: e.timestamp, bytes: 0, cached: false });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    // When the request really went out: a request waiting for its preflight is announced before the preflight is sent.
    const t = e.response.timing;
    if (t && t.sendStart >= 0) r.start = Math.max(r.start, t.requestTime + t.sendStart / 1000);
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp;
    r.bytes = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp;
    r.failed = true;
  });
  return requests;
}

/**
 * The longest chain of requests in which each starts after the one before has
 * finished: the round trips a page waited for one after another.
 * @param {Array<{ start: number, end?: number }>} requests
 */
export function sequentialRoundTrips(requests) {
  const done = requests.filter((r) => r.end !== undefined).sort((a, b) => a.start - b.start);
  const depth = done.map(() => 1);
  for (let i = 0; i < done.length; i++) {
    for (let j = 0; j < i; j++) if (done[j].end <= done[i].start && depth[j] + 1 > depth[i]) depth[i] = depth[j] + 1;
  }
  return depth.length ? Math.max(...depth) : 0;
}

/**
 * The longest top-level task on the main thread of renderer `pid` between
 * `fromUs` and `toUs` (trace microseconds), in ms, from a Chromium trace's events.
 * @param {Array<{ name: string, ph: string, pid: number, tid: number, ts: number, dur?: number, args?: any }>} events
 */
export function longestTask(events, pid, fromUs, toUs) {
  // The page's renderer only: a trace holds other renderers' main threads too (the blank page's, a spare one).
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid).map((e) => `${e.pid}:${e.tid}`));
  let longest = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    if (e.ts + (e.dur ?? 0) < fromUs || e.ts > toUs) continue;
    longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}

/** When renderer `pid` first compiled or ran a script from another URL than the page `pageUrl` (trace µs). */
export function contenderStart(events, pid, pageUrl) {
  const page = pageUrl.split('?')[0];
  let first;
  for (const e of events) {
    if (e.pid !== pid || !['EvaluateScript', 'v8.compile', 'v8.compileModule'].includes(e.name)) continue;
    const url = e.args?.data?.url ?? e.args?.fileName;
    if (!url || url.split('?')[0] === page || !/^https?:/.test(url)) continue;
    if (first === undefined || e.ts < first) first = e.ts;
  }
  return first;
}

/** The trace timestamps (µs) of the page's user-timing marks `names`, from the page whose thread made them. */
export function markTimes(events, names) {
  const out = {};
  for (const e of events) if (names.includes(e.name) && e.cat?.includes('blink.user_timing')) out[e.name] = { ts: e.ts, pid: e.pid };
  return out;
}

const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;

/**
 * Visits `url` in a fresh context (cold caches) and measures until the prompt
 * is visible, then `settleMs` more for late requests.
 * @param {import('@playwright/test').Browser} browser
 * @param {{ url: string, label: string, question: string, cpu: number, network: boolean, trace?: boolean, settleMs?: number, screenshot?: string, repeatVisit?: boolean, timeoutMs?: number }} o
 */
export async function visit(browser, o) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(probe, { text: o.question });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Wall time (timeTicks), as the trace measures tasks: CPU throttling stretches tasks in wall time, not in thread CPU time.
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    if (o.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.cpu });
    if (o.network) await cdp.send('Network.emulateNetworkConditions', EMULATED_NETWORK);
    const condition = `${o.cpu}× CPU${o.network ? ', emulated network' : ''}`;

    const first = await once(page, cdp, browser, { ...o, freshRenderer: true }, condition);
    if (o.screenshot) await page.screenshot({ path: o.screenshot });
    if (!o.repeatVisit) return first;
    // The same browser again: HTTP cache and localStorage as the first visit left them.
    const second = await once(page, cdp, browser, { ...o, trace: false, settleMs: 0 }, `${condition}, repeat visit`);
    return { first, second };
  } finally {
    await context.close();
  }
}

async function once(page, cdp, browser, o, condition) {
  const requests = recordNetwork(cdp);
  if (o.trace) await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing', 'devtools.timeline'] });
  const before = await cdp.send('Performance.getMetrics');
  await page.goto(o.url, { waitUntil: 'commit' });
  const timeoutMs = o.timeoutMs ?? SHOW_TIMEOUT_MS;
  try {
    await page.waitForFunction(() => window.__bench?.visible > 0 && window.__bench.ask > 0, null, { timeout: timeoutMs, polling: 50 });
  } catch (err) {
    if (o.trace) await browser.stopTracing().catch(() => {});
    throw new NeverShown(o.label, condition, timeoutMs, err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  const after = await cdp.send('Performance.getMetrics');
  const b = await page.evaluate(() => ({ ask: window.__bench.ask, visible: window.__bench.visible, sdkRan: window.__bench.sdkRan }));
  // A prompt up before the call was shown by the library on its own (a survey due at load): not what is measured.
  if (b.visible < b.ask) throw new Error(`bench:host: ${o.label} showed its prompt ${(b.ask - b.visible).toFixed(0)} ms before it was asked (${condition}): its survey must wait for the call`);
  // Requests made up to the prompt, on the CDP clock: the document's request is the page's time origin.
  const doc = [...requests.values()].find((r) => r.type === 'Document');
  const t0 = doc?.announced ?? 0;
  const visibleAt = t0 + b.visible / 1000;
  if (o.settleMs) await page.waitForTimeout(o.settleMs);
  const late = await page.evaluate(() => ({ cls: window.__bench.cls, longTasks: window.__bench.longTasks }));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  let longest;
  let hostLongest;
  if (o.trace) {
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const events = trace.traceEvents ?? trace;
    const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(o.url.split('?')[0]));
    const marks = markTimes(events, ['bench:ask', 'bench:visible']);
    const seen = marks['bench:visible'];
    if (nav && seen) {
      // The contender's share: from its first script's evaluation (the floor has none: from the ask) to the prompt.
      // The host page's own parse and first layout come before it, on a page that is the same for all.
      const start = contenderStart(events, seen.pid, o.url) ?? marks['bench:ask']?.ts ?? nav.ts;
      longest = longestTask(events, seen.pid, start, seen.ts);
      hostLongest = longestTask(events, seen.pid, nav.ts, seen.ts);
    }
  }
  const all = [...requests.values()].filter((r) => !r.url.endsWith('/favicon.ico'));
  const toVisible = all.filter((r) => r.start <= visibleAt);
  const network = (r) => !r.cached;
  const sdkRanAt = t0 + b.sdkRan / 1000;
  const afterSdk = toVisible.filter((r) => network(r) && r.start >= sdkRanAt);
  // Performance.getMetrics counts per renderer process. A fresh context's first navigation commits in a new
  // renderer, which has run nothing but this page: its counts are the page's. A repeat visit stays in its
  // process: the difference is the visit's.
  const delta = (name) => (metric(after, name) - (o.freshRenderer ? 0 : metric(before, name))) * 1000;
  return {
    askToVisible: b.visible - b.ask,
    navToVisible: b.visible,
    sdkRan: b.sdkRan,
    requests: toVisible.length,
    bytes: toVisible.reduce((s, r) => s + r.bytes, 0),
    requestsTotal: all.length,
    bytesTotal: all.reduce((s, r) => s + r.bytes, 0),
    fromNetwork: toVisible.filter(network).length,
    afterSdk: afterSdk.length,
    afterSdkSequential: sequentialRoundTrips(afterSdk),
    afterSdkUrls: afterSdk.map((r) => `${r.type} ${r.url}`),
    urls: all.map((r) => r.url),
    taskMs: delta('TaskDuration'),
    scriptMs: delta('ScriptDuration'),
    longestTaskMs: longest,
    longestTaskPageMs: hostLongest,
    longTasks: late.longTasks,
    heapKB: heap.usedSize / 1024,
    cls: late.cls,
  };
}
