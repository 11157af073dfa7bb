/**
 * Every error face-verify reports carries one of these codes. The widget's codes reach the host in
 * `face-verify-error` events; the server's codes are thrown by `face-verify/server` and are safe to
 * return to the widget (they say what failed, never a secret).
 */

/** Codes the widget reports in `face-verify-error` events. */
export const WIDGET_ERROR_CODES = [
  /** The session or challenge endpoint could not be reached, timed out or answered with an error. */
  'session-unavailable',
  /** The session or challenge endpoint's answer was not valid, or the notice changed meanwhile. */
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
  /** The camera stopped while in use (unplugged, or taken by the system); nothing partial is kept. */
  'camera-ended',
  /** The camera gave no picture within the time allowed. */
  'camera-timeout',
  /** The face model could not be downloaded from the assets location. */
  'model-missing',
  /** The face model's SHA-256 does not match the pinned one. */
  'model-integrity',
  /** The face-landmarking worker failed to start or crashed. */
  'vision-failed',
  /** The face-template worker (embedding mode) failed to start or crashed, or no usable template was made. */
  'embedding-failed',
  /** The browser cannot record video (no MediaRecorder or no supported type). */
  'recorder-unsupported',
  /** Recording the clip failed. */
  'recording-failed',
  /** Sealing the clip or signing the attestation failed. */
  'seal-failed',
  /** The submission window of this challenge passed before it was sent; record again. */
  'challenge-expired',
  /** The submission could not be delivered (network error, timeout or server down); it is kept. */
  'upload-failed',
  /** The server refused the submission; `detail.serverCode` says why. */
  'upload-rejected',
  /** The liveness check failed on every attempt allowed; the person is offered the host's alternative. */
  'liveness-failed',
] as const;

/** Codes `face-verify/server` throws as {@link FaceVerifyError}. */
export const SERVER_ERROR_CODES = [
  /** An argument or option passed to the server library is invalid. */
  'invalid-argument',
  /** The server is closing or closed; retry against a running instance. */
  'server-closed',
  /** The HTTP method is not the one the endpoint takes (POST). */
  'method-not-allowed',
  /** The request's content type is not the one the endpoint takes. */
  'unsupported-media-type',
  /** The request body is over the configured limit (checked on `content-length` and while streaming). */
  'request-too-large',
  /** The request body is not well-formed (multipart, JSON) or has missing, extra or misordered parts. */
  'request-malformed',
  /** A JWT is not a well-formed compact JWS, or its header lacks required fields. */
  'token-malformed',
  /** A JWT's `alg` or `typ` is not on the allow-list. */
  'alg-not-allowed',
  /** The attestation's signature does not verify with the key it carries. */
  'signature-invalid',
  /** The session token is not one this server issued (signature, issuer, typ or claims). */
  'session-invalid',
  /** The session token has expired; the page must load a new one. */
  'session-expired',
  /** The challenge token is not one this server issued (signature, issuer, typ or claims). */
  'challenge-invalid',
  /** The challenge's submission window has passed. */
  'challenge-expired',
  /** The attestation was signed by a key other than the one the challenge was bound to. */
  'key-binding-mismatch',
  /** The attestation's version, session id, nonce, mode or idempotency key differs from what it must repeat. */
  'claims-mismatch',
  /** Recording started after the challenge's capture window closed. */
  'capture-late',
  /** The reported capture timing cannot have happened on the server's clock. */
  'timing-implausible',
  /** The idempotency key was already used for different bytes. */
  'idempotency-conflict',
  /** The challenge's nonce has already been used by an accepted submission. */
  'nonce-replayed',
  /** The session already holds an accepted submission; a new check needs a new session. */
  'session-used',
  /** The consent receipt is missing or does not match the notice this session showed. */
  'consent-invalid',
  /** The sealed part is larger than the configured limit. */
  'blob-too-large',
  /** The sealed part's SHA-256 or size differs from what the attestation states. */
  'blob-hash-mismatch',
  /** The operator key named by `kid` is not in the key ring. */
  'key-unknown',
  /** The sealed part names another operator key than the one the challenge said to seal to. */
  'key-mismatch',
  /** The sealed part could not be opened (tampered, wrong key or wrong context). */
  'seal-open-failed',
  /** The opened plaintext is not the CBOR container of README "Formats". */
  'container-invalid',
  /** The evidence's hash or size differs from the attestation, or it is not valid evidence JSON. */
  'evidence-invalid',
  /** The trace is malformed or implausible (too short, gaps, values out of range, too few faces). */
  'trace-invalid',
  /** The opened payload is not what the attestation and the mode say (hash, size, media type). */
  'payload-invalid',
  /** The liveness decision on the sealed trace failed; `reasons` lists why (README "Liveness decision"). */
  'liveness-failed',
  /** Embedding mode with `templates.duplicates: 'refuse'`: the template matches a stored one; nothing was stored. */
  'duplicate-found',
  /** No submission or receipt with this id exists. */
  'receipt-unknown',
  /** The erasure token does not match the receipt. */
  'erasure-token-invalid',
  /** The database failed; nothing was stored. */
  'storage-failed',
  /**
   * Too many sessions from this client, or too many refused submissions from this client or for
   * this session, in the server's window (`rateLimits`); `retryAfterSeconds` says when to try again.
   * Nothing was read or stored.
   */
  'rate-limited',
] as const;

export type WidgetErrorCode = (typeof WIDGET_ERROR_CODES)[number];
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type FaceVerifyErrorCode = WidgetErrorCode | ServerErrorCode;

/** An error with a stable, documented code. `message` says what went wrong and how to fix it. */
export class FaceVerifyError<C extends FaceVerifyErrorCode = FaceVerifyErrorCode> extends Error {
  override readonly name = 'FaceVerifyError';
  readonly code: C;
  /** For `liveness-failed`: the decision's reason codes, safe to show the person (as translated text). */
  readonly reasons: readonly string[] | undefined;
  /** For `rate-limited`: whole seconds until a new attempt may be allowed (the `Retry-After` header). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: C, message: string, options?: { cause?: unknown; reasons?: readonly string[]; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reasons = options?.reasons;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** True when `value` is a {@link FaceVerifyError}, optionally with the given code. */
export function isFaceVerifyError(value: unknown, code?: FaceVerifyErrorCode): value is FaceVerifyError {
  return value instanceof FaceVerifyError && (code === undefined || value.code === code);
}
