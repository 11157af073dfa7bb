/**
 * Framework-agnostic HTTP helpers for the host's endpoints: read an upload (multipart/form-data,
 * streamed, the attestation checked before the sealed part is read), read a small JSON body, and
 * turn any error into a status and an `ErrorResponse` body. They take a `node:http` request (or
 * Express/Fastify's, which are the same object) or a fetch `Request`.
 */
import busboy from 'busboy';
import { isFaceVerifyError, SERVER_ERROR_CODES, type ServerErrorCode } from '../shared/errors.js';
import { isBytes } from '../shared/guards.js';
import { IDEMPOTENCY_HEADER, LOOKUP_HEADER, UPLOAD_PARTS, type ErrorResponse } from '../shared/wire.js';
import { MAX_ATTESTATION_CHARS } from './attestation.js';
import { fail, serverError, shortJson } from './fail.js';

/** Request headers: Node's `req.headers` (lower-case keys) or a fetch `Headers` object. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** What the helpers need of a request: `node:http`'s IncomingMessage and fetch's Request both fit. */
export interface RequestLike {
  method?: string | undefined;
  headers: HeaderSource;
  /** A fetch Request's body; absent on a node request, which is itself the body stream. */
  body?: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null;
}

/** An upload, read. */
export interface SubmissionParts {
  attestation: string;
  sealed: Uint8Array;
  /** The `idempotency-key` header, when sent. */
  idempotencyKey?: string;
  /** True for `face-verify-lookup: 1`: answer only with an already stored submission's receipt. */
  lookup?: boolean;
}

/** HTTP status for each server error code. */
export const HTTP_STATUS: Readonly<Record<ServerErrorCode, number>> = {
  'invalid-argument': 400,
  'server-closed': 503,
  'method-not-allowed': 405,
  'unsupported-media-type': 415,
  'request-too-large': 413,
  'request-malformed': 400,
  'token-malformed': 400,
  'alg-not-allowed': 400,
  'signature-invalid': 401,
  'session-invalid': 401,
  'session-expired': 410,
  'challenge-invalid': 401,
  'challenge-expired': 410,
  'liveness-failed': 422,
  'duplicate-found': 409,
  'key-binding-mismatch': 401,
  'claims-mismatch': 422,
  'capture-late': 422,
  'timing-implausible': 422,
  'idempotency-conflict': 409,
  'nonce-replayed': 409,
  'session-used': 409,
  'consent-invalid': 422,
  'blob-too-large': 413,
  'blob-hash-mismatch': 422,
  'key-unknown': 422,
  'key-mismatch': 422,
  'seal-open-failed': 422,
  'container-invalid': 422,
  'evidence-invalid': 422,
  'trace-invalid': 422,
  'payload-invalid': 422,
  'receipt-unknown': 410,
  'erasure-token-invalid': 401,
  'storage-failed': 500,
  'rate-limited': 429,
};

/** Code in the body of a 500 answer for errors that are not face-verify's own. */
export const INTERNAL_ERROR_CODE = 'internal-error';

/** Room for the multipart boundaries and part headers around the two parts. */
const MULTIPART_OVERHEAD_BYTES = 4096;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads an upload: checks the method (POST), the content type (multipart/form-data) and the
 * declared `content-length` before reading anything, then streams the body with a cap, taking the
 * `attestation` part first and awaiting `onAttestation` before reading any further, so a bad
 * attestation is refused before the sealed part comes off the network.
 * @param options.maxSealedBytes - the cap on the sealed part (the server's `maxSealedBytes`).
 * @param options.onAttestation - the attestation-phase checks; throwing stops the read.
 * @throws FaceVerifyError `method-not-allowed`, `unsupported-media-type`, `request-too-large`,
 *   `blob-too-large`, `request-malformed`, or whatever `onAttestation` throws.
 */
export async function readSubmission(
  request: RequestLike,
  options: { maxSealedBytes: number; onAttestation?: (attestation: string, idempotencyKey: string | undefined, lookup: boolean) => Promise<void> },
): Promise<SubmissionParts> {
  checkMethod(request, 'POST');
  const contentType = header(request.headers, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType)) {
    fail('unsupported-media-type', `request: content-type must be multipart/form-data with a boundary (RFC 7578), got ${shortJson(contentType.split(';')[0])}`);
  }
  const maxBytes = options.maxSealedBytes + MAX_ATTESTATION_CHARS + MULTIPART_OVERHEAD_BYTES;
  checkContentLength(request.headers, maxBytes);
  const idempotencyKey = header(request.headers, IDEMPOTENCY_HEADER);
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    fail('request-malformed', `request header ${IDEMPOTENCY_HEADER}: must be 1–64 base64url characters (the attestation's jti)`);
  }
  const lookupHeader = header(request.headers, LOOKUP_HEADER);
  if (lookupHeader !== undefined && lookupHeader !== '1') fail('request-malformed', `request header ${LOOKUP_HEADER}: must be 1 when sent`);
  const lookup = lookupHeader === '1';

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { fields: 2, files: 2, parts: 3, fieldSize: MAX_ATTESTATION_CHARS, fileSize: options.maxSealedBytes, fieldNameSize: 32, headerPairs: 8 },
    });
  } catch (error) {
    fail('unsupported-media-type', 'request: the multipart content-type could not be parsed (boundary?)', error);
  }
  let attestation: string | undefined;
  let sealed: Uint8Array | undefined;
  let failure: unknown;
  let gate: Promise<void> = Promise.resolve();
  const stop = (error: unknown): void => {
    failure ??= error;
  };
  const malformed = (why: string): void => stop(serverError('request-malformed', `request: ${why}; send exactly the parts ${UPLOAD_PARTS.join(', ')}, in that order`));
  parser.on('field', (name, value, info) => {
    if (name !== UPLOAD_PARTS[0] || attestation !== undefined) return malformed(`unexpected field ${shortJson(name)}`);
    if (info.valueTruncated) return stop(serverError('token-malformed', `attestation: longer than ${MAX_ATTESTATION_CHARS} characters; a valid one is far smaller`));
    attestation = value.trim();
    const check = options.onAttestation?.(attestation, idempotencyKey, lookup);
    if (check) gate = check.catch(stop);
  });
  const files: Promise<void>[] = [];
  parser.on('file', (name, stream) => {
    // A part cut short errors its stream; the parser's own 'error' already reports that.
    stream.on('error', () => undefined);
    if (name !== UPLOAD_PARTS[1] || attestation === undefined || sealed !== undefined) {
      stream.resume();
      return malformed(attestation === undefined ? 'the sealed part came before the attestation' : `unexpected file part ${shortJson(name)}`);
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => stop(serverError('blob-too-large', `sealed part: over this server's limit of ${options.maxSealedBytes} bytes`)));
    files.push(new Promise((resolve) => {
      stream.on('end', () => {
        sealed = new Uint8Array(Buffer.concat(chunks));
        resolve();
      });
      stream.on('error', () => resolve());
    }));
  });
  for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(limit, () => malformed('too many parts'));
  const finished = new Promise<void>((resolve) => {
    parser.on('error', (error) => {
      stop(serverError('request-malformed', `request: the multipart body is malformed (${(error as Error).message})`, error));
      resolve();
    });
    parser.on('close', () => resolve());
  });

  let size = 0;
  for await (const chunk of bodyOf(request)) {
    if (!isBytes(chunk)) fail('invalid-argument', 'readSubmission: the request body must yield bytes; do not call setEncoding() on the request or use a body parser on this route');
    size += chunk.length;
    if (size > maxBytes) stop(serverError('request-too-large', `request: the body is over ${maxBytes} bytes`));
    if (failure) break;
    if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    // Read no further until the attestation's checks have answered.
    await gate;
    if (failure) break;
  }
  if (!failure) {
    parser.end();
    await finished;
    await Promise.all(files);
    await gate;
  } else {
    parser.destroy();
  }
  if (failure) throw failure;
  if (attestation === undefined || sealed === undefined) {
    malformed(attestation === undefined ? 'the attestation part is missing' : 'the sealed part is missing');
    throw failure;
  }
  return { attestation, sealed, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}), ...(lookup ? { lookup } : {}) };
}

/**
 * Reads a small JSON object body (the session and challenge endpoints): POST, `application/json`,
 * at most `maxBytes`.
 * @throws FaceVerifyError `method-not-allowed`, `unsupported-media-type`, `request-too-large`,
 *   `request-malformed`.
 */
export async function readJsonBody(request: RequestLike, maxBytes = 16 * 1024): Promise<Record<string, unknown>> {
  checkMethod(request, 'POST');
  const essence = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (essence !== 'application/json') fail('unsupported-media-type', `request: content-type must be application/json, got ${shortJson(essence || 'none')}`);
  checkContentLength(request.headers, maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyOf(request)) {
    if (!isBytes(chunk)) fail('invalid-argument', 'readJsonBody: the request body must yield bytes');
    size += chunk.length;
    if (size > maxBytes) fail('request-too-large', `request: the body is over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch (error) {
    fail('request-malformed', 'request: the body is not UTF-8 JSON', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('request-malformed', 'request: the body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Turns any error into an HTTP answer. A face-verify server error keeps its code and message (they
 * name what failed, never a secret); anything else becomes a 500 with a generic message, so database
 * errors, stack traces and file paths never reach the client. Log the original error yourself when
 * `status >= 500`. Send `headers` with the answer: a `rate-limited` refusal carries `retry-after`
 * (whole seconds, RFC 9110 §10.2.3) there.
 */
export function errorToResponse(error: unknown): { status: number; body: ErrorResponse; headers: Record<string, string> } {
  if (isFaceVerifyError(error) && (SERVER_ERROR_CODES as readonly string[]).includes(error.code)) {
    const code = error.code as ServerErrorCode;
    const retryAfter = error.retryAfterSeconds;
    return {
      status: HTTP_STATUS[code],
      body: { error: { code, message: error.message, ...(error.reasons ? { reasons: [...error.reasons] } : {}) } },
      headers: code === 'rate-limited' && retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {},
    };
  }
  return {
    status: 500,
    body: { error: { code: INTERNAL_ERROR_CODE, message: 'The server failed to handle this request. Try again later.' } },
    headers: {},
  };
}

function checkMethod(request: RequestLike, method: string): void {
  if ((request.method ?? '').toUpperCase() !== method) {
    fail('method-not-allowed', `request: this endpoint takes ${method}, got ${shortJson(request.method ?? 'none')}`);
  }
}

function checkContentLength(headers: HeaderSource, maxBytes: number): void {
  const declared = header(headers, 'content-length');
  if (declared === undefined) return; // chunked: the stream is capped instead
  if (!/^\d{1,15}$/.test(declared)) fail('request-malformed', 'request: content-length must be a whole number');
  if (Number(declared) > maxBytes) fail('request-too-large', `request: content-length ${declared} is over this endpoint's limit of ${maxBytes} bytes`);
}

function bodyOf(request: RequestLike): AsyncIterable<unknown> {
  if ('body' in request && request.body) return request.body as AsyncIterable<unknown>;
  if (Symbol.asyncIterator in request) return request as unknown as AsyncIterable<unknown>;
  fail('invalid-argument', 'readSubmission: pass a node:http request or a fetch Request with a body');
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
