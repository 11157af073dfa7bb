/** Behaviour of the HPKE API beyond the vectors: every rejection, round trips, the one-shot format. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { concatBytes, fromBase64Url, utf8 } from '../../../src/shared/bytes.js';
import { FaceVerifyError } from '../../../src/shared/errors.js';
import { assertSequenceAvailable, computeNonce, sequenceLimit } from '../../../src/crypto/hpke-sequence.js';
import {
  AEAD_AES_128_GCM,
  AEAD_CHACHA20_POLY1305,
  deriveKeyPair,
  generateKeyPair,
  open,
  seal,
  setupBaseR,
  setupBaseS,
  type AeadId,
} from '../../../src/crypto/hpke.js';

const info = utf8('face-verify/v1|clip|session-1|');
const recipient = generateKeyPair();

function isOpenFailure(error: unknown): boolean {
  assert.ok(error instanceof FaceVerifyError, `expected a FaceVerifyError, got ${String(error)}`);
  assert.equal(error.code, 'seal-open-failed');
  return true;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));

/**
 * Every 32-byte encoding of a low-order X25519 point (orders 1, 2, 4, 8) under RFC 7748 decoding:
 * the five canonical u values, 0 + p and 1 + p (the only u + p below 2^255), and each of those
 * seven with the ignored top bit set.
 */
const LOW_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0100000000000000000000000000000000000000000000000000000000000080',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
].map(hex);

describe('one-shot seal/open', () => {
  for (const size of [0, 1, 2 * 1024 * 1024]) {
    test(`round-trips ${size} bytes as exactly 32 + ${size} + 16 bytes`, () => {
      const plaintext = new Uint8Array(randomBytes(size));
      const sealed = seal(recipient.publicKey, info, plaintext);
      assert.equal(sealed.length, 32 + size + 16);
      assert.deepEqual(open(recipient.privateKey, info, sealed), plaintext);
    });
  }

  test('round-trips with a non-empty aad', () => {
    const aad = utf8('attestation-hash');
    const sealed = seal(recipient.publicKey, info, utf8('hello'), aad);
    assert.deepEqual(open(recipient.privateKey, info, sealed, aad), utf8('hello'));
  });

  test('two seals of the same plaintext differ in enc and ciphertext (fresh ephemeral key)', () => {
    const a = seal(recipient.publicKey, info, utf8('same'));
    const b = seal(recipient.publicKey, info, utf8('same'));
    assert.notDeepEqual(a.subarray(0, 32), b.subarray(0, 32));
    assert.notDeepEqual(a.subarray(32), b.subarray(32));
  });

  test('is enc ‖ ct of a ChaCha20-Poly1305 base-mode context (what other HPKE libraries open)', () => {
    const sealed = seal(recipient.publicKey, info, utf8('interop'));
    const context = setupBaseR(sealed.subarray(0, 32), recipient.privateKey, info, { aead: AEAD_CHACHA20_POLY1305 });
    assert.deepEqual(context.open(sealed.subarray(32)), utf8('interop'));
    const sender = setupBaseS(recipient.publicKey, info);
    const manual = concatBytes(sender.enc, sender.seal(utf8('the other way')));
    assert.deepEqual(open(recipient.privateKey, info, manual), utf8('the other way'));
  });

  test('accepts Node Buffers, offset subarrays and Uint8Arrays from another realm', () => {
    const padded = concatBytes(new Uint8Array(7), seal(recipient.publicKey, info, utf8('x')), new Uint8Array(5));
    const sealed = padded.subarray(7, padded.length - 5);
    assert.deepEqual(open(Buffer.from(recipient.privateKey), Buffer.from(info), sealed), utf8('x'));
    const foreignKey = runInNewContext('new Uint8Array(32)') as Uint8Array;
    foreignKey.set(recipient.publicKey);
    assert.equal(seal(foreignKey, info, utf8('y')).length, 32 + 1 + 16);
  });

  test('does not modify its inputs', () => {
    const plaintext = utf8('unchanged');
    const sealed = seal(recipient.publicKey, info, plaintext);
    const copy = Uint8Array.from(sealed);
    open(recipient.privateKey, info, sealed);
    assert.deepEqual(plaintext, utf8('unchanged'));
    assert.deepEqual(sealed, copy);
  });
});

describe('open rejects with seal-open-failed', () => {
  const plaintext = utf8('p');
  const aad = utf8('aad');
  const sealed = seal(recipient.publicKey, info, plaintext, aad);

  test('the untouched blob opens (control for the cases below)', () => {
    assert.deepEqual(open(recipient.privateKey, info, sealed, aad), plaintext);
  });

  test('with the wrong private key', () => {
    assert.throws(() => open(generateKeyPair().privateKey, info, sealed, aad), isOpenFailure);
  });

  test('with the wrong info (changed, extended or empty)', () => {
    assert.throws(() => open(recipient.privateKey, utf8('face-verify/v1|clip|session-2|'), sealed, aad), isOpenFailure);
    assert.throws(() => open(recipient.privateKey, concatBytes(info, Uint8Array.of(0)), sealed, aad), isOpenFailure);
    assert.throws(() => open(recipient.privateKey, new Uint8Array(0), sealed, aad), isOpenFailure);
  });

  test('with the wrong aad (changed or omitted)', () => {
    assert.throws(() => open(recipient.privateKey, info, sealed, utf8('aae')), isOpenFailure);
    assert.throws(() => open(recipient.privateKey, info, sealed), isOpenFailure);
  });

  test('with any single bit flipped in enc, ciphertext or tag', () => {
    // Includes bit 255 of enc, which X25519 itself ignores: enc still enters kem_context verbatim.
    const survivors: number[] = [];
    for (let bit = 0; bit < sealed.length * 8; bit++) {
      try {
        open(recipient.privateKey, info, flipBit(sealed, bit), aad);
        survivors.push(bit);
      } catch (error) {
        isOpenFailure(error);
      }
    }
    assert.deepEqual(survivors, [], 'bit flips that still opened');
  });

  test('when truncated at any length, empty, or extended by a byte', () => {
    for (let length = 0; length < sealed.length; length++) {
      assert.throws(() => open(recipient.privateKey, info, sealed.subarray(0, length), aad), isOpenFailure, `length ${length}`);
    }
    assert.throws(() => open(recipient.privateKey, info, new Uint8Array(0)), isOpenFailure);
    assert.throws(() => open(recipient.privateKey, info, concatBytes(sealed, Uint8Array.of(0)), aad), isOpenFailure);
  });

  test('when enc is a low-order point, in any encoding', () => {
    LOW_ORDER.forEach((enc, i) => {
      const forged = concatBytes(enc, sealed.subarray(32));
      assert.throws(() => open(recipient.privateKey, info, forged, aad), isOpenFailure, `low-order point ${i}`);
      assert.throws(() => setupBaseR(enc, recipient.privateKey, info), isOpenFailure, `setupBaseR, point ${i}`);
    });
  });
});

describe('argument checks name the argument', () => {
  const sealed = seal(recipient.publicKey, info, utf8('z'));

  test('seal: pkR, info, plaintext, aad', () => {
    assert.throws(() => seal('key' as never, info, utf8('z')), { name: 'TypeError', message: /`pkR`.*got string/ });
    assert.throws(() => seal(new Uint8Array(31), info, utf8('z')), { name: 'RangeError', message: /`pkR`.*32 bytes.*got 31/ });
    assert.throws(() => seal(recipient.publicKey, 'info' as never, utf8('z')), { name: 'TypeError', message: /^seal: `info`/ });
    assert.throws(() => seal(recipient.publicKey, info, [1, 2] as never), { name: 'TypeError', message: /`plaintext`.*array/ });
    assert.throws(() => seal(recipient.publicKey, info, utf8('z'), 'aad' as never), { name: 'TypeError', message: /`aad`/ });
    assert.throws(() => seal(recipient.publicKey, info, new ArrayBuffer(4) as never), { name: 'TypeError', message: /new Uint8Array\(buffer\)/ });
  });

  test('seal and setupBaseS refuse a low-order pkR with a RangeError', () => {
    LOW_ORDER.forEach((pkR, i) => {
      assert.throws(() => seal(pkR, info, utf8('z')), { name: 'RangeError', message: /`pkR` is a low-order/ }, `point ${i}`);
      assert.throws(() => setupBaseS(pkR, info), { name: 'RangeError', message: /`pkR`/ }, `point ${i}`);
    });
  });

  test('open: skR, info, sealed, aad', () => {
    assert.throws(() => open(undefined as never, info, sealed), { name: 'TypeError', message: /`skR`.*undefined/ });
    assert.throws(() => open(new Uint8Array(33), info, sealed), { name: 'RangeError', message: /`skR`.*got 33/ });
    assert.throws(() => open(recipient.privateKey, null as never, sealed), { name: 'TypeError', message: /`info`.*null/ });
    assert.throws(() => open(recipient.privateKey, info, 'sealed' as never), { name: 'TypeError', message: /`sealed`/ });
    assert.throws(() => open(recipient.privateKey, info, sealed, 7 as never), { name: 'TypeError', message: /`aad`/ });
  });

  test('setupBaseS / setupBaseR: enc, opts.aead, opts.ikmE, opts', () => {
    assert.throws(() => setupBaseR(new Uint8Array(31), recipient.privateKey, info), { name: 'RangeError', message: /`enc`.*got 31/ });
    assert.throws(() => setupBaseR(new Uint8Array(32), recipient.privateKey, info, { aead: 4 as AeadId }), {
      name: 'RangeError',
      message: /`opts.aead`.*got 4/,
    });
    assert.throws(() => setupBaseS(recipient.publicKey, info, { aead: 0 as AeadId }), { name: 'RangeError', message: /`opts.aead`/ });
    assert.throws(() => setupBaseS(recipient.publicKey, info, 'chacha' as never), { name: 'TypeError', message: /`opts`/ });
    assert.throws(() => setupBaseS(recipient.publicKey, info, { ikmE: new Uint8Array(31) }), { name: 'RangeError', message: /`opts.ikmE`/ });
    assert.throws(() => setupBaseS(recipient.publicKey, info, { ikmE: 'seed' as never }), { name: 'TypeError', message: /`opts.ikmE`/ });
  });

  test('deriveKeyPair: ikm', () => {
    assert.throws(() => deriveKeyPair(new Uint8Array(31)), { name: 'RangeError', message: /`ikm`.*32 bytes/ });
    assert.throws(() => deriveKeyPair('seed' as never), { name: 'TypeError', message: /`ikm`/ });
  });

  test('context seal/open/export: pt, ct, aad, ctx, L', () => {
    const sender = setupBaseS(recipient.publicKey, info);
    const receiver = setupBaseR(sender.enc, recipient.privateKey, info);
    assert.throws(() => sender.seal('pt' as never), { name: 'TypeError', message: /SenderContext.seal: `pt`/ });
    assert.throws(() => sender.seal(utf8('x'), 'aad' as never), { name: 'TypeError', message: /`aad`/ });
    assert.throws(() => receiver.open({} as never), { name: 'TypeError', message: /RecipientContext.open: `ct`/ });
    assert.throws(() => sender.export('ctx' as never, 32), { name: 'TypeError', message: /`ctx`/ });
    for (const L of [-1, 1.5, 8161, Number.NaN, '32']) {
      assert.throws(() => receiver.export(new Uint8Array(0), L as never), { name: 'RangeError', message: /`L`/ }, `L = ${String(L)}`);
    }
    assert.equal(sender.export(new Uint8Array(0), 8160).length, 8160);
    assert.equal(sender.export(new Uint8Array(0), 0).length, 0);
  });
});

describe('contexts', () => {
  test('open messages in sequence; out of order fails without advancing the sequence', () => {
    for (const aead of [AEAD_CHACHA20_POLY1305, AEAD_AES_128_GCM] as const) {
      const sender = setupBaseS(recipient.publicKey, info, { aead });
      const cts = ['zero', 'one', 'two'].map((text) => sender.seal(utf8(text)));
      const receiver = setupBaseR(sender.enc, recipient.privateKey, info, { aead });
      assert.throws(() => receiver.open(cts[1]!), isOpenFailure, 'message 1 before message 0');
      assert.deepEqual(receiver.open(cts[0]!), utf8('zero'), 'the failure did not advance seq');
      assert.deepEqual(receiver.open(cts[1]!), utf8('one'));
      assert.throws(() => receiver.open(cts[1]!), isOpenFailure, 'a replayed message');
      assert.deepEqual(receiver.open(cts[2]!), utf8('two'));
    }
  });

  test('the same plaintext sealed twice in one context gives different ciphertexts (nonce advances)', () => {
    const sender = setupBaseS(recipient.publicKey, info);
    assert.notDeepEqual(sender.seal(utf8('a')), sender.seal(utf8('a')));
  });

  test('sender and recipient export the same secret; the context and length change it', () => {
    const sender = setupBaseS(recipient.publicKey, info);
    const receiver = setupBaseR(sender.enc, recipient.privateKey, info);
    const a = sender.export(utf8('a'), 32);
    assert.deepEqual(receiver.export(utf8('a'), 32), a);
    assert.notDeepEqual(sender.export(utf8('b'), 32), a);
    assert.notDeepEqual(sender.export(utf8('a'), 33).subarray(0, 32), a, 'L is bound into the derivation');
  });

  test('contexts are frozen, and their methods work detached (no reliance on `this`)', () => {
    const sender = setupBaseS(recipient.publicKey, info);
    const receiver = setupBaseR(sender.enc, recipient.privateKey, info);
    assert.ok(Object.isFrozen(sender) && Object.isFrozen(receiver));
    const { seal: sealNext } = sender;
    const { open: openNext } = receiver;
    assert.deepEqual(openNext(sealNext(utf8('detached'))), utf8('detached'));
  });
});

describe('sequence numbers', () => {
  test('ComputeNonce XORs the big-endian sequence number into the last bytes of base_nonce', () => {
    const base = fromBase64Url('AAECAwQFBgcICQoL'); // 00 01 02 … 0b
    for (const seq of [0, 1, 255, 256, 65_537, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER - 1]) {
      const expected = Uint8Array.from(base);
      let rest = BigInt(seq);
      for (let i = expected.length - 1; i >= 0; i--) {
        expected[i] ^= Number(rest & 0xffn);
        rest >>= 8n;
      }
      assert.deepEqual(computeNonce(base, seq), expected, `seq ${seq}`);
    }
    assert.deepEqual(base, fromBase64Url('AAECAwQFBgcICQoL'), 'base_nonce is not modified');
  });

  test('refuses to reach the limit instead of wrapping the nonce', () => {
    const limit = sequenceLimit(12);
    assert.equal(limit, Number.MAX_SAFE_INTEGER);
    assert.doesNotThrow(() => assertSequenceAvailable(limit - 1, 12, 'test'));
    assert.throws(() => assertSequenceAvailable(limit, 12, 'test'), { name: 'RangeError', message: /message limit/ });
    // RFC 9180's own limit, 2^(8·Nn) − 1, where it is exactly representable.
    assert.equal(sequenceLimit(1), 255);
    assert.throws(() => assertSequenceAvailable(255, 1, 'test'), RangeError);
  });
});
