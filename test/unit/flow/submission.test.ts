/**
 * The widget's half and the server's half meet here without a browser: what the flow's
 * buildSubmission produces must be accepted by the real server, and what it seals must be exactly
 * the payload the server opens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readChallengeClaims } from '../../../src/flow/challenge-clock.js';
import { buildConsentReceipt } from '../../../src/flow/consent-receipt.js';
import { buildSubmission } from '../../../src/flow/submission.js';
import { createAttestationKey } from '../../../src/crypto/attestation-key.js';
import { openPGlite } from '../../../src/server/database.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import { buildTrace } from '../../../src/shared/trace.js';
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

  before(async () => {
    db = await openPGlite('memory://');
    server = await openServer(db, await newKeys());
  });
  after(async () => {
    await server.close();
    await db.close();
  });

  async function submission(payload: Uint8Array) {
    const key = await createAttestationKey();
    const session = await server.createSession({ jkt: key.thumbprint });
    const claims = readChallengeClaims(session.challenge);
    const built = await buildSubmission({
      challenge: session.challenge,
      claims,
      key,
      payload,
      consent: buildConsentReceipt({ manifest: session.manifest, sessionId: session.sessionId, agreedAt: new Date(), receiptId: crypto.randomUUID() }),
      capture: {
        startedAt: Date.now() - 5000,
        durationMs: 5000,
        mimeType: 'video/webm',
        width: 640,
        height: 480,
        trace: buildTrace(Array.from({ length: 50 }, (_, i) => ({
          t: i * 100, faces: 1, box: { x: 0.3, y: 0.2, w: 0.35, h: 0.5 },
          yaw: 1, pitch: 2, roll: 0, blinkL: 0.1, blinkR: 0.1, luma: 120,
        }))),
      },
    });
    return { session, built };
  }

  test('is accepted, and the server opens exactly the recorded payload', async () => {
    const payload = webmPayload(300_000);
    const { session, built } = await submission(payload);
    assert.equal(built.sealed.length, 32 + payload.length + 16, 'enc ‖ ciphertext ‖ tag');
    const { receipt } = await server.verifySubmission({ attestation: built.attestation, sealed: built.sealed });
    assert.equal(receipt.sessionId, session.sessionId);
    assert.equal(receipt.payloadSha256, built.payloadSha256);
    assert.equal(receipt.sealedSha256, built.sealedSha256);
    const opened = await server.openSubmission(receipt.receiptId);
    assert.deepEqual(opened.payload, payload);
  });

  test('a byte changed in transit is refused', async () => {
    const { built } = await submission(webmPayload(10_000));
    const sealed = built.sealed.slice();
    sealed[100]! ^= 1;
    await assert.rejects(server.verifySubmission({ attestation: built.attestation, sealed }), (e) => isFaceVerifyError(e, 'blob-hash-mismatch'));
  });

  test('the manifest in the session is the one the consent receipt names', async () => {
    const key = await createAttestationKey();
    const session = await server.createSession({ jkt: key.thumbprint });
    assert.deepEqual(session.manifest, manifest);
  });
});
