// The embedded default: PostgreSQL compiled to WebAssembly, in a data folder
// (or in memory). Nothing to install; the same SQL as the server driver.
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlRunner } from './driver.js';
import { sqlStorage } from './sql-storage.js';
import type { Storage } from './types.js';

/** Options of `pgliteStorage`. */
export interface PgliteStorageOptions {
  /** Folder holding the database; created when missing. Omit for an in-memory database. */
  dataDir?: string;
}

function runner(db: Pick<PGlite, 'query' | 'exec'>): SqlRunner {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await db.query<T>(text, [...params])).rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
}

/** A PGlite driver; mostly for `pgliteStorage`, exposed for tests. */
export async function pgliteDriver(options: PgliteStorageOptions = {}): Promise<SqlDriver> {
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  return {
    name: 'pglite',
    ...runner(db),
    transaction: (fn) => db.transaction((tx) => fn(runner(tx))),
    close: () => db.close(),
  };
}

/** Storage in PGlite. Run `migrate()` before use (createCollector does). */
export async function pgliteStorage(options: PgliteStorageOptions = {}): Promise<Storage> {
  return sqlStorage(await pgliteDriver(options));
}
