// The studio's router: the History API and one signal. preact-iso would do
// it too, but it wants preact-render-to-string as a peer for prerendering,
// which a signed-in admin app never does; this is the part we need.
import { signal } from '@preact/signals';
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';

/** Every studio path starts here (the collector serves the shell for all of them). */
export const BASE = '/studio';

/** The current location, path and query (`/studio/surveys?site=shop`). */
export const location = signal(typeof window === 'undefined' ? BASE : window.location.pathname + window.location.search);

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    location.value = window.location.pathname + window.location.search;
  });
}

/** Goes to `to` (a studio path) without reloading; `replace` keeps the history entry. */
export function navigate(to: string, replace = false): void {
  if (to === location.value) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', to);
  location.value = to;
  // A new screen: start reading at its top, as a page load would.
  window.scrollTo?.(0, 0);
}

/**
 * The parameters of `pattern` (`/studio/surveys/:site/:id`) in `path`, or
 * null when it does not match. Segments compare whole, never as a prefix.
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('?')[0]!.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (!g) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

/** The value of query parameter `name` of the current location. */
export const query = (name: string): string | null => new URLSearchParams(location.value.split('?')[1] ?? '').get(name);

/** An in-app link: a real `<a href>` (new tab, copy link work), followed without a reload on a plain click. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren }) {
  const { href, onClick, ...rest } = props;
  return (
    <a
      {...rest}
      href={href}
      aria-current={location.value.split('?')[0] === href.split('?')[0] ? 'page' : undefined}
      onClick={(e) => {
        (onClick as ((e: MouseEvent) => void) | undefined)?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}
