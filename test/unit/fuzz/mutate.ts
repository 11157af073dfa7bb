/** fast-check arbitraries that damage bytes and strings the way a hostile or broken client would. */
import fc from 'fast-check';

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `base` with bit flips, a truncation, an extension, a spliced or a deleted run: never `base` itself. */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = base.length;
  const flips = fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }).map((list) => {
    const out = base.slice();
    for (const [i, bit] of list) out[i]! ^= 1 << bit;
    return out;
  });
  const truncated = fc.nat(n - 1).map((len) => base.slice(0, len));
  const extended = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => concat(base, tail));
  const spliced = fc.tuple(fc.nat(n - 1), fc.uint8Array({ minLength: 1, maxLength: 32 })).map(([at, bytes]) => {
    const out = base.slice();
    out.set(bytes.subarray(0, n - at), at);
    return out;
  });
  const deleted = fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 64 })).map(([at, len]) => concat(base.subarray(0, at), base.subarray(at + len)));
  return fc.oneof(flips, flips, truncated, extended, spliced, deleted).filter((m) => !equalBytes(m, base));
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \n\u0000é';

/** A compact JWS damaged at the character level, or with its parts dropped, repeated or swapped. */
export function mutatedToken(base: string): fc.Arbitrary<string> {
  const n = base.length;
  const char = fc.constantFrom(...TOKEN_CHARS);
  const replaced = fc.array(fc.tuple(fc.nat(n - 1), char), { minLength: 1, maxLength: 4 }).map((edits) => {
    const chars = [...base];
    for (const [i, c] of edits) chars[i] = c;
    return chars.join('');
  });
  const inserted = fc.tuple(fc.nat(n), fc.string({ unit: char, minLength: 1, maxLength: 8 })).map(([at, s]) => base.slice(0, at) + s + base.slice(at));
  const cut = fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 16 })).map(([at, len]) => base.slice(0, at) + base.slice(at + len));
  const parts = base.split('.');
  const reshaped = fc.constantFrom(
    parts.slice(0, 2).join('.'),
    `${parts.slice(0, 2).join('.')}.`,
    [parts[1], parts[0], parts[2]].join('.'),
    [parts[0], parts[0], parts[2]].join('.'),
    [...parts, parts[2]].join('.'),
    parts.join('..'),
    `${base} `,
    '',
  );
  // The last character of a part carries unused bits in base64url: flip only those.
  const lastChar = fc.tuple(fc.nat(parts.length - 1), char).map(([p, c]) => parts.map((part, i) => (i === p ? part.slice(0, -1) + c : part)).join('.'));
  return fc.oneof(replaced, replaced, inserted, cut, reshaped, lastChar).filter((m) => m !== base);
}

export function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
