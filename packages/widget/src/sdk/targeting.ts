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

/** A two-way choice (`'mobile' | 'desktop' | 'any'` and the like): unset or `any` admits everyone, else `yes` must match `is`. */
const either = (choice: string | undefined, yes: string, is: boolean): boolean => !choice || choice == 'any' || (choice == yes) == is;

/** True when the survey's targeting admits this person. */
export function targeted(s: Survey, a: Audience): boolean {
  const t = s.targeting;
  if (!t) return true;
  return (
    passesAll(a.attributes, t.attributes) &&
    (!t.languages?.length || localeIn(a.locale, t.languages)) &&
    either(t.device, 'mobile', a.mobile) &&
    either(t.visitor, 'returning', a.returning) &&
    either(t.identity, 'identified', a.identified) &&
    sampled(a.site, s.id, a.personId, t.sample)
  );
}

/** Coarse pointer or a mobile user agent. */
export function isMobile(win: Window): boolean {
  return !!win.matchMedia?.('(pointer: coarse)').matches || /Mobi|Android/i.test(win.navigator.userAgent);
}
