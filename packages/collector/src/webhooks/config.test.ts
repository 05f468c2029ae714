import { isSaysoError } from '@sayso/core';
import { expect, test } from 'vitest';
import { resolveConfig } from '../config.js';
import { testConfig } from '../test-fixtures.js';
import { defaultWebhooksConfig, resolveWebhooksConfig } from './config.js';

const pathOf = (input: unknown) => {
  try {
    resolveWebhooksConfig(input);
    return undefined;
  } catch (err) {
    return isSaysoError(err) ? err.path : String(err);
  }
};

test('defaults: public addresses only, the real schedule, 15 s per attempt, dispatching', () => {
  expect(resolveWebhooksConfig(undefined)).toEqual(defaultWebhooksConfig);
  expect(defaultWebhooksConfig).toMatchObject({ allowPrivateAddresses: false, allowedNetworks: [], retryScale: 1, timeoutMs: 15_000, disableAfterMs: 432_000_000, dispatch: true });
  expect(resolveConfig(testConfig()).webhooks).toEqual(defaultWebhooksConfig);
});

test('a bad value stops the collector with its path', () => {
  expect(pathOf([])).toBe('webhooks');
  expect(pathOf({ allowPrivateAddresses: 'yes' })).toBe('webhooks.allowPrivateAddresses');
  expect(pathOf({ allowedNetworks: ['127.0.0.1/32', '10.0.0.0'] })).toBe('webhooks.allowedNetworks[1]');
  expect(pathOf({ retryScale: 0 })).toBe('webhooks.retryScale');
  expect(pathOf({ retryScale: -1 })).toBe('webhooks.retryScale');
  expect(pathOf({ timeoutMs: 1.5 })).toBe('webhooks.timeoutMs');
  expect(pathOf({ concurrency: 0 })).toBe('webhooks.concurrency');
  expect(pathOf({ allowPrivate: true })).toBe('webhooks.allowPrivate');
  expect(pathOf({ retryScale: 0.0001, allowedNetworks: ['fd00::/8'], dispatch: false })).toBeUndefined();
  expect(() => resolveConfig(testConfig({ webhooks: { retryScale: 0 } }))).toThrow(/retryScale/);
});
