import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import canonicalize from 'canonicalize';
import { demoManifest } from '../../../demo/server/manifest.js';
import { canonicalHash, canonicalJson } from '../../../src/shared/canonical-json.js';
import { validManifest } from '../../fixtures/manifest.js';

// Every expected value below is a literal (from RFC 8785, or computed once with another
// implementation), never produced by the code under test.

/** The double whose IEEE 754 bits are the 16 hex digits `bits` (RFC 8785 Appendix B notation). */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('canonicalJson follows RFC 8785 (JCS)', () => {
  test('RFC 8785 §3.2.2 example: literals, numbers and string escapes match the RFC canonical text', () => {
    // The RFC's input text, parsed by JSON.parse (not by the code under test).
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    assert.equal(
      canonicalJson(input),
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  test('RFC 8785 §3.2.3 example: keys sort by UTF-16 code units (emoji surrogates before U+FB33)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    assert.equal(
      canonicalJson(input),
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test('RFC 8785 Appendix B: every finite number sample serialises to the RFC text (including -0 as 0)', () => {
    const samples: [bits: string, text: string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of samples) assert.equal(canonicalJson(double(bits)), text, `0x${bits}`);
    assert.equal(canonicalJson({ z: -0 }), '{"z":0}');
  });

  test('non-ASCII text (en dash, é, emoji) stays unescaped; only quote, backslash and controls are escaped', () => {
    assert.equal(canonicalJson({ s: '1–2 café 😀' }), '{"s":"1–2 café 😀"}');
    assert.equal(canonicalJson('\u2028\u2029\u007f'), '"\u2028\u2029\u007f"');
    assert.equal(canonicalJson('\b\t\n\f\r\u0000\u001f'), String.raw`"\b\t\n\f\r\u0000\u001f"`);
  });

  test('sorts keys at every depth, drops whitespace and undefined properties', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x', u: undefined } }),
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('canonicalHash (the notice hash)', () => {
  // Computed once, independently of this code: the manifest printed as JSON by
  // `node --import tsx -e 'import("./test/fixtures/manifest.ts").then(m => console.log(JSON.stringify(m.validManifest())))'`
  // (and likewise demoManifest from demo/server/manifest.ts), then in python3:
  //   b = json.dumps(obj, ensure_ascii=False, separators=(',', ':'), sort_keys=True).encode('utf-8')
  //   base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=')
  // (Python's sort_keys orders by code point, which equals UTF-16 order for these ASCII keys.)
  // If a manifest fixture changes on purpose, recompute the literal the same way.
  test('the test manifest (validManifest) hashes to its literal base64url SHA-256', () => {
    assert.equal(canonicalHash(validManifest()), 'c66N4MN2p67nMKITt5_nWi6pCqGgUzrE4stp7Rvol3o');
  });

  test('the demo manifest (with an en dash, hashed as UTF-8) hashes to its literal base64url SHA-256', () => {
    assert.ok(JSON.stringify(demoManifest).includes('–'), 'the demo manifest should still contain an en dash');
    assert.equal(canonicalHash(demoManifest), 'zT7UkYymJJxYWfN__YD5XF_sksHRNrvvaQAD8MayyZM');
  });

  test('RFC 8785 §3.2.2 example hashes to the literal SHA-256 of the RFC canonical text as UTF-8', () => {
    // The RFC's canonical text (118 UTF-8 bytes, as in RFC 8785 §3.2.4) saved to a file, then once in
    // python3: base64.urlsafe_b64encode(hashlib.sha256(text_bytes).digest()).rstrip(b'=').
    const input = JSON.parse(String.raw`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`);
    assert.equal(canonicalHash(input), 'LV4BoxjQ8IeatWjEviicix9k74khpTxid9XgaZeLqss');
  });

  test('key order does not change the hash; content does', () => {
    assert.equal(canonicalHash({ a: 1, b: 2 }), canonicalHash({ b: 2, a: 1 }));
    assert.notEqual(canonicalHash({ a: 1, b: 2 }), canonicalHash({ a: 1, b: 3 }));
  });
});

describe('canonicalJson agrees with the `canonicalize` package (RFC 8785 reference implementation)', () => {
  /** Deterministic xorshift32, so a failure reproduces. */
  function rng(seed: number): () => number {
    let s = seed >>> 0 || 1;
    return () => {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s / 0x1_0000_0000;
    };
  }
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\u0001', '\u001f', '\u007f', 'é', 'ö', '–', '€', '\u0080', '\u2028', '\ufb33', '😀', '𝄞', '日'];

  function randomString(next: () => number): string {
    let s = '';
    const n = Math.floor(next() * 8);
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  }

  function randomNumber(next: () => number): number {
    switch (Math.floor(next() * 5)) {
      case 0:
        return Math.floor(next() * 2000) - 1000;
      case 1:
        return (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      case 2: {
        const view = new DataView(new ArrayBuffer(8));
        view.setUint32(0, Math.floor(next() * 0x1_0000_0000));
        view.setUint32(4, Math.floor(next() * 0x1_0000_0000));
        const x = view.getFloat64(0);
        return Number.isFinite(x) ? x : 0;
      }
      case 3:
        return [0, -0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, -Number.MAX_VALUE][Math.floor(next() * 7)]!;
      default:
        return next();
    }
  }

  function randomValue(next: () => number, depth: number): unknown {
    const kind = Math.floor(next() * (depth > 3 ? 5 : 7));
    switch (kind) {
      case 0:
        return null;
      case 1:
        return next() < 0.5;
      case 2:
        return randomNumber(next);
      case 3:
      case 4:
        return randomString(next);
      case 5:
        return Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1));
      default: {
        const obj: Record<string, unknown> = {};
        const n = Math.floor(next() * 6);
        for (let i = 0; i < n; i++) obj[randomString(next)] = randomValue(next, depth + 1);
        return obj;
      }
    }
  }

  test('500 random nested values (non-ASCII keys and strings, awkward numbers) serialise identically', () => {
    const next = rng(0x8785);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(next, 0);
      assert.equal(canonicalJson(value), canonicalize(value), `case ${i}: ${JSON.stringify(value)}`);
    }
  });
});

describe('canonicalJson refuses what JSON (or JCS) cannot carry', () => {
  test('NaN and Infinity throw TypeError', () => {
    assert.throws(() => canonicalJson({ x: NaN }), TypeError);
    assert.throws(() => canonicalJson([Infinity]), TypeError);
  });

  test('functions, symbols, bigints and top-level undefined throw TypeError', () => {
    assert.throws(() => canonicalJson(() => 1), TypeError);
    assert.throws(() => canonicalJson({ f: () => 1 }), TypeError);
    assert.throws(() => canonicalJson(Symbol('s')), TypeError);
    assert.throws(() => canonicalJson(1n), TypeError);
    assert.throws(() => canonicalJson(undefined), TypeError);
  });

  test('cycles throw TypeError naming the cycle; a shared (acyclic) object is fine', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    assert.throws(() => canonicalJson(cyclic), { name: 'TypeError', message: /cycle/ });
    const shared = { a: 1 };
    assert.equal(canonicalJson([shared, shared]), '[{"a":1},{"a":1}]');
  });

  test('a lone surrogate in a string or a key throws TypeError naming it (RFC 8785 §3.2.2.2)', () => {
    assert.throws(() => canonicalJson('\ud800'), { name: 'TypeError', message: /lone surrogate/ });
    assert.throws(() => canonicalJson(['x\udc00']), { name: 'TypeError', message: /lone surrogate/ });
    assert.throws(() => canonicalJson({ '\ude00\ud83d': 1 }), { name: 'TypeError', message: /lone surrogate/ });
  });

  test('non-plain objects (Date, Map, typed arrays) and sparse arrays throw TypeError instead of hashing as {} or ,', () => {
    assert.throws(() => canonicalJson({ d: new Date(0) }), TypeError);
    assert.throws(() => canonicalJson(new Map([['a', 1]])), TypeError);
    assert.throws(() => canonicalJson(new Uint8Array(2)), TypeError);
    assert.throws(() => canonicalJson([1, , 3]), { name: 'TypeError', message: /hole/ });
  });
});
