/**
 * The first two checks of a submission: the attestation's protected header, read without trusting
 * it, and then its signature under the key that header carries.
 */
import { calculateJwkThumbprint, EmbeddedJWK, errors, jwtVerify } from 'jose';
import { fromBase64Url, isCanonicalBase64Url } from '../shared/bytes.js';
import { ATTESTATION_ALG, ATTESTATION_TYP } from '../shared/wire.js';
import { isRecord } from '../shared/guards.js';
import { fail, shortJson } from './fail.js';

/**
 * Longest attestation accepted, in characters. A real one is about 2.5 KB whatever the trace length
 * (the trace travels sealed); twice the 4 KB budget leaves room for long notices' consent fields.
 */
export const MAX_ATTESTATION_CHARS = 8 * 1024;

/** The widget's public key as it appears in the attestation header. */
export interface AttestationPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** The protected header of an attestation that passed {@link decodeAttestationHeader}. */
export interface AttestationHeader {
  alg: typeof ATTESTATION_ALG;
  typ: typeof ATTESTATION_TYP;
  jwk: AttestationPublicJwk;
}

/**
 * Step 1: decodes the protected header without trusting it and checks it against the allow-list.
 * @throws FaceVerifyError `token-malformed` when the token is not a compact JWS or `jwk` is not a
 *   public P-256 key; `alg-not-allowed` when `alg` is not exactly ES256 or `typ` not exactly
 *   ATTESTATION_TYP (so `none`, HS256 and friends never reach a verifier).
 */
export function decodeAttestationHeader(token: unknown): AttestationHeader {
  if (typeof token !== 'string' || token === '') {
    fail('token-malformed', 'attestation: must be the attestation JWT (compact JWS) the widget sent in the `attestation` part of the upload');
  }
  if (token.length > MAX_ATTESTATION_CHARS) {
    fail('token-malformed', `attestation: longer than ${MAX_ATTESTATION_CHARS} characters; a valid one is far smaller`);
  }
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] === '' || parts[1] === '' || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) {
    fail('token-malformed', 'attestation: must be a compact JWS: three base64url parts separated by dots');
  }
  if (!parts.every(isCanonicalBase64Url)) {
    fail('token-malformed', 'attestation: a part is not canonical base64url (padding, or unused bits set in its last character); encode each part exactly as RFC 7515 §2 does');
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(parts[0]!)));
  } catch (error) {
    fail('token-malformed', 'attestation: the protected header is not base64url-encoded JSON', error);
  }
  if (!isRecord(header)) fail('token-malformed', 'attestation: the protected header must be a JSON object');
  if (header['alg'] !== ATTESTATION_ALG) {
    fail('alg-not-allowed', `attestation: header alg must be exactly "${ATTESTATION_ALG}", got ${shortJson(header['alg'])}`);
  }
  if (header['typ'] !== ATTESTATION_TYP) {
    fail('alg-not-allowed', `attestation: header typ must be exactly "${ATTESTATION_TYP}", got ${shortJson(header['typ'])}`);
  }
  const jwk = header['jwk'];
  if (!isRecord(jwk) || jwk['kty'] !== 'EC' || jwk['crv'] !== 'P-256' || !coordinate(jwk['x']) || !coordinate(jwk['y'])) {
    fail('token-malformed', 'attestation: header jwk must be the widget\'s public EC P-256 key (kty "EC", crv "P-256", 32-byte x and y)');
  }
  if ('d' in jwk) {
    fail('token-malformed', 'attestation: header jwk carries a private key (`d`); the widget must send only the public key — and this key is now compromised');
  }
  return { alg: ATTESTATION_ALG, typ: ATTESTATION_TYP, jwk: { kty: 'EC', crv: 'P-256', x: jwk['x'] as string, y: jwk['y'] as string } };
}

/**
 * Step 2: verifies the ES256 signature with the key embedded in the header.
 * @returns the claims (signed, but not yet checked against anything).
 * @throws FaceVerifyError `signature-invalid` when the signature does not verify; `token-malformed`
 *   when the claims are not a JSON object or carry expired time claims.
 */
export async function verifyAttestationSignature(token: string, now: number): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(token, EmbeddedJWK, {
      algorithms: [ATTESTATION_ALG],
      typ: ATTESTATION_TYP,
      currentDate: new Date(now),
    });
    return payload as Record<string, unknown>;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      fail('signature-invalid', 'attestation: the signature does not verify with the key in its jwk header; the token was altered after signing', error);
    }
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
      fail('token-malformed', `attestation: time claim check failed (${error.claim}); the widget sets only iat`, error);
    }
    fail('token-malformed', 'attestation: the token could not be parsed as a signed JWT (claims must be a JSON object)', error);
  }
}

/** RFC 7638 SHA-256 thumbprint of the widget's key, to compare with the challenge's `cnf.jkt`. */
export function attestationKeyThumbprint(jwk: AttestationPublicJwk): Promise<string> {
  return calculateJwkThumbprint(jwk, 'sha256');
}

function coordinate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return fromBase64Url(value).length === 32;
  } catch {
    return false;
  }
}
