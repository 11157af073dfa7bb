/**
 * When to try an upload again. Pure, so every schedule is tested in Node.
 *
 * Exponential backoff with "equal jitter" (half the delay fixed, half random): the fixed half keeps a
 * fleet of phones that lost the same cell tower from hammering the backend the moment it returns; the
 * random half spreads them out. A server's `Retry-After` is a floor, never shortened by the jitter.
 */

export interface RetryPolicy {
  /** The delay before the second attempt, ms (before jitter). */
  baseMs: number;
  /** No delay grows past this, ms (before jitter). */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ baseMs: 1_000, capMs: 30_000 });

/**
 * @param failures - attempts that have failed so far (1 after the first failure).
 * @param random - a number in [0, 1) (Math.random in the browser; fixed in tests).
 * @param retryAfterMs - the server's `Retry-After`, when it sent one.
 * @returns ms to wait before the next attempt.
 */
export function retryDelayMs(failures: number, random: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, retryAfterMs?: number): number {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`failures: must be an integer ≥ 1, got ${failures}`);
  if (!(random >= 0 && random < 1)) throw new RangeError(`random: must be in [0, 1), got ${random}`);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (failures - 1));
  const jittered = ceiling / 2 + (ceiling / 2) * random;
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/**
 * A `Retry-After` header in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when
 * absent or unreadable. Capped at 10 minutes: a misconfigured proxy must not park a person for hours.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), 600_000);
}
