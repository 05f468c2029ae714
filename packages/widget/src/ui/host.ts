// The one element the widget adds to a host page: an open shadow root with
// exactly one <style> in it, so nothing leaks in or out.
import { onAccent } from './contrast.js';

// Overlays go in the top layer (a manual popover): no host z-index, not even
// a consent banner's 2147483647, can cover them, and no transformed,
// filtered or `contain`ed ancestor can become their containing block, so
// `position: fixed` means the viewport. Without a top layer the host goes
// on <html>, outside a transformed <body>, at the highest z-index and after
// the host's own elements, which wins ties.
const top = () => 'showPopover' in document.body;

/** Where an overlay's host element goes. */
export const overlayParent = (): Element => (top() ? document.body : document.documentElement);

/** Lifts an overlay's outermost element into the top layer, where there is one. */
export function raise(el: HTMLElement): void {
  // Not connected: closed before its strings arrived (see launcher.ts).
  if (top() && el.isConnected) {
    el.popover = 'manual';
    el.showPopover();
  }
}

/** A widget's host element and where to render inside its shadow root. */
export interface Host {
  root: ShadowRoot;
  /** The element to render into (Preact would take over a shadow root's existing <style>). */
  mount: HTMLElement;
  remove(): void;
}

/**
 * Appends a `<sayso-widget>` to `parent`, with `css` in its shadow root
 * (nonce'd for a strict CSP), and works out the readable text colour for the
 * accent as the page really resolves it (config or host CSS).
 */
export function createHost(parent: Element, css: string, nonce?: string): Host {
  const el = document.createElement('sayso-widget');
  const root = el.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  const mount = document.createElement('div');
  mount.className = 'w';
  root.append(style, mount);
  parent.append(el);
  // A probe resolves whatever colour syntax the accent uses to rgb(). CSSOM
  // writes (style.color, insertRule) are allowed under `style-src 'nonce-…'`,
  // unlike style attributes.
  const probe = document.createElement('i');
  probe.style.color = 'var(--sayso-accent,#2563eb)';
  root.append(probe);
  const accent = getComputedStyle(probe).color;
  probe.remove();
  try {
    style.sheet?.insertRule(`:host{--_oa:${onAccent(accent)}}`, style.sheet.cssRules.length);
  } catch {
    // A browser without CSSOM on shadow styles keeps the white default.
  }
  return { root, mount, remove: () => el.remove() };
}
