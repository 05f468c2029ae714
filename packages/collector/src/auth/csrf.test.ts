import { expect, test } from 'vitest';
import { resolveConfig } from '../config.js';
import { addListenAddress, selfNames } from '../server/host.js';
import { testConfig } from '../test-fixtures.js';
import { isOwnOrigin } from './csrf.js';

const self = selfNames(resolveConfig(testConfig({ publicUrl: 'https://feedback.test' })));
addListenAddress(self, '127.0.0.1', 8787, false);

test('own origins: publicUrl and the listen address with its loopback names', () => {
  for (const o of ['https://feedback.test', 'https://FEEDBACK.test', 'https://feedback.test:443', 'http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
    expect(isOwnOrigin(o, self), o).toBe(true);
  }
});

test('near-misses are refused', () => {
  for (const o of [
    undefined,
    '',
    'null',
    'http://feedback.test',
    'https://feedback.test:8443',
    'https://feedback.test.evil',
    'https://evil-feedback.test',
    'https://sub.feedback.test',
    'https://feedback.test/',
    'https://feedback.test/studio',
    'https://a@feedback.test',
    'https://feedback.test?x',
    'feedback.test',
    'http://localhost:8788',
    'http://127.0.0.2:8787',
    'https://localhost:8787',
  ]) {
    expect(isOwnOrigin(o, self), String(o)).toBe(false);
  }
});
