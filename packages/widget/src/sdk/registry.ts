// One sayso per page and site, whatever the door: the loader snippet, a plain
// script tag, npm's `init`, or two of them at once (a snippet left in the
// page template beside an npm bundle, two bundles of different builds). Each
// door asks this registry first; the first `init` for a site creates the
// instance and every later one gets that instance back, so there is one
// card per trigger and one handler per `data-sayso-*` click. Another site
// key gets its own instance (two products may share a page).
//
// The registry is a page-wide contract between builds, so it sits on a
// well-known symbol rather than in module state (two bundles share no
// modules); a symbol key is left out of for-in, Object.keys and JSON, and
// the registry's shape only ever grows:
//   window[Symbol.for('sayso')] = { i: Map<site, SaysoInstance>, p: Trusted Types policy | null }
import type { SaysoConfig, SaysoInstance } from './types.js';

/** The page-wide registry (see above). */
export interface PageRegistry {
  /** Live instances by site key. */
  i?: Map<string, SaysoInstance>;
  /** The `sayso` Trusted Types policy; null when the page refused it. See trusted-types.ts. */
  p?: { createScriptURL(url: string): unknown } | null;
}

const KEY = Symbol.for('sayso');

/** The page's registry, created on first use. */
export function pageRegistry(win: Window): PageRegistry {
  return ((win as unknown as Record<symbol, PageRegistry>)[KEY] ??= {});
}

/**
 * The running instance for `config.site`, or the one `create` makes (then
 * registered until its `destroy`). A later door's config is not merged into
 * the running instance: the first `init` decides; `debug` says so.
 */
export function claim(win: Window, config: SaysoConfig, create: () => SaysoInstance): SaysoInstance {
  const all = (pageRegistry(win).i ??= new Map());
  const { site } = config;
  let instance = all.get(site);
  if (instance) {
    if (config.debug) console.warn(`sayso: ${site} runs already; init returns it`);
  } else {
    all.set(site, (instance = create()));
    const { destroy } = instance;
    // Destroyed, it leaves the registry: a later init (an SPA remounting) starts afresh.
    instance.destroy = () => {
      if (all.get(site) == instance) all.delete(site);
      destroy();
    };
  }
  return instance;
}
