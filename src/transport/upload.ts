import { FaceVerifyError } from '../shared/errors.js';
import type { SubmissionReceipt } from '../shared/wire.js';
import { ATTESTATION_HEADER, SEALED_MEDIA_TYPE } from '../shared/wire.js';
import { delay, readErrorResponse } from './http-error.js';

export interface UploadRequest {
  url: string;
  attestation: string;
  sealed: Uint8Array;
  /** The session id: the idempotency key, so a retried upload cannot create a second submission. */
  sessionId: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Attempts in all (network errors and 5xx are retried with backoff); default 3. */
  attempts?: number;
  /** First backoff delay in ms, doubled each retry; default 500. */
  backoffMs?: number;
}

/**
 * Posts the sealed blob with its attestation to the host's submit endpoint.
 * Network failures and 5xx answers are retried (the server treats an identical retry as the same
 * submission); 4xx answers are final.
 * @throws FaceVerifyError 'upload-failed' (unreachable or still failing) or 'upload-rejected'
 *   (the server refused it; the server's code is in `serverCode`).
 */
export async function uploadSubmission(request: UploadRequest): Promise<SubmissionReceipt> {
  const attempts = request.attempts ?? 3;
  const backoffMs = request.backoffMs ?? 500;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await delay(backoffMs * 2 ** (attempt - 2), request.signal);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': SEALED_MEDIA_TYPE,
          accept: 'application/json',
          [ATTESTATION_HEADER]: request.attestation,
          'idempotency-key': request.sessionId,
          ...request.headers,
        },
        body: request.sealed as Uint8Array<ArrayBuffer>,
        credentials: 'same-origin',
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      lastError = new FaceVerifyError('upload-failed', `Could not reach ${request.url}; your recording is kept and can be sent again.`, { cause });
      continue;
    }
    if (response.ok) return (await response.json()) as SubmissionReceipt;
    const error = await readErrorResponse(response);
    if (response.status >= 500) {
      lastError = new FaceVerifyError('upload-failed', `The server had a problem (HTTP ${response.status}); your recording is kept and can be sent again.`);
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
