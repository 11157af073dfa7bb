/**
 * The widget's ephemeral attestation key (WebCrypto ECDSA P-256) and the ES256 attestation JWT.
 * Runs in browsers and in Node ≥ 20 through `globalThis.crypto.subtle`.
 */
import { calculateJwkThumbprint, SignJWT, type JWTPayload } from 'jose';
import { FaceVerifyError } from '../shared/errors.js';
import { ATTESTATION_ALG, ATTESTATION_TYP, type AttestationClaims } from '../shared/wire.js';
import { describe } from './assert.js';

/** One session's signing key. The private half can sign but never be exported. */
export interface AttestationKey {
  /** ECDSA P-256 private key, `extractable: false`. */
  readonly privateKey: CryptoKey;
  /** The public key as a JWK with only `kty`, `crv`, `x`, `y`: what goes in the JWT's `jwk` header. */
  readonly publicJwk: JsonWebKey;
  /** RFC 7638 SHA-256 thumbprint of `publicJwk`; the challenge's `cnf.jkt` must equal it. */
  readonly thumbprint: string;
}

function subtle(fn: string): SubtleCrypto {
  const value = globalThis.crypto?.subtle;
  if (!value) {
    // Browsers hide crypto.subtle outside secure contexts, which is the usual cause.
    throw new FaceVerifyError(
      'seal-failed',
      `${fn}: WebCrypto (crypto.subtle) is unavailable; serve the page over HTTPS or from localhost`,
    );
  }
  return value;
}

/**
 * Creates a fresh ECDSA P-256 key whose private half cannot be exported, so page scripts that run
 * later cannot copy it out and sign elsewhere.
 * @throws FaceVerifyError `seal-failed` when WebCrypto is unavailable.
 */
export async function createAttestationKey(): Promise<AttestationKey> {
  const crypto = subtle('createAttestationKey');
  const pair = await crypto.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  // WebCrypto always makes the public half of a pair extractable, whatever the flag says.
  const exported = await crypto.exportKey('jwk', pair.publicKey);
  const { kty, crv, x, y } = exported;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) {
    throw new FaceVerifyError('seal-failed', 'createAttestationKey: WebCrypto exported an unexpected public key');
  }
  const publicJwk: JsonWebKey = Object.freeze({ kty, crv, x, y });
  const thumbprint = await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256');
  return Object.freeze({ privateKey: pair.privateKey, publicJwk, thumbprint });
}

/**
 * Signs the attestation claims as a compact JWS with protected header
 * `{ alg: "ES256", typ: ATTESTATION_TYP, jwk: <public key> }`.
 * @throws TypeError when `key` is not from {@link createAttestationKey} or `claims` is not an object.
 */
export async function signAttestation(key: AttestationKey, claims: AttestationClaims): Promise<string> {
  const fn = 'signAttestation';
  if (typeof key !== 'object' || key === null || !isSigningKey(key.privateKey) || typeof key.publicJwk !== 'object') {
    throw new TypeError(`${fn}: \`key\` must be the object createAttestationKey() returned, got ${describe(key)}`);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new TypeError(`${fn}: \`claims\` must be an AttestationClaims object, got ${describe(claims)}`);
  }
  const { kty, crv, x, y } = key.publicJwk;
  // Copy only the public members: a JWK header must never carry `d`, whatever the caller passed.
  return new SignJWT({ ...claims } as JWTPayload)
    .setProtectedHeader({ alg: ATTESTATION_ALG, typ: ATTESTATION_TYP, jwk: { kty, crv, x, y } as JsonWebKey })
    .sign(key.privateKey);
}

function isSigningKey(value: unknown): value is CryptoKey {
  if (typeof CryptoKey === 'undefined' || !(value instanceof CryptoKey)) return false;
  const algorithm = value.algorithm as EcKeyAlgorithm;
  return (
    value.type === 'private' &&
    algorithm.name === 'ECDSA' &&
    algorithm.namedCurve === 'P-256' &&
    value.usages.includes('sign')
  );
}
