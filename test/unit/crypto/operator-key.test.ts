/** Operator keys as JWKs: generation, strict parsing, and sealing to them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calculateJwkThumbprint } from 'jose';
import { fromBase64Url, toBase64Url, utf8 } from '../../../src/shared/bytes.js';
import { FaceVerifyError } from '../../../src/shared/errors.js';
import { sealInfo } from '../../../src/shared/seal-info.js';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { deriveKeyPair, open, seal } from '../../../src/crypto/hpke.js';
import {
  generateOperatorKey,
  privateKeyFromJwk,
  publicJwkFromPrivate,
  publicKeyFromJwk,
  x25519Thumbprint,
} from '../../../src/crypto/operator-key.js';

describe('generateOperatorKey', () => {
  test('makes an X25519 OKP pair whose kid defaults to the RFC 7638 thumbprint', async () => {
    const { publicJwk, privateJwk } = generateOperatorKey();
    assert.deepEqual(Object.keys(publicJwk).sort(), ['crv', 'kid', 'kty', 'x']);
    assert.deepEqual(Object.keys(privateJwk).sort(), ['crv', 'd', 'kid', 'kty', 'x']);
    assert.equal(publicJwk.kid, await calculateJwkThumbprint({ kty: 'OKP', crv: 'X25519', x: publicJwk.x }));
    assert.equal(privateJwk.kid, publicJwk.kid);
    assert.notEqual(privateJwk.d, privateJwk.x);
  });

  test('uses the given kid, and rejects an empty or non-string one', () => {
    assert.equal(generateOperatorKey('2026-11-a').publicJwk.kid, '2026-11-a');
    assert.throws(() => generateOperatorKey(''), { name: 'TypeError', message: /`kid`/ });
    assert.throws(() => generateOperatorKey(7 as never), { name: 'TypeError', message: /`kid`/ });
  });

  test('two calls give different keys', () => {
    assert.notEqual(generateOperatorKey().publicJwk.x, generateOperatorKey().publicJwk.x);
  });
});

describe('JWK round trips', () => {
  test('publicKeyFromJwk / privateKeyFromJwk give the raw keys; publicJwkFromPrivate drops d', () => {
    const { publicKey, privateKey } = deriveKeyPair(new Uint8Array(32).fill(7));
    const x = toBase64Url(publicKey);
    const privateJwk = { kty: 'OKP', crv: 'X25519', x, d: toBase64Url(privateKey), kid: 'k1' } as const;
    assert.deepEqual(publicKeyFromJwk(privateJwk), publicKey);
    assert.deepEqual(privateKeyFromJwk(privateJwk), privateKey);
    assert.deepEqual(publicJwkFromPrivate(privateJwk), { kty: 'OKP', crv: 'X25519', x, kid: 'k1' });
    assert.deepEqual(publicKeyFromJwk(JSON.parse(JSON.stringify(publicJwkFromPrivate(privateJwk)))), publicKey);
  });

  test('x25519Thumbprint matches jose for arbitrary keys', async () => {
    for (let i = 0; i < 5; i++) {
      const { publicJwk } = generateOperatorKey('any');
      assert.equal(x25519Thumbprint(publicJwk.x), await calculateJwkThumbprint(publicJwk));
    }
  });

  test('a blob sealed to the public JWK opens with the private JWK, as in a real session', () => {
    const { publicJwk, privateJwk } = generateOperatorKey();
    const info = sealInfo('clip', 'session-9', 'header.payload.signature');
    const clip = utf8('pretend this is a webm clip');
    const sealed = seal(publicKeyFromJwk(publicJwk), info, clip);
    assert.deepEqual(open(privateKeyFromJwk(privateJwk), info, sealed), clip);
    assert.throws(
      () => open(privateKeyFromJwk(generateOperatorKey().privateJwk), info, sealed),
      (error: unknown) => error instanceof FaceVerifyError && error.code === 'seal-open-failed',
    );
  });
});

describe('malformed JWKs are rejected with the field named', () => {
  const { publicJwk, privateJwk } = generateOperatorKey('k');

  const cases: [string, unknown, RegExp][] = [
    ['not an object', 'OKP', /`jwk`.*string/],
    ['null', null, /`jwk`.*null/],
    ['an array', [publicJwk], /`jwk`.*array/],
    ['wrong kty', { ...publicJwk, kty: 'EC' }, /`kty`.*"OKP".*"EC"/],
    ['missing kty', { crv: 'X25519', x: publicJwk.x }, /`kty`/],
    ['wrong crv', { ...publicJwk, crv: 'Ed25519' }, /`crv`.*"X25519".*"Ed25519"/],
    ['missing x', { kty: 'OKP', crv: 'X25519' }, /`x`.*undefined/],
    ['x not a string', { ...publicJwk, x: 12 }, /`x`.*number/],
    ['short x', { ...publicJwk, x: publicJwk.x.slice(0, 42) }, /`x`.*32 bytes/],
    ['long x', { ...publicJwk, x: toBase64Url(new Uint8Array(33)) }, /`x`.*32 bytes/],
    ['x with padding', { ...publicJwk, x: `${publicJwk.x}=` }, /`x`.*unpadded/],
    ['x in standard base64', { ...publicJwk, x: '+'.repeat(43) }, /`x`.*base64url/],
    ['empty kid', { ...publicJwk, kid: '' }, /`kid`/],
  ];
  for (const [name, jwk, message] of cases) {
    test(`publicKeyFromJwk and privateKeyFromJwk: ${name}`, () => {
      assert.throws(() => publicKeyFromJwk(jwk), { name: 'TypeError', message });
      assert.throws(() => privateKeyFromJwk(jwk), { name: 'TypeError', message });
    });
  }

  test('x with non-zero trailing bits (a second spelling of the same key) is rejected', () => {
    const last = publicJwk.x.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The 43rd character carries 4 data bits and 2 padding bits; flipping a padding bit keeps the bytes.
    const twin = publicJwk.x.slice(0, 42) + alphabet[alphabet.indexOf(last) ^ 1];
    assert.deepEqual(fromBase64Url(twin), fromBase64Url(publicJwk.x), 'same bytes, different text');
    assert.throws(() => publicKeyFromJwk({ ...publicJwk, x: twin }), { name: 'TypeError', message: /`x`/ });
  });

  test('privateKeyFromJwk: missing d, short d, d from another key', () => {
    assert.throws(() => privateKeyFromJwk(publicJwk), { name: 'TypeError', message: /`d` is missing/ });
    assert.throws(() => privateKeyFromJwk({ ...privateJwk, d: privateJwk.d.slice(0, 40) }), {
      name: 'TypeError',
      message: /`d`.*32 bytes/,
    });
    const other = generateOperatorKey().privateJwk;
    assert.throws(() => privateKeyFromJwk({ ...privateJwk, d: other.d }), {
      name: 'TypeError',
      message: /`x` is not the public key of `d`/,
    });
  });

  test('publicJwkFromPrivate: missing d, missing kid', () => {
    assert.throws(() => publicJwkFromPrivate(publicJwk as never), { name: 'TypeError', message: /`d`/ });
    const { kid: _kid, ...noKid } = privateJwk;
    assert.throws(() => publicJwkFromPrivate(noKid as never), { name: 'TypeError', message: /`kid`/ });
  });
});

describe('sha256Base64Url', () => {
  test('matches the FIPS 180-2 "abc" digest, unpadded base64url', () => {
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
    assert.equal(sha256Base64Url(utf8('abc')), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    assert.equal(sha256Base64Url(new Uint8Array(0)), '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
  });

  test('rejects a non-Uint8Array, naming the argument', () => {
    assert.throws(() => sha256Base64Url('abc' as never), { name: 'TypeError', message: /`bytes`/ });
  });
});
