import type { ErrorResponse } from '../shared/wire.js';

/** Reads `{ error: { code, message } }` from a failed response, if the server sent one. */
export async function readErrorResponse(response: Response): Promise<ErrorResponse['error'] | null> {
  try {
    const body = (await response.json()) as Partial<ErrorResponse>;
    if (typeof body.error?.code === 'string' && typeof body.error.message === 'string') return body.error;
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status alone has to do.
  }
  return null;
}

/** Waits `ms`, or rejects with the signal's reason when aborted. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
