/**
 * HPKE (RFC 9180) base mode with DHKEM(X25519, HKDF-SHA256) and HKDF-SHA256, on @noble.
 * Written from RFC 9180 §4–5 and §7.1.3 and checked against every official vector for this KEM
 * and KDF. The product seals with ChaCha20-Poly1305; the other AEADs exist so all vectors run.
 *
 * Contexts hold their own sequence number and nothing else changes between calls; the module keeps
 * no state of its own.
 */
import { concatBytes } from '../shared/bytes.js';
import { FaceVerifyError } from '../shared/errors.js';
import { assertBytes, describe, optionalAad } from './assert.js';
import { aeadOpen, aeadParams, aeadSeal, type AeadParams } from './hpke-aead.js';
import { AEAD_CHACHA20_POLY1305, type AeadId } from './hpke-ids.js';
import { decap, derivePrivateKey, encap, publicKeyOf, randomPrivateKey, X25519_LENGTH } from './hpke-kem.js';
import { exportSecret, keyScheduleBase, type KeySchedule } from './hpke-key-schedule.js';
import { assertSequenceAvailable, computeNonce } from './hpke-sequence.js';

export {
  AEAD_AES_128_GCM,
  AEAD_AES_256_GCM,
  AEAD_CHACHA20_POLY1305,
  AEAD_EXPORT_ONLY,
  KDF_HKDF_SHA256,
  KEM_X25519_HKDF_SHA256,
  type AeadId,
} from './hpke-ids.js';

/** Length of `enc` at the front of a one-shot sealed blob. */
const ENC_LENGTH = X25519_LENGTH;
/** Poly1305 tag length: with `enc`, the smallest blob `open()` can accept. */
const TAG_LENGTH = 16;

/** An X25519 key pair as raw 32-byte strings (RFC 7748 encoding). */
export interface X25519KeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** The sender's half of an HPKE context: seals a sequence of messages to one recipient. */
export interface SenderContext {
  /** The encapsulated ephemeral public key; the recipient needs it to set up its context. */
  readonly enc: Uint8Array;
  /**
   * Encrypts the next message. Messages must be opened in the order they were sealed.
   * @throws TypeError for a non-Uint8Array argument or an export-only context; RangeError when
   *   the context's message limit is reached.
   */
  seal(pt: Uint8Array, aad?: Uint8Array): Uint8Array;
  /**
   * Derives `L` bytes bound to this context and `ctx` (RFC 9180 §5.3).
   * @throws RangeError when `L` is not an integer from 0 to 8160.
   */
  export(ctx: Uint8Array, L: number): Uint8Array;
}

/** The recipient's half of an HPKE context: opens the sender's messages in order. */
export interface RecipientContext {
  /**
   * Decrypts the next message.
   * @throws FaceVerifyError `seal-open-failed` when it does not authenticate (wrong key, info or
   *   aad, out of order, tampered or truncated); the sequence number then does not advance.
   */
  open(ct: Uint8Array, aad?: Uint8Array): Uint8Array;
  /**
   * Derives `L` bytes bound to this context and `ctx` (RFC 9180 §5.3).
   * @throws RangeError when `L` is not an integer from 0 to 8160.
   */
  export(ctx: Uint8Array, L: number): Uint8Array;
}

/** A fresh random X25519 key pair, e.g. for an operator key (see `generateOperatorKey`). */
export function generateKeyPair(): X25519KeyPair {
  const privateKey = randomPrivateKey();
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/**
 * DeriveKeyPair(ikm) of RFC 9180 §7.1.3: the same `ikm` always gives the same key pair.
 * @throws TypeError when `ikm` is not a Uint8Array; RangeError when it is shorter than 32 bytes
 *   (RFC 9180 asks for at least Nsk bytes of entropy).
 */
export function deriveKeyPair(ikm: Uint8Array): X25519KeyPair {
  assertBytes(ikm, 'deriveKeyPair', 'ikm');
  if (ikm.length < X25519_LENGTH) {
    throw new RangeError(
      `deriveKeyPair: \`ikm\` must hold at least ${X25519_LENGTH} bytes of entropy, got ${ikm.length} bytes`,
    );
  }
  const privateKey = derivePrivateKey(ikm);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/**
 * SetupBaseS(pkR, info): encapsulates to `pkR` and returns a context for sealing.
 * @param pkR the recipient's 32-byte X25519 public key (e.g. from `publicKeyFromJwk`).
 * @param info context the ciphertexts are bound to; the recipient must pass the same bytes.
 * @param opts.aead the AEAD id; ChaCha20-Poly1305 (0x0003) when omitted.
 * @param opts.ikmE tests only: derives the ephemeral key from these bytes instead of at random,
 *   which makes the output reproducible and must never happen in production.
 * @throws TypeError/RangeError for malformed arguments, including a low-order `pkR`.
 */
export function setupBaseS(
  pkR: Uint8Array,
  info: Uint8Array,
  opts?: { aead?: AeadId; ikmE?: Uint8Array },
): SenderContext {
  const fn = 'setupBaseS';
  assertBytes(pkR, fn, 'pkR', X25519_LENGTH, "the recipient's X25519 public key");
  assertBytes(info, fn, 'info', undefined, 'pass new Uint8Array(0) for none');
  const { aead, ikmE } = readOptions(opts, fn);
  let skE: Uint8Array;
  if (ikmE === undefined) {
    skE = randomPrivateKey();
  } else {
    assertBytes(ikmE, fn, 'opts.ikmE', undefined, 'omit it outside tests');
    if (ikmE.length < X25519_LENGTH) {
      throw new RangeError(`${fn}: \`opts.ikmE\` must be at least ${X25519_LENGTH} bytes, got ${ikmE.length}`);
    }
    skE = derivePrivateKey(ikmE);
  }
  const encapsulated = encap(pkR, skE);
  skE.fill(0);
  if (!encapsulated) {
    throw new RangeError(
      `${fn}: \`pkR\` is a low-order X25519 point, which would make the shared secret public; ` +
        "pass the recipient's real public key",
    );
  }
  const schedule = keyScheduleBase(encapsulated.sharedSecret, info, aead);
  encapsulated.sharedSecret.fill(0);
  return senderContext(encapsulated.enc, aead, schedule);
}

/**
 * SetupBaseR(enc, skR, info): decapsulates `enc` with `skR` and returns a context for opening.
 * @param enc the sender's 32-byte `enc`.
 * @param skR the recipient's 32-byte X25519 private key (e.g. from `privateKeyFromJwk`).
 * @param info the same context bytes the sender used.
 * @param opts.aead the AEAD id; ChaCha20-Poly1305 (0x0003) when omitted.
 * @throws TypeError/RangeError for malformed arguments; FaceVerifyError `seal-open-failed` when
 *   `enc` is a low-order point (a forged or corrupt blob).
 */
export function setupBaseR(
  enc: Uint8Array,
  skR: Uint8Array,
  info: Uint8Array,
  opts?: { aead?: AeadId },
): RecipientContext {
  const recipient = recipientSetup(enc, skR, info, readOptions(opts, 'setupBaseR').aead, 'setupBaseR');
  return Object.freeze({
    open: (ct: Uint8Array, aad?: Uint8Array) => recipient.openAs(ct, aad, 'RecipientContext.open'),
    export: (ctx: Uint8Array, L: number) => recipient.exportAs(ctx, L, 'RecipientContext.export'),
  });
}

/**
 * One-shot seal to `pkR` with ChaCha20-Poly1305: returns `enc ‖ ct`, i.e. 32 + plaintext + 16 bytes.
 * Any RFC 9180 implementation opens it with the same suite, `info` and `aad` (empty by default).
 * @throws TypeError/RangeError for malformed arguments, including a low-order `pkR`.
 */
export function seal(pkR: Uint8Array, info: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const fn = 'seal';
  assertBytes(pkR, fn, 'pkR', X25519_LENGTH, "the recipient's X25519 public key");
  assertBytes(info, fn, 'info', undefined, 'pass new Uint8Array(0) for none');
  assertBytes(plaintext, fn, 'plaintext');
  const checkedAad = optionalAad(aad, fn);
  const context = setupBaseS(pkR, info, { aead: AEAD_CHACHA20_POLY1305 });
  return concatBytes(context.enc, context.seal(plaintext, checkedAad));
}

/**
 * One-shot inverse of {@link seal}.
 * @throws TypeError/RangeError for malformed arguments; FaceVerifyError `seal-open-failed` when the
 *   blob is truncated, tampered, or sealed to another key or with another `info` or `aad`.
 */
export function open(skR: Uint8Array, info: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
  const fn = 'open';
  assertBytes(skR, fn, 'skR', X25519_LENGTH, "the recipient's X25519 private key");
  assertBytes(info, fn, 'info', undefined, 'pass new Uint8Array(0) for none');
  assertBytes(sealed, fn, 'sealed', undefined, 'the enc ‖ ct bytes seal() returned');
  const checkedAad = optionalAad(aad, fn);
  if (sealed.length < ENC_LENGTH + TAG_LENGTH) {
    throw new FaceVerifyError(
      'seal-open-failed',
      `${fn}: the sealed blob is ${sealed.length} bytes, shorter than the ${ENC_LENGTH + TAG_LENGTH}-byte ` +
        'minimum (32-byte enc + 16-byte tag); it was truncated or is not a sealed blob',
    );
  }
  const aead = aeadParams(AEAD_CHACHA20_POLY1305)!;
  const recipient = recipientSetup(sealed.subarray(0, ENC_LENGTH), skR, info, aead, fn);
  return recipient.openAs(sealed.subarray(ENC_LENGTH), checkedAad, fn);
}

/** A recipient context whose errors name the public function the caller actually called. */
interface Recipient {
  openAs(ct: unknown, aad: unknown, fn: string): Uint8Array;
  exportAs(ctx: unknown, L: number, fn: string): Uint8Array;
}

function recipientSetup(
  enc: Uint8Array,
  skR: Uint8Array,
  info: Uint8Array,
  aead: AeadParams,
  fn: string,
): Recipient {
  assertBytes(enc, fn, 'enc', ENC_LENGTH, "the sender's encapsulated key");
  assertBytes(skR, fn, 'skR', X25519_LENGTH, "the recipient's X25519 private key");
  assertBytes(info, fn, 'info', undefined, 'pass new Uint8Array(0) for none');
  const sharedSecret = decap(enc, skR);
  if (!sharedSecret) {
    throw new FaceVerifyError(
      'seal-open-failed',
      `${fn}: \`enc\` is a low-order X25519 point, so it cannot come from an honest sender; ` +
        'the sealed blob is corrupt or forged',
    );
  }
  const schedule = keyScheduleBase(sharedSecret, info, aead);
  sharedSecret.fill(0);
  return recipientContext(aead, schedule);
}

function readOptions(opts: unknown, fn: string): { aead: AeadParams; ikmE: unknown } {
  if (opts === undefined) return { aead: aeadParams(AEAD_CHACHA20_POLY1305)!, ikmE: undefined };
  if (typeof opts !== 'object' || opts === null) {
    throw new TypeError(`${fn}: \`opts\` must be an object such as { aead: 0x0003 } or omitted, got ${describe(opts)}`);
  }
  const { aead: id, ikmE } = opts as { aead?: unknown; ikmE?: unknown };
  const aead = aeadParams(id === undefined ? AEAD_CHACHA20_POLY1305 : id);
  if (!aead) {
    throw new RangeError(
      `${fn}: \`opts.aead\` must be 0x0001 (AES-128-GCM), 0x0002 (AES-256-GCM), 0x0003 ` +
        `(ChaCha20-Poly1305) or 0xffff (export-only), got ${String(id)}`,
    );
  }
  return { aead, ikmE };
}

function assertCanEncrypt(aead: AeadParams, fn: string): void {
  if (aead.nk === 0) {
    throw new TypeError(`${fn}: this context uses the export-only AEAD (0xffff), which cannot seal or open; use export()`);
  }
}

function senderContext(enc: Uint8Array, aead: AeadParams, schedule: KeySchedule): SenderContext {
  let seq = 0;
  return Object.freeze({
    enc,
    seal(pt: Uint8Array, aad?: Uint8Array): Uint8Array {
      const fn = 'SenderContext.seal';
      assertBytes(pt, fn, 'pt');
      const checkedAad = optionalAad(aad, fn);
      assertCanEncrypt(aead, fn);
      assertSequenceAvailable(seq, aead.nn, fn);
      const ct = aeadSeal(aead, schedule.key, computeNonce(schedule.baseNonce, seq), checkedAad, pt);
      seq += 1;
      return ct;
    },
    export(ctx: Uint8Array, L: number): Uint8Array {
      assertBytes(ctx, 'SenderContext.export', 'ctx', undefined, 'the exporter context');
      return exportSecret(schedule.exporterSecret, aead, ctx, L, 'SenderContext.export');
    },
  });
}

function recipientContext(aead: AeadParams, schedule: KeySchedule): Recipient {
  let seq = 0;
  return {
    openAs(ct: unknown, aad: unknown, fn: string): Uint8Array {
      assertBytes(ct, fn, 'ct');
      const checkedAad = optionalAad(aad, fn);
      assertCanEncrypt(aead, fn);
      assertSequenceAvailable(seq, aead.nn, fn);
      let pt: Uint8Array;
      try {
        pt = aeadOpen(aead, schedule.key, computeNonce(schedule.baseNonce, seq), checkedAad, ct);
      } catch {
        // One message for every failure: which check failed is no help to an honest caller and a
        // hint to a forger. The sequence number stays put, as RFC 9180 §5.2 requires.
        throw new FaceVerifyError(
          'seal-open-failed',
          `${fn}: the ciphertext does not authenticate — it was sealed to another key or with another ` +
            'info or aad, opened out of order, or tampered with or truncated',
        );
      }
      seq += 1;
      return pt;
    },
    exportAs(ctx: unknown, L: number, fn: string): Uint8Array {
      assertBytes(ctx, fn, 'ctx', undefined, 'the exporter context');
      return exportSecret(schedule.exporterSecret, aead, ctx, L, fn);
    },
  };
}
