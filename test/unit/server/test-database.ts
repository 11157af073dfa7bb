/**
 * The database the server suites run on: in-memory PGlite by default; with
 * FACE_VERIFY_TEST_DATABASE_URL set (CI sets it, pointing at a real PostgreSQL + pgvector it started),
 * a fresh database on that server per call, dropped again on close. Every server test therefore
 * runs, unchanged, on both adapters.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPGlite, type SqlDatabase } from '../../../src/server/database.js';
import { openPostgres } from '../../../src/server/postgres.js';

/** The PostgreSQL server the suite runs on, or undefined for PGlite. */
export const TEST_DATABASE_URL = process.env['FACE_VERIFY_TEST_DATABASE_URL'] || undefined;

/** Which adapter the suite is on, for test names and logs. */
export const TEST_DATABASE = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A database of the suite; `url` is set on PostgreSQL, so a second pool can join it. */
export type TestDatabase = SqlDatabase & { url?: string };

/** A new empty database on the suite's adapter. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) return openPGlite('memory://');
  const name = `fv_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres({ connectionString: url.href });
  return {
    url: url.href,
    query: db.query.bind(db),
    transaction: db.transaction.bind(db),
    async close() {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
    },
  };
}

/** A second connection to the same database `db` lives in (two servers on one PostgreSQL). */
export async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
