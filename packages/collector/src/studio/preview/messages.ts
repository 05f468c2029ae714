// What the studio and its preview frame say to each other. The frame is
// sandboxed without allow-same-origin (an opaque origin, "null"), so the
// studio accepts its hello only from that frame's window with origin
// "null", and the frame accepts the studio's answer only from its parent
// with the collector's origin. The answer hands over a MessageChannel port,
// and drafts travel on that port alone: a frame that navigated elsewhere
// holds no port and hears nothing.
import type { Survey } from '@sayso/core';

export const HELLO = 'sayso-preview-hello';
export const PORT = 'sayso-preview-port';

/** One drawing of the preview. */
export interface PreviewRequest {
  /** The draft as typed (the frame runs parseSurvey itself, as the SDK would). */
  survey: unknown;
  /** The visitor's language. */
  locale: string;
  scheme: 'light' | 'dark';
  /** A mode to draw instead of the survey's own, to compare them. */
  mode?: NonNullable<Survey['presentation']>['mode'];
}

/** What the frame reports after each drawing. */
export interface PreviewReport {
  ok: boolean;
  /** Why nothing is drawn (the draft does not parse). */
  error?: string;
  /** The direction the widget chose (`rtl` for ar, he). */
  dir?: string;
}
