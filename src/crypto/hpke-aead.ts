/** The AEADs of RFC 9180 §7.3 on @noble/ciphers, looked up by id. */
import { gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import {
  AEAD_AES_128_GCM,
  AEAD_AES_256_GCM,
  AEAD_CHACHA20_POLY1305,
  AEAD_EXPORT_ONLY,
  type AeadId,
} from './hpke-ids.js';

/** Nk, Nn and Nt of one AEAD (all zero for export-only). */
export interface AeadParams {
  readonly id: AeadId;
  readonly name: string;
  readonly nk: number;
  readonly nn: number;
  readonly nt: number;
}

/** Parameters of AEAD `id`, or `undefined` when the id is not one this module implements. */
export function aeadParams(id: unknown): AeadParams | undefined {
  switch (id) {
    case AEAD_AES_128_GCM:
      return { id, name: 'AES-128-GCM', nk: 16, nn: 12, nt: 16 };
    case AEAD_AES_256_GCM:
      return { id, name: 'AES-256-GCM', nk: 32, nn: 12, nt: 16 };
    case AEAD_CHACHA20_POLY1305:
      return { id, name: 'ChaCha20-Poly1305', nk: 32, nn: 12, nt: 16 };
    case AEAD_EXPORT_ONLY:
      return { id, name: 'export-only', nk: 0, nn: 0, nt: 0 };
    default:
      return undefined;
  }
}

function cipher(params: AeadParams, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array) {
  // noble's gcm picks AES-128 or AES-256 from the key length, which the key schedule fixed as Nk.
  if (params.id === AEAD_CHACHA20_POLY1305) return chacha20poly1305(key, nonce, aad);
  if (params.id === AEAD_AES_128_GCM || params.id === AEAD_AES_256_GCM) return gcm(key, nonce, aad);
  throw new TypeError(`AEAD ${params.name} cannot seal or open`);
}

/** Seal(key, nonce, aad, pt): ciphertext ‖ tag. */
export function aeadSeal(params: AeadParams, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  return cipher(params, key, nonce, aad).encrypt(pt);
}

/** Open(key, nonce, aad, ct); throws (noble's Error) when the tag does not verify or ct is short. */
export function aeadOpen(params: AeadParams, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array {
  return cipher(params, key, nonce, aad).decrypt(ct);
}
