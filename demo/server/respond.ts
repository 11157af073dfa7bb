/** Writing responses: JSON and bytes, compressed when the type and the request allow it. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { compress, isCompressible, MIN_COMPRESS_BYTES, negotiateEncoding, type ContentEncoding } from './compression.js';

export interface BytesOptions {
  headers?: OutgoingHttpHeaders;
  /** Supplies a cached compressed copy (static files); default: compress now. */
  compressed?: (encoding: ContentEncoding) => Promise<Buffer>;
}

/** Sends `body` as `contentType`; text-like types are br/gzip-encoded when Accept-Encoding allows. */
export async function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Uint8Array,
  options: BytesOptions = {},
): Promise<void> {
  const headers: OutgoingHttpHeaders = { ...options.headers, 'content-type': contentType };
  let out: Uint8Array = body;
  if (isCompressible(contentType)) {
    headers['vary'] = 'Accept-Encoding';
    const encoding = body.length >= MIN_COMPRESS_BYTES ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
    if (encoding) {
      out = await (options.compressed ?? ((e) => compress(body, e)))(encoding);
      headers['content-encoding'] = encoding;
    }
  }
  headers['content-length'] = out.length;
  res.writeHead(status, headers);
  res.end(out);
}

/** Sends a JSON body, never cached. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown, headers: OutgoingHttpHeaders = {}): Promise<void> {
  return sendBytes(req, res, status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(value), 'utf8'), {
    headers: { 'cache-control': 'no-store', ...headers },
  });
}

/** A 303 to `location` (after a form post). */
export function redirect(res: ServerResponse, location: string, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(303, { ...headers, location, 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
}
