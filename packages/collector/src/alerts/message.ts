// What a destination sends: a score drop, a digest or one detractor's answer,
// with the links a reader follows. Slack and email render the same messages.
import type { Survey } from '@sayso/core';
import type { ExportRow } from '../storage/types.js';
import type { Digest } from './digest.js';
import type { DropEvaluation } from './drop.js';

export type AlertMessage =
  | { type: 'drop'; drop: DropEvaluation; reportUrl: string }
  | { type: 'digest'; digest: Digest; reportUrl: string }
  | { type: 'detractor'; site: string; response: ExportRow; answerUrl: string }
  /** A flood's remainder, told in one message: `count` more detractor answers, and the inbox filtered to them. */
  | { type: 'detractors'; site: string; count: number; survey: string | null; inboxUrl: string };

/** A place alerts go: Slack, email. Retries are the caller's, not the destination's. */
export interface Destination {
  readonly name: string;
  /** Sends one message; rejects when it was not accepted. */
  send(message: AlertMessage): Promise<void>;
  /** Lets go of connections (the SMTP pool). */
  close?(): void;
}

/** A score for people: one decimal, a real minus sign, `–` when there is none. */
export function fmt(n: number | null | undefined, signed = false): string {
  if (n == null || !Number.isFinite(n)) return '–';
  const s = Math.abs(n).toFixed(1);
  return n < 0 ? `−${s}` : signed && n > 0 ? `+${s}` : s;
}

export const fmtCi = (ci: [number, number] | null): string => (ci ? `${fmt(ci[0])} to ${fmt(ci[1])}` : '–');

/** p as a reader wants it: three decimals, `< 0.001` below. */
export const fmtP = (p: number | null): string => (p == null ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));

/** The attributes worth showing beside an answer, as `key: value` pairs (at most 8). */
export function keyAttributes(row: ExportRow): Array<[string, string]> {
  const out: Array<[string, string]> = [['channel', row.channel]];
  if (row.locale) out.push(['locale', row.locale]);
  if (row.pageUrl) out.push(['page', row.pageUrl]);
  for (const [k, v] of Object.entries(row.attributes ?? {})) if (v !== null && typeof v !== 'object') out.push([k, String(v)]);
  return out.slice(0, 8);
}

/** A one-line title for any message (the email subject, Slack's notification text). */
export function titleOf(m: AlertMessage): string {
  if (m.type === 'drop') return `${m.drop.survey}: the score dropped from ${fmt(m.drop.baseline.score)} to ${fmt(m.drop.recent.score)}`;
  if (m.type === 'digest') return `${m.digest.survey}: ${m.digest.period.key} digest, score ${fmt(m.digest.score)} (${fmt(m.digest.change.difference, true)})`;
  if (m.type === 'detractors') return `${m.survey ?? m.site}: ${m.count} more detractor answer${m.count === 1 ? '' : 's'}`;
  return `${m.response.surveyId}: a detractor answered ${m.response.score}`;
}

/** The message "send a test alert" sends: a made-up detractor answer to `survey` (marked test), linking to `url`. */
export function sampleDetractor(site: string, survey: Pick<Survey, 'id' | 'kind'> | undefined, url: string): AlertMessage {
  const now = new Date().toISOString();
  return {
    type: 'detractor',
    site,
    answerUrl: url,
    response: {
      id: '00000000-0000-4000-8000-000000000000',
      surveyId: survey?.id ?? 'sample',
      kind: survey?.kind ?? 'nps',
      score: 3,
      scaleMin: 0,
      scaleMax: 10,
      comment: 'This is a test alert from sayso: alerts for this site reach you here.',
      answers: null,
      createdAt: now,
      receivedAt: now,
      anonymousId: 'test',
      userId: null,
      attributes: {},
      pageUrl: null,
      locale: null,
      channel: 'test',
      version: null,
      overLimit: false,
      test: true,
    },
  };
}
