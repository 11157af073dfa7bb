/**
 * Signed-in operators: a random token in an HttpOnly cookie, looked up here (in memory, so a
 * restart signs everyone out). Tokens are kept only as SHA-256 hashes; each session has a separate
 * public id for the audit log, so the log never holds a usable token.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Operator sessions last 8 hours from sign-in. */
export const OPERATOR_SESSION_MS = 8 * 60 * 60 * 1000;

export interface OperatorSession {
  /** Public id, written to the audit log. */
  id: string;
  expiresAt: number;
}

export class OperatorSessions {
  readonly #byHash = new Map<string, OperatorSession>();

  constructor(private readonly now: () => number = Date.now, private readonly ttlMs = OPERATOR_SESSION_MS) {}

  /** Starts a session. @returns the token to put in the cookie, and the session. */
  create(): { token: string; session: OperatorSession } {
    this.#sweep();
    const token = randomBytes(32).toString('base64url');
    const session = { id: `op-${randomBytes(6).toString('base64url')}`, expiresAt: this.now() + this.ttlMs };
    this.#byHash.set(hash(token), session);
    return { token, session };
  }

  /** The live session of `token`, or undefined (unknown or expired). */
  find(token: string | undefined): OperatorSession | undefined {
    if (!token) return undefined;
    const key = hash(token);
    const session = this.#byHash.get(key);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.#byHash.delete(key);
      return undefined;
    }
    return session;
  }

  revoke(token: string | undefined): void {
    if (token) this.#byHash.delete(hash(token));
  }

  #sweep(): void {
    const now = this.now();
    for (const [key, s] of this.#byHash) if (s.expiresAt <= now) this.#byHash.delete(key);
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
