// The instance end to end in jsdom with fake timers: triggers → targeting →
// caps → UI → delivery records and events. The UI is a recording stand-in for
// the real chunk (tested in Chromium under test/browser), and delivery an
// in-memory one implementing the same contract.
import type { Survey } from '@sayso/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, DeliveryEvent, Outgoing } from '../delivery/types.js';
import type { MountOptions, UiModule } from '../ui/types.js';
import { install } from '../../../../test/builtin-patches.js';
import { watch } from '../ui/watch.js';
import { engine } from './engine.js';
import { createInstance } from './instance.js';
import type { SaysoConfig, SaysoEventName, SaysoInstance } from './types.js';

function memoryDelivery() {
  const records: Outgoing[] = [];
  const listeners = new Set<(e: DeliveryEvent) => void>();
  let cleared = 0;
  const d: Delivery = {
    async enqueue(r) {
      if (!records.some((x) => x.value.id === r.value.id)) records.push(r);
      for (const l of listeners) l({ type: 'queued', id: r.value.id, durability: 'memory' });
      return { id: r.value.id, durability: 'memory' };
    },
    async flush() {
      const ids = records.map((r) => r.value.id);
      for (const l of listeners) l({ type: 'delivered', ids });
    },
    pending: async () => records.length,
    on(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async clear() {
      records.length = 0;
      cleared++;
    },
    destroy() {},
  };
  return { d, records, cleared: () => cleared };
}

function recordingUi() {
  const mounted: MountOptions[] = [];
  let open: MountOptions | undefined;
  const ui: UiModule = {
    async mountSurvey(o) {
      mounted.push(o);
      open = o;
      o.onShow?.();
      return { close: () => o.onClose?.() };
    },
    // The real chunk's: it arms time on page, scroll depth and exit intent.
    watch,
  };
  return {
    ui,
    mounted,
    ids: () => mounted.map((m) => m.survey.id),
    /** The user closes the open survey without answering. */
    dismiss() {
      open!.onDismiss();
      open!.onClose?.();
    },
    async answer(score: number, comment?: string) {
      const o = open!;
      const receipt = await o.onSubmit(comment ? { score, comment } : { score });
      o.onClose?.();
      return receipt;
    },
  };
}

const nps = (extra: Partial<Survey> = {}): Survey => ({ id: 'nps', kind: 'nps', question: 'How likely…?', triggers: [{ type: 'pageview' }], ...extra });
const csat = (extra: Partial<Survey> = {}): Survey => ({ id: 'csat', kind: 'csat', question: 'How was it?', ...extra });

let ui: ReturnType<typeof recordingUi>;
let del: ReturnType<typeof memoryDelivery>;
const live: SaysoInstance[] = [];

function start(config: Partial<SaysoConfig>, events: SaysoEventName[] = []) {
  const seen: Array<[string, unknown]> = [];
  const s = createInstance({ site: 'pk_test', ...config, loadUi: () => Promise.resolve(ui.ui) }, { loadEngine: () => Promise.resolve({ ...engine, delivery: () => del.d }), loadUi: () => Promise.reject(new Error('unused')) });
  for (const e of events) s.on(e, (p) => seen.push([e, p]));
  live.push(s);
  return { s, seen };
}
const settle = () => vi.advanceTimersByTimeAsync(10);
/** Past the frame that draws a card (and the 100 ms that stand in for one where no frame comes). */
const drawn = () => vi.advanceTimersByTimeAsync(100);

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  ui = recordingUi();
  del = memoryDelivery();
  (window as { dataLayer?: unknown[] }).dataLayer = [];
});
afterEach(() => {
  for (const s of live.splice(0)) s.destroy();
  vi.useRealTimers();
});

describe('showing and recording', () => {
  it('a page-view survey shows; ready, show, queued events fire; the display is enqueued', async () => {
    const win: string[] = [];
    const onWin = (e: Event) => win.push(e.type);
    window.addEventListener('sayso:show', onWin);
    const { seen } = start({ surveys: [nps()] }, ['ready', 'show', 'queued']);
    await settle();
    expect(ui.ids()).toEqual(['nps']);
    // Queued once the card's first frame is drawn (starting the delivery is no part of that frame).
    expect(seen.map((e) => e[0])).toEqual(['ready', 'show']);
    expect(del.records).toHaveLength(0);
    await drawn();
    window.removeEventListener('sayso:show', onWin);
    expect(seen.map((e) => e[0])).toEqual(['ready', 'show', 'queued']);
    expect(seen[0]![1]).toEqual({ surveys: ['nps'] });
    expect(win).toEqual(['sayso:show']);
    expect((window as { dataLayer?: unknown[] }).dataLayer).toContainEqual({ event: 'sayso.show', sayso: { surveyId: 'nps' } });
    expect(del.records).toHaveLength(1);
    expect(del.records[0]).toMatchObject({ kind: 'event', value: { type: 'display', surveyId: 'nps', channel: 'web' } });
  });

  it('an answer is enqueued once with who answered, reported with its durability, and caps the survey', async () => {
    const { s, seen } = start({ surveys: [nps({ variables: { product: 'Acme' } })], variables: { company: 'Co' } }, ['submit']);
    s.identify('user-1', { plan: 'pro' }, { signature: 'abc123' });
    await settle();
    expect(ui.mounted[0]!.variables).toEqual({ company: 'Co', product: 'Acme', plan: 'pro' });
    const o = ui.mounted[0]!;
    const [r1, r2] = await Promise.all([o.onSubmit({ score: 9, comment: 'great' }), o.onSubmit({ score: 9, comment: 'great' })]);
    expect(r1).toEqual({ durability: 'memory', online: true });
    expect(r2).toBe(r1); // a double click is one response
    const responses = del.records.filter((r) => r.kind === 'response');
    expect(responses).toHaveLength(1);
    expect(responses[0]!.value).toMatchObject({
      surveyId: 'nps',
      kind: 'nps',
      score: 9,
      scale: [0, 10],
      comment: 'great',
      userId: 'user-1',
      userSignature: 'abc123',
      attributes: { plan: 'pro' },
      channel: 'web',
      page: { url: location.href },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]![1]).toMatchObject({ surveyId: 'nps', durability: 'memory' });
    // answered: 'until-answered' never shows it again, even after a reload
    o.onClose?.();
    live.pop()!.destroy();
    sessionStorage.clear();
    start({ surveys: [nps()] });
    await settle();
    expect(ui.mounted).toHaveLength(1);
  });

  it('a survey that came with a published version records it on its display and its answer; one without records none', async () => {
    start({ surveys: [nps({ version: 3 })] });
    await settle();
    await ui.answer(9);
    await settle();
    const of = (id: string) => del.records.filter((r) => r.value.surveyId === id).map((r) => [r.kind, (r.value as { version?: number }).version]);
    expect(of('nps')).toEqual([
      ['event', 3],
      ['response', 3],
    ]);
    live.pop()!.destroy();
    del.records.length = 0;
    localStorage.clear();
    sessionStorage.clear();
    start({ surveys: [csat({ triggers: [{ type: 'pageview' }] })] });
    await settle();
    await drawn(); // the display is queued after the card's first frame
    expect(del.records.map((r) => [r.value.surveyId, 'version' in r.value])).toEqual([['csat', false]]);
  });

  it('a dismissal is recorded and enqueued, and its cooldown holds across a reload', async () => {
    const { seen } = start({ surveys: [nps()] }, ['dismiss']);
    await settle();
    ui.dismiss();
    expect(seen).toEqual([['dismiss', { surveyId: 'nps' }]]);
    await settle(); // the record reaches the queue once the engine's delivery resolves
    expect(del.records.map((r) => (r.value as { type?: string }).type)).toEqual(['display', 'dismiss']);
    live.pop()!.destroy();
    sessionStorage.clear();
    start({ surveys: [nps()] });
    await settle();
    expect(ui.mounted).toHaveLength(1);
    vi.setSystemTime(Date.now() + 8 * 864e5);
    live.pop()!.destroy();
    sessionStorage.clear();
    start({ surveys: [nps()] });
    await settle();
    expect(ui.mounted).toHaveLength(2);
  });

  it('a bad survey is skipped with an error naming the field; the others still work', async () => {
    const bad = { id: 'bad', kind: 'nps', question: 'q', triggers: [{ type: 'scroll', percent: 500 }] } as Survey; // as from untyped JSON
    const { seen } = start({ surveys: [bad, nps()] }, ['error']);
    await settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]![1]).toMatchObject({ code: 'E_SURVEY_INVALID', path: 'surveys[0].triggers[0].percent' });
    expect(ui.ids()).toEqual(['nps']);
  });

  it('a UI that fails to load is retried, then reported as E_UI_LOAD_FAILED, never thrown', async () => {
    let attempts = 0;
    const seen: unknown[] = [];
    const s = createInstance(
      { site: 's', surveys: [nps()], loadUi: () => (attempts++, Promise.reject(new Error('offline'))) },
      { loadEngine: () => Promise.resolve({ ...engine, delivery: () => del.d }), loadUi: () => Promise.reject(new Error('unused')) },
    );
    live.push(s);
    s.on('error', (e) => seen.push(e));
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(3);
    expect(seen).toEqual([{ code: 'E_UI_LOAD_FAILED', message: 'offline', surveyId: 'nps' }]);
    expect(del.records).toHaveLength(0); // nothing was displayed
  });
});

describe('the lazily loaded engine', () => {
  const counting = () => {
    const calls = { loads: 0, checks: 0 };
    const deps = {
      loadEngine: () => {
        calls.loads++;
        return Promise.resolve({ ...engine, delivery: () => del.d, check: (l: unknown[]) => (calls.checks++, engine.check(l)) });
      },
      loadUi: () => Promise.reject(new Error('unused')),
    };
    return { calls, deps };
  };

  it('validates a config once per browser: the verdict (errors included) is reused while the config is unchanged', async () => {
    const bad = { id: 'bad', kind: 'nps', question: 'q', triggers: [{ type: 'scroll', percent: 500 }] } as Survey;
    const quiet = nps({ triggers: [{ type: 'event', name: 'never' }] });
    const { calls, deps } = counting();
    const run = async (surveys: Survey[]) => {
      const errors: unknown[] = [];
      const ready: unknown[] = [];
      const s = createInstance({ site: 'pk_test', surveys, loadUi: () => Promise.resolve(ui.ui) }, deps);
      live.push(s);
      s.on('error', (e) => errors.push(e));
      s.on('ready', (e) => ready.push(e));
      await settle();
      s.destroy();
      return { errors, ready };
    };
    const first = await run([bad, quiet]);
    expect(calls).toEqual({ loads: 1, checks: 1 });
    const writes = vi.spyOn(Storage.prototype, 'setItem');
    const second = await run([bad, quiet]);
    expect(writes.mock.calls.filter(([key]) => key === 'sayso.vl')).toEqual([]); // reused as it is, not written back
    writes.mockRestore();
    expect(calls).toEqual({ loads: 1, checks: 1 }); // nothing to show, nothing queued: no engine
    expect(second).toEqual(first);
    expect(second.errors).toMatchObject([{ code: 'E_SURVEY_INVALID', path: 'surveys[0].triggers[0].percent' }]);
    expect(second.ready).toEqual([{ surveys: ['nps'] }]);
    await run([quiet]); // a changed config is validated afresh
    expect(calls.checks).toBe(2);
  });

  it('on a page with Prototype.js, MooTools and Object.prototype members, keeps its verdict and history as JSON and reuses them', async () => {
    const { calls, deps } = counting();
    const bad = { id: 'bad', kind: 'nps', question: 'q', triggers: [{ type: 'pageview', percent: 5 }] } as unknown as Survey;
    const page = async () => {
      const errors: unknown[] = [];
      const s = createInstance({ site: 'pk_test', surveys: [bad, nps()], loadUi: () => Promise.resolve(ui.ui), delivery: del.d }, deps);
      live.push(s);
      s.on('error', (e) => errors.push(e));
      await settle();
      return errors;
    };
    const undo = install('prototype', 'mootools', 'objectPrototype');
    let errors: unknown[];
    try {
      errors = await page();
      await ui.answer(9);
    } finally {
      undo();
    }
    expect(ui.ids()).toEqual(['nps']);
    expect(errors).toMatchObject([{ code: 'E_SURVEY_INVALID', path: 'surveys[0].triggers[0].percent' }]);
    const verdict = JSON.parse(localStorage.getItem('sayso.vl')!);
    expect(verdict.s.map((x: Survey) => x.id)).toEqual(['nps']);
    expect(verdict.e).toMatchObject([{ path: 'surveys[0].triggers[0].percent' }]);
    expect(Object.keys(JSON.parse(localStorage.getItem('sayso.h.pk_test')!))).toEqual(['nps']);
    // The next page reads both back: the verdict is reused (no second check), and the answer caps the survey.
    expect(await page()).toEqual(errors);
    expect(calls.checks).toBe(1);
    expect(ui.ids()).toEqual(['nps']);
  });

  it('an engine that cannot load: nothing validated or shown, the failure is reported, nothing is thrown', async () => {
    const seen: unknown[] = [];
    let attempts = 0;
    const failing = { loadEngine: () => (attempts++, Promise.reject(new Error('could not load sayso-engine.js'))), loadUi: () => Promise.reject(new Error('unused')) };
    const first = createInstance({ site: 's', surveys: [nps()], loadUi: () => Promise.resolve(ui.ui) }, failing);
    live.push(first);
    first.on('error', (e) => seen.push(e));
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(3); // retried
    expect(seen).toEqual([{ code: 'E_UI_LOAD_FAILED', message: 'could not load sayso-engine.js' }]);
    first.destroy();

    // The verdict kept from a page where the engine loaded; now it fails as the survey is about to show.
    const ok = counting();
    const s = createInstance({ site: 's', surveys: [nps()], loadUi: () => Promise.resolve(ui.ui) }, ok.deps);
    live.push(s);
    await settle();
    expect(ui.ids()).toEqual(['nps']);
    ui.dismiss();
    s.destroy();
    sessionStorage.clear();
    localStorage.removeItem('sayso.h.s'); // no caps in the way
    seen.length = 0;
    const again = createInstance({ site: 's', surveys: [nps()], loadUi: () => Promise.resolve(ui.ui) }, failing);
    live.push(again);
    again.on('error', (e) => seen.push(e));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual([{ code: 'E_UI_LOAD_FAILED', message: 'could not load sayso-engine.js', surveyId: 'nps' }]);
    expect(ui.ids()).toEqual(['nps']); // not shown a second time: its answer could not have been kept
  });
});

describe('feedback tabs', () => {
  it('a tab survey gets a launcher for the people it targets; a press shows it whatever the caps', async () => {
    const launched: Array<{ label?: string | undefined; locale?: string | undefined; onOpen(): void; closed?: boolean }> = [];
    ui.ui.mountLauncher = (o) => {
      const entry = { label: o.label, locale: o.locale, onOpen: o.onOpen, closed: false };
      launched.push(entry);
      return { close: () => void (entry.closed = true) };
    };
    const tab = csat({ id: 'tab', presentation: { mode: 'tab', launcherLabel: 'Give feedback' } });
    const hidden = csat({ id: 'hidden-tab', presentation: { mode: 'tab' }, targeting: { identity: 'identified' } });
    // No label of its own: the UI labels it in the survey's language.
    const french = csat({ id: 'fr-tab', locale: 'fr', presentation: { mode: 'tab' } });
    const { s } = start({ surveys: [nps(), tab, hidden, french] });
    await settle();
    expect(launched.map((l) => [l.label, l.locale])).toEqual([
      ['Give feedback', 'en-US'], // the page's language (jsdom's navigator)
      [undefined, 'fr'],
    ]);
    ui.dismiss(); // the page-view NPS used this page view's and session's caps
    launched[0]!.onOpen();
    await settle();
    expect(ui.ids()).toEqual(['nps', 'tab']);
    s.consent('denied');
    expect(launched[0]!.closed).toBe(true);
  });

  it('tabs taken down while their chunks load never appear; a UI that cannot load is reported', async () => {
    let mounted = 0;
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    ui.ui.mountLauncher = () => (mounted++, { close() {} });
    const tab = csat({ id: 'tab', presentation: { mode: 'tab' } });
    const s = createInstance(
      { site: 'pk_test', surveys: [tab], loadUi: () => slow.then(() => ui.ui) },
      { loadEngine: () => Promise.resolve({ ...engine, delivery: () => del.d }), loadUi: () => Promise.reject(new Error('unused')) },
    );
    live.push(s);
    await settle();
    s.consent('denied');
    release();
    await settle();
    expect(mounted).toBe(0);

    const failing = createInstance(
      { site: 'pk_test', surveys: [tab], loadUi: () => Promise.reject(new Error('offline')) },
      { loadEngine: () => Promise.resolve({ ...engine, delivery: () => del.d }), loadUi: () => Promise.reject(new Error('unused')) },
    );
    live.push(failing);
    const seen: unknown[] = [];
    failing.on('error', (e) => seen.push(e));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual([{ code: 'E_UI_LOAD_FAILED', message: 'offline', surveyId: 'tab' }]);
    expect(mounted).toBe(0);
  });
});

describe('caps on one page', () => {
  it('surveys triggered together: the highest priority shows, only one per page view', async () => {
    start({ surveys: [nps({ priority: 1 }), csat({ priority: 5, triggers: [{ type: 'pageview' }] })], cooldownDays: 0, perSession: 10 });
    await settle();
    expect(ui.ids()).toEqual(['csat']);
    ui.dismiss();
    await settle();
    expect(ui.ids()).toEqual(['csat']); // still the same page view
    history.pushState(null, '', '/next');
    await settle();
    expect(ui.ids()).toEqual(['csat', 'nps']);
  });

  it('never two on screen, and one per session by default', async () => {
    const { s } = start({ surveys: [nps(), csat()], cooldownDays: 0, perPageView: 5 });
    await settle();
    expect(await s.show('csat')).toBe(false); // nps is open
    ui.dismiss();
    expect(await s.show('csat')).toBe(false); // one per session
    expect(await s.show('csat', { force: true })).toBe(true);
    expect(ui.ids()).toEqual(['nps', 'csat']);
  });

  it('a survey triggered while another is on screen competes again when that one closes, caps permitting', async () => {
    start({ surveys: [nps(), csat({ triggers: [{ type: 'event', name: 'signup' }] })], cooldownDays: 0, perPageView: 2, perSession: 2 });
    await settle();
    live[0]!.track('signup');
    await settle();
    expect(ui.ids()).toEqual(['nps']); // never two on screen
    ui.dismiss();
    await settle();
    expect(ui.ids()).toEqual(['nps', 'csat']);
  });

  it('with the default one survey per page view, a survey triggered meanwhile stays away after the first closes', async () => {
    start({ surveys: [nps(), csat({ triggers: [{ type: 'event', name: 'signup' }] })], cooldownDays: 0, perSession: 2 });
    await settle();
    live[0]!.track('signup');
    await settle();
    ui.dismiss();
    await settle();
    expect(ui.ids()).toEqual(['nps']);
  });

  it('the global cooldown blocks a different survey on the next visit', async () => {
    start({ surveys: [nps()] });
    await settle();
    ui.dismiss();
    live.pop()!.destroy();
    sessionStorage.clear();
    start({ surveys: [csat({ triggers: [{ type: 'pageview' }] })] });
    await settle();
    expect(ui.ids()).toEqual(['nps']);
    vi.setSystemTime(Date.now() + 15 * 864e5);
    live.pop()!.destroy();
    sessionStorage.clear();
    start({ surveys: [csat({ triggers: [{ type: 'pageview' }] })] });
    await settle();
    expect(ui.ids()).toEqual(['nps', 'csat']);
  });
});

describe('triggers through the instance', () => {
  it('a delayed survey is cancelled when an SPA navigation leaves its URL', async () => {
    history.replaceState(null, '', '/pricing');
    start({ surveys: [nps({ triggers: [{ type: 'pageview', delayMs: 3000, url: { include: [{ match: 'glob', value: '/pricing*' }] } }] })] });
    await vi.advanceTimersByTimeAsync(1000);
    history.pushState(null, '', '/blog');
    await vi.advanceTimersByTimeAsync(5000);
    expect(ui.mounted).toHaveLength(0);
    history.pushState(null, '', '/pricing/team');
    await vi.advanceTimersByTimeAsync(3001);
    expect(ui.ids()).toEqual(['nps']);
  });

  it('track with property filters; calls made before the surveys arrived still count', async () => {
    const { s } = start({ surveys: [csat({ triggers: [{ type: 'event', name: 'checkout', where: [{ property: 'total', op: 'gt', value: 100 }] }] })] });
    s.track('checkout', { total: 50 });
    s.track('checkout', { total: 150 }); // before `ready`: buffered
    await settle();
    expect(ui.ids()).toEqual(['csat']);
  });

  it('dataLayer pushes become tracked events; sayso\'s own pushes do not loop', async () => {
    const dl = (window as { dataLayer?: unknown[] }).dataLayer!;
    dl.push({ event: 'signup', plan: 'pro' });
    start({ surveys: [csat({ triggers: [{ type: 'event', name: 'upgrade', where: [{ property: 'plan', op: 'eq', value: 'team' }] }] }), nps({ id: 'nps2', triggers: [{ type: 'event', name: 'signup' }] })], perPageView: 5, perSession: 5, cooldownDays: 0 });
    await settle();
    expect(ui.ids()).toEqual(['nps2']); // from the entry pushed before start
    ui.dismiss();
    dl.push({ event: 'upgrade', plan: 'team' });
    await settle();
    expect(ui.ids()).toEqual(['nps2', 'csat']);
  });

  it('click selectors (elements added later), data-sayso-survey and data-sayso-track', async () => {
    const { s } = start({ surveys: [csat({ triggers: [{ type: 'click', selector: '.help' }] }), nps({ id: 'n2', triggers: [{ type: 'event', name: 'rated' }] })], perPageView: 9, perSession: 9, cooldownDays: 0 });
    await settle();
    document.body.innerHTML = '<button class="help"><b id="in">?</b></button><a id="d" data-sayso-survey="n2"></a><i id="t" data-sayso-track="rated"></i>';
    document.getElementById('in')!.click();
    await settle();
    expect(ui.ids()).toEqual(['csat']);
    ui.dismiss();
    document.getElementById('d')!.click();
    await settle();
    expect(ui.ids()).toEqual(['csat', 'n2']);
    ui.dismiss();
    // n2 was shown on this page by an explicit click; its event trigger respects caps
    document.getElementById('t')!.click();
    await settle();
    expect(ui.ids()).toEqual(['csat', 'n2']);
    void s;
  });

  it('time on page, scroll depth and exit intent load the UI chunk that arms them only for a survey that could show', async () => {
    let loads = 0;
    const deps = { loadEngine: () => Promise.resolve({ ...engine, delivery: () => del.d }), loadUi: () => Promise.reject(new Error('unused')) };
    const triggers: Survey['triggers'] = [{ type: 'time-on-page', seconds: 5 }, { type: 'scroll', percent: 50 }, { type: 'exit-intent' }];
    const make = (extra: Partial<SaysoConfig>) => {
      const s = createInstance({ site: 'pk_test', loadUi: () => (loads++, Promise.resolve(ui.ui)), ...extra }, deps);
      live.push(s);
      return s;
    };
    // Targeting excludes this anonymous visitor: no chunk, no timer.
    make({ surveys: [nps({ triggers, targeting: { identity: 'identified' } })] });
    // Consent pending: nothing loads until it is granted.
    const pending = make({ surveys: [nps({ id: 'p', triggers })], consent: 'pending' });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(loads).toBe(0);
    expect(ui.mounted).toHaveLength(0);
    pending.consent('granted');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(loads).toBeGreaterThan(0);
    expect(ui.mounted).toHaveLength(0); // 5 s of visible time from this page view, not before
    await vi.advanceTimersByTimeAsync(1_001);
    expect(ui.ids()).toEqual(['p']);
  });

  it('time on page, scroll depth and exit intent re-arm on each page view', async () => {
    start({ surveys: [nps({ triggers: [{ type: 'time-on-page', seconds: 20 }] })], perSession: 5 });
    await vi.advanceTimersByTimeAsync(15_000);
    history.pushState(null, '', '/other'); // restarts the clock
    await vi.advanceTimersByTimeAsync(15_000);
    expect(ui.mounted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(ui.ids()).toEqual(['nps']);
  });
});

describe('targeting through the instance', () => {
  it('identity, attributes and cross-device history from the history seam', async () => {
    const loads: string[] = [];
    const { s } = start({
      surveys: [nps({ targeting: { identity: 'identified', attributes: [{ property: 'plan', op: 'eq', value: 'pro' }] } })],
      history: {
        load: async (userId, signature) => {
          loads.push(`${userId}:${signature}`);
          return [{ surveyId: 'nps', type: 'response', at: new Date().toISOString() }];
        },
      },
    });
    await settle();
    expect(ui.mounted).toHaveLength(0); // anonymous
    s.identify('u1', { plan: 'pro' }, { signature: 'sig' });
    history.pushState(null, '', '/again');
    await settle();
    expect(loads).toEqual(['u1:sig']);
    expect(ui.mounted).toHaveLength(0); // answered on another device
  });

  it('new versus returning visitors', async () => {
    start({ surveys: [nps({ targeting: { visitor: 'returning' } })] });
    await settle();
    expect(ui.mounted).toHaveLength(0);
    live.pop()!.destroy();
    sessionStorage.clear(); // a new session
    start({ surveys: [nps({ targeting: { visitor: 'returning' } })] });
    await settle();
    expect(ui.ids()).toEqual(['nps']);
  });
});

describe('consent', () => {
  it('pending: nothing stored, sent or shown until granted', async () => {
    const { s } = start({ surveys: [nps()], consent: 'pending' });
    await settle();
    expect(ui.mounted).toHaveLength(0);
    expect(del.records).toHaveLength(0);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('sayso.'))).toEqual([]);
    expect(Object.keys(sessionStorage)).toEqual([]);
    s.consent('granted');
    await settle();
    expect(ui.ids()).toEqual(['nps']);
    expect(localStorage.getItem('sayso.aid')).toMatch(/^\d+(-\d+){3}$/);
  });

  it('denied clears what sayso stored and the queue, and shows nothing', async () => {
    localStorage.setItem('host-key', 'kept');
    const { s } = start({ surveys: [nps()] });
    await drawn(); // the display is queued
    expect(localStorage.getItem('sayso.aid')).not.toBeNull();
    s.consent('denied');
    await settle();
    expect(Object.keys(localStorage)).toEqual(['host-key']);
    expect(del.cleared()).toBe(1);
    history.pushState(null, '', '/x');
    await settle();
    expect(ui.mounted).toHaveLength(1);
  });

  it('Global Privacy Control counts as denied when the host opts in', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true });
    const { s } = start({ surveys: [nps()], respectGpc: true });
    s.consent('granted');
    await settle();
    expect(ui.mounted).toHaveLength(0);
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  });
});
