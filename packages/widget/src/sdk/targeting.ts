// Audience rules: who may see a survey at all, before any cap.
import type { Survey } from '@sayso/core';
import { passesAll } from './filters.js';
import { localeIn } from './locale.js';
import { sampled } from './sampling.js';

/** What the SDK knows about the person in front of the page. */
export interface Audience {
  site: string;
  /** The user id when identified, else the anonymous id: the sampling key. */
  personId: string;
  identified: boolean;
  attributes: Record<string, unknown>;
  locale: string;
  mobile: boolean;
  returning: boolean;
}

/** True when the survey's targeting admits this person. */
export function targeted(s: Survey, a: Audience): boolean {
  const t = s.targeting;
  // Device, visitor and identity are two-way choices (plus `any`): each
  // turns away only the people on the other side, so unset and `any` admit
  // everyone.
  return (
    !t ||
    (passesAll(a.attributes, t.attributes) &&
      (!t.languages?.length || localeIn(a.locale, t.languages)) &&
      t.device != (a.mobile ? 'desktop' : 'mobile') &&
      t.visitor != (a.returning ? 'new' : 'returning') &&
      t.identity != (a.identified ? 'anonymous' : 'identified') &&
      sampled(a.site, s.id, a.personId, t.sample))
  );
}

/** Coarse pointer or a mobile user agent. */
export function isMobile(win: Window): boolean {
  // No matchMedia (jsdom) leaves it to the user agent; either way a boolean.
  return win.matchMedia?.('(pointer: coarse)').matches || /Mobi|Android/i.test(win.navigator.userAgent);
}
