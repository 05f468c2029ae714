// One sayso instance in a browser: wires surveys, triggers, targeting, caps,
// consent, delivery and the lazily loaded UI together. Closures rather than a
// class: the always-loaded bundle is budgeted to the byte, and closures
// minify to shorter names than methods.
import type { AttributeValue, SaysoErrorCode, Survey, Trigger } from '@sayso/core';
import type { SurveyHandle, UiModule } from '../ui/types.js';
import { initialConsent } from './consent.js';
import { createEmitter } from './emitter.js';
import { readHistory, type History } from './history.js';
import type { Engine, Host } from './engine-types.js';
import { pickLocale } from './locale.js';
import { fetchSurveys } from './remote-config.js';
import { asksForDebug } from './debug-flag.js';
import type { DebugEntry, Presenter } from './debug-types.js';
import { consentStore, readJson } from './store.js';
import { hash32 } from './sampling.js';
import { senderGate } from './sender-gate.js';
import { mergeSurveys } from './surveys.js';
import { isMobile, targeted, type Audience } from './targeting.js';
import { capsAllow, surveyAllows } from './throttle.js';
import { closest, watchClicks } from './triggers/click.js';
import { declared } from './triggers/declarative.js';
import { createDelays } from './triggers/delay.js';
import { eventMatches } from './triggers/event.js';
import { watchNavigation } from './triggers/pageview.js';
import { matchUrl } from './triggers/url.js';
import { retrying } from './ui-loader.js';
import type { ConsentState, SaysoConfig, SaysoInstance } from './types.js';

/** What the entry point (npm or script tag) supplies. */
export interface Deps {
  /** Loads the engine: survey validation and the delivery layer. */
  loadEngine(): Promise<Engine>;
  /** Loads the UI chunk. */
  loadUi(): Promise<UiModule>;
  /** Loads the debug chunk (preview links, "why isn't it showing?"); only a page that asks for it does. */
  loadDebug?(): Promise<DebugEntry>;
}

const noop = (): void => {};

/** A kept validation: the key of the list it judged, the engine's answer, remote config's ETag. */
type Verdict = { k: string } & ReturnType<Engine['check']>;
/**
 * The verdict's format: a new one when the engine's output changes (2: URL
 * rules come compiled; 3: written by the engine's own JSON writer, as
 * copies written on Prototype.js pages held their lists as strings).
 */
const VERDICT = 3;

/** Creates a live instance; call only in a browser. */
export function createInstance(config: SaysoConfig, deps: Deps): SaysoInstance {
  const win = window;
  const doc = document;
  const nav = navigator;
  const { site } = config;
  const em = createEmitter(win);
  const error = (code: SaysoErrorCode, message: string, surveyId?: string): void =>
    em.emit('error', { code, message, ...(surveyId && { surveyId }) });
  /** A chunk that did not load (after its retries), for the survey that needed it. */
  const failed = (err: unknown, surveyId?: string): void => error('E_UI_LOAD_FAILED', String((err as Error).message), surveyId);

  let consent: ConsentState = initialConsent(config.consent, config.respectGpc, nav);
  const granted = (): boolean => consent == 'granted';
  /** Consent granted and not destroyed: what anything that stores, sends or shows needs. */
  const live = (): boolean => granted() && !destroyed;
  const loadEngine = retrying(deps.loadEngine);
  const sender = senderGate(config, loadEngine, live, em.emit);
  const store = consentStore(() => win.localStorage, granted);
  const session = consentStore(() => win.sessionStorage, granted);
  const locale = pickLocale(config.locale, doc, nav);
  const mobile = isMobile(win);
  const loadUi = retrying(config.loadUi ?? deps.loadUi);
  /** What showing a survey takes, loaded side by side: a survey is never shown unless its answer can be stored. */
  const chunks = () => Promise.all([loadUi(), loadEngine()]);
  const remoteOn = !!config.endpoint && config.remoteConfig !== false;
  const delays = createDelays();
  const stops: Array<() => void> = [];
  /** Takes the feedback tabs down; `noop` while they load. */
  let untab: (() => void) | undefined;
  let pageStops: Array<() => void> = [];

  let surveys: Survey[] = [];
  let ready = false;
  let destroyed = false;
  let userId: string | undefined;
  let signature: string | undefined;
  let attributes: Record<string, AttributeValue> = {};
  let history: History = {};
  let historyReady: Promise<unknown> = Promise.resolve();
  let handle: SurveyHandle | undefined;
  let open = false;
  let pageShows = 0;
  let wanted: Survey[] = [];
  /** Triggered while another survey was on screen: they compete again when it closes (caps permitting). */
  const deferred: Survey[] = [];
  let onConsent = noop;
  const consented = new Promise<void>((r) => (onConsent = r));

  const hKey = `h.${site}`;
  // The engine writes the JSON (the page's JSON.stringify may not be the platform's): it made the change.
  const saveHistory = (text: string): void => store.set(hKey, text);
  const anonymousId = (): string => {
    let id = store.get('aid');
    // 128 random bits; getRandomValues, unlike randomUUID, works on plain-http pages too.
    if (!id) store.set('aid', (id = crypto.getRandomValues(new Uint32Array(4)).join('-')));
    return id;
  };
  const who = () => ({ anonymousId: anonymousId(), ...(userId && { userId }), ...(signature && { userSignature: signature }) });
  /** Consent denied: forgets what sayso stored, queued records included, without sending any. */
  const deny = (): void => {
    sender.stop(true); // first: it reads the marks that the wipe removes
    store.clear();
    session.clear();
    history = {};
  };
  /** Takes down whatever is on screen or waiting to show. */
  const hide = (): void => {
    untab?.();
    untab = undefined;
    handle?.close();
    delays.clear();
  };
  const shownThisSession = (): number => Number(session.get(`n.${site}`)) || 0;

  /** Starts (or resumes) state once consent is granted: storage, visit, the sender. */
  function start(): void {
    store.forget();
    session.forget();
    history = readHistory(store.get(hKey));
    // First page of a session decides new vs returning, for the whole session.
    if (!session.get('v')) session.set('v', store.get('seen') ? 'r' : 'n');
    store.set('seen', '1');
    sender.resume();
  }

  function audience(): Audience {
    return { site, personId: userId ?? anonymousId(), identified: !!userId, attributes, locale, mobile, returning: session.get('v') === 'r' };
  }

  /** Targeting and every cap except "one on screen". */
  function eligible(s: Survey): boolean {
    const now = Date.now();
    return (
      s.enabled !== false &&
      pageShows < (config.perPageView ?? 1) &&
      shownThisSession() < (config.perSession ?? 1) &&
      targeted(s, audience()) &&
      surveyAllows(s, history, now) &&
      capsAllow(s, history, config, now)
    );
  }

  /** Shows `s` now if nothing else is on screen; `check` applies targeting and caps; `p` replaces the engine's `present` (a preview). */
  async function display(s: Survey, check: boolean, p?: Presenter): Promise<boolean> {
    await historyReady;
    if (open || !live() || (check && !eligible(s))) return false;
    open = true;
    try {
      // The delivery starts once the survey is on screen (engine.present), not in the way of its first frame.
      const [ui, e] = await chunks();
      if (!live()) throw 0;
      handle = await (p || e.present)(s, host, ui, e);
      return true;
    } catch (err) {
      open = false;
      if (err !== 0) failed(err, s.id);
      return false;
    }
  }

  /** Surveys triggered in the same tick compete: the highest priority that passes its caps shows. */
  async function pick(): Promise<void> {
    const list = wanted.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
    wanted = [];
    if (open) return void deferred.push(...list);
    for (const s of list) if (await display(s, true)) return;
  }

  function want(s: Survey): void {
    if (wanted.push(s) === 1) setTimeout(pick);
  }

  function fire(s: Survey, t: Trigger): void {
    const matches = (): boolean => matchUrl(win.location.href, t.url);
    if (!matches()) return;
    if (t.delayMs) delays.add(t.delayMs, () => want(s), matches);
    else want(s);
  }

  function each(fn: (s: Survey, t: Trigger) => void): void {
    for (const s of surveys) for (const t of s.triggers ?? []) fn(s, t);
  }

  /** A new page view (first load or SPA navigation): page caps reset, page triggers re-arm. */
  function pageView(): void {
    const since = Date.now();
    pageShows = 0;
    for (const stop of pageStops) stop();
    pageStops = [];
    delays.recheck();
    each((s, t) => {
      const go = (): void => fire(s, t);
      if (t.type == 'pageview') go();
      // Time on page, scroll depth and exit intent are armed by the UI chunk (ui/watch.ts),
      // for a survey that could show now (consent, targeting, caps): the case where
      // preload() loads that chunk anyway. A visitor the caps exclude loads nothing.
      else if ((t.type == 'time-on-page' || t.type == 'scroll' || t.type == 'exit-intent') && granted() && eligible(s)) {
        let stop = noop;
        let gone = false;
        loadUi().then(
          (ui) => gone || (stop = ui.watch?.(win, t, mobile, since, go) ?? noop),
          (err) => failed(err, s.id),
        );
        pageStops.push(() => {
          gone = true;
          stop();
        });
      }
    });
  }

  /**
   * Feedback tabs (`presentation.mode: 'tab'`): always there for the people a
   * survey targets; a press is an explicit show. The engine mounts them: a
   * tab needs it and the UI anyway.
   */
  function launchers(): void {
    const list = surveys.filter((s) => s.presentation?.mode == 'tab' && s.enabled !== false && targeted(s, audience()));
    if (!list.length || untab || !granted()) return;
    // hide() (consent withdrawn, destroy) clears `untab`, so a load it overtook mounts nothing.
    const token = (untab = noop);
    chunks().then(
      ([ui, e]) => untab == token && (untab = e.tabs(list, host, ui, (s) => void display(s, false))),
      (err) => failed(err, list[0]!.id),
    );
  }

  /**
   * Fetches what showing `s` takes while the remote config is fetched and
   * validated, rather than after, for a show asked for then. A survey the kept
   * config's caps or targeting exclude loads nothing. A survey the kept
   * config does not hold (`s` undefined; mostly a browser's first sight of
   * the config, which loads the engine to validate it anyway) loads both.
   */
  function prime(s?: Survey): void {
    if (live() && (!s || eligible(s))) chunks().catch(noop);
  }

  /** Loads the UI on idle when a survey could show on this page. */
  function preload(): void {
    if (granted() && surveys.some((s) => s.triggers?.some((t) => t.type != 'manual') && eligible(s))) {
      (win.requestIdleCallback ?? setTimeout)(() => loadUi().catch(noop));
    }
  }

  const host: Host = {
    config,
    locale,
    emit: em.emit,
    error,
    attributes: () => attributes,
    who,
    history: () => history,
    save: saveHistory,
    surveys: () => surveys,
    sender,
    shown() {
      pageShows++;
      session.set(`n.${site}`, String(shownThisSession() + 1));
    },
    closed() {
      open = false;
      handle = undefined;
      deferred.splice(0).forEach(want);
    },
  };

  const api: SaysoInstance = {
    identify(id, attrs, options) {
      if (id !== userId) attributes = {};
      userId = id;
      attributes = { ...attributes, ...attrs };
      signature = options?.signature;
      // A signed user's server-side history joins the local one (config.history, else the collector's).
      // Surveys wait for it, but never longer than 3 s for a slow server.
      if (signature && config.history !== false && (config.history || config.endpoint) && granted()) {
        historyReady = Promise.race([loadEngine().then((e) => e.identify(host, id, signature!), noop), new Promise((r) => setTimeout(r, 3000))]);
      }
    },
    // Both wait for the surveys (config checked, remote config fetched).
    track(name, properties = {}) {
      void started.then(() => each((s, t) => eventMatches(t, name, properties) && fire(s, t)));
    },
    show(surveyId, options) {
      if (!ready && remoteOn) prime(readJson<Verdict>(store, 'vr')?.s.find((x) => x.id === surveyId));
      return started.then(() => {
        const s = surveys.find((x) => x.id === surveyId);
        if (!s) error('E_ARGUMENT_INVALID', `unknown survey ${surveyId}`, surveyId);
        return !!s && display(s, !options?.force);
      });
    },
    on: em.on,
    // Without a pending mark there is nothing to send, and no reason to load the engine.
    flush: sender.flush,
    consent(state) {
      const was = consent;
      consent = initialConsent(state, config.respectGpc, nav);
      if (consent === was) return;
      if (granted()) {
        onConsent();
        start();
        if (ready) {
          pageView();
          launchers();
        }
        return;
      }
      hide();
      open = false;
      if (consent == 'denied') deny();
      else sender.stop();
    },
    destroy() {
      destroyed = true;
      for (const stop of [...stops, ...pageStops]) stop();
      hide();
      sender.stop();
    },
  };

  if (granted()) {
    onConsent();
    start();
  } else if (consent == 'denied') deny();

  stops.push(watchNavigation(win, () => ready && pageView()));
  stops.push(
    watchClicks(doc, (el) => {
      if (!ready) return;
      const d = declared(el);
      if (d?.track) api.track(d.track, d.properties);
      if (d?.survey) void api.show(d.survey, { force: true });
      each((s, t) => t.type == 'click' && closest(el, t.selector) && fire(s, t));
    }),
  );

  /**
   * The valid surveys of `list`. parseSurvey lives in the engine, so its
   * verdict is kept (in the slot, under a hash of the list): a browser
   * loads the engine to validate a config once, not on every page. Remote
   * config passes the verdict it already read as `was`.
   */
  async function valid(list: unknown[], slot: string, was = readJson<Verdict>(store, slot)): Promise<Survey[]> {
    if (!list.length) return [];
    // The replacer hands back each value as it was before any toJSON (Prototype.js gives arrays one), so the key is
    // the same on pages with and without such libraries; it hashes, it is never parsed.
    const text = JSON.stringify(list, function (this: Record<string, unknown>, key) {
      return this[key];
    });
    const k = `${VERDICT}.${hash32(text)}.${hash32(site + text)}.${text.length}`;
    let v = was;
    if (v?.k !== k) {
      try {
        v = { k, ...(await loadEngine()).check(list) };
      } catch (err) {
        failed(err);
        return [];
      }
    }
    // Written only when it changed: most pages reuse it as it is. By the engine's JSON writer, which a
    // page's toJSON and JSON.stringify cannot reach (the engine is loaded already: it made the verdict).
    if (v !== was) await loadEngine().then((e) => store.set(slot, e.json(v)), noop);
    return kept(v);
  }
  /** A verdict's surveys, its problems reported again (every page hears about a bad config). */
  const kept = (v: Verdict): Survey[] => {
    for (const p of v.e) em.emit('error', p);
    return v.s;
  };

  // Checked a tick later, so `on('error')` right after `init` hears about bad surveys.
  const mine = Promise.resolve().then(() => valid(config.surveys ?? [], 'vl'));
  // Not even the config request leaves the page before consent: it would tell the collector who is visiting.
  const remote = remoteOn
    ? consented.then(async () => {
        const v = readJson<Verdict>(store, 'vr');
        const r = await fetchSurveys(win.fetch.bind(win), `${config.endpoint}/v1/sites/${encodeURIComponent(site)}/surveys`);
        if (r.error) error('E_REMOTE_CONFIG', r.error);
        // The list (fresh or revalidated by the HTTP cache); else (offline, a server error) the kept copy.
        return r.list ? valid(r.list, 'vr', v) : v ? kept(v) : [];
      })
    : Promise.resolve([]);
  const started = Promise.all([mine, remote]).then(([mine, theirs]) => {
    if (destroyed) return;
    surveys = mergeSurveys(mine, theirs);
    ready = true;
    em.emit('ready', { surveys: surveys.map((s) => s.id) });
    pageView();
    launchers();
    preload();
  });
  // Hands this instance to the debug chunk when the page may ask for it (debug-flag.ts: the chunk reads the address exactly).
  if (asksForDebug(win.location.href, session)) deps.loadDebug?.().then((d) => d(host, api, display, () => [consent, pageShows, shownThisSession(), open, audience(), ready]), failed);
  // After `started` exists: entries already in the dataLayer are tracked at once.
  listenDataLayer(win, api.track, stops);
  return api;
}

/**
 * Turns `dataLayer.push({ event: 'x', ... })` into `track('x', {...})`, for
 * entries already there and later ones, so tag managers can drive surveys.
 * sayso's own `sayso.*` pushes and GTM's `gtm.*` are skipped.
 */
function listenDataLayer(win: Window, track: SaysoInstance['track'], stops: Array<() => void>): void {
  const dl = (win as { dataLayer?: unknown }).dataLayer as Array<Record<string, unknown>> | undefined;
  if (!Array.isArray(dl)) return;
  const onItem = (item: unknown): void => {
    const e = (item as { event?: unknown } | null)?.event;
    if (typeof e === 'string' && !/^(sayso|gtm)\./.test(e)) track(e, item as Record<string, unknown>);
  };
  dl.forEach(onItem);
  const push = dl.push;
  const wrapped = (dl.push = function (this: unknown[], ...items: unknown[]) {
    const n = push.apply(this, items as Array<Record<string, unknown>>);
    items.forEach(onItem);
    return n;
  });
  stops.push(() => void (dl.push === wrapped && (dl.push = push)));
}
