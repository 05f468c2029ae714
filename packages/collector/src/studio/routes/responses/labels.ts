// The inbox's words for its values, and its links.
import type { Assignee, InboxStatus } from './api.js';

export const STATUS_LABEL: Record<InboxStatus, string> = { new: 'New', in_progress: 'In progress', closed: 'Closed' };

export const BANDS: Array<[string, string]> = [
  ['detractor', 'Detractors (NPS)'],
  ['passive', 'Passives (NPS)'],
  ['promoter', 'Promoters (NPS)'],
  ['unhappy', 'Unhappy (CSAT, CES)'],
  ['neutral', 'Neutral (CSAT, CES)'],
  ['happy', 'Happy (CSAT, CES)'],
];

/** A user as the inbox names them: name, else email; an id no longer listed (a deleted or disabled user) as itself. */
export function personName(id: string | null, people: readonly Assignee[]): string {
  if (id === null) return 'Nobody';
  const p = people.find((u) => u.id === id);
  return p ? p.name || p.email : id;
}

/** The studio path of one answer, which a colleague can open. */
export const answerPath = (site: string, id: string): string => `/studio/responses/${encodeURIComponent(site)}/${encodeURIComponent(id)}`;

/** A page's path and query, without its origin (`/checkout?step=2`), or the text as given when it is no URL. */
export function pagePath(url: string | null): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** A time as the reader's locale writes it. */
export const when = (iso: string): string => new Date(iso).toLocaleString();
