// The script-tag build's entry (dist/sayso.js, an IIFE). It becomes
// `window.sayso(method, ...args)`: reads its settings from its own <script>'s
// data-* attributes (data-site, data-endpoint, data-consent, data-locale,
// data-gpc, data-sayso-global), replays what the loader snippet recorded in a
// safe order, and keeps answering `sayso(...)` calls afterwards. A second
// copy of the script on the same page leaves the first in charge, and an
// instance another door (npm's `init`) started for the same site is reused.
import { createInstance } from './sdk/instance.js';
import { claim, pageRegistry, type PageRegistry } from './sdk/registry.js';
import { replayOrder } from './sdk/replay.js';
import { scriptChunk } from './sdk/ui-loader.js';
import type { SaysoConfig, SaysoInstance } from './sdk/types.js';

interface Global {
  (method: string, ...args: unknown[]): unknown;
  /** Calls the loader snippet recorded. */
  q?: ArrayLike<ArrayLike<unknown>>;
  /** Set once the real SDK runs. */
  v?: number;
  /** The snippet's Trusted Types policy, when it made one. */
  p?: PageRegistry['p'];
}

const w = window as unknown as Record<string, Global | undefined>;
const doc = document;
const script = (doc.currentScript ?? doc.querySelector('script[data-site]')) as HTMLScriptElement | null;
const data = script?.dataset ?? {};
// `window.sayso` unless the page names another (the snippet passes its name on in the same attribute).
const name = data.saysoGlobal || 'sayso';
const stub = w[name];

if (!stub?.v) {
  const src = script?.src ?? '';
  const defaults: Partial<SaysoConfig> = { assetBase: src.slice(0, src.lastIndexOf('/') + 1) };
  // data-site, data-consent and data-locale are taken as they are.
  for (const k of ['site', 'consent', 'locale'] as const) if (data[k]) (defaults as Record<string, string>)[k] = data[k];
  // The collector serves the SDK too, so by default it is where the script came from.
  const endpoint = data.endpoint ?? (src && new URL(src).origin);
  if (endpoint) defaults.endpoint = endpoint;
  if ('gpc' in data) defaults.respectGpc = true;
  if (script?.nonce) defaults.nonce = script.nonce;

  let instance: SaysoInstance | undefined;
  const early: unknown[][] = [];
  const call = (args: unknown[]): unknown => {
    const [method, ...rest] = args;
    if (method === 'init') {
      // Only the first init creates the instance; a second snippet's init gets it back.
      if (!instance) {
        const config = { ...defaults, ...(rest[0] as SaysoConfig) };
        const chunk = (name: string) => scriptChunk<never>(doc, config.assetBase!, name, config.nonce);
        instance = claim(window, config, () => createInstance(config, { loadEngine: chunk('engine'), loadUi: chunk('ui'), loadDebug: chunk('debug') }));
        early.splice(0).forEach(call);
      }
      return instance;
    }
    if (!instance) return void early.push(args);
    // Every property of an instance is a method; an unknown name answers undefined.
    return (instance[method as keyof SaysoInstance] as ((...a: unknown[]) => unknown) | undefined)?.(...rest);
  };
  const api: Global = (...args: unknown[]) => call(args);
  api.v = 1;
  // Another script's own global (a library's `window.sayso`) is left alone, and
  // sayso runs without one. An element with id="sayso" is no own property of
  // window (named access), so the SDK's global shadows it.
  if (stub && !stub.q && {}.hasOwnProperty.call(w, name)) console.error('sayso: E_GLOBAL_TAKEN', name);
  else {
    // The snippet's Trusted Types policy serves the chunks too (sdk/trusted-types.ts).
    if (stub?.p) pageRegistry(window).p = stub.p;
    w[name] = api;
    replayOrder(stub?.q ?? []).forEach(call);
  }
  // data-site alone starts the SDK when the page never called init; calls
  // replayed before this waited in `early`, and now follow it in their order.
  if (defaults.site && !instance) call(['init', {}]);
}
