import { FaceVerifyError } from '../shared/errors.js';
import type { SubmissionReceipt } from '../shared/wire.js';
import { IDEMPOTENCY_HEADER, LOOKUP_HEADER, SEALED_MEDIA_TYPE } from '../shared/wire.js';
import { delay, readErrorResponse } from './http-error.js';
import { parseRetryAfter } from './retry-policy.js';
import { isTimeout, withDeadline } from './timeout.js';

/** What is uploaded: made once, and sent unchanged by every attempt and every retry. */
export interface UploadParts {
  attestation: string;
  sealed: Uint8Array;
  /** The attestation's `jti`. */
  idempotencyKey: string;
}

export interface UploadRequest extends UploadParts {
  url: string;
  headers?: Record<string, string>;
  /** Aborting it (the person pressed Cancel, or the element left the page) rejects with its reason. */
  signal?: AbortSignal;
  /** Deadline of each attempt, in ms; default 60 s. */
  timeoutMs?: number;
  /** Attempts in all (network errors, deadlines and 5xx are retried with backoff); default 3. */
  attempts?: number;
  /** First backoff delay in ms, doubled each retry; default 500. */
  backoffMs?: number;
  /** Only ask whether this very submission is stored (its receipt), never store it. */
  lookup?: boolean;
}

/**
 * The upload body of README "Formats": multipart/form-data with the `attestation` field first, then
 * the `sealed` file part. The browser writes the boundary and each part's headers.
 */
export function uploadBody(parts: Pick<UploadParts, 'attestation' | 'sealed'>): FormData {
  const form = new FormData();
  form.append('attestation', parts.attestation);
  form.append('sealed', new Blob([parts.sealed as Uint8Array<ArrayBuffer>], { type: SEALED_MEDIA_TYPE }), 'sealed');
  return form;
}

/**
 * Posts a sealed submission to the host's submit endpoint. Network failures, deadlines, 429 and 5xx
 * answers are retried with the very same parts and idempotency key (the server answers an identical
 * retry of a stored submission with the stored receipt); 4xx answers are final.
 * @throws {@link UploadFailedError} (unreachable, too slow or still failing; the submission is
 *   kept) or {@link UploadRejectedError} (the server refused it); `signal.reason` when aborted.
 */
export async function uploadSubmission(request: UploadRequest): Promise<SubmissionReceipt> {
  const attempts = request.attempts ?? 3;
  const backoffMs = request.backoffMs ?? 500;
  const timeoutMs = request.timeoutMs ?? 60_000;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await delay(backoffMs * 2 ** (attempt - 2), request.signal);
    const signal = withDeadline(request.signal, timeoutMs);
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(request.url, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          [IDEMPOTENCY_HEADER]: request.idempotencyKey,
          ...(request.lookup ? { [LOOKUP_HEADER]: '1' } : {}),
          ...request.headers,
        },
        body: uploadBody(request),
        credentials: 'same-origin',
        signal,
      });
      body = response.ok ? await response.json() : null;
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason;
      const why = isTimeout(cause) ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : 'could not be reached';
      lastError = new UploadFailedError(`${request.url} ${why}; your recording is kept and can be sent again.`, { cause });
      continue;
    }
    if (response.ok) return body as SubmissionReceipt;
    const error = await readErrorResponse(response);
    // 429: the backend's rate limit; it says when to come back, and the submission is still good.
    if (response.status >= 500 || response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const why = response.status === 429 ? 'is busy' : `had a problem (HTTP ${response.status})`;
      lastError = new UploadFailedError(`The server ${why}; your recording is kept and can be sent again.`, retryAfterMs === undefined ? {} : { retryAfterMs });
      continue;
    }
    throw new UploadRejectedError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? `HTTP ${response.status}`);
  }
  throw lastError;
}

/** The server refused the submission; `serverCode` is its error code. */
export class UploadRejectedError extends FaceVerifyError<'upload-rejected'> {
  readonly status: number;
  readonly serverCode: string;

  constructor(status: number, serverCode: string, serverMessage: string) {
    super('upload-rejected', `The server refused the submission (${serverCode}): ${serverMessage}`);
    this.status = status;
    this.serverCode = serverCode;
  }
}

/** The submission did not get through (network, deadline, 429 or 5xx); it is kept and can be sent again. */
export class UploadFailedError extends FaceVerifyError<'upload-failed'> {
  /** The server's `Retry-After`, ms, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { cause?: unknown; retryAfterMs?: number } = {}) {
    super('upload-failed', message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}
