/**
 * The demo's own typed errors, and the one place any error becomes an HTTP answer. face-verify's
 * errors keep their code and message (errorToResponse); the demo's keep theirs; anything else is a
 * generic 500, so stack traces, SQL and file paths never reach a client.
 */
import { errorToResponse, isFaceVerifyError } from '../../src/server/index.js';

export class DemoError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string } };
  headers: Readonly<Record<string, string>>;
}

export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof DemoError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } }, headers: error.headers };
  }
  const { status, body, headers } = errorToResponse(error);
  return { status, body, headers: status === 405 ? { ...headers, allow: 'POST' } : headers };
}

/** Whether the error is an expected refusal (typed) rather than a failure worth logging. */
export function isTypedRefusal(error: unknown): boolean {
  return error instanceof DemoError || (isFaceVerifyError(error) && errorToResponse(error).status < 500);
}
