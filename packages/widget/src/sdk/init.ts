// `init` for the npm package. Importing this module touches no window or
// document; `init` itself returns an inert instance outside a browser.
import { createInstance } from './instance.js';
import { inertInstance } from './inert.js';
import { engine } from './engine.js';
import { claim } from './registry.js';
import type { SaysoConfig, SaysoInstance } from './types.js';

/**
 * Starts sayso on this page and returns the instance. A site already running
 * on the page (from the snippet, a script tag or another bundle) is returned
 * as it is, so a page never runs two instances of one site.
 * @example
 * const sayso = init({ site: 'pk_demo', endpoint: 'https://feedback.example.com' });
 * sayso.track('checkout-complete', { total: 120 });
 */
export function init(config: SaysoConfig): SaysoInstance {
  if (typeof window === 'undefined' || typeof document === 'undefined') return inertInstance();
  return claim(window, config, () =>
    createInstance(config, {
      // The npm package bundles the engine: the host's bundler decides how to split it.
      loadEngine: () => Promise.resolve(engine),
      // A separate chunk: Preact and the components load only when a survey shows.
      loadUi: () => import('../ui/index.js'),
      // Preview links and the debug panel: only a page that asks for them loads this.
      loadDebug: () => import('../debug/index.js').then((m) => m.debug),
    }),
  );
}
