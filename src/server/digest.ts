/**
 * SHA-256 as unpadded base64url on Node's native hash: the same output as the crypto module's
 * `sha256Base64Url` (a unit test cross-checks them), about ten times faster on multi-megabyte blobs.
 */
import { createHash } from 'node:crypto';

/** SHA-256 of `bytes` as unpadded base64url (43 characters). */
export function sha256Base64UrlNode(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}
