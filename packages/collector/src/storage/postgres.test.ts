// The shared storage suite on a real PostgreSQL server. CI (.ci/run) starts a
// throwaway cluster and sets SAYSO_TEST_DATABASE_URL; without it these skip.
import postgres from 'postgres';
import { describe, test } from 'vitest';
import { postgresDriver } from './postgres.js';
import { testStorage } from './storage-suite.js';

const url = process.env.SAYSO_TEST_DATABASE_URL;

if (url) {
  // Each test gets a database of its own, made and dropped through an admin connection.
  testStorage('PostgreSQL', async () => {
    const name = `sayso_test_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const driver = postgresDriver({ url: dbUrl.toString(), max: 8 });
    return {
      driver,
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  });
} else {
  describe('storage: PostgreSQL', () => {
    test.skip('set SAYSO_TEST_DATABASE_URL to run the storage suite on PostgreSQL', () => {});
  });
}
