/**
 * How the rate limits of `rateLimits` apply to one server's calls: a client's sessions are counted
 * as they are started; a client's and a session's *refused* submissions are counted as they are
 * refused, so accepted ones (and identical retries of them) never lock anyone out. The session is
 * the one of the challenge this server signed, never an unchecked claim, so nobody can spend
 * another person's session's attempts.
 */
import { isFaceVerifyError, type ServerErrorCode } from '../shared/errors.js';
import { fail, failRateLimited } from './fail.js';
import type { RateLimiter } from './rate-limit.js';
import type { RateLimiters } from './rate-limit-options.js';
import type { Check, Verification } from './verification.js';

/** Longest client key accepted: an IPv6 address with a zone, or a host's own id, fits many times. */
const MAX_CLIENT_KEY_CHARS = 256;

/**
 * Refusals that say nothing about the client: the host's own mistakes, the server's state, and the
 * limit itself (counting it would keep a waiting client locked out for ever).
 */
const NOT_COUNTED: readonly ServerErrorCode[] = ['rate-limited', 'invalid-argument', 'server-closed', 'storage-failed'];

/**
 * Checks the host's client key.
 * @throws FaceVerifyError `invalid-argument` unless it is absent or a string of 1…256 characters.
 */
export function clientKeyOf(method: string, options: unknown): string | undefined {
  const client = typeof options === 'object' && options !== null ? (options as { client?: unknown }).client : undefined;
  if (client === undefined) return undefined;
  if (typeof client !== 'string' || client === '' || client.length > MAX_CLIENT_KEY_CHARS) {
    fail('invalid-argument', `${method}: \`client\` must be a string of 1 to ${MAX_CLIENT_KEY_CHARS} characters that names the client (e.g. its IP address), or omitted`);
  }
  return client;
}

/** Counts a session start of `client`. @throws FaceVerifyError `rate-limited` when it has started too many. */
export function takeSession(limits: RateLimiters, client: string | undefined, nowMs: number): void {
  refuseIfLimited(limits.sessionsPerClient, client, nowMs, true, 'createSession: this client started too many sessions');
}

/** @throws FaceVerifyError `rate-limited` when `client` has had too many refused submissions. */
export function checkClientFailures(limits: RateLimiters, client: string | undefined, nowMs: number): void {
  refuseIfLimited(limits.failuresPerClient, client, nowMs, false, 'submission: this client sent too many refused submissions');
}

/**
 * Counts `error` against the client and the (verified) session of `v` when it is a refusal the
 * client caused. A lookup that finds nothing is the widget asking what is stored, not a failure.
 */
export function countRefusal(limits: RateLimiters, client: string | undefined, v: Verification | undefined, error: unknown, nowMs: number): void {
  if (!isFaceVerifyError(error) || (NOT_COUNTED as readonly string[]).includes(error.code)) return;
  if (v?.lookup && error.code === 'receipt-unknown') return;
  if (client !== undefined) limits.failuresPerClient?.record(client, nowMs);
  if (v?.challenge) limits.failuresPerSession?.record(v.challenge.sid, nowMs);
}

export const sessionRate: Check = {
  id: 'session-rate',
  phase: 'attestation',
  summary: "the challenge's session has had fewer than `rateLimits.failuresPerSession` refused submissions in its window (default 5 in 180 s); with a client key, so has the client (`failuresPerClient`, checked before the body is read)",
  codes: ['rate-limited'],
  run(v) {
    refuseIfLimited(v.o.rateLimits.failuresPerSession, v.challenge!.sid, v.nowMs, false, 'submission: this session has had too many refused submissions');
  },
};

function refuseIfLimited(limiter: RateLimiter | null, key: string | undefined, nowMs: number, take: boolean, what: string): void {
  if (!limiter || key === undefined) return;
  const wait = take ? limiter.take(key, nowMs) : limiter.retryAfter(key, nowMs);
  if (wait > 0) failRateLimited(what, wait);
}
