/** The attestation key and JWT, verified the way the server does it (jose + EmbeddedJWK). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import { fromBase64Url, toBase64Url, utf8 } from '../../../src/shared/bytes.js';
import { FaceVerifyError } from '../../../src/shared/errors.js';
import { ATTESTATION_TYP, SEAL_SUITE, type AttestationClaims } from '../../../src/shared/wire.js';
import { createAttestationKey, signAttestation } from '../../../src/crypto/attestation-key.js';

const verifyOptions = { algorithms: ['ES256'], typ: ATTESTATION_TYP };

function claims(): AttestationClaims {
  return {
    v: 2,
    jti: 'C'.repeat(22),
    challenge: 'challenge.jwt.value',
    sid: 'session-1',
    nonce: 'bm9uY2Utbm9uY2Utbm9uY2U',
    mode: 'clip',
    iat: Math.floor(Date.now() / 1000),
    sealed: { sha256: 'A'.repeat(43), bytes: 1234, suite: SEAL_SUITE, kid: 'kid-1' },
    payload: { sha256: 'B'.repeat(43), bytes: 1186, type: 'video/webm' },
    evidence: { sha256: 'D'.repeat(43), bytes: 300 },
    capture: { startedAfterMs: 3000, durationMs: 5000, width: 640, height: 480, frames: 1 },
    widget: { version: '0.1.0' },
    model: { name: 'face_landmarker.task', sha256: 'c'.repeat(64) },
    consent: {} as AttestationClaims['consent'],
  };
}

/** Replaces the payload of a compact JWS, keeping header and signature. */
function withPayload(token: string, payload: unknown): string {
  const [header, , signature] = token.split('.');
  return `${header}.${toBase64Url(utf8(JSON.stringify(payload)))}.${signature}`;
}

describe('createAttestationKey', () => {
  test('the private key is ECDSA P-256, for signing, and cannot be exported in any format', async () => {
    const key = await createAttestationKey();
    assert.equal(key.privateKey.type, 'private');
    assert.equal(key.privateKey.extractable, false);
    assert.deepEqual(key.privateKey.algorithm, { name: 'ECDSA', namedCurve: 'P-256' });
    assert.deepEqual(key.privateKey.usages, ['sign']);
    for (const format of ['jwk', 'pkcs8'] as const) {
      // The spec says InvalidAccessError; Node 20 reports InvalidAccessException.
      await assert.rejects(crypto.subtle.exportKey(format, key.privateKey), { name: /^InvalidAccess/ }, `exportKey(${format})`);
    }
  });

  test('the public JWK holds exactly kty, crv, x, y, and the thumbprint is its RFC 7638 thumbprint', async () => {
    const key = await createAttestationKey();
    assert.deepEqual(Object.keys(key.publicJwk).sort(), ['crv', 'kty', 'x', 'y']);
    assert.equal(key.publicJwk.kty, 'EC');
    assert.equal(key.publicJwk.crv, 'P-256');
    assert.equal(fromBase64Url(key.publicJwk.x!).length, 32);
    assert.equal(fromBase64Url(key.publicJwk.y!).length, 32);
    assert.equal(key.thumbprint, await calculateJwkThumbprint(key.publicJwk as never));
  });

  test('every call makes a new key', async () => {
    const [a, b] = await Promise.all([createAttestationKey(), createAttestationKey()]);
    assert.notEqual(a.thumbprint, b.thumbprint);
  });
});

describe('signAttestation', () => {
  test('verifies with jose EmbeddedJWK, ES256 and the attestation typ, and carries the claims', async () => {
    const key = await createAttestationKey();
    const body = claims();
    const token = await signAttestation(key, body);
    const { payload, protectedHeader } = await jwtVerify(token, EmbeddedJWK, verifyOptions);
    assert.deepEqual(payload, body);
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(protectedHeader.typ, ATTESTATION_TYP);
  });

  test('the header jwk is the public key without `d`, and its thumbprint is the key thumbprint', async () => {
    const key = await createAttestationKey();
    const header = decodeProtectedHeader(await signAttestation(key, claims()));
    assert.deepEqual(Object.keys(header).sort(), ['alg', 'jwk', 'typ']);
    assert.ok(header.jwk);
    assert.equal('d' in header.jwk, false);
    assert.deepEqual(header.jwk, key.publicJwk);
    assert.equal(await calculateJwkThumbprint(header.jwk), key.thumbprint);
  });

  test('a token with a changed payload fails verification', async () => {
    const key = await createAttestationKey();
    const body = claims();
    const token = await signAttestation(key, body);
    const forged = withPayload(token, { ...body, nonce: 'c29tZS1vdGhlci1ub25jZQ' });
    await assert.rejects(jwtVerify(forged, EmbeddedJWK, verifyOptions), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    // Control: the same splice with the original payload still verifies, so the rejection above is
    // about the changed claim and not about re-encoding.
    await jwtVerify(withPayload(token, body), EmbeddedJWK, verifyOptions);
  });

  test('a token whose header jwk is swapped for another key fails verification', async () => {
    const [key, other] = await Promise.all([createAttestationKey(), createAttestationKey()]);
    const token = await signAttestation(key, claims());
    const [, payload, signature] = token.split('.');
    const header = toBase64Url(utf8(JSON.stringify({ alg: 'ES256', typ: ATTESTATION_TYP, jwk: other.publicJwk })));
    await assert.rejects(jwtVerify(`${header}.${payload}.${signature}`, EmbeddedJWK, verifyOptions), {
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  test('rejects a key that is not from createAttestationKey, and non-object claims', async () => {
    const key = await createAttestationKey();
    const pair = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await assert.rejects(signAttestation({} as never, claims()), { name: 'TypeError', message: /`key`/ });
    await assert.rejects(signAttestation({ ...key, privateKey: pair }, claims()), { name: 'TypeError', message: /`key`/ });
    await assert.rejects(signAttestation(key, 'claims' as never), { name: 'TypeError', message: /`claims`/ });
  });

  test('does not copy private members of a tampered publicJwk into the header', async () => {
    const key = await createAttestationKey();
    const leaky = { ...key, publicJwk: { ...key.publicJwk, d: 'should-not-appear' } };
    const header = decodeProtectedHeader(await signAttestation(leaky, claims()));
    assert.equal('d' in (header.jwk ?? {}), false);
  });
});

test('createAttestationKey reports seal-failed when WebCrypto is missing', async () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
  try {
    await assert.rejects(createAttestationKey(), (error: unknown) => {
      assert.ok(error instanceof FaceVerifyError);
      assert.equal(error.code, 'seal-failed');
      assert.match(error.message, /HTTPS/);
      return true;
    });
  } finally {
    Object.defineProperty(globalThis, 'crypto', descriptor);
  }
});
