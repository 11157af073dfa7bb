/**
 * Downloads a model file and refuses it unless its SHA-256 is the pinned one. Used by both workers
 * (the landmarker's model, the face descriptor's weights), so it lives in shared/ rather than in
 * either; it uses only fetch and WebCrypto, so it is tested in Node too.
 */
import { FaceVerifyError } from './errors.js';
import { toHex } from './bytes.js';
import { errorMessage } from './guards.js';

/** What to fetch and what it must hash to. */
export interface ModelSpec {
  url: string;
  sha256: string;
  /** What the file is, for messages ("the face model", "the face descriptor weights"). */
  what?: string;
  /** The pinned file's full name, for the integrity message. */
  name?: string;
  /** How to fix a missing file, appended to the message. */
  fixHint?: string;
  /** The code when the check cannot run at all (no WebCrypto). Default 'vision-failed'. */
  failCode?: 'vision-failed' | 'embedding-failed';
}

/**
 * Fetches `spec.url` and checks its SHA-256.
 * @throws FaceVerifyError 'model-missing' on a network error, a non-2xx answer or an HTML page
 *   (a server's "not found" fallback); 'model-integrity' when the bytes are not the pinned model;
 *   'vision-failed' when WebCrypto is unavailable (not a secure context).
 */
export async function loadVerifiedModel(
  spec: ModelSpec,
  fetchImpl: typeof fetch = fetch,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; fetchMs: number; verifyMs: number }> {
  const what = spec.what ?? 'the face model';
  const FIX_HINT = spec.fixHint ?? '';
  const started = performance.now();
  let response: Response;
  try {
    response = await fetchImpl(spec.url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new FaceVerifyError(
      'model-missing',
      `Could not download ${what} from ${spec.url} (${errorMessage(cause)}). ${FIX_HINT}`,
      { cause },
    );
  }
  if (!response.ok) {
    throw new FaceVerifyError(
      'model-missing',
      `Could not download ${what} from ${spec.url} (HTTP ${response.status}). ${FIX_HINT}`,
    );
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new FaceVerifyError(
      'model-missing',
      `The download of ${what} from ${spec.url} broke off (${errorMessage(cause)}). ${FIX_HINT}`,
      { cause },
    );
  }
  const fetchMs = performance.now() - started;

  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new FaceVerifyError(
      spec.failCode ?? 'vision-failed',
      `WebCrypto is not available, so ${what} cannot be verified. Serve the page over https ` +
        '(or from localhost): browsers only offer crypto.subtle in secure contexts.',
    );
  }
  const verifyStarted = performance.now();
  const actual = toHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
  const verifyMs = performance.now() - verifyStarted;
  if (actual !== spec.sha256.toLowerCase()) {
    const type = response.headers.get('content-type') ?? '';
    // A SPA server answers unknown paths with its index page and status 200; that is a missing file,
    // not a tampered one, and the fix is the same as for a 404.
    if (/text\/html/i.test(type) || looksLikeHtml(bytes)) {
      throw new FaceVerifyError(
        'model-missing',
        `${spec.url} returned an HTML page (${bytes.length} bytes), not ${what}. ${FIX_HINT}`,
      );
    }
    throw new FaceVerifyError(
      'model-integrity',
      `${capitalise(what)} at ${spec.url} (${bytes.length} bytes) has SHA-256 ${actual}, but ` +
        `${spec.name ?? 'the pinned file'} must have ${spec.sha256}. It was refused. Replace it with the ` +
        `official file. ${FIX_HINT}`,
    );
  }
  return { bytes, fetchMs, verifyMs };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}
