/**
 * Binds a signup to the browser that ran the face check, without storing anything per page view:
 * when the session endpoint answers, the browser gets an HttpOnly cookie carrying the face-verify
 * `sessionId`, HMAC-signed with the demo's secret. The signup then accepts only a receipt whose
 * `sessionId` is that cookie's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie, setCookie, signValue, verifySignedValue } from './cookies.js';

export const SESSION_COOKIE = 'mm_fv_session';
const PURPOSE = 'makers-market/face-verify-session';

export class SessionBinding {
  constructor(private readonly secret: Uint8Array) {}

  /** Sets the cookie for a session just issued (a browser-session cookie; a new page load replaces it). */
  issue(res: ServerResponse, sessionId: string): void {
    setCookie(res, SESSION_COOKIE, signValue(this.secret, PURPOSE, sessionId));
  }

  /** The session id of the request's cookie when its signature checks, else undefined. */
  read(req: IncomingMessage): string | undefined {
    return verifySignedValue(this.secret, PURPOSE, readCookie(req, SESSION_COOKIE));
  }
}
