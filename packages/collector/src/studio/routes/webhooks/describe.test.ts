// The endpoint and delivery sentences, on the edges that decide them.
import { describe, expect, test } from 'vitest';
import type { Delivery, WebhookEndpoint } from './api.js';
import { attemptOutcome, deliveryState, endpointState, filterSummary, when } from './describe.js';

const endpoint = (over: Partial<WebhookEndpoint>): WebhookEndpoint => ({
  id: 'e',
  site: 's',
  url: 'https://x.test/',
  description: '',
  eventTypes: ['response.created'],
  filters: {},
  enabled: true,
  disabled: null,
  needsAttention: false,
  failingSince: null,
  secrets: [],
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  ...over,
});
const delivery = (over: Partial<Delivery>): Delivery => ({ id: 'd', webhookId: 'msg_1', eventType: 'webhook.test', eventAt: '', status: 'pending', attempts: [], nextAt: null, createdAt: '', ...over });
const attempt = { n: 1, at: '2026-12-01T00:00:00Z', status: 500, error: null, latencyMs: 3, responseStart: '' };

describe('endpointState', () => {
  test('enabled, failing, disabled with its reason and date', () => {
    expect(endpointState(endpoint({}))).toBe('Enabled.');
    expect(endpointState(endpoint({ failingSince: '2026-12-02T10:00:00Z' }))).toBe(`Enabled, failing since ${when('2026-12-02T10:00:00Z')}.`);
    expect(endpointState(endpoint({ enabled: false, disabled: { at: '2026-12-03T00:00:00Z', reason: 'the endpoint answered 410 Gone' }, failingSince: '2026-12-02T10:00:00Z' }))).toBe(
      `Disabled on ${when('2026-12-03T00:00:00Z')}: the endpoint answered 410 Gone.`,
    );
  });
});

describe('filterSummary', () => {
  test('none is every response; each filter in words; a score of 0 still counts', () => {
    expect(filterSummary({})).toBe('every response');
    expect(filterSummary({ surveys: ['a', 'b'], bands: ['detractor', 'passive'], scoreAtLeast: 0, scoreAtMost: 6, hasComment: false, attribute: { key: 'plan', value: 'pro' } })).toBe(
      'surveys a, b; detractor or passive; score at least 0; score at most 6; without a comment; plan is “pro”',
    );
    expect(filterSummary({ hasComment: true })).toBe('with a comment');
  });
});

describe('deliveryState', () => {
  test('delivered, failed, pending before any attempt, retrying with the next time after one', () => {
    expect(deliveryState(delivery({ status: 'succeeded', attempts: [attempt] }))).toBe('delivered');
    expect(deliveryState(delivery({ status: 'failed', attempts: [attempt] }))).toBe('failed');
    expect(deliveryState(delivery({}))).toBe('pending');
    expect(deliveryState(delivery({ attempts: [attempt], nextAt: '2026-12-01T00:00:05Z' }))).toBe(`retrying, next attempt ${when('2026-12-01T00:00:05Z')}`);
    // Its endpoint disabled: it waits, whatever its due time; a finished one keeps its outcome.
    expect(deliveryState(delivery({ attempts: [attempt], nextAt: '2026-12-01T00:00:05Z' }), true)).toBe('waiting until the endpoint is enabled');
    expect(deliveryState(delivery({ status: 'failed', attempts: [attempt] }), true)).toBe('failed');
    expect(deliveryState(delivery({ status: 'succeeded', attempts: [attempt] }), true)).toBe('delivered');
  });
  test('an attempt: its status, or its error when nothing answered', () => {
    expect(attemptOutcome(attempt)).toBe('HTTP 500');
    expect(attemptOutcome({ ...attempt, status: null, error: 'connection refused' })).toBe('connection refused');
  });
});
