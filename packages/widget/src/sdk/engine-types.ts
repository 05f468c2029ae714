// The contract between the always-loaded SDK and its lazily loaded engine
// (validation with @sayso/core's parseSurvey, the durable delivery layer and
// its sender, showing a survey and keeping its history).
// Kept apart from engine.ts so that importing the types and the global's name
// pulls none of the engine into the always-loaded bundle.
import type { AttributeValue, SaysoErrorCode, Survey } from '@sayso/core';
import type { Delivery } from '../delivery/types.js';
import type { SurveyHandle, UiModule } from '../ui/types.js';
import type { Emitter } from './emitter.js';
import type { History } from './history.js';
import type { Sender } from './sender.js';
import type { SaysoConfig } from './types.js';

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
  /** A preview's records (debug/preview.ts): answers and events left out of scores. */
  test?: true;
}

/**
 * What the always-loaded SDK lends the engine: one object per instance, so
 * the engine can show surveys, keep their history and report without the
 * always-loaded side spelling any of that out.
 */
export interface Host {
  config: SaysoConfig;
  /** The page's language (a survey's own `locale` wins). */
  locale: string;
  emit: Emitter['emit'];
  error(code: SaysoErrorCode, message: string, surveyId?: string): void;
  /** The attributes given to `identify()`. */
  attributes(): Record<string, AttributeValue>;
  who(): Who;
  /** The display history the caps read; `save(json(history()))` keeps it after a change. */
  history(): History;
  /** Keeps the history's JSON text, which the engine writes (see `Engine['json']`). */
  save(text: string): void;
  /** The surveys in force. */
  surveys(): Survey[];
  /** Durable storage for one record (the delivery's sender). */
  sender: Sender;
  /** A survey reached the screen: it counts against the page and session caps. */
  shown(): void;
  /** The survey on screen left it. */
  closed(): void;
}

/**
 * What the SDK loads only when it needs it: on a browser's first sight of a
 * survey config (to validate it), when a survey is about to show, and when
 * records are waiting to be delivered.
 */
export interface Engine {
  /** The valid surveys of a list (`s`) and the problem with each invalid one (`e`), field by field (parseSurvey). */
  check(list: unknown[]): { s: Survey[]; e: SurveyProblem[] };
  /** JSON text of plain data, by sayso's own writer: no `toJSON` and no page's `JSON.stringify` takes part (plain.ts). */
  json(value: unknown): string;
  /** The default delivery for a config: the durable queue with the collector's HTTP adapter. */
  delivery(config: SaysoConfig): Delivery;
  /** Deletes the records queued for `site` without starting a delivery (consent denied). */
  purge(site: string): Promise<void>;
  /** The sender of one instance: starts, flushes, stops and purges its delivery. */
  sender(config: SaysoConfig, allowed: () => boolean, emit: Emitter['emit']): Sender;
  /** Mounts `survey` and turns its answer into a durably queued response. */
  present(survey: Survey, host: Host, ui: UiModule): Promise<SurveyHandle>;
  /** Loads a signed user's history from the server and folds it into the local one; never rejects. */
  identify(host: Host, userId: string, signature: string): Promise<void>;
  /** Adds the feedback tabs of `tab` surveys; `open` runs on each press. Returns what takes them all down. */
  tabs(surveys: Survey[], host: Host, ui: UiModule, open: (survey: Survey) => void): () => void;
}

/** The global the script-tag engine chunk (`sayso-engine.js`) registers itself on. */
export const ENGINE_GLOBAL = '__saysoengine';
