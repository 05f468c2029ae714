// The load of load.test.ts and bench/health.bench.mjs, run in a worker thread so
// the clients do not share the collector's event loop (PGlite's queries run
// synchronously on it: clients in the same thread would be served one by one
// and measure nothing). Reports every read's status, /healthz latencies
// probed during the load and the status of ingests sent between probes.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { urls, headers, healthUrl, ingestUrl, site, minProbes = 5 } = workerData;
/** One display event, as the SDK would post it. */
const ingestBody = () =>
  JSON.stringify({ site, events: [{ id: randomUUID(), type: 'display', surveyId: 'nps-main', anonymousId: 'load-client', createdAt: new Date().toISOString() }] });

function send(url, { method = 'GET', headers: h = {}, body } = {}) {
  return new Promise((resolve) => {
    const req = request(url, { method, agent: false, headers: h }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] ?? null }));
    });
    req.on('error', (err) => resolve({ status: 0, error: String(err) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

let done = false;
const reads = Promise.all(urls.map((url) => send(url, { headers }))).finally(() => (done = true));
const healthMs = [];
const ingests = [];
while (!done || healthMs.length < minProbes) {
  const t = performance.now();
  const h = await send(healthUrl);
  healthMs.push({ ms: performance.now() - t, status: h.status });
  if (ingestUrl) ingests.push((await send(ingestUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ingestBody() })).status);
  await new Promise((r) => setTimeout(r, 20));
}
parentPort.postMessage({ reads: await reads, healthMs, ingests });
