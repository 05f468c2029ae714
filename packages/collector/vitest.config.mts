import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'collector',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Storage tests open real databases (PGlite, PostgreSQL): give them room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
