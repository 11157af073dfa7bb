/** Random identifiers: unguessable, URL-safe, no structure to parse. */
import { randomBytes } from 'node:crypto';
import { toBase64Url } from '../shared/bytes.js';

/** `bytes` random bytes (from the OS CSPRNG) as unpadded base64url. */
export function randomId(bytes: number): string {
  return toBase64Url(new Uint8Array(randomBytes(bytes)));
}
