/**
 * A sliding-window rate limiter: at most `max` events per key in any `windowSeconds`, on a clock the
 * caller passes in (the server's `now`), so tests drive it exactly. It keeps the times of the last
 * `max` events of each key and at most `maxKeys` keys, so its memory is bounded whatever a client
 * sends: about `maxKeys × max × 8` bytes.
 */

/** At most `max` events in any `windowSeconds`. */
export interface WindowLimit {
  max: number;
  windowSeconds: number;
}

export class RateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  /**
   * Event times per key, oldest first. The Map's order is the order keys last recorded an event in
   * (re-inserted on each record), so its first key is always the stalest: expiry and eviction both
   * start there and stop at the first live key.
   */
  readonly #events = new Map<string, number[]>();

  /**
   * @param limit - `max` ≥ 1 events per `windowSeconds` > 0.
   * @param maxKeys - keys tracked at most; beyond it the stalest key is forgotten (≥ 1).
   */
  constructor(limit: WindowLimit, maxKeys: number) {
    if (!Number.isInteger(limit.max) || limit.max < 1) throw new RangeError('RateLimiter: `limit.max` must be a whole number ≥ 1');
    if (!(limit.windowSeconds > 0)) throw new RangeError('RateLimiter: `limit.windowSeconds` must be a number > 0');
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('RateLimiter: `maxKeys` must be a whole number ≥ 1');
    this.#max = limit.max;
    this.#windowMs = limit.windowSeconds * 1000;
    this.#maxKeys = maxKeys;
  }

  /** Keys tracked now. */
  get size(): number {
    return this.#events.size;
  }

  /**
   * Whole seconds until `key` may have another event (at least 1 when refused), or 0 when it may
   * now. Reads only: refusals are not events.
   */
  retryAfter(key: string, nowMs: number): number {
    const times = this.#live(key, nowMs);
    if (!times || times.length < this.#max) return 0;
    // The window slides: the next event is allowed once the oldest of the last `max` leaves it.
    return Math.max(1, Math.ceil((times[times.length - this.#max]! + this.#windowMs - nowMs) / 1000));
  }

  /** Counts an event of `key` at `nowMs`. */
  record(key: string, nowMs: number): void {
    this.#sweep(nowMs);
    const times = this.#live(key, nowMs) ?? [];
    times.push(nowMs);
    // Only the last `max` decide a refusal; older ones would only cost memory.
    if (times.length > this.#max) times.splice(0, times.length - this.#max);
    this.#events.delete(key);
    while (this.#events.size >= this.#maxKeys) this.#events.delete(this.#events.keys().next().value!);
    this.#events.set(key, times);
  }

  /** {@link retryAfter}, and when it is 0, {@link record}: one request of a plain request-rate limit. */
  take(key: string, nowMs: number): number {
    const wait = this.retryAfter(key, nowMs);
    if (wait === 0) this.record(key, nowMs);
    return wait;
  }

  /** The key's events still inside the window (dropping the rest), or undefined when none are. */
  #live(key: string, nowMs: number): number[] | undefined {
    const times = this.#events.get(key);
    if (!times) return undefined;
    const from = nowMs - this.#windowMs;
    let expired = 0;
    while (expired < times.length && times[expired]! <= from) expired++;
    if (expired === times.length) {
      this.#events.delete(key);
      return undefined;
    }
    if (expired) times.splice(0, expired);
    return times;
  }

  /** Forgets keys whose every event has left the window, stalest first, so idle keys cost nothing. */
  #sweep(nowMs: number): void {
    for (const [key, times] of this.#events) {
      if (times[times.length - 1]! > nowMs - this.#windowMs) return;
      this.#events.delete(key);
    }
  }
}
