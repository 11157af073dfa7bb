/**
 * The one way `face-verify/server` reports a failure: a {@link FaceVerifyError} with a server code.
 * Messages name the argument or claim that failed and what to do about it; they never carry key
 * material, database internals or payload bytes, so hosts may return them to the widget as they are.
 */
import { FaceVerifyError, type ServerErrorCode } from '../shared/errors.js';

/**
 * Throws a {@link FaceVerifyError} with a server error code.
 * @param code - one of `SERVER_ERROR_CODES`.
 * @param message - what failed and how to fix it.
 * @param cause - the underlying error, kept for logs (not part of the message).
 */
export function fail(code: ServerErrorCode, message: string, cause?: unknown): never {
  throw serverError(code, message, cause);
}

/**
 * Shows an untrusted value in an error message: JSON, cut to `max` characters, so a hostile client
 * cannot make log lines huge. Never use it on secrets.
 */
export function shortJson(value: unknown, max = 40): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The error {@link fail} would throw, to reject a promise with or to hold until later. */
export function serverError(code: ServerErrorCode, message: string, cause?: unknown, reasons?: readonly string[]): FaceVerifyError {
  return new FaceVerifyError(code, message, { ...(cause === undefined ? {} : { cause }), ...(reasons ? { reasons } : {}) });
}

/**
 * Throws `rate-limited`: `what` was refused for `seconds` (the `Retry-After`).
 * @param what - who is limited and why, e.g. "this session has had 5 refused submissions in 180 s".
 */
export function failRateLimited(what: string, seconds: number): never {
  throw new FaceVerifyError('rate-limited', `${what}; try again in ${seconds} s (the Retry-After header)`, { retryAfterSeconds: seconds });
}
