/**
 * Erasure links. The token is an HMAC of the receipt id, so the server can re-issue a link at any
 * time without storing it, and can check one without a database lookup. The same token opens the
 * person's access to what is held (`describeSubmission`) and the erasure itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ERASURE_RECEIPT_PARAM, ERASURE_TOKEN_PARAM } from '../shared/erasure-link.js';
import { fromBase64Url, toBase64Url, utf8 } from '../shared/bytes.js';
import { fail } from './fail.js';

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
 * The erasure link: `base` as configured in the manifest (absolute or relative, not resolved; its
 * query kept) followed by the fragment `#receipt=<receiptId>&token=<token>`. The fragment because
 * browsers never send it: not in the request line, so not in access logs, and not in a Referer.
 * The manifest check refuses a base that has a fragment of its own (README "Erasure link").
 */
export function erasureUrl(base: string, receiptId: string, token: string): string {
  if (base.includes('#')) {
    fail('invalid-argument', 'erasureUrl: the manifest\'s `erasureUrl` must not have a fragment (#…); the erasure link carries the receipt and token there');
  }
  return `${base}#${ERASURE_RECEIPT_PARAM}=${encodeURIComponent(receiptId)}&${ERASURE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

function hmac(secret: Uint8Array, receiptId: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(utf8(`erase:${receiptId}`)).digest());
}
