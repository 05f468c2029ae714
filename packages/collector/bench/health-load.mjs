// The read load of health.bench.mjs, in its own process: 200 clients each
// sending /v1/scores on its own connection, one after another, until told to
// stop; half ask the same thing, half each its own range and segment. Kept
// out of the process that times /healthz (a worker thread beside the prober
// made its probes seconds slower than a separate client saw), so the timing
// is the collector's, not this generator's.
import { request } from 'node:http';

const { url, secret, concurrent } = JSON.parse(process.argv[2]);
let stop = false;
process.on('message', (m) => m === 'stop' && (stop = true));

function send(path) {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { headers: { authorization: `Bearer ${secret}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

const reads = {};
let n = 0;
const day = (i) => new Date(Date.now() - (10 + (i % 80)) * 86400_000).toISOString().slice(0, 10);
async function client() {
  while (!stop) {
    const i = n++;
    const status = await send(i % 2 === 0 ? '/v1/scores?interval=week' : `/v1/scores?from=${day(i)}&interval=day&segment=${['plan', 'country', 'channel', 'locale'][i % 4]}`);
    reads[status] = (reads[status] ?? 0) + 1;
    // Told to retry: wait a little, as Retry-After asks (shortened: this is a load test).
    if (status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
await Promise.all(Array.from({ length: concurrent }, client));
process.send(reads);
