// The few things sql-storage.ts needs from a database client. PGlite and
// postgres.js both speak PostgreSQL, so one SQL dialect serves both; only
// the calling conventions differ, and this interface hides them.

/** Runs SQL. Parameters are `$1`-style; pass JSON as text and cast in SQL (`$2::text::jsonb`). */
export interface SqlRunner {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A database connection (or pool). */
export interface SqlDriver extends SqlRunner {
  readonly name: string;
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
