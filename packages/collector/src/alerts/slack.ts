// Slack through an incoming webhook: every message as Block Kit blocks, with
// a plain `text` for notifications. Respondent text is escaped the way Slack's
// mrkdwn requires (`&`, `<`, `>`), so a comment cannot forge a link or a
// mention (`<!channel>`).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SaysoError } from '@sayso/core';
import { checkLiteralHost, guardedLookup } from './address-guard.js';
import { fmt, fmtCi, fmtP, keyAttributes, titleOf, type AlertMessage, type Destination } from './message.js';

/** Escapes text for Slack mrkdwn (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// A section's text holds at most 3000 characters.
const clip = (s: string, max = 2900) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text) } });
const fields = (pairs: Array<[string, string]>) => ({ type: 'section', fields: pairs.slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(k)}*\n${v}`, 1900) })) });
const button = (text: string, url: string) => ({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text }, url }] });
const quote = (s: string) => escapeMrkdwn(s).split('\n').map((l) => `>${l}`).join('\n');

/** The Slack payload (`{ text, blocks }`) of a message. */
export function slackPayload(m: AlertMessage): { text: string; blocks: unknown[] } {
  const text = escapeMrkdwn(titleOf(m));
  if (m.type === 'detractor') {
    const r = m.response;
    return {
      text,
      blocks: [
        section(`*${escapeMrkdwn(r.surveyId)}*: a detractor answered *${r.score}* (of ${r.scaleMin}–${r.scaleMax})`),
        ...(r.comment ? [section(quote(r.comment))] : []),
        fields(keyAttributes(r).map(([k, v]) => [k, escapeMrkdwn(v)])),
        button('Open the answer', m.answerUrl),
      ],
    };
  }
  if (m.type === 'detractors') {
    return {
      text,
      blocks: [section(`*${m.count}* more detractor answer${m.count === 1 ? '' : 's'}${m.survey ? ` to *${escapeMrkdwn(m.survey)}*` : ''}: too many to post one by one.`), button('Open them in the inbox', m.inboxUrl)],
    };
  }
  if (m.type === 'drop') {
    const d = m.drop;
    return {
      text,
      blocks: [
        section(`:chart_with_downwards_trend: *${escapeMrkdwn(d.survey)}*: the score dropped by *${fmt(-(d.comparison.difference ?? 0))}* points`),
        fields([
          [`Last ${d.recent.from} – ${d.recent.to}`, `${fmt(d.recent.score)} (${fmtCi(d.recent.ci)}), ${d.recent.n} answers`],
          [`Before ${d.baseline.from} – ${d.baseline.to}`, `${fmt(d.baseline.score)} (${fmtCi(d.baseline.ci)}), ${d.baseline.n} answers`],
          ['Difference', `${fmt(d.comparison.difference, true)} (${fmtCi(d.comparison.ci)})`],
          ['p', fmtP(d.comparison.p)],
        ]),
        button('Open the report', m.reportUrl),
      ],
    };
  }
  const g = m.digest;
  return {
    text,
    blocks: [
      section(`*${escapeMrkdwn(g.survey)}*, ${g.period.key} (${g.period.from} – ${g.period.to})`),
      fields([
        ['Score', `${fmt(g.score)} (${fmtCi(g.ci)})`],
        ['Change', `${fmt(g.change.difference, true)} since ${fmt(g.previous.score)}${g.change.significant ? '' : ' (not significant)'}`],
        ['Answers', String(g.n)],
      ]),
      ...(g.comments.length > 0 ? [section(`*Newest comments of detractors*\n${g.comments.map((c) => `*${c.score}*\n${quote(c.comment)}`).join('\n')}`)] : []),
      button('Open the report', m.reportUrl),
    ],
  };
}

/** Options of {@link slackDestination}. */
export interface SlackOptions {
  webhookUrl: string;
  /** Allow loopback and private addresses (tests, a relay on your network). @default false */
  allowPrivate?: boolean;
  /** @default 15000 */
  timeoutMs?: number;
}

/** POSTs JSON to `url` through the address guard; no redirects are followed. Resolves with the status. */
export function postJson(url: string, body: unknown, options: { allowPrivate: boolean; timeoutMs: number }): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const data = Buffer.from(JSON.stringify(body));
  try {
    checkLiteralHost(target.hostname, options.allowPrivate);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      // A fresh connection each time (agent: false): alerts are rare, and a pooled
      // socket the server closed while idle would fail the next alert.
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length }, lookup: guardedLookup(options.allowPrivate), timeout: options.timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          // Only the start of an answer is worth keeping (the error's message).
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, 4096) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new SaysoError('E_DELIVERY_REJECTED', `no answer from ${target.host} in ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Slack as a destination: one POST to the incoming webhook per message; anything but 2xx rejects. */
export function slackDestination(options: SlackOptions): Destination {
  const allowPrivate = options.allowPrivate ?? false;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: 'slack',
    async send(message) {
      const res = await postJson(options.webhookUrl, slackPayload(message), { allowPrivate, timeoutMs });
      if (res.status < 200 || res.status >= 300) throw new SaysoError('E_DELIVERY_REJECTED', `Slack answered ${res.status}: ${res.text.slice(0, 200)}`);
    },
  };
}
