// The SDK's public types: the config a host passes to `init`, the instance it
// gets back, and the events it can listen to. Everything here is re-exported
// from the package's index.ts.
import type { SaysoErrorCode, Survey, SurveyKind, SurveyResponse, UserHistoryEntry, AttributeValue } from '@sayso/core';
import type { Adapter, Delivery, Durability } from '../delivery/types.js';
import type { UiModule } from '../ui/types.js';

/** Consent to store and send: `'pending'` stores and shows nothing, `'denied'` also clears what sayso stored. */
export type ConsentState = 'pending' | 'granted' | 'denied';

/** Where cross-device display/answer history comes from (the collector by default). */
export interface HistorySource {
  /** Entries for a signed user id, newest first. Rejections are reported and ignored. */
  load(userId: string, signature: string): Promise<UserHistoryEntry[]>;
}

/** Options of `init`. */
export interface SaysoConfig {
  /** Public site key. */
  site: string;
  /**
   * Base URL of a sayso collector (`https://feedback.example.com`). Enables the
   * default HTTP adapter, remote config and cross-device history.
   */
  endpoint?: string;
  /** Survey definitions; each is checked with `parseSurvey` at run time and a bad one is skipped with an `error` event. */
  surveys?: Survey[];
  /** Fetch surveys from `{endpoint}/v1/sites/{site}/surveys`. @default true when `endpoint` is set */
  remoteConfig?: boolean;
  /** Where records go. @default httpAdapter to `{endpoint}/v1/responses`, or memory when there is no endpoint */
  adapter?: Adapter;
  /** A ready delivery layer (advanced: tests, custom queues). Overrides `adapter`. */
  delivery?: Delivery;
  /** @default 'granted' */
  consent?: ConsentState;
  /** Treat `navigator.globalPrivacyControl` as `'denied'`. @default false */
  respectGpc?: boolean;
  /** Locale of the widget's strings. @default `<html lang>`, then the browser's */
  locale?: string;
  /** Values for `{placeholders}` in survey texts (inserted as text). */
  variables?: Record<string, string>;
  /** Days between any two different surveys for one person. @default 14 */
  cooldownDays?: number;
  /** Days between two surveys of the same kind, per kind (`{ nps: 90 }`). @default none */
  kindCooldownDays?: Partial<Record<SurveyKind, number>>;
  /** Surveys per page view. @default 1 */
  perPageView?: number;
  /** Surveys per browser session. @default 1 */
  perSession?: number;
  /** Cross-device history for signed identified users; `false` turns it off. @default the collector at `endpoint` */
  history?: HistorySource | false;
  /** Nonce for the `<script>` and `<style>` sayso adds (strict CSP). @default the nonce of sayso's own script tag */
  nonce?: string;
  /** How the UI chunk is loaded (set by the npm and script-tag entries). */
  loadUi?: () => Promise<UiModule>;
  /** Where the script-tag build's chunks live. @default beside sayso.js */
  assetBase?: string;
  /** Says on the console what sayso decides quietly: today, that a second `init` for a running site got that instance back. @default false */
  debug?: boolean;
}

/** Options of `show`. */
export interface ShowOptions {
  /** Also skip targeting and frequency caps. An explicit `show` already skips triggers. @default false */
  force?: boolean;
}

/** Options of `identify`. */
export interface IdentifyOptions {
  /** Hex HMAC-SHA256 of the user id from the host's server; enables cross-device history. */
  signature?: string;
}

/** The events and their payloads. */
export interface SaysoEvents {
  ready: { surveys: string[] };
  show: { surveyId: string };
  submit: { surveyId: string; response: SurveyResponse; durability: Durability };
  dismiss: { surveyId: string };
  queued: { id: string; durability: Durability };
  delivered: { ids: string[] };
  /** `path` names the bad field of an invalid survey; `ids` the records a delivery error concerns. */
  error: { code: SaysoErrorCode; message: string; path?: string; surveyId?: string; ids?: string[] };
}

export type SaysoEventName = keyof SaysoEvents;

/** What `init` returns. */
export interface SaysoInstance {
  /** Ties later records to a user; `attributes` feed targeting and placeholders. */
  identify(userId: string, attributes?: Record<string, AttributeValue>, options?: IdentifyOptions): void;
  /** Records a custom event; surveys with a matching event trigger may show. */
  track(event: string, properties?: Record<string, unknown>): void;
  /** Shows a survey now (consent and "one on screen" still apply). Resolves true when it showed. */
  show(surveyId: string, options?: ShowOptions): Promise<boolean>;
  /** Subscribes to an event; returns an unsubscribe. */
  on<K extends SaysoEventName>(event: K, handler: (payload: SaysoEvents[K]) => void): () => void;
  /** Sends what is queued now. */
  flush(): Promise<void>;
  /** Changes consent; `'denied'` clears what sayso stored. */
  consent(state: ConsentState): void;
  /**
   * Opens the debug panel again ("why isn't it showing?": for each survey,
   * which condition passes or fails on this page). Present only where the
   * debug chunk runs: a page whose address has `?sayso_debug=1` or a preview
   * link's token (it costs sayso.js nothing elsewhere).
   */
  debug?(): void;
  /** Stops triggers, timers and listeners; queued records stay stored. */
  destroy(): void;
}
