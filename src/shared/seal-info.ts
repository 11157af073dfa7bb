import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from './bytes.js';
import type { VerificationMode } from './manifest.js';
import { FORMAT_VERSION } from './version.js';

/**
 * HPKE `info` of the sealed part: binds the ciphertext to the format version, the mode, the session
 * and the exact challenge, so it cannot be replayed into another session, mode or challenge.
 * `info = UTF-8("face-verify/v2|" ‖ mode ‖ "|" ‖ sid ‖ "|") ‖ SHA-256(UTF-8(challenge token))`,
 * the hash as its 32 raw bytes (not base64url).
 */
export function sealInfo(mode: VerificationMode, sessionId: string, challengeToken: string): Uint8Array {
  return concatBytes(utf8(`face-verify/v${FORMAT_VERSION}|${mode}|${sessionId}|`), sha256(utf8(challengeToken)));
}
