// Clicks, delegated from the document in the capture phase so elements added
// after start-up count too, and a host handler that stops propagation does
// not hide the click from us.
import { listen } from '../../listen.js';

/** Calls `onClick(element)` for every click; returns a stop function. */
export function watchClicks(doc: Document, onClick: (target: Element) => void): () => void {
  return listen<Event>(
    doc,
    'click',
    (e) => {
      // Inside open shadow roots the real target is the first composed one
      // (during dispatch the path always starts with the target).
      const t = e.composedPath()[0] as Node;
      // A click dispatched on a text node counts for its element.
      const el = t.nodeType == 1 ? (t as Element) : t.parentElement;
      if (el) onClick(el);
    },
    true,
  );
}

/** The closest element (self included) matching `selector`; an invalid selector matches nothing. */
export function closest(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}
