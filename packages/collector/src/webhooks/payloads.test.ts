import { describe, expect, it } from 'vitest';
import { deliveryBody, MAX_BODY_BYTES } from './payloads.js';

const response = (over: Record<string, unknown> = {}) => ({
  id: '6f1c0b7e-1d2a-4c3b-9a8e-1234567890ab',
  surveyId: 'nps',
  score: 3,
  comment: 'short',
  answers: { why: 'because' },
  attributes: { plan: 'pro', seats: 3 },
  createdAt: '2026-12-04T01:00:00.5+00:00',
  receivedAt: '2026-12-04T01:00:01.123456+00:00',
  followedUpAt: null,
  ...over,
});

describe('delivery bodies', () => {
  it('is the Standard Webhooks envelope with ISO times in UTC', () => {
    const body = JSON.parse(deliveryBody('response.created', '2026-12-04T01:00:01.123+00:00', { site: 's', response: response() }));
    expect(body).toEqual({
      type: 'response.created',
      timestamp: '2026-12-04T01:00:01.123Z',
      data: { site: 's', response: { ...response(), createdAt: '2026-12-04T01:00:00.500Z', receivedAt: '2026-12-04T01:00:01.123Z' } },
    });
    expect(body.data.truncated).toBeUndefined();
  });

  it('keeps a body of exactly the limit as it is, and trims one byte more', () => {
    const at = '2026-12-04T01:00:00Z';
    const base = deliveryBody('response.created', at, { site: 's', response: response({ comment: '' }) });
    const fill = MAX_BODY_BYTES - Buffer.byteLength(base);
    const exact = deliveryBody('response.created', at, { site: 's', response: response({ comment: 'x'.repeat(fill) }) });
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    expect(JSON.parse(exact).data.truncated).toBeUndefined();
    const over = deliveryBody('response.created', at, { site: 's', response: response({ comment: 'x'.repeat(fill + 1) }) });
    expect(Buffer.byteLength(over)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(JSON.parse(over).data.truncated).toEqual(['comment']);
    expect(JSON.parse(over).data.response.comment).toMatch(/^x+…$/);
  });

  it('cuts the longest texts first, counting bytes of UTF-8, never splitting an emoji', () => {
    const body = deliveryBody('response.created', '2026-12-04T01:00:00Z', {
      site: 's',
      response: response({ comment: '👍'.repeat(4000), answers: { why: 'é'.repeat(7000), what: 'fine' }, attributes: { note: 'n'.repeat(3000) } }),
    });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const data = JSON.parse(body).data;
    expect(data.truncated.sort()).toEqual(['answers.why', 'comment']);
    expect(data.response.answers.what).toBe('fine');
    expect(data.response.attributes.note).toBe('n'.repeat(3000));
    expect(data.response.comment).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('gives the same bytes every time (the signature covers them)', () => {
    const data = { site: 's', response: response({ comment: 'z'.repeat(30_000) }) };
    expect(deliveryBody('response.created', '2026-12-04T01:00:00Z', data)).toBe(deliveryBody('response.created', '2026-12-04T01:00:00Z', data));
  });
});
