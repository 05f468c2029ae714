// The in-page half of `pnpm bench:host`: injected before any page script
// (Playwright's addInitScript), the same for every contender. It records when
// the page asked for the prompt and when the prompt became visible, and
// collects layout shifts and long tasks.
//
// "Visible", the same for every contender: an element whose text contains the
// prompt's question (looked up in the document and in every open shadow root)
// is in the DOM, is rendered (`checkVisibility()`: not display:none, not
// visibility:hidden, not inside content-visibility:hidden) and has a box
// (width and height above 0); and the frame that first showed it has been
// produced. The check runs in each requestAnimationFrame callback (after
// script and before that frame's style, layout and paint); when it passes in
// frame N, the time is taken in the callback of frame N+1, which runs only
// after frame N was painted (the double-rAF idiom). A fade-in counts from its
// first frame. The cost of the check (one walk of a small DOM per frame) is
// paid by every contender, the floor included.
/* global performance, PerformanceObserver, NodeFilter, Node, requestAnimationFrame -- it runs in the page */

/**
 * Runs in the page. `text` is the prompt's question.
 * @param {{ text: string }} options
 */
export function probe({ text }) {
  const bench = {
    /** performance.now() when the page made the call that shows the prompt. */
    ask: 0,
    /** performance.now() once the first frame showing the prompt was produced. */
    visible: 0,
    /** performance.now() when the contender's script had run (its load event). */
    sdkRan: 0,
    /** Cumulative layout shift (entries without recent input), until read. */
    cls: 0,
    /** [startTime, duration] of each long task (50 ms or more). */
    longTasks: [],
    markAsk() {
      bench.ask = performance.now();
      performance.mark('bench:ask');
    },
    markSdkRan() {
      bench.sdkRan = performance.now();
    },
  };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) bench.cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // An engine without these entry types still gets the timings.
  }

  /** The element holding `text`, in the document or an open shadow root, if it is rendered with a box. */
  const find = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (n.data.includes(text) && shown(n.parentElement)) return n.parentElement;
      } else if (n.shadowRoot) {
        const inner = find(n.shadowRoot);
        if (inner) return inner;
      }
    }
    return null;
  };
  const shown = (el) => {
    if (!el || !el.isConnected) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) : true);
  };
  const frame = () => {
    if (document.documentElement && find(document.documentElement)) {
      requestAnimationFrame(() => {
        bench.visible = performance.now();
        performance.mark('bench:visible');
      });
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
