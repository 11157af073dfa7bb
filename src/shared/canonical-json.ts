import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url, utf8 } from './bytes.js';

/**
 * Serialises JSON data with object keys sorted, no whitespace, so that the widget and any server
 * (in any language) hash the same consent notice to the same bytes. Numbers use JavaScript's
 * shortest round-trip form, as in RFC 8785 (JCS) for the integers and plain decimals notices use.
 * @throws TypeError for values JSON cannot carry (undefined, functions, NaN, Infinity, cycles).
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set());
}

function serialise(value: unknown, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object' || value === undefined) {
    throw new TypeError(`canonicalJson: ${typeof value} cannot be serialised as JSON`);
  }
  if (seen.has(value)) throw new TypeError('canonicalJson: the value has a cycle');
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((item) => serialise(item, seen)).join(',')}]`;
  } else {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v, seen)}`).join(',')}}`;
  }
  seen.delete(value);
  return out;
}

/** SHA-256 of the canonical JSON of `value`, as base64url: the "notice hash" of a consent manifest. */
export function canonicalHash(value: unknown): string {
  return toBase64Url(sha256(utf8(canonicalJson(value))));
}
