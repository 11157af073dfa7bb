/** Reads a small application/x-www-form-urlencoded body (the operator sign-in form), checks first. */
import type { IncomingMessage } from 'node:http';
import { DemoError } from './demo-error.js';

export function contentTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * @throws DemoError 415 for another content type, 413 over `maxBytes` (declared or streamed), 400
 *   for a body that is not UTF-8.
 */
export async function readFormBody(req: IncomingMessage, maxBytes: number): Promise<URLSearchParams> {
  if (contentTypeOf(req) !== 'application/x-www-form-urlencoded') {
    throw new DemoError(415, 'unsupported-media-type', 'Send the form as application/x-www-form-urlencoded or JSON.');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new DemoError(413, 'request-too-large', `The body is over ${maxBytes} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new DemoError(413, 'request-too-large', `The body is over ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new DemoError(400, 'request-malformed', 'The form body is not UTF-8.');
  }
  return new URLSearchParams(text);
}
