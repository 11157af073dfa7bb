/**
 * The operator's HPKE key pair as JWKs (RFC 8037 OKP / X25519). The public JWK travels in every
 * challenge; the private JWK stays in the operator's backend configuration.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, fromBase64Url, toBase64Url, utf8 } from '../shared/bytes.js';
import type { OperatorPublicJwk } from '../shared/wire.js';
import { describe } from './assert.js';
import { generateKeyPair } from './hpke.js';
import { publicKeyOf, X25519_LENGTH } from './hpke-kem.js';

/** The operator's private X25519 key as a JWK: the public JWK plus `d` (RFC 8037 §2). */
export interface OperatorPrivateJwk extends OperatorPublicJwk {
  /** The 32-byte private key, base64url without padding. Keep it secret. */
  d: string;
}

/**
 * Generates a new operator key pair.
 * @param kid the key id to publish; defaults to the RFC 7638 thumbprint of the public key, so the
 *   same key always gets the same id.
 * @throws TypeError when `kid` is given but is not a non-empty string.
 */
export function generateOperatorKey(kid?: string): { publicJwk: OperatorPublicJwk; privateJwk: OperatorPrivateJwk } {
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0)) {
    throw new TypeError(`generateOperatorKey: \`kid\` must be a non-empty string or omitted, got ${describe(kid)}`);
  }
  const { privateKey, publicKey } = generateKeyPair();
  const x = toBase64Url(publicKey);
  const publicJwk: OperatorPublicJwk = { kty: 'OKP', crv: 'X25519', x, kid: kid ?? x25519Thumbprint(x) };
  const privateJwk: OperatorPrivateJwk = { ...publicJwk, d: toBase64Url(privateKey) };
  privateKey.fill(0);
  return { publicJwk, privateJwk };
}

/**
 * RFC 7638 thumbprint of an X25519 OKP JWK with public key `x`: SHA-256 over the required members
 * `crv`, `kty`, `x` in lexicographic order with no whitespace, as base64url.
 */
export function x25519Thumbprint(x: string): string {
  // JSON.stringify(x) escapes exactly as RFC 7638 §3.3 requires for the one variable member.
  return toBase64Url(sha256(utf8(`{"crv":"X25519","kty":"OKP","x":${JSON.stringify(x)}}`)));
}

/**
 * The 32-byte X25519 public key in an operator JWK (public or private).
 * @throws TypeError naming the field when the JWK is not an X25519 OKP key with a 32-byte `x`.
 */
export function publicKeyFromJwk(jwk: unknown): Uint8Array {
  const record = okpRecord(jwk, 'publicKeyFromJwk');
  return keyBytes(record, 'x', 'publicKeyFromJwk', 'the public key');
}

/**
 * The 32-byte X25519 private key in an operator private JWK, after checking its `x` belongs to it.
 * @throws TypeError naming the field when the JWK is malformed, lacks `d`, or `x` is not `d`'s
 *   public key.
 */
export function privateKeyFromJwk(jwk: unknown): Uint8Array {
  const fn = 'privateKeyFromJwk';
  const record = okpRecord(jwk, fn);
  const publicKey = keyBytes(record, 'x', fn, 'the public key');
  if (record['d'] === undefined) {
    throw new TypeError(`${fn}: \`d\` is missing; this is a public JWK — pass the operator's private JWK`);
  }
  const privateKey = keyBytes(record, 'd', fn, 'the private key');
  // A pasted x from another key would seal every blob to a key nobody holds; catch it at startup.
  if (!bytesEqual(publicKeyOf(privateKey), publicKey)) {
    throw new TypeError(`${fn}: \`x\` is not the public key of \`d\`; the JWK mixes two keys — regenerate or fix it`);
  }
  return privateKey;
}

/**
 * The public JWK to publish for a private operator JWK (drops `d`, keeps `kid`).
 * @throws TypeError naming the field when the private JWK is malformed or has no `kid`.
 */
export function publicJwkFromPrivate(privateJwk: OperatorPrivateJwk): OperatorPublicJwk {
  const fn = 'publicJwkFromPrivate';
  const privateKey = privateKeyFromJwk(privateJwk);
  privateKey.fill(0);
  const { kid, x } = privateJwk;
  if (typeof kid !== 'string' || kid.length === 0) {
    throw new TypeError(`${fn}: \`kid\` must be a non-empty string so challenges can name the key`);
  }
  return { kty: 'OKP', crv: 'X25519', x, kid };
}

function okpRecord(jwk: unknown, fn: string): Record<string, unknown> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw new TypeError(`${fn}: \`jwk\` must be a JWK object, got ${describe(jwk)}`);
  }
  const record = jwk as Record<string, unknown>;
  if (record['kty'] !== 'OKP') {
    throw new TypeError(`${fn}: \`kty\` must be "OKP" (RFC 8037), got ${JSON.stringify(record['kty'])}`);
  }
  if (record['crv'] !== 'X25519') {
    throw new TypeError(`${fn}: \`crv\` must be "X25519", got ${JSON.stringify(record['crv'])}`);
  }
  if (record['kid'] !== undefined && (typeof record['kid'] !== 'string' || record['kid'] === '')) {
    throw new TypeError(`${fn}: \`kid\` must be a non-empty string when present`);
  }
  return record;
}

function keyBytes(record: Record<string, unknown>, field: 'x' | 'd', fn: string, what: string): Uint8Array {
  const value = record[field];
  const expected = `${what} as ${X25519_LENGTH} bytes of unpadded base64url (43 characters)`;
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: \`${field}\` must be ${expected}, got ${describe(value)}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(value);
  } catch {
    throw new TypeError(`${fn}: \`${field}\` must be ${expected}; it has characters outside base64url`);
  }
  // Re-encoding rejects padding and non-zero trailing bits, so each key has exactly one JWK form.
  if (bytes.length !== X25519_LENGTH || toBase64Url(bytes) !== value) {
    throw new TypeError(`${fn}: \`${field}\` must be ${expected}, got ${value.length} characters`);
  }
  return bytes;
}
