import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { canonicalHash, canonicalJson } from '../../../src/shared/canonical-json.js';

describe('canonicalJson', () => {
  test('sorts keys at every depth and drops whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  test('key order does not change the hash; content does', () => {
    assert.equal(canonicalHash({ a: 1, b: 2 }), canonicalHash({ b: 2, a: 1 }));
    assert.notEqual(canonicalHash({ a: 1, b: 2 }), canonicalHash({ a: 1, b: 3 }));
  });

  test('the hash is base64url SHA-256 of the canonical text (reproducible in any language)', () => {
    const value = { é: 'ü', n: 1.5, t: true, z: null };
    const expected = createHash('sha256').update(canonicalJson(value), 'utf8').digest('base64url');
    assert.equal(canonicalHash(value), expected);
  });

  test('refuses what JSON cannot carry', () => {
    assert.throws(() => canonicalJson({ x: NaN }), TypeError);
    assert.throws(() => canonicalJson(() => 1), TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    assert.throws(() => canonicalJson(cyclic), /cycle/);
  });
});
