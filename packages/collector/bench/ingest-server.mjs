// The collector under load, in its own process so the load generator does
// not share its event loop. Started by ingest.bench.mjs and health.bench.mjs
// over IPC. SAYSO_BENCH_LOG=debug logs every request (with its time in the app).
// `webhook` ({ url, dispatch }): one webhook endpoint for every response, sent by this instance when `dispatch`.
const { databaseUrl, dataDir, webhook } = JSON.parse(process.argv[2]);
/** The reading secret health.bench.mjs sends (32 characters or more, as outside --dev). */
const BENCH_SECRET = 'bench-secret-0123456789abcdefghijklmnop';
// SAYSO_BENCH_DIST points at another build (a copy of dist/ kept for A/B runs).
const { createCollector } = await import(process.env.SAYSO_BENCH_DIST ? new URL(`file://${process.env.SAYSO_BENCH_DIST}/index.js`).href : '../dist/index.js');
const collector = await createCollector({
  config: {
    secret: BENCH_SECRET,
    sites: [{ id: 'bench', origins: ['*'], segments: ['plan'], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend us?' }] }],
    // Load from one client IP: lift the abuse limits out of the way.
    limits: { ipPerMinute: 10_000_000, sitePerMinute: 10_000_000 },
    ...(webhook ? { webhooks: { allowedNetworks: ['127.0.0.1/32'], dispatch: webhook.dispatch } } : {}),
  },
  logLevel: process.env.SAYSO_BENCH_LOG ?? 'error',
  sdkDir: false,
  examplesDir: false,
  ...(databaseUrl ? { databaseUrl } : { dataDir }),
});
if (webhook) {
  await collector.storage.webhooks.createEndpoint('bench', { url: webhook.url, eventTypes: ['response.created'] }, { kind: 'secret', id: 'secret', label: 'bench', role: 'admin' });
}
const server = await collector.listen({ port: 0 });
process.send({ type: 'ready', url: server.url, driver: collector.storage.driver });
// Event-loop delay: how long the loop was held at a stretch (PGlite's queries run on it).
const { monitorEventLoopDelay } = await import('node:perf_hooks');
const lag = monitorEventLoopDelay({ resolution: 10 });
process.on('message', async (m) => {
  if (m.type === 'lag-start') {
    lag.reset();
    lag.enable();
  }
  if (m.type === 'lag') {
    lag.disable();
    process.send({ type: 'lag', p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 });
  }
  if (m.type === 'cpu') process.send({ type: 'cpu', cpu: process.cpuUsage() });
  if (m.type === 'counts') {
    const counts = await collector.storage.counts('bench');
    process.send({ type: 'counts', counts: { ...counts, deliveries: webhook ? await collector.storage.webhooks.deliveryCounts('bench') : null } });
  }
  if (m.type === 'stop') {
    await collector.close();
    process.exit(0);
  }
});
