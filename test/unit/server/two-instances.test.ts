/**
 * Two backend instances on one PostgreSQL (README: "several instances may share" it): two
 * FaceVerifyServers with the same keys, each on its own connection pool to the same database, as
 * two processes behind a load balancer would be. Racing requests really run side by side here, so
 * single-use and exactly-once storage must hold through the database, not through one process's
 * memory. PGlite is one embedded database per process and cannot be shared, so there it is skipped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import { openPostgres } from '../../../src/server/postgres.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';
import { buildSubmission, counts, honestSubmission, newKeys, openServer, parts, rejects } from './helpers.js';
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './test-database.js';

const skip = TEST_DATABASE_URL ? false : 'needs PostgreSQL: PGlite is embedded in one process, so no second instance can open it (run under node scripts/postgres.mjs)';

describe('two server instances on one PostgreSQL database', { skip }, () => {
  let db: TestDatabase;
  let secondPool: SqlDatabase;
  let a: FaceVerifyServer;
  let b: FaceVerifyServer;
  before(async () => {
    db = await openTestDatabase();
    secondPool = await openPostgres({ connectionString: db.url! });
    const keys = await newKeys();
    a = await openServer(db, keys);
    b = await openServer(secondPool, keys);
  });
  after(async () => {
    // The second pool first: the database is dropped on db.close(), which open connections would block.
    await b?.close();
    await secondPool?.close();
    await a?.close();
    await db?.close();
  });

  test('the same submission sent to both at once is stored once and both callers get its one receipt', async () => {
    // Several rounds: which instance wins, and whether the loser notices before or inside its
    // transaction, varies from round to round.
    for (let round = 0; round < 8; round++) {
      const sub = await honestSubmission(a);
      const before = await counts(db);
      const [fromA, fromB] = await Promise.all([a.verifySubmission(parts(sub)), b.verifySubmission(parts(sub))]);
      assert.equal(fromA.receipt.receiptId, fromB.receipt.receiptId, `round ${round}: two receipts for one submission`);
      assert.deepEqual(fromA.receipt, fromB.receipt);
      // The loser is answered as an identical retry, not refused: the widget retries an upload whose
      // answer it lost, and a load balancer may send the retry to the other instance while the first
      // is still storing it.
      assert.deepEqual([fromA.replayed, fromB.replayed].sort(), [false, true], `round ${round}`);
      const now = await counts(db);
      assert.deepEqual(now, { submissions: before.submissions + 1, spentNonces: before.spentNonces + 1, receipts: before.receipts + 1 });
    }
  });

  test('a different submission answering the same challenge, sent to the second instance after the first stored one, is refused with session-used and stores nothing', async () => {
    const first = await honestSubmission(a);
    await a.verifySubmission(parts(first));
    // Same session, key and challenge (so the same nonce); a new attestation and idempotency key.
    const second = await buildSubmission(first);
    assert.notEqual(second.attestation, first.attestation);
    await rejects(db, () => b.verifySubmission(parts(second)), 'session-used');
  });

  test('after the first submission is erased on one instance, its nonce stays spent on the other: nonce-replayed, nothing stored', async () => {
    const first = await honestSubmission(a);
    const { receipt } = await a.verifySubmission(parts(first));
    const link = new URLSearchParams(new URL(receipt.erasureUrl).hash.slice(1));
    await a.eraseSubmission(link.get('receipt')!, link.get('token')!);
    const second = await buildSubmission(first);
    await rejects(db, () => b.verifySubmission(parts(second)), 'nonce-replayed');
  });

  test('ten different submissions spread over both instances at once are each stored exactly once', async () => {
    // Sessions started on either instance are valid on both (the same signing key).
    const subs = await Promise.all(Array.from({ length: 10 }, (_, i) => honestSubmission(i % 2 ? b : a)));
    const before = await counts(db);
    const results = await Promise.allSettled(subs.map((sub, i) => (i % 2 ? a : b).verifySubmission(parts(sub))));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [isFaceVerifyError(r.reason) ? r.reason.code : String(r.reason)] : []));
    assert.deepEqual(refused, []);
    const receipts = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<FaceVerifyServer['verifySubmission']>>>).value);
    assert.ok(receipts.every((r) => !r.replayed));
    assert.equal(new Set(receipts.map((r) => r.receipt.receiptId)).size, 10);
    assert.deepEqual(await counts(db), { submissions: before.submissions + 10, spentNonces: before.spentNonces + 10, receipts: before.receipts + 10 });
  });
});
