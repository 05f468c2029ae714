// Which names this collector answers to. A page on a foreign origin can make
// a browser send requests to the collector under its own name (DNS
// rebinding: evil.example resolves to 127.0.0.1 for a second), with
// `Origin: http://evil.example:8787` and the same name in `Host`; taking
// "same origin" from `Host` would let it pass. So the names come from the
// configuration (publicUrl, allowedHosts) and the addresses the collector
// listens on, never from the request, and a request for any other host is
// refused before a route sees it.
import type { MiddlewareHandler } from 'hono';
import type { ResolvedConfig } from '../config.js';

/** The hosts (`name` or `name:port`, lower case) and origins that are this collector. */
export interface SelfNames {
  /** `host:port` names accepted in `Host`, and bare names accepted on any port. */
  hosts: Set<string>;
  /** Origins that are the collector itself (same origin). */
  origins: Set<string>;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The names the configuration gives (publicUrl, allowedHosts); listen() adds its address. */
export function selfNames(config: ResolvedConfig): SelfNames {
  const names: SelfNames = { hosts: new Set(config.allowedHosts), origins: new Set() };
  if (config.publicOrigin) {
    names.origins.add(config.publicOrigin);
    names.hosts.add(new URL(config.publicOrigin).host);
  }
  return names;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Adds a listen address: `host:port` and `http://host:port`. On a loopback
 * address (or with `--dev`) the loopback names are added on that port too,
 * since a browser on the same machine may use any of them. A wildcard address
 * (`0.0.0.0`, `::`) names nothing: configure `publicUrl` or `allowedHosts`.
 */
export function addListenAddress(names: SelfNames, host: string, port: number, dev: boolean): void {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const list = wildcard ? [] : [host.includes(':') ? `[${host}]` : host];
  if (dev || isLoopback(host)) list.push(...LOOPBACK_NAMES);
  for (const name of list) {
    names.hosts.add(`${name.toLowerCase()}:${port}`);
    names.origins.add(`http://${name.toLowerCase()}:${port}`);
  }
}

/** True when `host` (from the request URL, `name` or `name:port`) is one of `names`. */
export function hostAllowed(names: SelfNames, host: string): boolean {
  const h = host.toLowerCase();
  if (names.hosts.has(h)) return true;
  // A configured bare name accepts any port; a request without a port is on the scheme's default.
  const bare = h.replace(/:\d+$/, '');
  return names.hosts.has(bare) || (bare === h && (names.hosts.has(`${h}:80`) || names.hosts.has(`${h}:443`)));
}

/**
 * Refuses requests for a host that is not this collector with 421
 * (Misdirected Request). `/healthz` is exempt: load balancers probe it by IP.
 */
export function hostCheck(names: SelfNames): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === '/healthz') return next();
    const host = new URL(c.req.url).host;
    if (!hostAllowed(names, host)) {
      return c.json({ error: { param: 'Host', reason: `"${host}" is not a name of this collector (see allowedHosts)` } }, 421);
    }
    return next();
  };
}
