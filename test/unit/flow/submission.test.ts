/**
 * The widget's half and the server's half meet here without a browser: a session and a challenge
 * asked for as the widget asks (createSession(), then createChallenge({ session, jkt })), sealed by
 * the flow's buildSubmission, must be accepted by the real server, which opens exactly the payload.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ChallengeClock, readChallengeClaims } from '../../../src/flow/challenge-clock.js';
import { buildConsentReceipt } from '../../../src/flow/consent-receipt.js';
import { buildSubmission } from '../../../src/flow/submission.js';
import { createAttestationKey } from '../../../src/crypto/attestation-key.js';
import { openTestDatabase } from '../server/test-database.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import { buildTrace } from '../../../src/shared/trace.js';
import { liveTrace } from '../../fixtures/live-trace.js';
import { manifest, newKeys, openServer } from '../server/helpers.js';

/** The start of a real WebM file (EBML header), then filler. */
function webmPayload(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

describe('widget submission against the real server', () => {
  let db: SqlDatabase;
  let server: FaceVerifyServer;
  /** The server's clock: each submission below arrives 2 s after its recording ended. */
  let serverNow = Date.now();

  before(async () => {
    db = await openTestDatabase();
    server = await openServer(db, await newKeys(), { challengeUrl: '/api/face-verify/challenge', now: () => serverNow });
  });
  after(async () => {
    await server.close();
    await db.close();
  });

  async function submission(payload: Uint8Array) {
    const session = await server.createSession();
    const key = await createAttestationKey();
    const { challenge } = await server.createChallenge({ session: session.session, jkt: key.thumbprint });
    const claims = readChallengeClaims(challenge);
    // On the widget's monotonic clock: the challenge arrived now, recording started 2 s later.
    const received = performance.now();
    const clock = new ChallengeClock(claims, received);
    // A person who does what the script asks (test/fixtures/live-trace.ts).
    const live = liveTrace(claims.liveness);
    serverNow += 2000 + live.durationMs + 2000;
    const trace = buildTrace(live.samples);
    const built = await buildSubmission({
      challenge,
      claims,
      key,
      payload,
      payloadType: 'video/webm',
      evidence: { v: 2, trace, liveness: live.report, signals: live.signals },
      capture: { startedAfterMs: clock.elapsedMs(received + 2000), durationMs: live.durationMs, width: 640, height: 480, frames: trace.rows.length },
      consent: buildConsentReceipt({ manifest: session.manifest, sessionId: session.sessionId, agreedAt: new Date(), receiptId: crypto.randomUUID() }),
    });
    return { session, built };
  }

  test('is accepted, and the server opens exactly the recorded payload', async () => {
    const payload = webmPayload(300_000);
    const { session, built } = await submission(payload);
    const { receipt } = await server.verifySubmission({ attestation: built.attestation, sealed: built.sealed, idempotencyKey: built.idempotencyKey });
    assert.equal(receipt.sessionId, session.sessionId);
    assert.equal(receipt.payloadSha256, built.payloadSha256);
    assert.equal(receipt.sealedSha256, built.sealedSha256);
    const opened = await server.openSubmission(receipt.receiptId);
    assert.deepEqual(opened.payload, payload);
  });

  test('the very same sealed submission sent again is answered with the first receipt, stored once', async () => {
    const { built } = await submission(webmPayload(20_000));
    const first = await server.verifySubmission({ attestation: built.attestation, sealed: built.sealed, idempotencyKey: built.idempotencyKey });
    const again = await server.verifySubmission({ attestation: built.attestation, sealed: built.sealed, idempotencyKey: built.idempotencyKey });
    assert.equal(again.receipt.receiptId, first.receipt.receiptId);
    assert.equal(again.replayed, true);
    const stored = (await server.listSubmissions()).filter((s) => s.receiptId === first.receipt.receiptId);
    assert.equal(stored.length, 1);
  });

  test('the attestation stays small: the trace travels sealed, not in the JWT', async () => {
    const { built } = await submission(webmPayload(10_000));
    assert.ok(built.attestation.length < 4096, `attestation is ${built.attestation.length} characters`);
  });

  test('a byte changed in transit is refused', async () => {
    const { built } = await submission(webmPayload(10_000));
    const sealed = built.sealed.slice();
    sealed[100]! ^= 1;
    await assert.rejects(server.verifySubmission({ attestation: built.attestation, sealed }), (e) => isFaceVerifyError(e, 'blob-hash-mismatch'));
  });

  test('the manifest in the session is the one the consent receipt names', async () => {
    const session = await server.createSession();
    assert.deepEqual(session.manifest, manifest);
  });
});
