/**
 * What happens to a stored submission afterwards: erasure by receipt, retention purge, key rotation,
 * retries after expiry, and persistence across a restart of a file-backed PGlite.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateOperatorKey } from '../../../src/crypto/operator-key.js';
import { openPGlite, type SqlDatabase } from '../../../src/server/database.js';
import { openTestDatabase } from './test-database.js';
import { SCHEMA_VERSION } from '../../../src/server/migrations.js';
import { FaceVerifyServer } from '../../../src/server/server.js';
import { clock, counts, erasureParams, honestSubmission, manifest, newKeys, openServer, rejects, startSession, buildSubmission, type ServerKeys } from './helpers.js';

const DAY = 86_400_000;

let db: SqlDatabase;
let keys: ServerKeys;
let server: FaceVerifyServer;

before(async () => {
  db = await openTestDatabase();
  keys = await newKeys();
  server = await openServer(db, keys);
});

after(async () => {
  await server.close();
  await db.close();
});

async function rowsForSid(sid: string): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM face_verify_spent_nonces WHERE sid = $1)::int AS spent_nonces,
            (SELECT count(*) FROM face_verify_submissions WHERE sid = $1)::int AS submissions,
            (SELECT count(*) FROM face_verify_receipts r JOIN face_verify_submissions s ON s.id = r.submission_id WHERE s.sid = $1)::int AS receipts`,
    [sid],
  );
  return rows[0]!;
}

describe('erasure', () => {
  test('the link from the receipt erases the submission and its receipt, and keeps the nonce spent so its bytes cannot return', async () => {
    const keep = await server.verifySubmission(await honestSubmission(server));
    const sub = await honestSubmission(server);
    const { receipt } = await server.verifySubmission(sub);
    assert.deepEqual(await rowsForSid(sub.challenge.sid), { spent_nonces: 1, submissions: 1, receipts: 1 });

    const link = erasureParams(receipt);
    assert.deepEqual(await server.eraseSubmission(link.receipt, link.token), {
      erased: true,
      receiptId: receipt.receiptId,
      mode: 'clip',
      removed: ['sealed-payload', 'consent-receipt', 'submission-record'],
      sealedBytes: receipt.sealedBytes,
      nonceKeptUntil: new Date(sub.challenge.exp * 1000).toISOString(),
    });
    assert.deepEqual(await rowsForSid(sub.challenge.sid), { spent_nonces: 1, submissions: 0, receipts: 0 });
    await rejects(db, () => server.openSubmission(receipt.receiptId), 'receipt-unknown');
    await rejects(db, () => server.eraseSubmission(link.receipt, link.token), 'receipt-unknown');
    // A retry of the erased upload cannot bring it back.
    await rejects(db, () => server.verifySubmission(sub), 'nonce-replayed');
    // The other submission is untouched.
    assert.equal((await server.openSubmission(keep.receipt.receiptId)).receiptId, keep.receipt.receiptId);
  });

  test('a wrong token, or another receipt\'s token, is refused and erases nothing', async () => {
    const a = await server.verifySubmission(await honestSubmission(server));
    const b = await server.verifySubmission(await honestSubmission(server));
    const tokenA = erasureParams(a.receipt).token;
    const flipped = `${tokenA.slice(0, 10)}${tokenA[10] === 'A' ? 'B' : 'A'}${tokenA.slice(11)}`;
    for (const token of [flipped, erasureParams(b.receipt).token, '', 'not base64!', tokenA.slice(0, 42)]) {
      await rejects(db, () => server.eraseSubmission(a.receipt.receiptId, token), 'erasure-token-invalid');
    }
    assert.equal((await server.openSubmission(a.receipt.receiptId)).receiptId, a.receipt.receiptId);
  });

  test('describeSubmission with the erasure token shows what is held — sizes, dates, notice, decision — and no bytes; after erasure it is receipt-unknown', async () => {
    const sub = await honestSubmission(server);
    const { receipt } = await server.verifySubmission(sub);
    const link = erasureParams(receipt);
    const described = await server.describeSubmission(link.receipt, link.token);
    assert.deepEqual(described, {
      receiptId: receipt.receiptId,
      mode: 'clip',
      receivedAt: receipt.receivedAt,
      retentionUntil: receipt.retentionUntil,
      held: { sealedBytes: receipt.sealedBytes, payloadBytes: sub.payload.length, payloadType: sub.claims.payload.type, faceTemplate: false },
      consent: {
        receiptId: receipt.consentReceiptId,
        agreedAt: sub.claims.consent.timestamp,
        noticeVersion: manifest.version,
        noticeHash: sub.claims.consent.noticeHash,
        purpose: manifest.purpose,
        controller: manifest.controller,
        locale: manifest.locale,
      },
      liveness: { level: 'passed', reasons: [], flags: [] },
      duplicateMatch: null,
    });
    assert.ok(!JSON.stringify(described).includes(Buffer.from(sub.sealed.subarray(0, 24)).toString('base64')), 'no sealed bytes');
    await server.eraseSubmission(link.receipt, link.token);
    await rejects(db, () => server.describeSubmission(link.receipt, link.token), 'receipt-unknown');
  });

  test('describeSubmission refuses a wrong or another receipt\'s token with erasure-token-invalid before any lookup', async () => {
    const a = await server.verifySubmission(await honestSubmission(server));
    const b = await server.verifySubmission(await honestSubmission(server));
    for (const token of [erasureParams(b.receipt).token, '', 'x'.repeat(65)]) {
      await rejects(db, () => server.describeSubmission(a.receipt.receiptId, token), 'erasure-token-invalid');
    }
    // An unknown receipt with a token made for it by someone holding the secret would be receipt-unknown;
    // without the secret, a guessed id is refused by its token first and reveals nothing.
    await rejects(db, () => server.describeSubmission('no-such-receipt', erasureParams(a.receipt).token), 'erasure-token-invalid');
  });

  test('tokens are re-derived: another server with the same erasure secret accepts them', async () => {
    const { receipt } = await server.verifySubmission(await honestSubmission(server));
    const twin = await openServer(db, keys);
    try {
      assert.deepEqual(await twin.getReceipt(receipt.receiptId), receipt);
      const link = erasureParams(receipt);
      await twin.eraseSubmission(link.receipt, link.token);
    } finally {
      await twin.close();
    }
  });
});

describe('retention', () => {
  test('purgeExpired deletes submissions at their retention date and nonces once their challenge is over', async () => {
    const sub = await honestSubmission(server);
    const start = clock.ms;
    const { receipt } = await server.verifySubmission(sub);
    assert.equal(Date.parse(receipt.retentionUntil), start + manifest.retention.days * DAY);

    clock.ms = sub.challenge.exp * 1000 - 1000;
    await server.purgeExpired();
    assert.equal((await rowsForSid(sub.challenge.sid)).spent_nonces, 1, 'a nonce stays spent while its challenge could still be answered');
    clock.ms = sub.challenge.exp * 1000 + 1000;
    const early = await server.purgeExpired();
    assert.equal(early.submissions, 0);
    assert.ok(early.spentNonces >= 1);
    assert.equal((await rowsForSid(sub.challenge.sid)).spent_nonces, 0);
    assert.deepEqual((await server.openSubmission(receipt.receiptId)).payload, sub.payload, 'the submission outlives its nonce');

    clock.ms = start + manifest.retention.days * DAY - 1000;
    await server.purgeExpired();
    assert.equal((await server.openSubmission(receipt.receiptId)).receiptId, receipt.receiptId, 'kept until its retention date');
    clock.ms = start + manifest.retention.days * DAY + 1000;
    const due = await server.purgeExpired();
    assert.ok(due.submissions >= 1);
    await rejects(db, () => server.openSubmission(receipt.receiptId), 'receipt-unknown');
    assert.deepEqual(await counts(db), { submissions: 0, spentNonces: 0, receipts: 0 });
  });
});

describe('retries and rotation', () => {
  test('an identical retry after the challenge expired still gets its receipt', async () => {
    const sub = await honestSubmission(server);
    const first = await server.verifySubmission(sub);
    clock.ms = sub.challenge.exp * 1000 + 60_000;
    const again = await server.verifySubmission(sub);
    assert.equal(again.replayed, true);
    assert.deepEqual(again.receipt, first.receipt);
    // A different attestation is not a retry: the session is used.
    const other = await buildSubmission(sub, { mutate: (c) => (c.iat += 1) });
    await rejects(db, () => server.verifySubmission(other), 'session-used');
  });

  test('after rotation new sessions use the new key and old blobs still open', async () => {
    const before = await honestSubmission(server);
    const stored = await server.verifySubmission(before);
    const inFlight = await honestSubmission(server); // sealed to the old key, not yet uploaded

    const fresh = generateOperatorKey('op-2').privateJwk;
    const rotated = await openServer(db, { ...keys, operatorKeys: [fresh, ...keys.operatorKeys] });
    const dropped = await openServer(db, { ...keys, operatorKeys: [fresh] });
    try {
      assert.deepEqual(rotated.publicInfo().keys.map((k) => k.kid), ['op-2', 'op-1']);
      assert.ok(rotated.publicInfo().keys.every((k) => !('d' in k)));
      const next = await startSession(rotated);
      assert.equal(next.challenge.opk.kid, 'op-2');
      const accepted = await rotated.verifySubmission(await buildSubmission(next));
      assert.deepEqual((await rotated.openSubmission(accepted.receipt.receiptId)).payload.length, 4096);

      assert.deepEqual((await rotated.openSubmission(stored.receipt.receiptId)).payload, before.payload);
      assert.deepEqual((await rotated.verifySubmission(inFlight)).payload, inFlight.payload);

      await rejects(db, () => dropped.openSubmission(stored.receipt.receiptId), 'key-unknown');
    } finally {
      await rotated.close();
      await dropped.close();
    }
  });

  test('a submission whose stored bytes were altered does not open', async () => {
    const { receipt } = await server.verifySubmission(await honestSubmission(server));
    await db.query('UPDATE face_verify_submissions SET sealed = $1 WHERE id = $2', [new Uint8Array(200), receipt.receiptId]);
    await assert.rejects(server.openSubmission(receipt.receiptId), { code: 'seal-open-failed' });
  });

  test('a closed server refuses calls with server-closed; close is idempotent', async () => {
    const s = await openServer(db, keys);
    await s.close();
    await s.close();
    await assert.rejects(s.createSession(), { code: 'server-closed', message: /closed/ });
    // The database it was given is still open for its owner.
    assert.ok((await db.query('SELECT 1 AS one')).rows.length === 1);
  });
});

describe('close', () => {
  test('waits for a verification in flight before wiping the keys, and that verification succeeds', async () => {
    const s = await openServer(db, keys);
    const sub = await honestSubmission(s);
    const verifying = s.verifySubmission(sub);
    const closing = s.close();
    const { receipt } = await verifying;
    await closing;
    assert.equal(receipt.sessionId, sub.session.sessionId);
    await assert.rejects(s.verifySubmission(sub), { code: 'server-closed' });
    // The keys the closed server wiped were its own copies: the shared ring still opens what it stored.
    assert.deepEqual((await server.openSubmission(receipt.receiptId)).payload, sub.payload);
  });
});

describe('a file-backed database', () => {
  test('keeps submissions across close and reopen, and migrates once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'face-verify-server-'));
    try {
      const options = { dataDir: join(dir, 'pglite') };
      const first = await FaceVerifyServer.open({
        database: options, ...keys, manifest, issuer: 'https://makers.example', challengeUrl: '/challenge', submitUrl: '/submit', now: () => clock.ms,
      });
      const sub = await honestSubmission(first);
      const { receipt } = await first.verifySubmission(sub);
      await first.close();

      const second = await FaceVerifyServer.open({
        database: options, ...keys, manifest, issuer: 'https://makers.example', challengeUrl: '/challenge', submitUrl: '/submit', now: () => clock.ms,
      });
      try {
        const listed = await second.listSubmissions();
        assert.deepEqual(listed.map((s) => s.id), [receipt.receiptId]);
        assert.deepEqual((await second.openSubmission(receipt.receiptId)).payload, sub.payload);
        assert.deepEqual(await second.getReceipt(receipt.receiptId), receipt, 'the default erasure secret is stable across restarts');
        // The session still holds its one submission after the restart.
        const again = await buildSubmission(sub, { mutate: (c) => (c.iat += 1) });
        await assert.rejects(second.verifySubmission(again), { code: 'session-used' });
      } finally {
        await second.close();
      }
      const check = await openPGlite(options.dataDir);
      try {
        const { rows } = await check.query<{ version: number }>('SELECT version FROM face_verify_schema ORDER BY version');
        assert.deepEqual(rows.map((r) => r.version), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      } finally {
        await check.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
