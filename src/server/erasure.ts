/**
 * Erasure links. The token is an HMAC of the receipt id, so the server can re-issue a link at any
 * time without storing it, and can check one without a database lookup.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromBase64Url, toBase64Url, utf8 } from '../shared/bytes.js';

/** `base64url(HMAC-SHA256(secret, "erase:" + receiptId))`. */
export function erasureToken(secret: Uint8Array, receiptId: string): string {
  return toBase64Url(hmac(secret, receiptId));
}

/** True when `token` is the erasure token of `receiptId`; compares in constant time. */
export function erasureTokenMatches(secret: Uint8Array, receiptId: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > 64) return false;
  let given: Uint8Array;
  try {
    given = fromBase64Url(token);
  } catch {
    return false;
  }
  const expected = hmac(secret, receiptId);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The erasure link: `base` as configured in the manifest (absolute or relative, not resolved) with
 * `receipt` and `token` query parameters added before any fragment.
 */
export function erasureUrl(base: string, receiptId: string, token: string): string {
  const hash = base.indexOf('#');
  const path = hash < 0 ? base : base.slice(0, hash);
  const fragment = hash < 0 ? '' : base.slice(hash);
  const separator = !path.includes('?') ? '?' : path.endsWith('?') || path.endsWith('&') ? '' : '&';
  return `${path}${separator}receipt=${encodeURIComponent(receiptId)}&token=${encodeURIComponent(token)}${fragment}`;
}

function hmac(secret: Uint8Array, receiptId: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(utf8(`erase:${receiptId}`)).digest());
}
