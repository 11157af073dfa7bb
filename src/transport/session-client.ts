import { FaceVerifyError } from '../shared/errors.js';
import { VERIFICATION_MODES } from '../shared/manifest.js';
import type { SessionResponse } from '../shared/wire.js';
import { readErrorResponse } from './http-error.js';

export interface SessionRequest {
  /** The host's own session endpoint (the element's `session-url`). */
  url: string;
  /** RFC 7638 thumbprint of the widget's attestation key, which the challenge is bound to. */
  jkt: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Asks the host's backend for a session: POST `{ jkt }`, answered with a {@link SessionResponse}.
 * @throws FaceVerifyError 'session-unavailable' (network, HTTP error) or 'session-invalid' (bad body).
 */
export async function requestSession(request: SessionRequest): Promise<SessionResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      body: JSON.stringify({ jkt: request.jkt }),
      credentials: 'same-origin',
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (cause) {
    if (request.signal?.aborted) throw cause;
    throw new FaceVerifyError('session-unavailable', `Could not reach the session endpoint ${request.url}.`, { cause });
  }
  if (!response.ok) {
    const error = await readErrorResponse(response);
    throw new FaceVerifyError(
      'session-unavailable',
      `The session endpoint ${request.url} answered HTTP ${response.status}${error ? `: ${error.message}` : ''}.`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new FaceVerifyError('session-invalid', `The session endpoint ${request.url} did not answer with JSON.`, { cause });
  }
  const problem = sessionProblem(body);
  if (problem) {
    throw new FaceVerifyError('session-invalid', `The session response from ${request.url} is invalid: ${problem}.`);
  }
  return body as SessionResponse;
}

function sessionProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'it is not an object';
  const s = body as Partial<SessionResponse>;
  if (s.v !== 1) return '`v` must be 1';
  if (typeof s.sessionId !== 'string' || !s.sessionId) return '`sessionId` is missing';
  if (typeof s.challenge !== 'string' || s.challenge.split('.').length !== 3) return '`challenge` must be a JWT';
  if (typeof s.expiresAt !== 'number') return '`expiresAt` must be a number';
  if (!VERIFICATION_MODES.includes(s.mode!)) return '`mode` must be "clip" or "embedding"';
  if (typeof s.submitUrl !== 'string' || !s.submitUrl) return '`submitUrl` is missing';
  // The manifest itself is validated by the element, which shows every problem to the operator.
  return null;
}
