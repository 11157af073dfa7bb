/**
 * RFC 9180 §4 building blocks: I2OSP, suite ids and the labelled HKDF-SHA256 steps that
 * domain-separate every derivation by protocol version, suite and purpose.
 */
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from '../shared/bytes.js';
import { KDF_HKDF_SHA256, KEM_X25519_HKDF_SHA256 } from './hpke-ids.js';

/** Nh: output size of HKDF-SHA256's Extract, in bytes. */
export const NH = 32;

/** Largest output LabeledExpand allows: HKDF's 255·Nh limit (RFC 5869 §2.3). */
export const MAX_EXPAND = 255 * NH;

/**
 * I2OSP(value, length) from RFC 8017 §4.1: big-endian, fixed width.
 * @throws RangeError when `value` is not a non-negative safe integer or does not fit.
 */
export function i2osp(value: number, length: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`i2osp: value must be a non-negative safe integer, got ${value}`);
  }
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0 && rest > 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  if (rest > 0) throw new RangeError(`i2osp: ${value} does not fit in ${length} bytes`);
  return out;
}

/** suite_id of the KEM: "KEM" ‖ I2OSP(kem_id, 2) (RFC 9180 §4.1). */
export function kemSuiteId(): Uint8Array {
  return concatBytes(utf8('KEM'), i2osp(KEM_X25519_HKDF_SHA256, 2));
}

/** suite_id of the whole HPKE suite: "HPKE" ‖ kem_id ‖ kdf_id ‖ aead_id (RFC 9180 §5.1). */
export function hpkeSuiteId(aeadId: number): Uint8Array {
  return concatBytes(
    utf8('HPKE'),
    i2osp(KEM_X25519_HKDF_SHA256, 2),
    i2osp(KDF_HKDF_SHA256, 2),
    i2osp(aeadId, 2),
  );
}

/** LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" ‖ suite_id ‖ label ‖ ikm). */
export function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  // An empty salt is passed through as-is: HMAC pads any key shorter than a block with zeros, so
  // it equals RFC 5869's "HashLen zeros" default that RFC 9180 relies on.
  return extract(sha256, concatBytes(utf8('HPKE-v1'), suiteId, utf8(label), ikm), salt);
}

/**
 * LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) ‖ "HPKE-v1" ‖ suite_id ‖ label ‖ info, L).
 * @throws RangeError when L exceeds 255·Nh.
 */
export function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > MAX_EXPAND) {
    throw new RangeError(`labeledExpand: length must be an integer from 0 to ${MAX_EXPAND}, got ${length}`);
  }
  const labeledInfo = concatBytes(i2osp(length, 2), utf8('HPKE-v1'), suiteId, utf8(label), info);
  return expand(sha256, prk, labeledInfo, length);
}
