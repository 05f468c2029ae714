// The unit-test workspace: each package brings its own vitest config
// (environment, setup); cross-package tests under test/ run in Node.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    projects: [
      'packages/*/vitest.config.mts',
      {
        test: {
          name: 'cross-package',
          root,
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
    ],
  },
});
