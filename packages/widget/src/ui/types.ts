// Contract of the UI chunk (issue: NPS/CSAT/CES prompts). The SDK loads the
// chunk lazily and only calls what is typed here. Change together with callers.
import type { Survey, Trigger } from '@sayso/core';
import type { Durability } from '../delivery/types.js';

/** What the user answered. */
export interface Answer {
  score: number;
  /** First follow-up answer. */
  comment?: string;
  /** Every follow-up answer by follow-up id. */
  answers?: Record<string, string>;
}

/** What the SDK reports back once an answer is stored (so the thank-you can be honest). */
export interface SubmitReceipt {
  durability: Durability;
  /** False when the device is offline or the first send failed: "Saved, will be sent when you are back online", or with `memory` durability "Not saved on this device…". */
  online: boolean;
}

export interface MountOptions {
  /** A survey already checked by `parseSurvey`. */
  survey: Survey;
  /** BCP 47 locale for the widget's strings, chosen by the SDK (config, then <html lang>, then browser). */
  locale: string;
  /**
   * A score already given elsewhere, e.g. by a one-click email link
   * (`?score=9`). The card opens with it chosen and moves straight on to the
   * follow-up for its band, or, when no follow-up applies, submits it once
   * and shows the thank-you. The card has no back button, so the score is not
   * asked again. Ignored unless it is an integer within the survey's scale.
   */
  initialScore?: number;
  /** Values for `{placeholders}`: survey variables merged with identify() attributes. Inserted as text. */
  variables?: Record<string, string>;
  /** Nonce for the one <style> element (strict CSP `style-src 'nonce-…'`). */
  styleNonce?: string;
  /** Nonce for any <script> the UI itself adds (locale chunks in the script-tag build). */
  scriptNonce?: string;
  /** Where the script-tag build's chunks live (e.g. `https://host/sdk/`), for locale chunks. */
  assetBase?: string;
  /** A preview link's draft: the card wears a "Preview" badge. */
  preview?: boolean;
  /** Called when the user answers; the UI shows its thank-you only after this resolves. A rejection shows an error with retry. */
  onSubmit(answer: Answer): Promise<SubmitReceipt>;
  /** The user closed the survey without answering (close button, Escape, click outside a modal). */
  onDismiss(): void;
  /** The survey became visible. */
  onShow?(): void;
  /** The widget is gone (after thanks, dismissal or `close()`). */
  onClose?(): void;
}

/** A mounted survey. */
export interface SurveyHandle {
  /** Removes it at once (no dismissal event). */
  close(): void;
}

/** The UI chunk's module: what `import('./ui/index.js')` or `window.__saysoui` provides. */
export interface UiModule {
  mountSurvey(options: MountOptions): Promise<SurveyHandle>;
  /** For `tab` mode: a launcher that opens `open()` on demand. */
  mountLauncher?(options: LauncherOptions): SurveyHandle;
  /** Arms a time-on-page, scroll or exit-intent trigger (see watch.ts); returns a stop function. */
  watch?(win: Window, trigger: Trigger, touch: boolean, since: number, fire: () => void): () => void;
}

/** Options of the feedback tab (`presentation.mode: 'tab'`). */
export interface LauncherOptions {
  /** The tab's text. @default "Feedback" in `locale` */
  label?: string;
  /** BCP 47 tag choosing the default label's language. @default 'en' */
  locale?: string;
  styleNonce?: string;
  /** Nonce for the language chunk's `<script>` (script-tag build). */
  scriptNonce?: string;
  /** Where the language chunks live (script-tag build). */
  assetBase?: string;
  /** `position` containing `left` puts the tab on the left edge. */
  position?: string;
  onOpen(): void;
}

/** The global the script-tag UI chunk (`sayso-ui.js`) sets when it has loaded. */
export const UI_GLOBAL = '__saysoui';
