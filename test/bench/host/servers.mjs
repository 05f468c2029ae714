// What `pnpm bench:host` runs against, all on loopback: the host pages and
// the peers' vendor side (their scripts and API answers) from one Node
// server, and sayso's real collector (PGlite in memory) serving sayso.js, its
// chunks and the remote config. Nothing leaves the machine.
//
// The host pages are on http://127.0.0.1:<port>; the vendors are on
// http://localhost:<port> (the same server, another origin) and the
// collector on http://localhost:<its port>: every contender's backend is
// cross-origin, as PostHog's, Sentry's and a site's own collector would be.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repo = (p) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const posthogDist = repo('node_modules/posthog-js/dist/');

/** The site key the collector serves remote config for, and the ids the prompts use. */
export const SITE = 'bench';
export const SAYSO_SURVEY = 'bench-nps';
export const POSTHOG_SURVEY = '01900000-0000-7000-8000-00000000b0b0';
export const POSTHOG_TOKEN = 'phc_bench';
export const QUESTION = 'How likely are you to recommend us to a friend or colleague?';

/**
 * The remote config sayso's collector serves: one NPS that an event could show, so sayso knows a survey may
 * show on this page and preloads on idle, as for any survey due later. The bench shows it by a call
 * (`show`), never by the event. (A manual-only survey preloads nothing: its warm call pays the round trips.)
 */
export const saysoSurveys = [{ id: SAYSO_SURVEY, kind: 'nps', question: QUESTION, triggers: [{ type: 'event', name: 'checkout-complete' }] }];

/** A PostHog popover survey with one 0–10 rating question, as /api/surveys/ returns it. */
const posthogSurvey = {
  id: POSTHOG_SURVEY,
  name: 'Bench NPS',
  description: '',
  type: 'popover',
  questions: [{ type: 'rating', id: 'q0', question: QUESTION, display: 'number', scale: 10, lowerBoundLabel: 'Not at all likely', upperBoundLabel: 'Extremely likely', buttonText: 'Submit' }],
  // Due on an event (as sayso's survey here), so posthog-js does not show it by itself at load: only the call shows it.
  conditions: { events: { repeatedActivation: false, values: [{ name: 'checkout-complete' }] } },
  appearance: null,
  start_date: '2026-01-01T00:00:00Z',
  end_date: null,
  current_iteration: null,
  current_iteration_start_date: null,
  schedule: 'once',
  linked_flag_key: null,
  targeting_flag_key: null,
  internal_targeting_flag_key: null,
  feature_flag_keys: [],
};

/** The remote config posthog-js asks for first (/array/<token>/config.js), surveys on. */
const posthogConfig = {
  token: POSTHOG_TOKEN,
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: true,
  captureDeadClicks: false,
  capturePerformance: false,
  autocapture_opt_out: true,
  autocaptureExceptions: false,
  analytics: { endpoint: '/i/v0/e/' },
  elementsChainAsString: true,
  sessionRecording: false,
  heatmaps: false,
  surveys: true,
  productTours: false,
  defaultIdentifiedOnly: true,
  siteApps: [],
};

/** Sentry's browser SDK with its feedback form, bundled and minified as an app would ship it. */
async function sentryBundle() {
  const out = await build({
    stdin: {
      contents: `import { init, feedbackIntegration, getFeedback } from '@sentry/browser';
window.benchSentry = { init, feedbackIntegration, getFeedback };`,
      resolveDir: repo(''),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };

/**
 * Starts the host/vendor server. `pages` maps a path to the HTML of a host page.
 * @param {Map<string, string>} pages
 */
export async function startBenchServer(pages) {
  const files = new Map([['/sentry/bundle.js', await sentryBundle()]]);
  const gz = new Map();
  /** JS a page received, by URL path: for the gzip column (sizes as a CDN would send them). */
  const body = (path) => {
    if (files.has(path)) return files.get(path);
    // posthog-js asks for its extensions at /static/<version>/<name>.js (strict script versioning) or /static/<name>.js.
    const m = /^\/ph\/static\/(?:\d+\.\d+\.\d+\/)?([\w-]+\.js)$/.exec(path);
    if (m) {
      const b = readFileSync(posthogDist + m[1]);
      files.set(path, b);
      return b;
    }
    return undefined;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const origin = req.headers.origin;
    // Vendors answer any origin, with credentials, as PostHog's and Sentry's ingest do.
    const cors = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*', 'access-control-max-age': '600' }).end();
      return;
    }
    const send = (status, type, data, headers = {}) => {
      let payload = typeof data === 'string' ? Buffer.from(data) : data;
      const h = { 'content-type': type, ...cors, ...headers };
      // Compressed as a CDN compresses text (the collector serves sayso's files as they are).
      if (payload.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${path}`;
        if (!gz.has(key) || gz.get(key).src !== payload) gz.set(key, { src: payload, out: gzipSync(payload, { level: 9 }) });
        payload = gz.get(key).out;
        h['content-encoding'] = 'gzip';
      }
      res.writeHead(status, h).end(payload);
    };
    // Drain bodies (events, envelopes) before answering.
    req.resume();
    req.on('end', () => {
      if (pages.has(path)) return send(200, TYPES['.html'], pages.get(path), { 'cache-control': 'no-store' });
      const js = body(path);
      if (js) return send(200, TYPES['.js'], js, { 'cache-control': 'public, max-age=3600' });
      if (path === `/ph/array/${POSTHOG_TOKEN}/config.js`) {
        const js = `(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(POSTHOG_TOKEN)}]={config:${JSON.stringify(posthogConfig)},siteApps:[]}})();`;
        return send(200, TYPES['.js'], js, { 'cache-control': 'public, max-age=300' });
      }
      if (path === `/ph/array/${POSTHOG_TOKEN}/config`) return send(200, TYPES['.json'], JSON.stringify(posthogConfig));
      if (path === '/ph/flags/' || path === '/ph/flags' || path === '/ph/decide/') {
        return send(200, TYPES['.json'], JSON.stringify({ flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false, requestId: 'bench' }));
      }
      if (path === '/ph/api/surveys/') return send(200, TYPES['.json'], JSON.stringify({ surveys: [posthogSurvey] }));
      if (path.startsWith('/ph/')) return send(200, TYPES['.json'], '{"status":1}');
      if (/^\/api\/\d+\/envelope\/$/.test(path)) return send(200, TYPES['.json'], '{}');
      if (path === '/favicon.ico') return send(204, 'image/x-icon', '');
      send(404, 'text/plain', `bench server: nothing at ${path}`);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    /** Where the host pages are. */
    pageOrigin: `http://127.0.0.1:${port}`,
    /** Where the peers' scripts and APIs are. */
    vendorOrigin: `http://localhost:${port}`,
    /** The body of a JS file this server sends at `path`, for the gzip column. */
    jsBody: body,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** sayso's real collector, in-memory PGlite, serving the widget's dist at /sdk/ and remote config for SITE. */
export async function startSaysoCollector() {
  const { createCollector } = await import('../../../packages/collector/dist/index.js');
  const collector = await createCollector({
    config: { secret: 'bench-host-secret-0123456789abcdef0123', sites: [{ id: SITE, origins: ['*'], surveys: saysoSurveys }] },
    logLevel: 'silent',
    sdkDir: repo('packages/widget/dist'),
  });
  const server = await collector.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin: `http://localhost:${server.port}`,
    /** The body of a file the collector serves at `path` (/sdk/…), for the gzip column. */
    jsBody: (path) => (path.startsWith('/sdk/') && /^[\w.-]+\.js$/.test(path.slice(5)) ? readFileSync(repo(`packages/widget/dist/${path.slice(5)}`)) : undefined),
    close: () => collector.close(),
  };
}
