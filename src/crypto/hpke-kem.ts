/**
 * DHKEM(X25519, HKDF-SHA256), RFC 9180 §4.1 and §7.1. Functions return `undefined` instead of
 * throwing on an invalid Diffie-Hellman result so that callers can raise the error that fits their
 * side: a bad argument for the sender, a forged or corrupt blob for the recipient.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { concatBytes } from '../shared/bytes.js';
import { kemSuiteId, labeledExpand, labeledExtract } from './hpke-labeled.js';

/** Nsecret, Nenc, Npk and Nsk of DHKEM(X25519, HKDF-SHA256): all 32 bytes. */
export const X25519_LENGTH = 32;

const EMPTY = new Uint8Array(0);

/** A fresh random X25519 private key (32 bytes from the platform CSPRNG). */
export function randomPrivateKey(): Uint8Array {
  return x25519.utils.randomSecretKey();
}

/** DeriveKeyPair's private half (RFC 9180 §7.1.3); the caller checks `ikm`. */
export function derivePrivateKey(ikm: Uint8Array): Uint8Array {
  const suiteId = kemSuiteId();
  const dkpPrk = labeledExtract(suiteId, EMPTY, 'dkp_prk', ikm);
  return labeledExpand(suiteId, dkpPrk, 'sk', EMPTY, X25519_LENGTH);
}

/** The X25519 public key of a private key (clamping is X25519's job, RFC 7748 §5). */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(privateKey);
}

/**
 * X25519(sk, pk), or `undefined` when `pk` is a low-order point or the result is all zeros.
 * RFC 9180 §7.1.4 requires the all-zero check (RFC 7748 §6.1); noble also rejects the known
 * low-order inputs before running the ladder, and the zero check is kept in case it ever stops.
 */
function dh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | undefined {
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(privateKey, publicKey);
  } catch {
    return undefined;
  }
  let acc = 0;
  for (const byte of shared) acc |= byte;
  return acc === 0 ? undefined : shared;
}

/** ExtractAndExpand(dh, kem_context) of RFC 9180 §4.1. */
function extractAndExpand(dhValue: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const suiteId = kemSuiteId();
  const eaePrk = labeledExtract(suiteId, EMPTY, 'eae_prk', dhValue);
  return labeledExpand(suiteId, eaePrk, 'shared_secret', kemContext, X25519_LENGTH);
}

/**
 * Encap(pkR) with the ephemeral private key supplied by the caller (random, or derived from ikmE
 * in tests). Returns `undefined` when `pkR` is a low-order point.
 */
export function encap(pkR: Uint8Array, skE: Uint8Array): { sharedSecret: Uint8Array; enc: Uint8Array } | undefined {
  const dhValue = dh(skE, pkR);
  if (!dhValue) return undefined;
  const enc = publicKeyOf(skE);
  const sharedSecret = extractAndExpand(dhValue, concatBytes(enc, pkR));
  dhValue.fill(0); // best effort: JS cannot promise the bytes leave memory
  return { sharedSecret, enc };
}

/** Decap(enc, skR); `undefined` when `enc` is a low-order point (a forged or corrupt blob). */
export function decap(enc: Uint8Array, skR: Uint8Array): Uint8Array | undefined {
  const dhValue = dh(skR, enc);
  if (!dhValue) return undefined;
  const sharedSecret = extractAndExpand(dhValue, concatBytes(enc, publicKeyOf(skR)));
  dhValue.fill(0);
  return sharedSecret;
}
