// `pnpm bench:host` (issue #15): what a host page pays for a 0–10 prompt,
// sayso against PostHog surveys and Sentry's feedback form and an empty page,
// side by side in Debian's Chromium. See the "Host cost" section of
// packages/widget/README.md for what each column means.
//
//   node test/bench/host/run.mjs [--runs N] [--quick] [--only sayso,sentry]
//
// It prints a table of medians per condition with ratios against Sentry and
// PostHog measured in the same run, writes test/bench/host/last-run.json and
// one screenshot per contender to test/bench/host/shots/. It fails only when
// a contender never shows its prompt, never on figures.
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { contenders, hostPage } from './contenders.mjs';
import { EMULATED_NETWORK, NeverShown, visit } from './measure.mjs';
import { medians, render } from './report.mjs';
import { QUESTION, repo, startBenchServer, startSaysoCollector } from './servers.mjs';

/** The launch the project's browser tests use (test/playwright.config.ts). */
export const CHROMIUM = {
  executablePath: process.env.SAYSO_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const CONDITIONS = [
  { id: 'cpu1', label: '1× CPU, loopback', cpu: 1, network: false },
  { id: 'cpu4', label: '4× CPU throttling, loopback', cpu: 4, network: false },
  { id: 'net', label: `1× CPU, emulated network (${EMULATED_NETWORK.latency} ms RTT, 1.6 Mbit/s down)`, cpu: 1, network: true },
];

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { runs: { type: 'string', default: '5' }, quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const runs = values.quick ? 1 : Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: "${values.runs}" is not a whole number of runs above 0`);
// The floor and both peers are always measured: every ratio needs them from the same run.
const picked = values.only ? new Set(['empty', 'sentry', 'posthog', ...values.only.split(',')]) : undefined;
const list = contenders.filter((c) => !picked || picked.has(c.id));

const here = (p) => new URL(p, import.meta.url);
const shots = here('shots/');
mkdirSync(shots, { recursive: true });

const pages = new Map();
const [server, collector] = await Promise.all([startBenchServer(pages), startSaysoCollector()]);
const origins = { vendorOrigin: server.vendorOrigin, collectorOrigin: collector.origin };
for (const c of list) pages.set(`/${c.id}.html`, hostPage(c, origins));
const browser = await chromium.launch(CHROMIUM);
const url = (c, mode) => `${server.pageOrigin}/${c.id}.html?mode=${mode}`;

/** gzip -9 size of the JS a visit loaded, from the files served (as the issue's "JS gz" column). */
function jsGzKB(urls) {
  let total = 0;
  for (const u of new Set(urls)) {
    const { pathname } = new URL(u);
    const body = server.jsBody(pathname) ?? collector.jsBody(pathname);
    if (body && pathname.endsWith('.js')) total += gzipSync(body, { level: 9 }).length;
  }
  return total / 1024;
}

const loadAtStart = loadavg()[0];
const raw = {};
const status = { code: 0 };
try {
  for (let run = 0; run < runs; run++) {
    for (const cond of CONDITIONS) {
      for (const c of list) {
        const o = { label: c.label, question: QUESTION, cpu: cond.cpu, network: cond.network };
        const cold = await visit(browser, { ...o, url: url(c, 'cold'), trace: true, settleMs: 1000, ...(run === 0 && cond.id === 'cpu1' ? { screenshot: new URL(`${c.id}.png`, shots).pathname } : {}) });
        const warm = await visit(browser, { ...o, url: url(c, 'warm') });
        cold.warmAskToVisible = warm.askToVisible;
        cold.jsGzKB = jsGzKB(cold.urls);
        ((raw[cond.id] ??= {})[c.id] ??= []).push(cold);
        process.stdout.write(`run ${run + 1}/${runs} ${cond.id} ${c.id}: ask→visible ${cold.askToVisible.toFixed(0)} ms, warm ${warm.askToVisible.toFixed(0)} ms\n`);
      }
    }
    if (list.some((c) => c.id === 'sayso')) {
      const sayso = list.find((c) => c.id === 'sayso');
      const r = await visit(browser, { label: sayso.label, question: QUESTION, cpu: 1, network: true, url: url(sayso, 'cold'), repeatVisit: true });
      (raw.repeat ??= []).push(r);
      process.stdout.write(`run ${run + 1}/${runs} repeat visit sayso: ask→visible ${r.second.askToVisible.toFixed(0)} ms, ${r.second.afterSdk} request(s) after sayso.js\n`);
    }
  }
} catch (err) {
  if (!(err instanceof NeverShown)) throw err;
  console.error(`\n${err.message}`);
  status.code = 1;
}

const version = (pkg) => JSON.parse(readFileSync(repo(`${pkg}/package.json`), 'utf8')).version;
const meta = {
  date: new Date().toISOString(),
  command: `pnpm bench:host${values.quick ? ' --quick' : runs !== 5 ? ` --runs ${runs}` : ''}`,
  runs,
  chromium: browser.version(),
  node: process.version,
  machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
  versions: { 'posthog-js': version('node_modules/posthog-js'), '@sentry/browser': version('node_modules/@sentry/browser'), '@sayso/widget': version('packages/widget') },
  network: EMULATED_NETWORK,
};
await browser.close();
await Promise.all([server.close(), collector.close()]);

if (!status.code) {
  const results = {};
  for (const cond of CONDITIONS) {
    results[cond.id] = {};
    for (const c of list) results[cond.id][c.id] = medians(raw[cond.id][c.id]);
  }
  const repeat = raw.repeat && {
    first: medians(raw.repeat.map((r) => r.first)),
    second: medians(raw.repeat.map((r) => r.second)),
    secondUrls: raw.repeat.at(-1).second.afterSdkUrls,
  };
  const report = { conditions: CONDITIONS, contenders: list.map(({ id, label }) => ({ id, label })), results, repeat };
  console.log(`\n## Host cost: medians of ${runs} run(s), ${meta.chromium}, ${meta.machine}`);
  console.log(`posthog-js ${meta.versions['posthog-js']}, @sentry/browser ${meta.versions['@sentry/browser']}, @sayso/widget ${meta.versions['@sayso/widget']}`);
  console.log(render(report));
  writeFileSync(here('last-run.json'), `${JSON.stringify({ meta, ...report, raw }, null, 1)}\n`);
  console.log(`\nwritten: test/bench/host/last-run.json, screenshots in test/bench/host/shots/`);
}
process.exit(status.code);
