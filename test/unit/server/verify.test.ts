/**
 * verifySubmission end to end on a real in-memory PGlite: the honest path, then one test per check,
 * each asserting the exact code and that nothing was stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createAttestationKey } from '../../../src/crypto/attestation-key.js';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { canonicalHash } from '../../../src/shared/canonical-json.js';
import { TRACE_MAX_FRAMES } from '../../../src/shared/trace.js';
import { ATTESTATION_TYP, sealInfo } from '../../../src/shared/wire.js';
import { openPGlite, type SqlDatabase } from '../../../src/server/database.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';
import {
  b64json,
  buildSubmission,
  counts,
  fakeWebm,
  honestSamples,
  honestSubmission,
  manifest,
  newKeys,
  openServer,
  partJson,
  rejects,
  startSession,
  type ServerKeys,
} from './helpers.js';
import { buildTrace } from '../../../src/shared/trace.js';

let db: SqlDatabase;
let keys: ServerKeys;
let server: FaceVerifyServer;

before(async () => {
  db = await openPGlite('memory://');
  keys = await newKeys();
  server = await openServer(db, keys);
});

after(async () => {
  await server.close();
  await db.close();
});

describe('an honest submission', () => {
  test('is stored sealed and answered with a receipt whose hashes match', async () => {
    const sub = await honestSubmission(server);
    const before = await counts(db);
    const result = await server.verifySubmission({ attestation: sub.attestation, sealed: sub.sealed });
    const { receipt } = result;

    assert.equal(result.replayed, false);
    assert.deepEqual(result.payload, sub.payload);
    assert.equal(result.claims.sid, sub.session.sessionId);
    assert.equal(receipt.sessionId, sub.session.sessionId);
    assert.equal(receipt.mode, 'clip');
    assert.equal(receipt.sealedSha256, sha256Base64Url(sub.sealed));
    assert.equal(receipt.sealedBytes, sub.sealed.length);
    assert.equal(receipt.payloadSha256, sha256Base64Url(sub.payload));
    assert.equal(receipt.consentReceiptId, sub.claims.consent.receiptId);
    assert.equal(Date.parse(receipt.retentionUntil) - Date.parse(receipt.receivedAt), manifest.retention.days * 86_400_000);
    const link = new URL(receipt.erasureUrl);
    assert.equal(`${link.origin}${link.pathname}`, manifest.erasureUrl);
    assert.equal(link.searchParams.get('receipt'), receipt.receiptId);
    assert.match(link.searchParams.get('token')!, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await counts(db), {
      submissions: before.submissions + 1,
      spentNonces: before.spentNonces + 1,
      receipts: before.receipts + 1,
    });

    // At rest: the sealed bytes exactly as received, and no trace of the plaintext.
    const { rows } = await db.query<{ sealed: Uint8Array; nonce: string }>(
      'SELECT s.sealed, n.nonce FROM submissions s JOIN spent_nonces n ON n.sid = s.sid WHERE s.id = $1',
      [receipt.receiptId],
    );
    const stored = Buffer.from(rows[0]!.sealed);
    assert.ok(stored.equals(Buffer.from(sub.sealed)), 'the sealed column holds the blob as received');
    assert.equal(stored.indexOf(Buffer.from(sub.payload.subarray(0, 32))), -1, 'the plaintext is not stored');
    assert.equal(rows[0]!.nonce, sub.challenge.nonce);

    // The operator opens it later and gets the exact payload.
    const opened = await server.openSubmission(receipt.receiptId);
    assert.deepEqual(opened.payload, sub.payload);
    assert.equal(opened.mimeType, 'video/webm;codecs=vp8');
    assert.equal(opened.payloadSha256, receipt.payloadSha256);
    assert.equal(opened.claims.nonce, sub.challenge.nonce);

    // The list shows metadata only.
    const listed = (await server.listSubmissions()).find((s) => s.id === receipt.receiptId);
    assert.ok(listed);
    assert.equal(listed.receiptId, receipt.receiptId);
    assert.equal(listed.capture.traceFrames, sub.claims.capture.trace.rows.length);
    assert.equal(listed.sealedSha256, receipt.sealedSha256);
    assert.ok(!('sealed' in listed) && !('trace' in listed.capture) && !('payload' in listed));
    assert.deepEqual(await server.getReceipt(receipt.receiptId), receipt);
  });

  test('the session response carries a challenge with the documented claims', async () => {
    const { session, challenge, key } = await startSession(server);
    assert.equal(session.v, 1);
    assert.equal(session.mode, 'clip');
    assert.deepEqual(session.manifest, manifest);
    assert.equal(session.submitUrl, '/api/face-verify/submit');
    assert.equal(session.expiresAt, challenge.exp);
    assert.ok(challenge.exp - challenge.iat <= 120);
    assert.equal(challenge.cnf.jkt, key.thumbprint);
    assert.equal(challenge.mh, canonicalHash(manifest));
    assert.equal(challenge.opk.kid, keys.operatorKeys[0]!.kid);
    assert.ok(!('d' in challenge.opk), 'the challenge carries only the public operator key');
    assert.equal(challenge.clipMs, 5000);
    assert.match(challenge.sid, /^[A-Za-z0-9_-]{22}$/);
    assert.match(challenge.nonce, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(partJson(session.challenge.split('.')[0]!)['typ'], 'fv-challenge+jwt');
  });

  test('createSession refuses a jkt that is not a 43-character base64url thumbprint', async () => {
    for (const jkt of ['', 'short', 'x'.repeat(44), `${'A'.repeat(42)}+`, 42]) {
      await rejects(db, () => server.createSession({ jkt: jkt as string }), 'invalid-argument');
    }
  });

  test('an MP4 clip is accepted too', async () => {
    const mp4 = new Uint8Array(2048);
    mp4.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
    const sub = await honestSubmission(server, { payload: mp4, mimeType: 'video/mp4' });
    const { receipt } = await server.verifySubmission(sub);
    assert.equal(receipt.payloadSha256, sha256Base64Url(mp4));
  });
});

describe('the attestation header', () => {
  test('alg "none" is refused before any verifier runs', async () => {
    const sub = await honestSubmission(server);
    const [, payload] = sub.attestation.split('.');
    const token = `${b64json({ alg: 'none', typ: ATTESTATION_TYP, jwk: sub.key.publicJwk })}.${payload}.`;
    await rejects(db, () => server.verifySubmission({ attestation: token, sealed: sub.sealed }), 'alg-not-allowed');
  });

  test('alg HS256 is refused', async () => {
    const sub = await honestSubmission(server, {
      sign: (claims, key) =>
        new SignJWT(claims as unknown as JWTPayload)
          .setProtectedHeader({ alg: 'HS256', typ: ATTESTATION_TYP, jwk: key.publicJwk })
          .sign(new TextEncoder().encode('a shared secret an attacker picked')),
    });
    await rejects(db, () => server.verifySubmission(sub), 'alg-not-allowed');
  });

  test('a typ other than exactly fv-attestation+jwt is refused', async () => {
    for (const typ of ['JWT', 'application/fv-attestation+jwt', 'FV-ATTESTATION+JWT', undefined]) {
      const sub = await honestSubmission(server, {
        sign: (claims, key) =>
          new SignJWT(claims as unknown as JWTPayload)
            .setProtectedHeader({ alg: 'ES256', ...(typ ? { typ } : {}), jwk: key.publicJwk })
            .sign(key.privateKey),
      });
      await rejects(db, () => server.verifySubmission(sub), 'alg-not-allowed');
    }
  });

  test('a jwk header carrying the private key (d) is refused', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(pair.privateKey);
    const thumbprint = await calculateJwkThumbprint(privateJwk, 'sha256');
    const started = await startSession(server, { thumbprint });
    const sub = await buildSubmission(started, {
      sign: (claims) =>
        new SignJWT(claims as unknown as JWTPayload)
          .setProtectedHeader({ alg: 'ES256', typ: ATTESTATION_TYP, jwk: privateJwk })
          .sign(pair.privateKey),
    });
    const error = await rejects(db, () => server.verifySubmission(sub), 'token-malformed');
    assert.match(error.message, /private key/);
  });

  test('a jwk that is not a P-256 public key, and tokens that are not compact JWS, are malformed', async () => {
    const sub = await honestSubmission(server);
    const [, payload, signature] = sub.attestation.split('.');
    const bad = [
      '',
      'not-a-jwt',
      `${sub.attestation}.extra`,
      `${b64json({ alg: 'ES256', typ: ATTESTATION_TYP, jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } })}.${payload}.${signature}`,
      `${b64json({ alg: 'ES256', typ: ATTESTATION_TYP })}.${payload}.${signature}`,
      `e30K!.${payload}.${signature}`,
    ];
    for (const attestation of bad) {
      await rejects(db, () => server.verifySubmission({ attestation, sealed: sub.sealed }), 'token-malformed');
    }
  });
});

describe('signatures and the challenge', () => {
  test('a flipped character in the signature fails verification', async () => {
    const sub = await honestSubmission(server);
    const [h, p, s] = sub.attestation.split('.') as [string, string, string];
    // Flip a character in the middle: the last one may only carry padding bits.
    const flipped = `${s.slice(0, 20)}${s[20] === 'A' ? 'B' : 'A'}${s.slice(21)}`;
    await rejects(db, () => server.verifySubmission({ attestation: `${h}.${p}.${flipped}`, sealed: sub.sealed }), 'signature-invalid');
  });

  test('claims altered after signing fail verification', async () => {
    const sub = await honestSubmission(server);
    const [h, p, s] = sub.attestation.split('.') as [string, string, string];
    const claims = partJson(p);
    (claims['capture'] as Record<string, unknown>)['durationMs'] = 1000;
    await rejects(db, () => server.verifySubmission({ attestation: `${h}.${b64json(claims)}.${s}`, sealed: sub.sealed }), 'signature-invalid');
  });

  test('a challenge signed by another server key is not ours', async () => {
    const other = await openServer(db, { ...(await newKeys()), operatorKeys: keys.operatorKeys });
    try {
      const sub = await honestSubmission(other);
      await rejects(db, () => server.verifySubmission(sub), 'challenge-invalid');
    } finally {
      await other.close();
    }
  });

  test('a challenge from another issuer is not ours', async () => {
    const other = await openServer(db, keys, { issuer: 'https://elsewhere.example' });
    try {
      const sub = await honestSubmission(other);
      await rejects(db, () => server.verifySubmission(sub), 'challenge-invalid');
    } finally {
      await other.close();
    }
  });

  test('a challenge past its expiry is refused; just before it, accepted', async () => {
    let clock = Date.now();
    const timed = await openServer(db, keys, { now: () => clock });
    try {
      const late = await honestSubmission(timed);
      const onTime = await honestSubmission(timed);
      clock += 119_000;
      await timed.verifySubmission(onTime);
      clock += 2_000;
      await rejects(db, () => timed.verifySubmission(late), 'challenge-expired');
    } finally {
      await timed.close();
    }
  });

  test('an attestation signed by a different widget key than cnf.jkt is refused', async () => {
    const other = await createAttestationKey();
    const started = await startSession(server, other);
    const sub = await buildSubmission(started);
    await rejects(db, () => server.verifySubmission(sub), 'key-binding-mismatch');
  });

  test('sid, nonce and mode must equal the challenge', async () => {
    const edits: ((c: Record<string, unknown>) => void)[] = [
      (c) => (c['sid'] = 'AAAAAAAAAAAAAAAAAAAAAA'),
      (c) => (c['nonce'] = 'B'.repeat(43)),
      (c) => (c['mode'] = 'embedding'),
      (c) => delete c['sid'],
    ];
    for (const edit of edits) {
      const sub = await honestSubmission(server, { mutate: (c) => edit(c as unknown as Record<string, unknown>) });
      await rejects(db, () => server.verifySubmission(sub), 'claims-mismatch');
    }
  });

  test('a session that no longer exists is unknown', async () => {
    const sub = await honestSubmission(server);
    await db.query('DELETE FROM sessions WHERE sid = $1', [sub.challenge.sid]);
    await rejects(db, () => server.verifySubmission(sub), 'session-unknown');
  });

  test('a stored session whose nonce differs from the challenge is not this challenge\'s', async () => {
    const sub = await honestSubmission(server);
    await db.query('UPDATE sessions SET nonce = $1 WHERE sid = $2', ['C'.repeat(43), sub.challenge.sid]);
    await rejects(db, () => server.verifySubmission(sub), 'challenge-invalid');
  });
});

describe('the sealed blob', () => {
  test('a flipped byte in the upload does not match the attested hash', async () => {
    const sub = await honestSubmission(server);
    const sealed = sub.sealed.slice();
    sealed[100]! ^= 0x01;
    await rejects(db, () => server.verifySubmission({ ...sub, sealed }), 'blob-hash-mismatch');
  });

  test('a truncated upload does not match the attested size', async () => {
    const sub = await honestSubmission(server);
    await rejects(db, () => server.verifySubmission({ ...sub, sealed: sub.sealed.subarray(0, sub.sealed.length - 1) }), 'blob-hash-mismatch');
  });

  test('an upload over maxSealedBytes is too large', async () => {
    const small = await openServer(db, keys, { maxSealedBytes: 1024 });
    try {
      const sub = await honestSubmission(small, { payload: fakeWebm(2000) });
      await rejects(db, () => small.verifySubmission(sub), 'blob-too-large');
    } finally {
      await small.close();
    }
  });

  test('a kid outside the key ring is unknown', async () => {
    const sub = await honestSubmission(server, { mutate: (c) => (c.blob.kid = 'retired-key') });
    await rejects(db, () => server.verifySubmission(sub), 'key-unknown');
  });

  test('a suite other than the one SEAL_SUITE names is refused', async () => {
    const sub = await honestSubmission(server, {
      mutate: (c) => ((c.blob as { suite: string }).suite = 'HPKE-Base-P256-SHA256-AES128GCM'),
    });
    await rejects(db, () => server.verifySubmission(sub), 'seal-open-failed');
  });

  test('a blob sealed for another session (different info) does not open', async () => {
    const started = await startSession(server);
    const sub = await buildSubmission(started, {
      info: sealInfo('clip', 'AAAAAAAAAAAAAAAAAAAAAA', started.session.challenge),
    });
    await rejects(db, () => server.verifySubmission(sub), 'seal-open-failed');
  });
});

describe('the payload', () => {
  test('a payload that is not a video is refused in clip mode', async () => {
    const notVideo = new TextEncoder().encode('GIF89a this is not a clip at all, just some bytes');
    const sub = await honestSubmission(server, { payload: notVideo });
    const error = await rejects(db, () => server.verifySubmission(sub), 'payload-invalid');
    assert.match(error.message, /neither an EBML header nor an ftyp box/);
  });

  test('a payload whose hash differs from capture.payloadSha256 is refused', async () => {
    const sub = await honestSubmission(server, { mutate: (c) => (c.capture.payloadSha256 = sha256Base64Url(fakeWebm())) });
    const error = await rejects(db, () => server.verifySubmission(sub), 'payload-invalid');
    assert.match(error.message, /SHA-256 or size/);
  });

  test('a mime type outside video/webm and video/mp4, or not matching the container, is refused', async () => {
    for (const mimeType of ['video/x-matroska', 'image/png', 'video/mp4']) {
      const sub = await honestSubmission(server, { mimeType });
      await rejects(db, () => server.verifySubmission(sub), 'payload-invalid');
    }
  });
});

describe('the trace', () => {
  test('more rows than TRACE_MAX_FRAMES are refused', async () => {
    const sub = await honestSubmission(server, {
      mutate: (c) => {
        const rows = buildTrace(honestSamples(TRACE_MAX_FRAMES, 8)).rows;
        c.capture.trace.rows = [...rows, [...rows[rows.length - 1]!]];
      },
    });
    const error = await rejects(db, () => server.verifySubmission(sub), 'trace-invalid');
    assert.match(error.message, /at most 600 rows/);
  });

  test('time going back is refused', async () => {
    const sub = await honestSubmission(server, {
      mutate: (c) => {
        c.capture.trace.rows[50]![0] = 10;
      },
    });
    const error = await rejects(db, () => server.verifySubmission(sub), 'trace-invalid');
    assert.match(error.message, /back in time/);
  });

  test('a clip longer than clipMs + 1500 ms is refused', async () => {
    const sub = await honestSubmission(server, { mutate: (c) => (c.capture.durationMs = 6501) });
    await rejects(db, () => server.verifySubmission(sub), 'trace-invalid');
    const lateFrames = await honestSubmission(server, { mutate: (c) => (c.capture.trace = buildTrace(honestSamples(150, 50))) });
    await rejects(db, () => server.verifySubmission(lateFrames), 'trace-invalid');
  });
});

describe('the consent receipt', () => {
  test('a receipt for another notice (hash mismatch) is refused', async () => {
    const sub = await honestSubmission(server, {
      mutate: (c) => (c.consent.noticeHash = canonicalHash({ ...manifest, retention: { days: 3650, description: 'forever' } })),
    });
    const error = await rejects(db, () => server.verifySubmission(sub), 'consent-invalid');
    assert.match(error.message, /noticeHash/);
  });

  test('a session that began under a notice the server no longer shows is refused', async () => {
    const changed = await openServer(db, keys, { manifest: { ...manifest, retention: { days: 90, description: 'Deleted after 90 days.' } } });
    try {
      const sub = await honestSubmission(server);
      const error = await rejects(db, () => changed.verifySubmission(sub), 'consent-invalid');
      assert.match(error.message, /notice changed/);
    } finally {
      await changed.close();
    }
  });

  test('a missing, implicit, non-biometric or other-session receipt is refused', async () => {
    const edits: ((c: Record<string, unknown>) => void)[] = [
      (c) => delete c['consent'],
      (c) => ((c['consent'] as Record<string, unknown>)['consentType'] = 'implied'),
      (c) => ((c['consent'] as Record<string, unknown>)['sensitive'] = 'none'),
      (c) => ((c['consent'] as Record<string, unknown>)['sessionId'] = 'AAAAAAAAAAAAAAAAAAAAAA'),
      (c) => ((c['consent'] as Record<string, unknown>)['mode'] = 'embedding'),
    ];
    for (const edit of edits) {
      const sub = await honestSubmission(server, { mutate: (c) => edit(c as unknown as Record<string, unknown>) });
      await rejects(db, () => server.verifySubmission(sub), 'consent-invalid');
    }
  });
});

describe('single use', () => {
  test('a new attestation on an already used challenge is a replay', async () => {
    const first = await honestSubmission(server);
    await server.verifySubmission(first);
    // Same widget key, same challenge, a fresh signature over a new clip.
    const second = await buildSubmission(first, { mutate: (c) => (c.iat += 1) });
    assert.notEqual(second.attestation, first.attestation);
    const error = await rejects(db, () => server.verifySubmission(second), 'nonce-replayed');
    assert.match(error.message, /single-use/);
    // The same attestation with another body is no retry either.
    await rejects(db, () => server.verifySubmission({ attestation: first.attestation, sealed: second.sealed }), 'blob-hash-mismatch');
  });

  test('an identical retry gets the same receipt and stores nothing new', async () => {
    const sub = await honestSubmission(server);
    const first = await server.verifySubmission(sub);
    const before = await counts(db);
    const again = await server.verifySubmission({ attestation: sub.attestation, sealed: new Uint8Array(sub.sealed) });
    assert.equal(again.replayed, true);
    assert.deepEqual(again.receipt, first.receipt);
    assert.deepEqual(again.payload, sub.payload);
    assert.deepEqual(await counts(db), before);
  });

  test('concurrent identical uploads store once and both get the receipt', async () => {
    const sub = await honestSubmission(server);
    const before = await counts(db);
    const [a, b] = await Promise.all([server.verifySubmission(sub), server.verifySubmission(sub)]);
    assert.equal(a.receipt.receiptId, b.receipt.receiptId);
    assert.deepEqual([a.replayed, b.replayed].sort(), [false, true]);
    assert.equal((await counts(db)).submissions, before.submissions + 1);
  });

  test('concurrent different attestations on one challenge: exactly one wins', async () => {
    const first = await honestSubmission(server);
    const second = await buildSubmission(first, { mutate: (c) => (c.iat += 1) });
    const before = await counts(db);
    const results = await Promise.allSettled([server.verifySubmission(first), server.verifySubmission(second)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((failed.reason as { code: string }).code, 'nonce-replayed');
    assert.equal((await counts(db)).submissions, before.submissions + 1);
  });
});
