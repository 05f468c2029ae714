// The one element the widget adds to a host page: an open shadow root with
// exactly one <style> in it, so nothing leaks in or out.
import { onAccent } from './contrast.js';

/** A widget's host element and where to render inside its shadow root. */
export interface Host {
  el: HTMLElement;
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
  parent.appendChild(el);
  // A probe resolves whatever colour syntax the accent uses to rgb(). CSSOM
  // writes (style.color, insertRule) are allowed under `style-src 'nonce-…'`,
  // unlike style attributes.
  const probe = document.createElement('i');
  probe.style.color = 'var(--sayso-accent,#2563eb)';
  root.appendChild(probe);
  const accent = getComputedStyle(probe).color;
  probe.remove();
  try {
    style.sheet?.insertRule(`:host{--_oa:${onAccent(accent)}}`, style.sheet.cssRules.length);
  } catch {
    // A browser without CSSOM on shadow styles keeps the white default.
  }
  return { el, root, mount, remove: () => el.remove() };
}
