// Slack to a real local HTTP receiver, email to a real local SMTP server
// (smtp-server, parsed back with mailparser), and the address guard.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportRow } from '../storage/types.js';
import { isPrivateAddress } from './address-guard.js';
import { emailDestination, emailParts } from './email.js';
import type { AlertMessage } from './message.js';
import { escapeMrkdwn, slackDestination, slackPayload } from './slack.js';
import { httpReceiver, smtpReceiver, type HttpReceiver, type SmtpReceiver } from './test-receivers.js';

const HOSTILE = `<!channel> & <https://evil.test|click> "quoted" 'it's' <script>alert(1)</script>`;

const row: ExportRow = {
  id: '0192f0e4-7b7a-7c3e-9d2a-3f4e5a6b7c8d',
  surveyId: 'nps-main',
  kind: 'nps',
  score: 3,
  scaleMin: 0,
  scaleMax: 10,
  comment: HOSTILE,
  answers: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  receivedAt: '2026-11-30T10:00:01.000Z',
  anonymousId: 'a1',
  userId: null,
  attributes: { plan: 'pro <b>', seats: 12, nested: { no: 1 } },
  pageUrl: 'https://shop.test/checkout?a=1&b=2',
  locale: 'en',
  channel: 'web',
  version: null,
  overLimit: false,
  test: false,
};
const detractor: AlertMessage = { type: 'detractor', site: 'demo', response: row, answerUrl: 'https://feedback.example.com/inbox/0192f0e4' };
const digest: AlertMessage = {
  type: 'digest',
  reportUrl: 'https://feedback.example.com/report?site=demo&survey=nps-main',
  digest: {
    site: 'demo',
    rule: 'weekly',
    survey: 'nps-main',
    kind: 'nps',
    period: { key: '2026-W48', from: '2026-11-23', to: '2026-11-29' },
    score: 12.5,
    ci: [1.25, 23.75],
    n: 80,
    previous: { from: '2026-11-16', to: '2026-11-22', score: 20, n: 75 },
    change: { difference: -7.5, standardError: 8, z: -0.9375, p: 0.348, significant: false, ci: [-23.2, 8.2], level: 0.95 },
    comments: [{ id: 'x', score: 2, comment: HOSTILE, createdAt: '2026-11-29T10:00:00.000Z' }],
  },
};

describe('Slack', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await httpReceiver();
  });
  afterAll(() => receiver.close());

  test('escapes exactly &, < and > for mrkdwn', () => {
    expect(escapeMrkdwn('a & b < c > d " \' *x*')).toBe('a &amp; b &lt; c &gt; d " \' *x*');
    // & first, so an escape is not escaped twice into &amp;lt;
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  test('a detractor alert: score, escaped comment, key attributes and a link to the answer, as Block Kit blocks to the receiver', async () => {
    receiver.requests.length = 0;
    await slackDestination({ webhookUrl: receiver.url, allowPrivate: true }).send(detractor);
    expect(receiver.requests).toHaveLength(1);
    const { headers, body } = receiver.requests[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(body).toEqual({
      text: 'nps-main: a detractor answered 3',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*nps-main*: a detractor answered *3* (of 0–10)' } },
        { type: 'section', text: { type: 'mrkdwn', text: `>&lt;!channel&gt; &amp; &lt;https://evil.test|click&gt; "quoted" 'it's' &lt;script&gt;alert(1)&lt;/script&gt;` } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*channel*\nweb' },
            { type: 'mrkdwn', text: '*locale*\nen' },
            { type: 'mrkdwn', text: '*page*\nhttps://shop.test/checkout?a=1&amp;b=2' },
            { type: 'mrkdwn', text: '*plan*\npro &lt;b&gt;' },
            { type: 'mrkdwn', text: '*seats*\n12' },
          ],
        },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the answer' }, url: 'https://feedback.example.com/inbox/0192f0e4' }] },
      ],
    });
  });

  test('a digest is one message, its comments escaped', () => {
    const { blocks } = slackPayload(digest) as { blocks: Array<{ text?: { text: string }; fields?: Array<{ text: string }> }> };
    expect(blocks[1]!.fields!.map((f) => f.text)).toEqual(['*Score*\n12.5 (1.3 to 23.8)', '*Change*\n−7.5 since 20.0 (not significant)', '*Answers*\n80']);
    expect(blocks[2]!.text!.text).toBe(`*Newest comments of detractors*\n*2*\n>${escapeMrkdwn(HOSTILE)}`);
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
  });

  test('a comment longer than a section holds is clipped under Slack’s 3000 characters', () => {
    const long = slackPayload({ ...detractor, response: { ...row, comment: 'x'.repeat(5000) } }) as { blocks: Array<{ text?: { text: string } }> };
    expect(long.blocks[1]!.text!.text.length).toBeLessThanOrEqual(3000);
  });

  test('refuses a loopback receiver unless private addresses are allowed; nothing reaches it', async () => {
    receiver.requests.length = 0;
    await expect(slackDestination({ webhookUrl: receiver.url }).send(detractor)).rejects.toMatchObject({ code: 'E_DELIVERY_REJECTED', message: expect.stringContaining('127.0.0.1, a private address') });
    // localhost resolves to loopback too: a name is checked by the address it resolves to.
    await expect(slackDestination({ webhookUrl: receiver.url.replace('127.0.0.1', 'localhost') }).send(detractor)).rejects.toMatchObject({ code: 'E_DELIVERY_REJECTED' });
    // IPv6 loopback and an IPv4-mapped literal are refused too.
    await expect(slackDestination({ webhookUrl: 'http://[::1]:9/x' }).send(detractor)).rejects.toMatchObject({ code: 'E_DELIVERY_REJECTED' });
    await expect(slackDestination({ webhookUrl: 'http://[::ffff:7f00:1]:9/x' }).send(detractor)).rejects.toMatchObject({ code: 'E_DELIVERY_REJECTED' });
    expect(receiver.requests).toEqual([]);
  });

  test('a non-2xx answer rejects with the status', async () => {
    receiver.status = 400;
    try {
      await expect(slackDestination({ webhookUrl: receiver.url, allowPrivate: true }).send(detractor)).rejects.toMatchObject({ code: 'E_DELIVERY_REJECTED', message: 'Slack answered 400: invalid_payload' });
    } finally {
      receiver.status = 200;
    }
  });
});

describe('address guard', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['10.0.0.1', true],
    ['172.15.255.255', false],
    ['172.16.0.0', true],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['192.168.1.1', true],
    ['192.169.0.1', false],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['::', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['fe80::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['2606:4700:4700::1111', false],
    ['not-an-ip', true],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('email', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await smtpReceiver();
  });
  afterAll(() => smtp.close());

  const destination = (to: string[]) => emailDestination({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'sayso <alerts@example.com>' }, to });

  test('a digest reaches the SMTP server with text and HTML parts; respondent text is escaped in the HTML', async () => {
    smtp.messages.length = 0;
    const d = destination(['ops@example.com', 'cx@example.com']);
    try {
      await d.send(digest);
    } finally {
      d.close?.();
    }
    expect(smtp.messages).toHaveLength(1);
    const { from, to, mail } = smtp.messages[0]!;
    expect(from).toBe('alerts@example.com');
    expect(to).toEqual(['ops@example.com', 'cx@example.com']);
    expect(mail.subject).toBe('nps-main: 2026-W48 digest, score 12.5 (−7.5)');
    expect(mail.text).toContain('Score: 12.5 (1.3 to 23.8)\nChange: −7.5 since 20.0 (not significant)\nAnswers: 80');
    // The text part carries the comment as written.
    expect(mail.text).toContain(`Detractor, 2:\n> ${HOSTILE}`);
    expect(mail.text).toContain('Open the report: https://feedback.example.com/report?site=demo&survey=nps-main');
    const html = String(mail.html);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<https://evil');
    expect(html).toContain('&lt;!channel&gt; &amp; &lt;https://evil.test|click&gt; &quot;quoted&quot; &#39;it&#39;s&#39; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://feedback.example.com/report?site=demo&amp;survey=nps-main">Open the report</a>');
  });

  test('a detractor alert: score, attributes escaped, link to the answer', () => {
    const { subject, html, text } = emailParts(detractor);
    expect(subject).toBe('nps-main: a detractor answered 3');
    expect(text).toContain('plan: pro <b>');
    expect(html).toContain('<th align="left">plan</th><td>pro &lt;b&gt;</td>');
    expect(html).not.toContain('nested');
    expect(html).toContain('<a href="https://feedback.example.com/inbox/0192f0e4">Open the answer</a>');
  });

  test('an SMTP server that is not there rejects', async () => {
    const d = emailDestination({ smtp: { host: '127.0.0.1', port: 1, secure: false, from: 'alerts@example.com' }, to: ['ops@example.com'], timeoutMs: 2000 });
    await expect(d.send(detractor)).rejects.toThrow();
    d.close?.();
  });
});
