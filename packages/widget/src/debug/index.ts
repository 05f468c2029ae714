// The debug chunk (dist/sayso-debug.js; npm: a chunk of its own), loaded only
// on a page that may ask for it (see sdk/debug-flag.ts, then flag.ts): a
// preview link's token or `?sayso_debug=1`. It shows the panel of every
// survey's conditions (evaluate.ts), logs them with console.table, and
// updates both when the page's URL changes (an SPA navigation), an event is
// tracked, or a survey is shown, dismissed or answered. With a token it also
// shows the preview's draft (preview.ts).
import type { Survey } from '@sayso/core';
import type { DebugEntry, DebugSeam } from '../sdk/debug-types.js';
import { watchNavigation } from '../sdk/triggers/pageview.js';
import { evaluate, type SurveyReport, type Tracked } from './evaluate.js';
import { createPanel, type Notice, type PanelHandle } from './panel.js';
import { debugFlag } from './flag.js';
import { fetchPreview, forgetToken, holdBack, keepToken, keptToken, showDraft } from './preview.js';

/** Every survey's report now; the draft of a preview comes first. */
export function reports(seam: DebugSeam, tracked: Tracked | undefined, draft: Survey | undefined, held?: Survey[]): SurveyReport[] {
  const { host } = seam;
  const sit = {
    href: location.href,
    state: seam.state(),
    history: host.history(),
    config: host.config,
    now: Date.now(),
    tracked,
    count: (selector: string) => {
      try {
        return document.querySelectorAll(selector).length;
      } catch {
        return 0;
      }
    },
  };
  // Surveys held back for a preview are evaluated as they were: what a visitor's page would decide.
  const site = held ?? host.surveys();
  const list = draft ? [draft, ...site] : site;
  return list.map((s) => {
    const r = evaluate(s, sit);
    return s === draft ? { ...r, id: `${s.id} (draft, preview)`, status: 'pass', summary: 'shown as a preview: targeting, sampling, caps and triggers skipped' } : r;
  });
}

/** Logs the reports as one table: a row per condition. */
function log(all: SurveyReport[]): void {
  console.table(all.flatMap((r) => r.checks.map((c) => ({ survey: r.id, condition: c.condition, result: c.status, why: c.detail }))));
}

/** The chunk's entry. */
export const debug: DebugEntry = (host, api, display, state) => {
  const seam: DebugSeam = { host, api, display, state };
  const win = window;
  const consented = state()[0] == 'granted';
  const flag = debugFlag(win, keptToken(win, consented));
  // sayso.js loads the chunk on a pattern that may over-match: a page that does not ask sees nothing.
  if (flag === false) return;
  const token = flag || '';
  if (token) keepToken(win, token, consented);
  let tracked: Tracked | undefined;
  let draft: Survey | undefined;
  let notice: Notice | undefined;
  let panel: PanelHandle | undefined;
  let hold: ReturnType<typeof holdBack> | undefined;
  /** Gives the site's surveys back (a refused link, the preview ended); they show from their next trigger. */
  let released = false;
  const release = (): void => {
    released = true;
    hold?.release();
    hold = undefined;
  };
  const update = (): void => {
    if (!panel) return;
    const all = reports(seam, tracked, draft, hold?.was);
    panel.render(all, notice);
    log(all);
  };
  const actions = token ? [{ label: 'End preview', run: () => (forgetToken(win), release(), (notice = { text: 'Preview ended for this tab: reload to see the site as visitors do.' }), update()) }] : [];
  const show = (): void => {
    panel ??= createPanel(document, host.config.nonce, () => (panel = undefined), actions);
    update();
  };
  // `sayso('debug')` (npm: `instance.debug()`) opens the panel again once closed; sayso.js has no such method of its own.
  api.debug = show;
  // The instance's own `track`, wrapped: the panel hears the event, then the SDK acts on it as ever.
  const track = api.track;
  api.track = (name, properties = {}) => {
    tracked = { name, properties };
    track(name, properties);
    // After the SDK's own matching (it waits for the surveys, then fires in a task).
    setTimeout(update);
  };
  watchNavigation(win, () => {
    tracked = undefined;
    update();
  });
  for (const e of ['ready', 'show', 'dismiss', 'submit'] as const) api.on(e, () => setTimeout(update));
  show();
  if (!token) return;
  notice = { text: 'Preview: loading the draft…' };
  update();
  // Held back from the moment the surveys are settled: a `ready` handler runs before the page view that fires them.
  const holdNow = (): void => void (released || (hold ??= holdBack(host.surveys())));
  if (state()[5]) holdNow();
  else {
    const off = api.on('ready', () => (off(), holdNow()));
  }
  void fetchPreview(host, token, win.fetch.bind(win)).then(async (answer) => {
    if ('error' in answer) {
      // An expired or refused link shows nothing to the visitor; the next reload is an ordinary page.
      if (answer.status == 410 || answer.status == 403) forgetToken(win);
      release();
      notice = { text: answer.error, error: true };
      return update();
    }
    draft = answer.survey;
    const until = answer.expiresAt ? `, link valid until ${new Date(answer.expiresAt).toLocaleString()}` : '';
    const previewing = { text: `Preview of the draft of ${draft.id}${until}: targeting, sampling, caps and triggers are skipped, and its answers are marked as test.` };
    notice = previewing;
    update();
    // The draft waits for the settled surveys, so that they are held back before it shows.
    if (!state()[5]) await new Promise<unknown>((settled) => api.on('ready', settled));
    // "One on screen" holds for a preview too: a survey of the site's already showing is let finish first
    // (the instance says when nothing is open; it tells no one when a card closes).
    if (state()[3]) {
      notice = { text: `The draft of ${draft.id} shows once the survey on screen closes.` };
      update();
    }
    while (state()[3] && state()[0] == 'granted') await new Promise((later) => setTimeout(later, 500));
    notice = previewing;
    if (!(await showDraft(seam, draft))) notice = { text: `The draft of ${draft.id} could not be shown (consent: ${state()[0]}; an error event says more).`, error: true };
    update();
  });
};
