// The contract between the always-loaded SDK and its debug chunk
// (sayso-debug.js, src/debug/): what an instance lends the chunk when a page
// asks for preview or debug (see debug-flag.ts). Types and the global's name
// only, so importing it pulls none of the chunk into sayso.js.
import type { Survey } from '@sayso/core';
import type { SurveyHandle, UiModule } from '../ui/types.js';
import type { Engine, Host } from './engine-types.js';
import type { Audience } from './targeting.js';
import type { ConsentState, SaysoInstance } from './types.js';

/** Shows a survey in place of the engine's `present` (a preview: another host, the badge). */
export type Presenter = (survey: Survey, host: Host, ui: UiModule, engine: Engine) => Promise<SurveyHandle>;

/**
 * What the instance knows and the Host does not spell out, read afresh on each
 * call: consent, this page view's and this session's displays, whether a
 * survey is on screen, the audience the targeting reads, and whether the
 * surveys are settled (config checked, remote config fetched: `ready`).
 */
export type DebugState = [consent: ConsentState, pageShows: number, sessionShows: number, open: boolean, audience: Audience, ready: boolean];

/** One instance, as the debug chunk sees it. */
export interface DebugSeam {
  /** The Host the engine gets: config, surveys in force, history, attributes, events. */
  host: Host;
  /** The instance itself (its `track` is wrapped to hear events). */
  api: SaysoInstance;
  state(): DebugState;
  /** The instance's own display: "one on screen" holds; `check` applies targeting and caps; `present` replaces the engine's. */
  display(survey: Survey, check: boolean, present?: Presenter): Promise<boolean>;
}

/**
 * The chunk's entry, called on a page whose address may ask for it (the chunk
 * reads the address and the kept token itself, and does nothing on a page
 * that does not ask); its arguments make its DebugSeam (positional: sayso.js
 * pays for no property names).
 */
export type DebugEntry = (host: Host, api: SaysoInstance, display: DebugSeam['display'], state: DebugSeam['state']) => void;

/** The global the script-tag debug chunk (`sayso-debug.js`) registers itself on. */
export const DEBUG_GLOBAL = '__saysodebug';
