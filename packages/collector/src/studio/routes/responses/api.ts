// The inbox's calls (the contract in packages/collector/README.md, "The
// inbox"): a filtered page of answers, one answer with its notes, a change
// of status, assignee or tags (If-Match), a note, and who can be assigned.
import { admin, call } from '../../api/client.js';

export type InboxStatus = 'new' | 'in_progress' | 'closed';

/** One answer as the inbox API gives it. */
export interface InboxItem {
  id: string;
  surveyId: string;
  kind: 'nps' | 'csat' | 'ces';
  score: number;
  scale: [number, number];
  band: string;
  comment: string | null;
  answers: Record<string, string> | null;
  attributes: Record<string, unknown>;
  page: { url: string | null; referrer: string | null };
  channel: string;
  locale: string | null;
  version: number | null;
  createdAt: string;
  receivedAt: string;
  status: InboxStatus;
  assignee: string | null;
  tags: string[];
  closedAt: string | null;
  noteCount: number;
  etag: string;
  /** An answer given through a preview link: shown here, counted nowhere else. */
  test: boolean;
}

export interface InboxNote {
  id: number;
  text: string;
  author: { kind: string; id: string; label: string };
  createdAt: string;
}

export interface Assignee {
  id: string;
  name: string;
  email: string;
}

export type Changes = Partial<Pick<InboxItem, 'status' | 'assignee' | 'tags'>>;

const responses = (site: string, ...more: string[]) => admin('sites', site, 'responses', ...more);

/** A page of answers newest first; `query` holds the API's filters (and `before`). */
export const listResponses = (site: string, query: URLSearchParams) => call<{ responses: InboxItem[]; next: string | null }>('GET', `${responses(site)}?${query}`);
export const getResponse = (site: string, id: string) => call<InboxItem & { notes: InboxNote[] }>('GET', responses(site, id));
export const changeResponse = (site: string, id: string, changes: Changes, etag: string | null) => call<InboxItem>('PATCH', responses(site, id), { body: changes, ifMatch: etag });
export const addNote = (site: string, id: string, text: string) => call<InboxNote>('POST', responses(site, id, 'notes'), { body: { text } });
export const listAssignees = () => call<{ users: Assignee[] }>('GET', admin('assignees'));
