/**
 * The conventions of database.ts, held by whichever adapter this run is on (PGlite, or PostgreSQL
 * when FACE_VERIFY_TEST_DATABASE_URL is set), and the PostgreSQL adapter's own refusals.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import { openPostgres } from '../../../src/server/postgres.js';
import { migrate } from '../../../src/server/migrations.js';
import { openTestDatabase, TEST_DATABASE } from './test-database.js';

let db: SqlDatabase;
before(async () => {
  db = await openTestDatabase();
  await migrate(db);
});
after(() => db.close());

test(`${TEST_DATABASE}: BYTEA, JSONB, TIMESTAMPTZ, INTEGER and counts come back as the conventions say`, async () => {
  await db.query('CREATE TABLE conv (b BYTEA, j JSONB, t TIMESTAMPTZ, i INTEGER)');
  const bytes = new Uint8Array([0, 1, 254, 255]);
  const when = new Date('2026-12-03T06:00:00.123Z');
  await db.query('INSERT INTO conv VALUES ($1, $2::jsonb, $3, $4)', [bytes, JSON.stringify({ a: [1, 'x'] }), when, 42]);
  const { rows } = await db.query<{ b: Uint8Array; j: unknown; t: Date; i: number; n: number }>('SELECT b, j, t, i, (SELECT count(*) FROM conv)::int AS n FROM conv');
  const row = rows[0]!;
  assert.ok(row.b instanceof Uint8Array);
  assert.deepEqual([...row.b], [0, 1, 254, 255]);
  assert.deepEqual(row.j, { a: [1, 'x'] });
  assert.ok(row.t instanceof Date && row.t.getTime() === when.getTime());
  assert.equal(row.i, 42);
  assert.equal(row.n, 1);
});

test(`${TEST_DATABASE}: pgvector is there, and Euclidean distance is what the template store reads`, async () => {
  const { rows } = await db.query<{ d: number }>("SELECT '[3,4]'::vector <-> '[0,0]'::vector AS d");
  assert.equal(rows[0]!.d, 5);
});

test(`${TEST_DATABASE}: a failing statement rolls the whole transaction back`, async () => {
  await db.query('CREATE TABLE tx (k TEXT PRIMARY KEY)');
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query("INSERT INTO tx VALUES ('a')");
    await tx.query("INSERT INTO tx VALUES ('a')");
  }));
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tx');
  assert.equal(rows[0]!.n, 0);
});

test('openPostgres refuses a URL that is not postgres:// and names an unreachable server', async () => {
  await assert.rejects(openPostgres({ connectionString: 'mysql://x' }), (e: unknown) => isFaceVerifyError(e) && e.code === 'invalid-argument' && /postgres:\/\//.test(e.message));
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  await assert.rejects(openPostgres({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }), (e: unknown) => isFaceVerifyError(e) && e.code === 'storage-failed' && /127\.0\.0\.1:1\/none/.test(e.message));
});
