/** Blob hashes, computed the same way by the widget (before upload) and the server (on receipt). */
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from '../shared/bytes.js';
import { assertBytes } from './assert.js';

/**
 * SHA-256 of `bytes` as unpadded base64url (43 characters), the form attestations carry.
 * Synchronous so it can run next to sealing in a worker without awaiting WebCrypto.
 * @throws TypeError when `bytes` is not a Uint8Array.
 */
export function sha256Base64Url(bytes: Uint8Array): string {
  assertBytes(bytes, 'sha256Base64Url', 'bytes');
  return toBase64Url(sha256(bytes));
}
