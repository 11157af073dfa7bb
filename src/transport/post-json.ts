import { FaceVerifyError } from '../shared/errors.js';
import { readErrorResponse } from './http-error.js';
import { isTimeout, withDeadline } from './timeout.js';

export interface JsonRequest {
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  /** The caller's signal: aborting it rejects with its reason (not a FaceVerifyError). */
  signal?: AbortSignal;
  /** Give up after this long ('session-unavailable'). */
  timeoutMs: number;
  /** What the endpoint is, for messages: "session endpoint". */
  what: string;
}

/** The endpoint answered with an error; `serverCode` is its `{ error: { code } }`, when it sent one. */
export class EndpointError extends FaceVerifyError<'session-unavailable'> {
  readonly status: number;
  readonly serverCode: string | undefined;

  constructor(message: string, status: number, serverCode?: string) {
    super('session-unavailable', message);
    this.status = status;
    this.serverCode = serverCode;
  }
}

/**
 * POSTs JSON and reads a JSON answer, under a deadline.
 * @throws EndpointError ('session-unavailable': network, deadline, HTTP error; `serverCode` when the
 *   server said why), FaceVerifyError 'session-invalid' (the answer is not JSON), or the caller's
 *   `signal.reason` when it aborted.
 */
export async function postJson(request: JsonRequest): Promise<unknown> {
  const signal = withDeadline(request.signal, request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      body: JSON.stringify(request.body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (request.signal?.aborted) throw request.signal.reason;
    const why = isTimeout(cause) ? `did not answer within ${request.timeoutMs} ms` : 'could not be reached';
    throw Object.assign(new EndpointError(`The ${request.what} ${request.url} ${why}.`, 0), { cause });
  }
  try {
    if (!response.ok) {
      const error = await readErrorResponse(response);
      throw new EndpointError(
        `The ${request.what} ${request.url} answered HTTP ${response.status}${error ? ` (${error.code}): ${error.message}` : ''}.`,
        response.status,
        error?.code,
      );
    }
    try {
      return await response.json();
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (isTimeout(cause)) throw new EndpointError(`The ${request.what} ${request.url} did not finish answering within ${request.timeoutMs} ms.`, 0);
      throw new FaceVerifyError('session-invalid', `The ${request.what} ${request.url} did not answer with JSON.`, { cause });
    }
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    throw error;
  }
}
