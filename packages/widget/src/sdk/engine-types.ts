// The contract between the always-loaded SDK and its lazily loaded engine
// (validation with @sayso/core's parseSurvey, and the durable delivery layer).
// Kept apart from engine.ts so that importing the types and the global's name
// pulls none of the engine into the always-loaded bundle.
import type { AttributeValue, SaysoErrorCode, Survey, SurveyKind, UserHistoryEntry } from '@sayso/core';
import type { Delivery, EnqueueResult, Outgoing } from '../delivery/types.js';
import type { SurveyHandle, UiModule } from '../ui/types.js';
import type { Emitter } from './emitter.js';
import type { History } from './history.js';
import type { HistorySource, SaysoConfig } from './types.js';

/** An invalid survey, as the `error` event reports it. */
export interface SurveyProblem {
  code: SaysoErrorCode;
  message: string;
  path?: string;
}

/** Who answers: sent with every response and event. */
export interface Who {
  anonymousId: string;
  userId?: string;
  userSignature?: string;
}

/** What the always-loaded SDK lends the engine to show one survey. */
export interface Stage {
  config: SaysoConfig;
  ui: UiModule;
  locale: string;
  attributes: Record<string, AttributeValue>;
  who(): Who;
  emit: Emitter['emit'];
  /** Stores a record durably (and marks the queue as pending). */
  enqueue(record: Outgoing): Promise<{ d: Delivery; out: EnqueueResult }>;
  /** Reports a failed write through the `error` event. */
  report(err: unknown): void;
  /** Bookkeeping the caps need (history, counters, the `show`/`dismiss` events); runs once per kind. */
  note(type: 'display' | 'dismiss' | 'response'): void;
  /** The survey left the screen. */
  closed(): void;
}

/**
 * What the SDK loads only when it needs it: on a browser's first sight of a
 * survey config (to validate it), when a survey is about to show, and when
 * records are waiting to be delivered.
 */
export interface Engine {
  /** The valid surveys of `list`, reporting each invalid one (parseSurvey, field by field). */
  check(list: unknown[], report: (problem: SurveyProblem) => void): Survey[];
  /** The default delivery for a config: the durable queue with the collector's HTTP adapter. */
  delivery(config: SaysoConfig): Delivery;
  /** Deletes the records queued for `site` without starting a sender (consent denied). */
  purge(site: string): Promise<void>;
  /** Mounts `survey` and turns its answer into a durably queued response. */
  present(survey: Survey, stage: Stage): Promise<SurveyHandle>;
  /** The collector's cross-device history endpoint. */
  history(endpoint: string, site: string, fetchFn: typeof fetch): HistorySource;
  /** Folds a user's server-side history into the local one. */
  merge(h: History, entries: UserHistoryEntry[], kindOf: (id: string) => SurveyKind | undefined): void;
  /** Adds the feedback tab of a `tab` survey; `onOpen` runs on each press. */
  launch(survey: Survey, ui: UiModule, config: SaysoConfig, locale: string, onOpen: () => void): SurveyHandle | undefined;
}

/** The global the script-tag engine chunk (`sayso-engine.js`) registers itself on. */
export const ENGINE_GLOBAL = '__saysoEngine';
