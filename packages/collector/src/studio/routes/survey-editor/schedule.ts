// A survey's schedule and response limit: not fields of the survey (the SDK
// never sees them) but of its record, sent beside the draft on create and
// PUT. Checked here as the API checks them (admin/surveys.ts), by the same
// names, so an error sits beside its field before anything is sent.
import type { SurveyRecord } from '../../api/types.js';
import type { FieldError } from './errors.js';

export interface Schedule {
  /** ISO date-time; null for "as soon as it is published". */
  startsAt: string | null;
  /** ISO date-time (exclusive); null for no end. */
  endsAt: string | null;
  /** A whole number of responses; text that is no number is kept, so it can be named. */
  responseLimit: number | string | null;
}

export const LIMIT_MAX = 2147483647;

export const scheduleOf = (r: SurveyRecord | null): Schedule => ({ startsAt: r?.startsAt ?? null, endsAt: r?.endsAt ?? null, responseLimit: r?.responseLimit ?? null });

/** The errors of a schedule, by the API's field names. */
export function scheduleErrors(s: Schedule): FieldError[] {
  const errors: FieldError[] = [];
  const starts = s.startsAt === null ? null : Date.parse(s.startsAt);
  const ends = s.endsAt === null ? null : Date.parse(s.endsAt);
  if (Number.isNaN(starts)) errors.push({ path: 'startsAt', message: 'must be a date and time' });
  if (Number.isNaN(ends)) errors.push({ path: 'endsAt', message: 'must be a date and time' });
  else if (ends !== null && starts !== null && !Number.isNaN(starts) && ends <= starts) errors.push({ path: 'endsAt', message: 'must be after the start' });
  const limit = s.responseLimit;
  if (limit !== null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX)) {
    errors.push({ path: 'responseLimit', message: `must be a whole number from 1 to ${LIMIT_MAX}, or empty for no limit` });
  }
  return errors;
}

/** `2026-12-01T09:00` in this browser's zone, as a datetime-local box shows an ISO time. */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO time (UTC) of a datetime-local box's value, read in this browser's zone; null when empty. */
export const fromLocalInput = (value: string): string | null => {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
};
