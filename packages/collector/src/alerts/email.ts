// Email through SMTP (nodemailer): every message with a text and an HTML
// part. All text that came from respondents or the config goes through
// escapeHtml in the HTML part; links are only the collector's own.
import { SaysoError } from '@sayso/core';
import { createTransport, type Transporter } from 'nodemailer';
import { escapeHtml } from '../html.js';
import type { SmtpConfig } from './config.js';
import { fmt, fmtCi, fmtP, keyAttributes, titleOf, type AlertMessage, type Destination } from './message.js';

/** The text and HTML parts of a message. */
export function emailParts(m: AlertMessage): { subject: string; text: string; html: string } {
  const subject = titleOf(m);
  const rows: Array<[string, string]> = [];
  const quotes: Array<{ head: string; body: string }> = [];
  let link: [string, string];
  if (m.type === 'detractor') {
    const r = m.response;
    rows.push(['Score', `${r.score} (of ${r.scaleMin}–${r.scaleMax})`], ...keyAttributes(r));
    if (r.comment) quotes.push({ head: 'Comment', body: r.comment });
    link = ['Open the answer', m.answerUrl];
  } else if (m.type === 'detractors') {
    rows.push(['More detractor answers', String(m.count)]);
    if (m.survey) rows.push(['Survey', m.survey]);
    link = ['Open them in the inbox', m.inboxUrl];
  } else if (m.type === 'drop') {
    const d = m.drop;
    rows.push(
      [`Last ${d.recent.from} – ${d.recent.to}`, `${fmt(d.recent.score)} (${fmtCi(d.recent.ci)}), ${d.recent.n} answers`],
      [`Before ${d.baseline.from} – ${d.baseline.to}`, `${fmt(d.baseline.score)} (${fmtCi(d.baseline.ci)}), ${d.baseline.n} answers`],
      ['Difference', `${fmt(d.comparison.difference, true)} (${fmtCi(d.comparison.ci)})`],
      ['p', fmtP(d.comparison.p)],
    );
    link = ['Open the report', m.reportUrl];
  } else {
    const g = m.digest;
    rows.push(
      ['Period', `${g.period.key} (${g.period.from} – ${g.period.to})`],
      ['Score', `${fmt(g.score)} (${fmtCi(g.ci)})`],
      ['Change', `${fmt(g.change.difference, true)} since ${fmt(g.previous.score)}${g.change.significant ? '' : ' (not significant)'}`],
      ['Answers', String(g.n)],
    );
    for (const c of g.comments) quotes.push({ head: `Detractor, ${c.score}`, body: c.comment });
    link = ['Open the report', m.reportUrl];
  }
  const text = [
    subject,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...quotes.flatMap((q) => ['', `${q.head}:`, ...q.body.split('\n').map((l) => `> ${l}`)]),
    '',
    `${link[0]}: ${link[1]}`,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h1 style="font-size:1.2em">${escapeHtml(subject)}</h1>`,
    '<table>',
    ...rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    ...quotes.map((q) => `<p><strong>${escapeHtml(q.head)}</strong></p><blockquote style="white-space:pre-wrap">${escapeHtml(q.body)}</blockquote>`),
    `<p><a href="${escapeHtml(link[1])}">${escapeHtml(link[0])}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** Options of {@link emailDestination}. */
export interface EmailOptions {
  smtp: SmtpConfig;
  /** Recipients who opted in. */
  to: string[];
  /** @default 15000 */
  timeoutMs?: number;
  /** A transport to share (its pool outlives this destination, which then leaves it open). @default one of its own */
  transport?: Transporter;
}

/** An SMTP transport (nodemailer) for `smtp`: one per collector, shared by the sites' email destinations. */
export function smtpTransport(smtp: SmtpConfig, timeout = 15_000): Transporter {
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

/** Email as a destination: one message to every recipient; rejects when the server refused it. */
export function emailDestination(options: EmailOptions): Destination {
  const { smtp } = options;
  const transport = options.transport ?? smtpTransport(smtp, options.timeoutMs);
  return {
    name: 'email',
    async send(message) {
      const parts = emailParts(message);
      const info = (await transport.sendMail({ from: smtp.from, to: options.to, ...parts })) as { rejected?: unknown[] };
      if (info.rejected && info.rejected.length > 0) throw new SaysoError('E_DELIVERY_REJECTED', `the SMTP server refused ${info.rejected.length} recipient(s)`);
    },
    close: () => (options.transport ? undefined : transport.close()),
  };
}
