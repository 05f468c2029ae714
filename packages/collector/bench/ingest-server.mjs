// The collector under load, in its own process so the load generator does
// not share its event loop. Started by ingest.bench.mjs over IPC.
const { databaseUrl, dataDir } = JSON.parse(process.argv[2]);
// SAYSO_BENCH_DIST points at another build (a copy of dist/ kept for A/B runs).
const { createCollector } = await import(process.env.SAYSO_BENCH_DIST ? new URL(`file://${process.env.SAYSO_BENCH_DIST}/index.js`).href : '../dist/index.js');
const collector = await createCollector({
  config: {
    secret: 'bench-secret',
    sites: [{ id: 'bench', origins: ['*'], segments: ['plan'], surveys: [{ id: 'nps', kind: 'nps', question: 'Recommend us?' }] }],
    // Load from one client IP: lift the abuse limits out of the way.
    limits: { ipPerMinute: 10_000_000, sitePerMinute: 10_000_000 },
  },
  logLevel: 'error',
  sdkDir: false,
  examplesDir: false,
  ...(databaseUrl ? { databaseUrl } : { dataDir }),
});
const server = await collector.listen({ port: 0 });
process.send({ type: 'ready', url: server.url, driver: collector.storage.driver });
process.on('message', async (m) => {
  if (m.type === 'cpu') process.send({ type: 'cpu', cpu: process.cpuUsage() });
  if (m.type === 'counts') process.send({ type: 'counts', counts: await collector.storage.counts('bench') });
  if (m.type === 'stop') {
    await collector.close();
    process.exit(0);
  }
});
