/**
 * Framework-agnostic HTTP helpers for the host's endpoints: read a submission request, read a body
 * with a size cap, and turn any error into a status and an `ErrorResponse` body. They work with
 * `node:http`, Express, Fastify or fetch-style `Request`/`Headers`.
 */
import { isFaceVerifyError, SERVER_ERROR_CODES, type ServerErrorCode } from '../shared/errors.js';
import { ATTESTATION_HEADER, SEALED_MEDIA_TYPE, type ErrorResponse } from '../shared/wire.js';
import { fail, isBytes } from './fail.js';
import { DEFAULT_MAX_SEALED_BYTES } from './options.js';

/** Request headers: Node's `req.headers` (lower-case keys) or a fetch `Headers` object. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** HTTP status for each server error code. */
export const HTTP_STATUS: Readonly<Record<ServerErrorCode, number>> = {
  'invalid-argument': 400,
  'token-malformed': 400,
  'alg-not-allowed': 400,
  'signature-invalid': 401,
  'challenge-invalid': 401,
  'challenge-expired': 410,
  'key-binding-mismatch': 401,
  'claims-mismatch': 422,
  'nonce-replayed': 409,
  'session-unknown': 410,
  'blob-hash-mismatch': 422,
  'blob-too-large': 413,
  'seal-open-failed': 422,
  'payload-invalid': 422,
  'trace-invalid': 422,
  'consent-invalid': 422,
  'key-unknown': 422,
  'receipt-unknown': 410,
  'erasure-token-invalid': 401,
  'storage-failed': 500,
};

/** Code in the body of a 500 answer for errors that are not face-verify's own. */
export const INTERNAL_ERROR_CODE = 'internal-error';

/**
 * Reads an upload request: the attestation from the `face-verify-attestation` header and the sealed
 * blob from the body.
 * @param headers - the request headers.
 * @param body - the whole request body (see {@link readBody}).
 * @throws FaceVerifyError `token-malformed` when the attestation header is missing or repeated;
 *   `invalid-argument` when the content type is not `application/vnd.face-verify.sealed` or the body
 *   is not bytes.
 */
export function readSubmission(headers: HeaderSource, body: Uint8Array): { attestation: string; sealed: Uint8Array } {
  const attestation = header(headers, ATTESTATION_HEADER);
  if (typeof attestation !== 'string' || attestation.trim() === '') {
    fail('token-malformed', `request: the ${ATTESTATION_HEADER} header must carry the attestation JWT exactly once`);
  }
  const contentType = header(headers, 'content-type');
  const essence = typeof contentType === 'string' ? contentType.split(';')[0]!.trim().toLowerCase() : undefined;
  if (essence !== SEALED_MEDIA_TYPE) {
    fail('invalid-argument', `request: content-type must be ${SEALED_MEDIA_TYPE}, got ${essence === undefined ? 'none' : JSON.stringify(essence.slice(0, 60))}`);
  }
  if (!isBytes(body)) {
    fail('invalid-argument', 'readSubmission: `body` must be the raw request body as a Uint8Array (disable JSON/text body parsers on this route)');
  }
  return { attestation: attestation.trim(), sealed: body };
}

/**
 * Reads a request body into one Uint8Array, stopping as soon as it passes `maxBytes`, so an oversized
 * upload is refused without being buffered.
 * @param stream - a `node:http` request, or any async iterable of byte chunks.
 * @param maxBytes - the cap; defaults to the server's default sealed-blob limit (16 MiB).
 * @throws FaceVerifyError `blob-too-large` past the cap; `invalid-argument` for non-byte chunks.
 */
export async function readBody(stream: AsyncIterable<unknown>, maxBytes = DEFAULT_MAX_SEALED_BYTES): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (!isBytes(chunk)) fail('invalid-argument', 'readBody: the stream must yield bytes; do not call setEncoding() on the request');
    size += chunk.length;
    if (size > maxBytes) fail('blob-too-large', `request: the body is over ${maxBytes} bytes; record a shorter or lower-bitrate clip`);
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Turns any error into an HTTP answer. A face-verify server error keeps its code and message (they
 * name what failed, never a secret); anything else becomes a 500 with a generic message, so database
 * errors, stack traces and file paths never reach the client. Log the original error yourself when
 * `status >= 500`.
 */
export function errorToResponse(error: unknown): { status: number; body: ErrorResponse } {
  if (isFaceVerifyError(error) && (SERVER_ERROR_CODES as readonly string[]).includes(error.code)) {
    const code = error.code as ServerErrorCode;
    return { status: HTTP_STATUS[code], body: { error: { code, message: error.message } } };
  }
  return {
    status: 500,
    body: { error: { code: INTERNAL_ERROR_CODE, message: 'The server failed to handle this request. Try again later.' } },
  };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}
