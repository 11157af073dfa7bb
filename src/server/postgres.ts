/**
 * The adapter for a PostgreSQL server (with the pgvector extension installed), for operators who
 * outgrow one machine: several face-verify servers share one database. It keeps the conventions of
 * database.ts, so the server runs the very same SQL as on PGlite.
 */
import pg from 'pg';
import { fail } from './fail.js';
import type { SqlDatabase, SqlQueryable } from './database.js';

/** Options of {@link openPostgres}. */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (e.g. `DATABASE_URL`). */
  connectionString: string;
  /** Most connections in the pool (default 10). */
  maxConnections?: number;
}

/** `pg` sends Buffers as BYTEA; other typed arrays would be sent as text, so they are wrapped (no copy). */
function toParam(value: unknown): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<{ rows: T[] }> => {
  const result = await client.query(sql, params.map(toParam));
  return { rows: result.rows as T[] };
};

/**
 * Connects a pool to a PostgreSQL server and checks that it answers.
 * @throws FaceVerifyError `invalid-argument` for a missing connection string; `storage-failed` when
 *   the server cannot be reached or refuses the login (the driver's error is the `cause`).
 */
export async function openPostgres(options: PostgresOptions): Promise<SqlDatabase> {
  if (typeof options?.connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(options.connectionString)) {
    fail('invalid-argument', 'openPostgres: `connectionString` must be a postgres:// URL, e.g. the DATABASE_URL of your server');
  }
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node
  // would crash. The next query gets a fresh connection.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => {});
    const where = new URL(options.connectionString);
    fail('storage-failed', `openPostgres: could not connect to PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname}; check that it runs and the URL's user, password and database`, cause);
  }
  return {
    query: <T>(sql: string, params: readonly unknown[] = []) => run<T>(pool, sql, params),
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: <R>(sql: string, params: readonly unknown[] = []) => run<R>(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
