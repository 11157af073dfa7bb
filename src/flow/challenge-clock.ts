import { fromBase64Url } from '../shared/bytes.js';
import { isRecord } from '../shared/guards.js';
import type { ChallengeClaims } from '../shared/wire.js';

/**
 * Reads a challenge token's claims without verifying it: the widget cannot verify the server's
 * signature (it has no reason to hold the server's key) and does not need to; the server verifies
 * everything on submission. The widget needs the windows, the clip length and the operator key.
 * @throws TypeError naming the claims that are missing or of the wrong type.
 */
export function readChallengeClaims(token: string): ChallengeClaims {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new TypeError('readChallengeClaims: `token` must be a compact JWT (three dot-separated parts)');
  const claims: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[1]!)));
  if (!isRecord(claims)) throw new TypeError('readChallengeClaims: the payload is not a JSON object');
  const wrong = [
    ...(['sid', 'nonce', 'mode'] as const).filter((k) => typeof claims[k] !== 'string'),
    ...(['iat', 'captureBy', 'exp', 'clipMs'] as const).filter((k) => typeof claims[k] !== 'number' || !Number.isFinite(claims[k])),
    ...(isRecord(claims['opk']) && typeof claims['opk']['x'] === 'string' && typeof claims['opk']['kid'] === 'string' ? [] : ['opk']),
    ...(isRecord(claims['liveness']) ? [] : ['liveness']),
  ];
  if (wrong.length) throw new TypeError(`readChallengeClaims: the challenge lacks or mistypes ${wrong.join(', ')}`);
  const c = claims as unknown as ChallengeClaims;
  if (!(c.iat <= c.captureBy && c.captureBy <= c.exp) || c.clipMs <= 0) {
    throw new TypeError('readChallengeClaims: the challenge windows must satisfy iat ≤ captureBy ≤ exp and clipMs > 0');
  }
  return c;
}

/**
 * A challenge's two windows on the widget's own monotonic clock, counted from the moment the
 * challenge arrived, so a device whose wall clock is wrong by hours still keeps the server's time:
 * recording must start within (captureBy − iat) s, the submission must arrive within (exp − iat) s.
 */
export class ChallengeClock {
  readonly captureWindowMs: number;
  readonly submitWindowMs: number;
  /** `performance.now()` when the challenge arrived. */
  readonly receivedAt: number;

  constructor(claims: Pick<ChallengeClaims, 'iat' | 'captureBy' | 'exp'>, receivedAt: number) {
    this.captureWindowMs = Math.max(0, (claims.captureBy - claims.iat) * 1000);
    this.submitWindowMs = Math.max(0, (claims.exp - claims.iat) * 1000);
    this.receivedAt = receivedAt;
  }

  /** Monotonic ms from receiving the challenge to `now` (`capture.startedAfterMs` when `now` is the recorder's start). */
  elapsedMs(now: number): number {
    return Math.max(0, Math.round(now - this.receivedAt));
  }

  /** Ms left at `now` for recording to start. */
  captureRemainingMs(now: number): number {
    return this.captureWindowMs - (now - this.receivedAt);
  }

  /** Ms left at `now` for the submission to arrive. */
  submitRemainingMs(now: number): number {
    return this.submitWindowMs - (now - this.receivedAt);
  }
}
