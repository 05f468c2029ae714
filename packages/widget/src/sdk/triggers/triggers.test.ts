// Every trigger against jsdom's real DOM and history, with fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closest, watchClicks } from './click.js';
import { declared } from './declarative.js';
import { createDelays } from './delay.js';
import { watchExitIntent } from './exit-intent.js';
import { watchNavigation } from './pageview.js';
import { watchScroll } from './scroll.js';
import { afterTimeOnPage } from './time-on-page.js';

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});
afterEach(() => vi.useRealTimers());

function setScroll(y: number, height = 3000, viewport = 1000): void {
  Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: height });
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: viewport });
  Object.defineProperty(window, 'scrollY', { configurable: true, value: y });
  window.dispatchEvent(new Event('scroll'));
}

describe('page views and SPA navigation', () => {
  it('pushState, replaceState, popstate and hashchange each count once per real URL change', () => {
    const seen: string[] = [];
    const stop = watchNavigation(window, (href) => seen.push(new URL(href).pathname + new URL(href).hash));
    history.pushState(null, '', '/pricing');
    history.replaceState({ scroll: 10 }, '', '/pricing'); // same URL: not a page view
    history.replaceState(null, '', '/pricing?plan=pro');
    location.hash = '#faq';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.dispatchEvent(new PopStateEvent('popstate')); // URL unchanged since the last check
    expect(seen).toEqual(['/pricing', '/pricing', '/pricing#faq']);
    stop();
    history.pushState(null, '', '/after-stop');
    expect(seen).toHaveLength(3);
  });

  it('restores history methods on stop unless someone wrapped after us', () => {
    const original = history.pushState;
    const stop = watchNavigation(window, () => {});
    expect(history.pushState).not.toBe(original);
    stop();
    expect(history.pushState).toBe(original);
    const stop2 = watchNavigation(window, () => {});
    const theirs = function (this: History, ...a: Parameters<History['pushState']>) {
      return original.apply(this, a);
    };
    history.pushState = theirs;
    stop2();
    expect(history.pushState).toBe(theirs);
    history.pushState = original;
  });

  it('listens to the Navigation API where present', () => {
    const nav = new EventTarget();
    (window as { navigation?: EventTarget }).navigation = nav;
    const seen: string[] = [];
    const stop = watchNavigation(window, (h) => seen.push(h));
    // A navigation the wrappers did not see (e.g. navigation.navigate()).
    const push = History.prototype.pushState;
    push.call(history, null, '', '/via-navigation-api');
    nav.dispatchEvent(new Event('navigatesuccess'));
    expect(seen.map((h) => new URL(h).pathname)).toEqual(['/via-navigation-api']);
    stop();
    delete (window as { navigation?: EventTarget }).navigation;
  });
});

describe('clicks', () => {
  it('matches a selector on elements added later, and inside them', () => {
    const hits: string[] = [];
    const stop = watchClicks(document, (el) => closest(el, '.buy') && hits.push(el.id));
    const btn = document.createElement('button');
    btn.className = 'buy';
    btn.innerHTML = '<span id="inner">Buy</span>';
    document.body.append(btn);
    document.getElementById('inner')!.click();
    expect(hits).toEqual(['inner']);
    stop();
    btn.click();
    expect(hits).toHaveLength(1);
  });
  it('sees clicks a host handler stops from bubbling', () => {
    const hits: Element[] = [];
    const stop = watchClicks(document, (el) => hits.push(el));
    const b = document.createElement('button');
    b.addEventListener('click', (e) => e.stopPropagation());
    document.body.append(b);
    b.click();
    expect(hits).toEqual([b]);
    stop();
  });
  it('an invalid selector matches nothing instead of throwing', () => {
    expect(closest(document.body, '[[bad')).toBeNull();
  });
});

describe('declarative attributes', () => {
  it('data-sayso-survey and data-sayso-track with data-sayso-prop-* properties', () => {
    document.body.innerHTML =
      '<a data-sayso-survey="csat"><i id="a">x</i></a><button id="b" data-sayso-track="upgrade" data-sayso-prop-plan="pro" data-sayso-prop-seat-count="5">x</button><p id="c">x</p>';
    expect(declared(document.getElementById('a')!)).toEqual({ survey: 'csat', properties: {} });
    expect(declared(document.getElementById('b')!)).toEqual({ track: 'upgrade', properties: { plan: 'pro', seatCount: '5' } });
    expect(declared(document.getElementById('c')!)).toBeNull();
  });
});

describe('delay', () => {
  it('runs after the delay; a recheck after navigation cancels what no longer matches', () => {
    const d = createDelays();
    let valid = true;
    const ran: string[] = [];
    d.add(3000, () => ran.push('kept'), () => true);
    d.add(3000, () => ran.push('cancelled'), () => valid);
    vi.advanceTimersByTime(1000);
    valid = false;
    d.recheck();
    vi.advanceTimersByTime(2000);
    expect(ran).toEqual(['kept']);
  });
  it('checks validity once more when the timer fires', () => {
    const d = createDelays();
    let valid = true;
    const ran: string[] = [];
    d.add(100, () => ran.push('x'), () => valid);
    valid = false;
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([]);
  });
  it('clear cancels everything', () => {
    const d = createDelays();
    const ran: number[] = [];
    d.add(10, () => ran.push(1), () => true);
    d.clear();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([]);
  });
});

describe('time on page', () => {
  it('fires after the seconds of visible time; hidden time does not count', () => {
    let fired = 0;
    let state: DocumentVisibilityState = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    const stop = afterTimeOnPage(document, 10, () => fired++);
    vi.advanceTimersByTime(4000);
    state = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(60_000);
    expect(fired).toBe(0);
    state = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(5999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    stop();
  });
  it('stop cancels', () => {
    let fired = 0;
    afterTimeOnPage(document, 1, () => fired++)();
    vi.advanceTimersByTime(5000);
    expect(fired).toBe(0);
  });
});

describe('scroll depth', () => {
  /** Gives `el` a scroll box (jsdom lays nothing out) and fires the scroll event a browser would. */
  function scrollBox(el: Element, box: { top: number; height: number; content: number; width?: number }, target: EventTarget = el): void {
    const set = (k: string, value: number) => Object.defineProperty(el, k, { configurable: true, value });
    set('scrollTop', box.top);
    set('clientHeight', box.height);
    set('clientWidth', box.width ?? 1000);
    set('scrollHeight', box.content);
    target.dispatchEvent(new Event('scroll'));
  }
  beforeEach(() => {
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1000 });
    Object.defineProperty(window, 'innerHeight', { configurable: true, value: 1000 });
    // jsdom has no scrollingElement; a standards-mode browser's is <html>.
    Object.defineProperty(document, 'scrollingElement', { configurable: true, value: document.documentElement });
  });

  it('the document: fires once when the viewport bottom reaches the percent', () => {
    let fired = 0;
    const html = document.documentElement;
    const stop = watchScroll(window, 50, () => fired++);
    // The document's scroll event comes from the document.
    scrollBox(html, { top: 400, height: 1000, content: 3000 }, document); // 46.7 %
    expect(fired).toBe(0);
    scrollBox(html, { top: 500, height: 1000, content: 3000 }, document); // exactly 50 %
    expect(fired).toBe(1);
    scrollBox(html, { top: 2000, height: 1000, content: 3000 }, document);
    expect(fired).toBe(1);
    stop();
  });

  it('an app shell: the element that scrolls, seen in the capture phase though scroll does not bubble', () => {
    document.body.innerHTML = '<main><p>content</p></main>';
    const main = document.querySelector('main')!;
    let fired = 0;
    const stop = watchScroll(window, 50, () => fired++);
    scrollBox(main, { top: 300, height: 900, content: 3000 }); // 40 %
    expect(fired).toBe(0);
    scrollBox(main, { top: 600, height: 900, content: 3000 }); // 50 %
    expect(fired).toBe(1);
    stop();
  });

  it('a scroller smaller than half the viewport (a code block, a list) never fires; half of it does', () => {
    document.body.innerHTML = '<pre></pre><ul></ul>';
    const [pre, list] = [document.querySelector('pre')!, document.querySelector('ul')!];
    let fired = 0;
    const stop = watchScroll(window, 50, () => fired++);
    scrollBox(pre, { top: 2000, height: 499, content: 2499 }); // at its end, but 499 × 1000 px
    scrollBox(list, { top: 2000, height: 1000, content: 3000, width: 499 });
    expect(fired).toBe(0);
    scrollBox(pre, { top: 2000, height: 500, content: 2500 }); // 500 × 1000: half the viewport
    expect(fired).toBe(1);
    stop();
  });

  it('stop removes the listener', () => {
    let fired = 0;
    watchScroll(window, 50, () => fired++)();
    scrollBox(document.documentElement, { top: 2000, height: 1000, content: 3000 }, document);
    expect(fired).toBe(0);
  });
});

describe('exit intent', () => {
  it('desktop: the pointer leaving through the top edge, once', () => {
    let fired = 0;
    const stop = watchExitIntent(window, false, undefined, () => fired++);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, relatedTarget: null }));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: document.body }));
    expect(fired).toBe(0);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }));
    expect(fired).toBe(1);
    stop();
  });
  it('touch: a quick upward scroll fires, a slow one does not', () => {
    setScroll(2000);
    let fired = 0;
    const stop = watchExitIntent(window, true, undefined, () => fired++);
    // slow: 40 px every 200 ms
    for (let y = 1960; y >= 1600; y -= 40) {
      vi.advanceTimersByTime(200);
      setScroll(y);
    }
    expect(fired).toBe(0);
    // quick: 300 px in 60 ms
    for (let y = 1500; y >= 1200; y -= 100) {
      vi.advanceTimersByTime(20);
      setScroll(y);
    }
    expect(fired).toBe(1);
    stop();
  });
  it('touch: inactivity fires when configured, and activity postpones it', () => {
    setScroll(0);
    let fired = 0;
    const stop = watchExitIntent(window, true, 8000, () => fired++);
    vi.advanceTimersByTime(7000);
    document.dispatchEvent(new Event('touchstart'));
    vi.advanceTimersByTime(7000);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(1);
    stop();
  });
  it('desktop pages ignore touch signals', () => {
    let fired = 0;
    const stop = watchExitIntent(window, false, 1000, () => fired++);
    vi.advanceTimersByTime(5000);
    expect(fired).toBe(0);
    stop();
  });
});
