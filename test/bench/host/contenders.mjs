// The contenders of `pnpm bench:host`, each on the same host page: the
// contender's script tag in <head> (async, as each vendor's docs put it),
// whose load event calls `benchInit()`. That initialises the library and
// then asks for the prompt with one call: at once (cold, "called right after
// init", the way a page-view trigger shows a survey) or 3 s later (warm).
import { POSTHOG_SURVEY, POSTHOG_TOKEN, QUESTION, SAYSO_SURVEY, SITE } from './servers.mjs';

/**
 * @typedef {{ vendorOrigin: string, collectorOrigin: string }} Origins
 * @typedef {{ id: string, label: string, head(o: Origins): string, init(o: Origins): string, ask: string }} Contender
 */

/** @type {Contender[]} */
export const contenders = [
  {
    id: 'empty',
    label: 'empty page (floor)',
    // No library: the call inserts a plain 0–10 prompt, so the floor has a prompt to see too.
    head: () => '',
    init: () => '',
    ask: `var d=document.createElement('div');d.setAttribute('role','dialog');d.style.cssText='position:fixed;right:16px;bottom:16px;padding:16px;background:#fff;border:1px solid #888;font:14px system-ui';
d.innerHTML='<p></p>'+Array.from({length:11},function(_,i){return '<button type="button">'+i+'</button>'}).join('');d.firstChild.textContent=${JSON.stringify(QUESTION)};document.body.append(d);`,
  },
  {
    id: 'posthog',
    label: 'PostHog surveys',
    // array.js, which loads its remote config and then surveys.js lazily, as PostHog's snippet does.
    head: (o) => `<script async src="${o.vendorOrigin}/ph/static/array.js" onload="benchInit()"></script>`,
    // A surveys-only set-up (no autocapture, page views or recordings): the cheapest PostHog can be here.
    // Headless Chromium looks like a bot to posthog-js, which would then drop its events; a visitor's browser sends them.
    init: (o) => `posthog.init(${JSON.stringify(POSTHOG_TOKEN)}, { api_host: ${JSON.stringify(`${o.vendorOrigin}/ph`)}, autocapture: false, capture_pageview: false, capture_pageleave: false, disable_session_recording: true, person_profiles: 'identified_only', opt_out_useragent_filter: true });`,
    // displaySurvey needs the survey list; onSurveysLoaded calls back at once when it is there already.
    ask: `posthog.onSurveysLoaded(function () { posthog.displaySurvey(${JSON.stringify(POSTHOG_SURVEY)}, { displayType: 'popover', ignoreConditions: true, ignoreDelay: true }); });`,
  },
  {
    id: 'sentry',
    label: 'Sentry feedback',
    // @sentry/browser with feedbackIntegration, bundled and minified by esbuild (servers.mjs), from the host's origin.
    head: () => `<script async src="/sentry/bundle.js" onload="benchInit()"></script>`,
    init: (o) => `var S=window.benchSentry;S.init({ dsn: ${JSON.stringify(`http://bench@${new URL(o.vendorOrigin).host}/1`)}, integrations: [S.feedbackIntegration({ autoInject: false, formTitle: ${JSON.stringify(QUESTION)} })] });`,
    ask: `S.getFeedback().createForm().then(function (form) { form.appendToDom(); form.open(); });`,
  },
  {
    id: 'sayso',
    label: 'sayso',
    // The script-tag build from the real collector, which serves its chunks and the remote config too.
    head: (o) => `<script async src="${o.collectorOrigin}/sdk/sayso.js" onload="benchInit()"></script>`,
    init: (o) => `sayso('init', { site: ${JSON.stringify(SITE)}, endpoint: ${JSON.stringify(o.collectorOrigin)} });`,
    // force: like PostHog's ignoreConditions, so a repeat visit is not held back by the caps.
    ask: `sayso('show', ${JSON.stringify(SAYSO_SURVEY)}, { force: true });`,
  },
];

/** The host page for `c`: a short article, the contender's tag, and benchInit reading ?mode=cold|warm. */
export function hostPage(c, origins) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A host page</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:2rem}</style>
<script>
function benchInit() {
  __bench.markSdkRan();
  ${c.init(origins)}
  var ask = function () { __bench.markAsk(); ${c.ask} };
  if (/[?&]mode=warm\\b/.test(location.search)) setTimeout(ask, 3000); else ask();
}
</script>
${c.head(origins)}
</head><body>
<h1>Quarterly update</h1>
<p>Our team shipped faster checkouts, a new dashboard and fewer emails this quarter. Thank you for being with us.</p>
<p>Read on for what changed, what is next, and how to tell us what you think.</p>
${c.id === 'empty' ? '<script>benchInit()</script>' : ''}
</body></html>`;
}
