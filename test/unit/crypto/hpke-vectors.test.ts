/**
 * Every RFC 9180 base-mode vector for DHKEM(X25519, HKDF-SHA256) + HKDF-SHA256, all four AEADs:
 * key derivation, KEM, key schedule, 257 sequential seals and opens per AEAD, and every export.
 * The vectors are the official file (see ../shared/vectors/hpke-rfc9180/PROVENANCE.md).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toHex } from '../../../src/shared/bytes.js';
import { aeadParams } from '../../../src/crypto/hpke-aead.js';
import { decap, encap, derivePrivateKey } from '../../../src/crypto/hpke-kem.js';
import { keyScheduleBase } from '../../../src/crypto/hpke-key-schedule.js';
import { computeNonce } from '../../../src/crypto/hpke-sequence.js';
import { deriveKeyPair, setupBaseR, setupBaseS, type AeadId } from '../../../src/crypto/hpke.js';

interface VectorCase {
  mode: number;
  kem_id: number;
  kdf_id: number;
  aead_id: number;
  info: string;
  ikmR: string;
  ikmE: string;
  skRm: string;
  skEm: string;
  pkRm: string;
  pkEm: string;
  enc: string;
  shared_secret: string;
  key_schedule_context: string;
  secret: string;
  key: string;
  base_nonce: string;
  exporter_secret: string;
  encryptions: { aad: string; ct: string; nonce: string; pt: string }[];
  exports: { exporter_context: string; L: number; exported_value: string }[];
}

const VECTOR_DIR = new URL('../../../../shared/vectors/hpke-rfc9180/', import.meta.url);

function loadVectors(name: string): VectorCase[] {
  const url = new URL(name, VECTOR_DIR);
  if (!existsSync(url)) {
    throw new Error(
      `RFC 9180 test vectors not found at ${fileURLToPath(url)}. They live in the "shared" checkout next ` +
        'to this repository (../shared/vectors/hpke-rfc9180/); restore it rather than skipping these tests.',
    );
  }
  return JSON.parse(readFileSync(url, 'utf8')) as VectorCase[];
}

function fromHex(hex: string): Uint8Array {
  assert.match(hex, /^([0-9a-f]{2})*$/, 'vector field is not lowercase hex');
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

const AEAD_NAMES: Record<number, string> = {
  0x0001: 'AES-128-GCM',
  0x0002: 'AES-256-GCM',
  0x0003: 'ChaCha20-Poly1305',
  0xffff: 'export-only',
};

const label = (id: number) => `aead 0x${id.toString(16).padStart(4, '0')} (${AEAD_NAMES[id] ?? 'unknown'})`;

const subset = loadVectors('base-x25519-hkdfsha256.json');
const everything = loadVectors('test-vectors.json');

test('the subset file is exactly the base-mode X25519/HKDF-SHA256 cases of the official test-vectors.json', () => {
  const filtered = everything.filter((c) => c.mode === 0 && c.kem_id === 0x0020 && c.kdf_id === 0x0001);
  assert.equal(everything.length, 128, 'the official file has 128 cases');
  assert.deepEqual(
    filtered.map((c) => c.aead_id),
    [0x0001, 0x0002, 0x0003, 0xffff],
    'one case per AEAD',
  );
  assert.deepEqual(subset, filtered);
});

for (const v of subset) {
  const aead = v.aead_id as AeadId;
  const params = aeadParams(aead);
  const info = fromHex(v.info);

  describe(label(aead), () => {
    test('is a base-mode X25519/HKDF-SHA256 case with the expected number of encryptions', () => {
      assert.equal(v.mode, 0);
      assert.equal(v.kem_id, 0x0020);
      assert.equal(v.kdf_id, 0x0001);
      assert.ok(params, `${label(aead)} is implemented`);
      assert.equal(v.encryptions.length, aead === 0xffff ? 0 : 257);
      assert.equal(v.exports.length, 3);
    });

    test('DeriveKeyPair(ikmE) and DeriveKeyPair(ikmR) give skEm/pkEm and skRm/pkRm', () => {
      const e = deriveKeyPair(fromHex(v.ikmE));
      const r = deriveKeyPair(fromHex(v.ikmR));
      assert.equal(toHex(e.privateKey), v.skEm, 'skEm');
      assert.equal(toHex(e.publicKey), v.pkEm, 'pkEm');
      assert.equal(toHex(r.privateKey), v.skRm, 'skRm');
      assert.equal(toHex(r.publicKey), v.pkRm, 'pkRm');
    });

    test('Encap gives enc and shared_secret; Decap gives the same shared_secret', () => {
      const encapsulated = encap(fromHex(v.pkRm), derivePrivateKey(fromHex(v.ikmE)));
      assert.ok(encapsulated, 'encap succeeds');
      assert.equal(toHex(encapsulated.enc), v.enc, 'enc');
      assert.equal(toHex(encapsulated.sharedSecret), v.shared_secret, 'shared_secret (sender)');
      const decapsulated = decap(fromHex(v.enc), fromHex(v.skRm));
      assert.ok(decapsulated, 'decap succeeds');
      assert.equal(toHex(decapsulated), v.shared_secret, 'shared_secret (recipient)');
    });

    test('KeySchedule gives key_schedule_context, secret, key, base_nonce, exporter_secret', () => {
      const ks = keyScheduleBase(fromHex(v.shared_secret), info, params!);
      assert.equal(toHex(ks.keyScheduleContext), v.key_schedule_context, 'key_schedule_context');
      assert.equal(toHex(ks.secret), v.secret, 'secret');
      assert.equal(toHex(ks.key), v.key, 'key');
      assert.equal(toHex(ks.baseNonce), v.base_nonce, 'base_nonce');
      assert.equal(toHex(ks.exporterSecret), v.exporter_secret, 'exporter_secret');
    });

    test('ComputeNonce(seq) gives every encryption nonce', () => {
      const failures = v.encryptions.flatMap((e, seq) => {
        const got = toHex(computeNonce(fromHex(v.base_nonce), seq));
        return got === e.nonce ? [] : [`${label(aead)} seq ${seq}: nonce ${got}, want ${e.nonce}`];
      });
      assert.deepEqual(failures, []);
    });

    test('setupBaseS with ikmE reproduces enc', () => {
      const sender = setupBaseS(fromHex(v.pkRm), info, { aead, ikmE: fromHex(v.ikmE) });
      assert.equal(toHex(sender.enc), v.enc);
    });

    test('SenderContext.seal reproduces every ct in sequence', () => {
      const sender = setupBaseS(fromHex(v.pkRm), info, { aead, ikmE: fromHex(v.ikmE) });
      const failures: string[] = [];
      v.encryptions.forEach((e, seq) => {
        const got = toHex(sender.seal(fromHex(e.pt), fromHex(e.aad)));
        if (got !== e.ct) failures.push(`${label(aead)} seq ${seq}: ct ${got.slice(0, 32)}…, want ${e.ct.slice(0, 32)}…`);
      });
      assert.deepEqual(failures, []);
    });

    // The vector ciphertexts were produced by other implementations, so this is the interop check.
    test('RecipientContext.open (from skRm and the vector enc) opens every vector ct to pt', () => {
      const recipient = setupBaseR(fromHex(v.enc), fromHex(v.skRm), info, { aead });
      const failures: string[] = [];
      v.encryptions.forEach((e, seq) => {
        try {
          const got = toHex(recipient.open(fromHex(e.ct), fromHex(e.aad)));
          if (got !== e.pt) failures.push(`${label(aead)} seq ${seq}: pt ${got}, want ${e.pt}`);
        } catch (error) {
          failures.push(`${label(aead)} seq ${seq}: open threw ${String(error)}`);
        }
      });
      assert.deepEqual(failures, []);
    });

    test('export on both contexts gives every exported_value', () => {
      const sender = setupBaseS(fromHex(v.pkRm), info, { aead, ikmE: fromHex(v.ikmE) });
      const recipient = setupBaseR(fromHex(v.enc), fromHex(v.skRm), info, { aead });
      const failures = v.exports.flatMap((x, i) => {
        const ctx = fromHex(x.exporter_context);
        const fromSender = toHex(sender.export(ctx, x.L));
        const fromRecipient = toHex(recipient.export(ctx, x.L));
        const where = `${label(aead)} export ${i} (context "${x.exporter_context}", L ${x.L})`;
        return [
          ...(fromSender === x.exported_value ? [] : [`${where}: sender ${fromSender}`]),
          ...(fromRecipient === x.exported_value ? [] : [`${where}: recipient ${fromRecipient}`]),
        ];
      });
      assert.deepEqual(failures, []);
    });

    if (aead === 0xffff) {
      test('an export-only context refuses to seal and open', () => {
        const sender = setupBaseS(fromHex(v.pkRm), info, { aead, ikmE: fromHex(v.ikmE) });
        const recipient = setupBaseR(fromHex(v.enc), fromHex(v.skRm), info, { aead });
        assert.throws(() => sender.seal(new Uint8Array(1)), { name: 'TypeError', message: /export-only/ });
        assert.throws(() => recipient.open(new Uint8Array(16)), { name: 'TypeError', message: /export-only/ });
      });
    }
  });
}
