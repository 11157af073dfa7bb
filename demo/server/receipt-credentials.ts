/**
 * The receipt id and erasure token the person's erase page sends: from a JSON POST body only. A URL
 * query is written to access logs and proxies' logs, so one that names either is refused before the
 * body is read, even next to a valid body.
 */
import type { IncomingMessage } from 'node:http';
import { readJsonBody } from '../../src/server/index.js';
import { DemoError } from './demo-error.js';

/** `{ receipt, token }` is well under a kilobyte. */
const MAX_BODY = 4 * 1024;

/** Query members that would carry the link's secrets. */
const SECRET_PARAMS = ['receipt', 'token'] as const;

/**
 * @returns the `receipt` and `token` members of the JSON body, as strings ('' when missing, which
 *   face-verify refuses with a typed error).
 * @throws DemoError 400 `erasure-token-in-url` when the query names a receipt or token.
 */
export async function receiptCredentials(req: IncomingMessage, url: URL): Promise<{ receipt: string; token: string }> {
  if (SECRET_PARAMS.some((p) => url.searchParams.has(p))) {
    throw new DemoError(400, 'erasure-token-in-url',
      `${url.pathname} does not take the receipt or token in the URL (URLs are logged): send them in the POST body as JSON {"receipt": "…", "token": "…"}, as the page the erasure link opens does.`);
  }
  const body = await readJsonBody(req, MAX_BODY);
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return { receipt: text(body['receipt']), token: text(body['token']) };
}
