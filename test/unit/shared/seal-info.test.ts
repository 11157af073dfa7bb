/** The HPKE info and the sealed container, byte for byte as README "Formats" writes them. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { decode } from 'cbor2';
import { decodeSealedContents, encodeSealedContents } from '../../../src/shared/sealed-container.js';
import { sealInfo } from '../../../src/shared/seal-info.js';

test('sealInfo is UTF-8 "face-verify/v2|mode|sid|" followed by the raw 32-byte SHA-256 of the challenge', () => {
  const info = sealInfo('clip', 'sid-1', 'h.p.s');
  const prefix = Buffer.from('face-verify/v2|clip|sid-1|', 'utf8');
  assert.deepEqual(Buffer.from(info.subarray(0, prefix.length)), prefix);
  assert.equal(info.length, prefix.length + 32);
  assert.deepEqual(Buffer.from(info.subarray(prefix.length)), createHash('sha256').update('h.p.s', 'utf8').digest());
});

test('the container is the literal deterministic CBOR map {v: 2, payload, evidence}', () => {
  const bytes = encodeSealedContents({ payload: new Uint8Array([1, 2, 3]), evidence: new TextEncoder().encode('{}') });
  // a3 = map(3); 61 76 02 = "v": 2; 67 "payload" 43 010203; 68 "evidence" 42 7b7d — written out by hand from RFC 8949.
  assert.equal(Buffer.from(bytes).toString('hex'), 'a3617602677061796c6f6164430102036865766964656e6365427b7d');
  // An independent decoder reads the same thing.
  assert.deepEqual(decode(bytes), { v: 2, payload: new Uint8Array([1, 2, 3]), evidence: new Uint8Array([0x7b, 0x7d]) });
});

test('the container reader refuses indefinite lengths, duplicate keys and trailing bytes', () => {
  const ok = Buffer.from('a3617602677061796c6f6164430102036865766964656e6365427b7d', 'hex');
  assert.deepEqual(decodeSealedContents(new Uint8Array(ok)).payload, new Uint8Array([1, 2, 3]));
  const indefinite = Buffer.from('bf617602677061796c6f6164430102036865766964656e6365427b7dff', 'hex');
  const duplicate = Buffer.from('a4617602677061796c6f6164430102036865766964656e6365427b7d617603', 'hex');
  for (const bad of [indefinite, duplicate, Buffer.concat([ok, Buffer.from([0])])]) {
    assert.throws(() => decodeSealedContents(new Uint8Array(bad)), TypeError, bad.toString('hex'));
  }
});
