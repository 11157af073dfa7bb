/**
 * Downloads the face landmarker model and refuses it unless its SHA-256 is the pinned one. Runs in
 * the worker (so the 3.8 MB body never touches the main thread) but uses only fetch and WebCrypto,
 * so it is tested in Node too.
 */
import { FaceVerifyError } from '../shared/errors.js';
import { toHex } from '../shared/bytes.js';
import { errorMessage } from '../shared/guards.js';
import { FACE_LANDMARKER_MODEL } from '../shared/version.js';

/** What to fetch and what it must hash to. */
export interface ModelSpec {
  url: string;
  sha256: string;
}

const FIX_HINT =
  'Set the `assets-base` attribute (or `assetsBase` option) to the folder that holds ' +
  `models/${FACE_LANDMARKER_MODEL.file} and mediapipe/, or run \`npm run model\` and rebuild so the ` +
  'build copies the model there.';

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
  const started = performance.now();
  let response: Response;
  try {
    response = await fetchImpl(spec.url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new FaceVerifyError(
      'model-missing',
      `Could not download the face model from ${spec.url} (${errorMessage(cause)}). ${FIX_HINT}`,
      { cause },
    );
  }
  if (!response.ok) {
    throw new FaceVerifyError(
      'model-missing',
      `Could not download the face model from ${spec.url} (HTTP ${response.status}). ${FIX_HINT}`,
    );
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new FaceVerifyError(
      'model-missing',
      `The download of the face model from ${spec.url} broke off (${errorMessage(cause)}). ${FIX_HINT}`,
      { cause },
    );
  }
  const fetchMs = performance.now() - started;

  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new FaceVerifyError(
      'vision-failed',
      'WebCrypto is not available, so the face model cannot be verified. Serve the page over https ' +
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
        `${spec.url} returned an HTML page (${bytes.length} bytes), not the face model. ${FIX_HINT}`,
      );
    }
    throw new FaceVerifyError(
      'model-integrity',
      `The face model at ${spec.url} (${bytes.length} bytes) has SHA-256 ${actual}, but ` +
        `${FACE_LANDMARKER_MODEL.name} must have ${spec.sha256}. It was refused. Replace it with the ` +
        'official file (`npm run model` puts a verified copy in .cache/models/).',
    );
  }
  return { bytes, fetchMs, verifyMs };
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}
