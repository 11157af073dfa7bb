import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url, utf8 } from './bytes.js';

/**
 * Serialises JSON data as RFC 8785 (JCS, the JSON Canonicalization Scheme), so that the widget and
 * any server (in any language with a JCS library) turn the same consent notice into the same bytes:
 * - object keys sorted by their UTF-16 code units, at every depth; no whitespace;
 * - strings as ECMAScript `JSON.stringify` writes them: only `"`, `\` and U+0000–U+001F are escaped
 *   (non-ASCII text stays as it is and is UTF-8 encoded when hashed);
 * - numbers in ECMAScript's shortest round-trip form (`-0` becomes `0`, `1e30` becomes `1e+30`);
 * - `undefined` object properties are left out, as `JSON.stringify` does.
 * @throws TypeError for values JSON (or JCS) cannot carry: undefined (other than as a property value),
 *   functions, symbols, bigints, NaN, ±Infinity, strings or keys with a lone surrogate, objects that
 *   are not plain data (Date, Map, typed arrays…), sparse arrays and cycles.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set());
}

/** A UTF-16 code unit in U+D800–U+DFFF that is not half of a pair (`u` mode matches pairs as one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

function serialiseString(text: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new TypeError('canonicalJson: strings must be well-formed Unicode; this one has a lone surrogate (RFC 8785 §3.2.2.2)');
  }
  return JSON.stringify(text);
}

function serialise(value: unknown, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return serialiseString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite (NaN and Infinity are not JSON)');
    // Number::toString: shortest round-trip digits, and -0 prints as "0" (RFC 8785 §3.2.2.3).
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') {
    throw new TypeError(`canonicalJson: ${typeof value} cannot be serialised as JSON`);
  }
  if (seen.has(value)) throw new TypeError('canonicalJson: the value has a cycle');
  let out: string;
  if (Array.isArray(value)) {
    seen.add(value);
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`canonicalJson: the array has a hole at index ${i}`);
      items.push(serialise(value[i], seen));
    }
    out = `[${items.join(',')}]`;
  } else {
    // The tag check works for objects from another realm too, and rejects Date, Map, RegExp, typed
    // arrays and boxed primitives, which would otherwise hash as "{}" or as a list of indexes.
    if (Object.prototype.toString.call(value) !== '[object Object]') {
      throw new TypeError(`canonicalJson: ${value.constructor?.name ?? 'this object'} is not plain JSON data`);
    }
    seen.add(value);
    // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
    const keys = Object.keys(value).sort();
    const members: string[] = [];
    for (const key of keys) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      members.push(`${serialiseString(key)}:${serialise(member, seen)}`);
    }
    out = `{${members.join(',')}}`;
  }
  seen.delete(value);
  return out;
}

/**
 * The "notice hash" of a consent manifest: base64url (unpadded) of SHA-256 over the UTF-8 bytes of
 * RFC 8785 (JCS) of `value`. Any language reproduces it with a JCS library, SHA-256 and base64url.
 */
export function canonicalHash(value: unknown): string {
  return toBase64Url(sha256(utf8(canonicalJson(value))));
}
