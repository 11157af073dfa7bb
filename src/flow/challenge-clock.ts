import { fromBase64Url } from '../shared/bytes.js';
import type { ChallengeClaims } from '../shared/wire.js';

/**
 * Reads a challenge token's claims without verifying it: the widget cannot verify the server's
 * signature (it has no reason to hold the server's key) and does not need to; the server verifies
 * everything on submission. The widget only needs the lifetime and the operator key.
 * @throws TypeError when `token` is not a compact JWT with a JSON payload.
 */
export function readChallengeClaims(token: string): ChallengeClaims {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new TypeError('readChallengeClaims: `token` must be a compact JWT (three dot-separated parts)');
  const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[1]!))) as ChallengeClaims;
  if (typeof claims.sid !== 'string' || typeof claims.nonce !== 'string' || typeof claims.exp !== 'number' ||
      typeof claims.iat !== 'number' || typeof claims.opk?.x !== 'string' || typeof claims.opk?.kid !== 'string') {
    throw new TypeError('readChallengeClaims: the challenge lacks sid, nonce, iat, exp or opk');
  }
  return claims;
}

/**
 * Tracks how long a challenge has left using only the widget's own monotonic clock, so a device
 * whose wall clock is wrong by minutes still knows when the server will consider it expired.
 */
export class ChallengeClock {
  private readonly lifetimeMs: number;
  private readonly receivedAt: number;

  /** @param claims the challenge's claims; @param receivedAt `performance.now()` when it arrived. */
  constructor(claims: Pick<ChallengeClaims, 'iat' | 'exp'>, receivedAt: number) {
    this.lifetimeMs = Math.max(0, (claims.exp - claims.iat) * 1000);
    this.receivedAt = receivedAt;
  }

  /** Milliseconds left at monotonic time `now`, less a margin for the upload's own travel time. */
  remainingMs(now: number, marginMs = 5_000): number {
    return this.lifetimeMs - (now - this.receivedAt) - marginMs;
  }
}
