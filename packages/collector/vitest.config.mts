import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The studio's components (src/studio/**/*.test.tsx) are Preact; each such test names jsdom as its environment.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'collector',
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    // Storage tests open real databases (PGlite, PostgreSQL): give them room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
