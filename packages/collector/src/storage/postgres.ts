// PostgreSQL through postgres.js, for when one embedded database is not
// enough: several collector instances share one server.
import postgres from 'postgres';
import type { SqlDriver, SqlRunner } from './driver.js';
import { sqlStorage } from './sql-storage.js';
import type { Storage } from './types.js';

/** Options of `postgresStorage`. */
export interface PostgresStorageOptions {
  /** A `postgres://` connection URL. */
  url: string;
  /** Pool size. @default 10 */
  max?: number;
}

type Sql = postgres.Sql | postgres.TransactionSql;

function runner(sql: Sql): SqlRunner {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      // Named prepared statements: the ingest CTE is planned once per connection, not per batch.
      return (await sql.unsafe(text, [...params] as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
    },
    async exec(text: string) {
      // The simple protocol allows several statements in one call.
      await sql.unsafe(text).simple();
    },
  };
}

/** A postgres.js driver; mostly for `postgresStorage`, exposed for tests. */
export function postgresDriver(options: PostgresStorageOptions): SqlDriver {
  // No JIT: PostgreSQL compiles a plan whose estimated cost passes jit_above_cost,
  // and an insights count over 10⁶ comments spent 0.8-2 s of its 2.5 s compiling
  // (EXPLAIN ANALYZE, Timing: Optimization/Emission) for a query that runs in
  // tens of milliseconds. Every statement here is short; none gains from it.
  const sql = postgres(options.url, { max: options.max ?? 10, onnotice: () => {}, connection: { jit: 'off' } });
  return {
    name: 'postgres',
    ...runner(sql),
    transaction: async (fn) => (await sql.begin((tx) => fn(runner(tx)))) as Awaited<ReturnType<typeof fn>>,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Storage in a PostgreSQL server. Run `migrate()` before use (createCollector does). */
export function postgresStorage(options: PostgresStorageOptions): Storage {
  return sqlStorage(postgresDriver(options));
}
