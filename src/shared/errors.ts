/**
 * Every error face-verify reports carries one of these codes. The widget's codes reach the host in
 * `face-verify-error` events; the server's codes are thrown by `face-verify/server` and are safe to
 * return to the widget (they say what failed, never a secret).
 */

/** Codes the widget reports in `face-verify-error` events. */
export const WIDGET_ERROR_CODES = [
  /** The session endpoint could not be reached or answered with an error. */
  'session-unavailable',
  /** The session endpoint's answer was not a valid session response. */
  'session-invalid',
  /** No consent manifest was given (neither from the session response nor the `manifest` property). */
  'manifest-missing',
  /** The consent manifest lacks required fields or has invalid ones. */
  'manifest-invalid',
  /** An attribute or property of the element is invalid (e.g. no `session-url`). */
  'config-invalid',
  /** The person or the browser refused camera access. */
  'camera-denied',
  /** No camera is connected. */
  'camera-not-found',
  /** The camera is in use by another program or could not be started. */
  'camera-busy',
  /** No camera satisfies the requested constraints. */
  'camera-overconstrained',
  /** This browser has no camera API (or the page is not a secure context). */
  'camera-unsupported',
  /** The face model could not be downloaded from the assets location. */
  'model-missing',
  /** The face model's SHA-256 does not match the pinned one. */
  'model-integrity',
  /** The face-landmarking worker failed to start or crashed. */
  'vision-failed',
  /** The browser cannot record video (no MediaRecorder or no supported type). */
  'recorder-unsupported',
  /** Recording the clip failed. */
  'recording-failed',
  /** Sealing the clip or signing the attestation failed. */
  'seal-failed',
  /** The challenge expired before the submission was sent; record again. */
  'challenge-expired',
  /** The submission could not be delivered (network error or server down); nothing was lost. */
  'upload-failed',
  /** The server refused the submission; `detail.serverCode` says why. */
  'upload-rejected',
] as const;

/** Codes `face-verify/server` throws as {@link FaceVerifyError}. */
export const SERVER_ERROR_CODES = [
  /** An argument or option passed to the server library is invalid. */
  'invalid-argument',
  /** A JWT is not a well-formed compact JWS, or its header lacks required fields. */
  'token-malformed',
  /** A JWT's `alg` or `typ` is not on the allow-list. */
  'alg-not-allowed',
  /** A JWT's signature does not verify. */
  'signature-invalid',
  /** The challenge token is not one this server issued (bad signature, issuer or claims). */
  'challenge-invalid',
  /** The challenge token has expired. */
  'challenge-expired',
  /** The attestation was signed by a key other than the one the challenge was bound to. */
  'key-binding-mismatch',
  /** The attestation's session id, nonce or mode differs from the challenge's. */
  'claims-mismatch',
  /** The challenge's nonce has already been used by an accepted submission. */
  'nonce-replayed',
  /** No session with this id exists (or it was already erased). */
  'session-unknown',
  /** The sealed blob's SHA-256 or size differs from what the attestation states. */
  'blob-hash-mismatch',
  /** The sealed blob is larger than the configured limit. */
  'blob-too-large',
  /** The sealed blob could not be opened with the operator key (tampered, wrong key or context). */
  'seal-open-failed',
  /** The opened payload is not what the mode allows (e.g. not a WebM/MP4 clip). */
  'payload-invalid',
  /** The capture trace is malformed, too large or implausible. */
  'trace-invalid',
  /** The consent receipt is missing or does not match the notice this session showed. */
  'consent-invalid',
  /** The operator key named by `kid` is not in the key ring. */
  'key-unknown',
  /** No submission or receipt with this id exists. */
  'receipt-unknown',
  /** The erasure token does not match the receipt. */
  'erasure-token-invalid',
  /** The database failed; nothing was stored. */
  'storage-failed',
] as const;

export type WidgetErrorCode = (typeof WIDGET_ERROR_CODES)[number];
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type FaceVerifyErrorCode = WidgetErrorCode | ServerErrorCode;

/** An error with a stable, documented code. `message` says what went wrong and how to fix it. */
export class FaceVerifyError<C extends FaceVerifyErrorCode = FaceVerifyErrorCode> extends Error {
  override readonly name = 'FaceVerifyError';
  readonly code: C;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `value` is a {@link FaceVerifyError}, optionally with the given code. */
export function isFaceVerifyError(value: unknown, code?: FaceVerifyErrorCode): value is FaceVerifyError {
  return value instanceof FaceVerifyError && (code === undefined || value.code === code);
}
