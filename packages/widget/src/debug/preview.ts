// Preview links: the draft a link's token names, fetched from the collector
// (GET /v1/sites/:site/preview/:token) and shown at once through the
// instance's own display, with targeting, sampling, caps and triggers skipped
// (the marketer wants to see it now), a "Preview" badge on the card, and
// every record it makes marked `test: true`, so the collector leaves its
// answers out of scores. It leaves no trace in the display history either:
// previewing a survey does not cap its live version for the person who did.
import type { Survey } from '@sayso/core';
import type { DebugSeam, Presenter } from '../sdk/debug-types.js';
import { PREVIEW_KEY } from '../sdk/debug-flag.js';
import type { Host } from '../sdk/engine-types.js';
import type { History } from '../sdk/history.js';
import { checkSurveys } from '../sdk/surveys.js';
import { quietly } from '../storage/local.js';

/** What the collector said about a token: the draft, or why not (its words). */
export type PreviewAnswer = { survey: Survey; expiresAt: string } | { error: string; status?: number };

/** Where the token is kept: the key sayso.js reads through its consent-gated session store. */
const KEY = `sayso.${PREVIEW_KEY}`;

/**
 * Takes `token` out of the address bar, so a shared URL does not carry it,
 * and with consent keeps it for this tab (a reload stays in preview; without
 * consent sayso writes nothing, and a withdrawn consent removes it with
 * sayso's other keys).
 */
export function keepToken(win: Window, token: string, consented: boolean): void {
  if (consented) quietly(() => win.sessionStorage.setItem(KEY, token));
  const params = new URLSearchParams(win.location.hash.slice(1));
  if (!params.has('sayso_preview')) return;
  params.delete('sayso_preview');
  const rest = params.toString();
  const { pathname, search } = win.location;
  // The prototype's method, not the page's (sayso's own navigation watcher wraps it): taking
  // the token out is no navigation, and a router must not react to it either.
  quietly(() => History.prototype.replaceState.call(win.history, win.history.state, '', pathname + search + (rest ? `#${rest}` : '')));
}

/** The token a preview kept for this tab, read only with consent (without it sayso keeps nothing). */
export const keptToken = (win: Window, consented: boolean): string | null | undefined => (consented ? quietly(() => win.sessionStorage.getItem(KEY)) : undefined);

/** Ends the preview for this tab. */
export const forgetToken = (win: Window): void => void quietly(() => win.sessionStorage.removeItem(KEY));

/** Asks the collector for the draft of `token`; a refusal (410 expired or edited, 403 a bad token) comes back as its reason. */
export async function fetchPreview(host: Host, token: string, fetcher: typeof fetch): Promise<PreviewAnswer> {
  const { endpoint, site } = host.config;
  if (!endpoint) return { error: 'a preview needs an endpoint: the collector that made the link' };
  let res: Response;
  try {
    res = await fetcher(`${endpoint}/v1/sites/${encodeURIComponent(site)}/preview/${encodeURIComponent(token)}`, { cache: 'no-store', credentials: 'omit' });
  } catch (err) {
    return { error: `the collector could not be reached: ${(err as Error).message}` };
  }
  const body = (await res.json().catch(() => ({}))) as { survey?: unknown; preview?: { expiresAt?: string }; error?: string };
  if (!res.ok) return { error: body.error ?? `the collector answered HTTP ${res.status}`, status: res.status };
  const problems: string[] = [];
  const [survey] = checkSurveys([body.survey], (p) => problems.push(`${p.path ?? ''}: ${p.message}`));
  return survey ? { survey, expiresAt: body.preview?.expiresAt ?? '' } : { error: `the draft is not a valid survey (${problems.join('; ')})` };
}

/**
 * Shows the draft through the engine with a host of its own: its records
 * say `test: true`, its display counts against no cap and writes no history,
 * and the UI draws the badge.
 */
export const previewPresenter: Presenter = (survey, host, ui, engine) => {
  const scratch: History = Object.create(null);
  const preview: Host = {
    ...host,
    who: () => ({ ...host.who(), test: true }),
    history: () => scratch,
    save: () => {},
    shown: () => {},
  };
  return engine.present(survey, preview, { ...ui, mountSurvey: (o) => ui.mountSurvey({ ...o, preview: true }) });
};

/**
 * Holds the site's own surveys back while a preview runs: the instance's
 * survey objects are turned off (`enabled: false`), so a trigger already on
 * its way finds them off too, and the draft is the one survey the page shows.
 * Returns copies as they were (what the panel evaluates) and the undo.
 */
export function holdBack(list: Survey[]): { was: Survey[]; release(): void } {
  const was = list.map((s) => ({ ...s }));
  for (const s of list) s.enabled = false;
  return {
    was,
    release() {
      list.forEach((s, i) => {
        const before = was[i]!.enabled;
        if (before === undefined) delete s.enabled;
        else s.enabled = before;
      });
    },
  };
}

/** Shows the draft now, through the instance's display (one on screen holds). */
export const showDraft = (seam: DebugSeam, draft: Survey): Promise<boolean> => seam.display(draft, false, previewPresenter);
