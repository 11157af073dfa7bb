/**
 * Who is asking for the operator API: a signed-in operator (session cookie) or a script with the
 * key in `Authorization: Bearer <key>`. A key in the query string is refused outright, also next to
 * valid credentials: URLs end up in logs, history and Referer headers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readCookie } from './cookies.js';
import { DemoError } from './demo-error.js';
import type { OperatorSessions } from './operator-sessions.js';

export const OPERATOR_COOKIE = 'mm_operator';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="operator"' };

/** Constant-time comparison of two secrets of any length (compares their SHA-256). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export interface OperatorAuth {
  sessions: OperatorSessions;
  operatorKey: string;
}

/**
 * @returns who: the operator session id, or "bearer".
 * @throws DemoError 401 `operator-key-in-url`, 401 `operator-unauthorized`.
 */
export function authenticateOperator(req: IncomingMessage, url: URL, auth: OperatorAuth): string {
  if (url.searchParams.has('key')) {
    throw new DemoError(401, 'operator-key-in-url',
      'Operator keys are not accepted in URLs. Sign in at /operator, or send "Authorization: Bearer <key>".', CHALLENGE);
  }
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (m && sameSecret(m[1]!, auth.operatorKey)) return 'bearer';
    throw new DemoError(401, 'operator-unauthorized', 'The operator key in the Authorization header is wrong.', CHALLENGE);
  }
  const session = auth.sessions.find(readCookie(req, OPERATOR_COOKIE));
  if (session) return session.id;
  throw new DemoError(401, 'operator-unauthorized', 'Sign in at /operator first (or send "Authorization: Bearer <key>").', CHALLENGE);
}
