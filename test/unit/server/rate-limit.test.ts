/** The sliding-window limiter on a clock the test drives: refusals, their Retry-After, expiry, the memory bound. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RateLimiter } from '../../../src/server/rate-limit.js';

const T0 = Date.parse('2026-06-01T10:00:00Z');

describe('RateLimiter', () => {
  test('allows max events in the window, then refuses with the seconds until the oldest leaves it', () => {
    const limiter = new RateLimiter({ max: 5, windowSeconds: 180 }, 100);
    for (let i = 0; i < 5; i++) {
      assert.equal(limiter.retryAfter('ip', T0 + i * 10_000), 0, `event ${i + 1} is allowed`);
      limiter.record('ip', T0 + i * 10_000);
    }
    // The oldest event (T0) leaves the window at T0 + 180 s; asked at T0 + 45.5 s that is 134.5 s away.
    assert.equal(limiter.retryAfter('ip', T0 + 45_500), 135);
    assert.equal(limiter.retryAfter('other-ip', T0 + 45_500), 0, 'another key is not affected');
  });

  test('once the window has passed the oldest event, the key is allowed again', () => {
    const limiter = new RateLimiter({ max: 2, windowSeconds: 60 }, 100);
    limiter.record('k', T0);
    limiter.record('k', T0 + 30_000);
    assert.equal(limiter.retryAfter('k', T0 + 59_999), 1, 'refused, and never with 0 s, until the window passes');
    assert.equal(limiter.retryAfter('k', T0 + 60_000), 0, 'the first event left the window');
    limiter.record('k', T0 + 60_000);
    assert.equal(limiter.retryAfter('k', T0 + 60_001), 30, 'the second event now decides');
  });

  test('take() counts allowed requests only, so a client that waits is let in again', () => {
    const limiter = new RateLimiter({ max: 3, windowSeconds: 10 }, 100);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => limiter.take('k', T0 + i)), [0, 0, 0, 10, 10]);
    assert.equal(limiter.take('k', T0 + 10_000), 0, 'the refused takes did not extend the window');
  });

  test('never tracks more than maxKeys keys: the stalest is forgotten first', () => {
    const limiter = new RateLimiter({ max: 1, windowSeconds: 3600 }, 100);
    for (let i = 0; i < 1000; i++) {
      limiter.record(`ip-${i}`, T0 + i);
      assert.ok(limiter.size <= 100, `size ${limiter.size} after ${i + 1} keys`);
    }
    assert.equal(limiter.size, 100);
    assert.equal(limiter.retryAfter('ip-999', T0 + 1000) > 0, true, 'the newest keys are kept');
    assert.equal(limiter.retryAfter('ip-0', T0 + 1000), 0, 'the stalest were forgotten');
  });

  test('a key that records again is no longer the stalest, so eviction spares it', () => {
    const limiter = new RateLimiter({ max: 5, windowSeconds: 3600 }, 100);
    limiter.record('busy', T0);
    for (let i = 0; i < 99; i++) limiter.record(`ip-${i}`, T0 + 1 + i);
    limiter.record('busy', T0 + 200);
    limiter.record('newcomer', T0 + 201);
    assert.equal(limiter.size, 100);
    assert.equal(limiter.retryAfter('ip-0', T0 + 300), 0, 'ip-0 was the stalest and went');
    limiter.record('busy', T0 + 300);
    limiter.record('busy', T0 + 301);
    limiter.record('busy', T0 + 302);
    assert.ok(limiter.retryAfter('busy', T0 + 400) > 0, 'busy kept all five events');
  });

  test('keys whose events all left the window are dropped, so idle clients cost no memory', () => {
    const limiter = new RateLimiter({ max: 5, windowSeconds: 60 }, 1000);
    for (let i = 0; i < 500; i++) limiter.record(`ip-${i}`, T0);
    assert.equal(limiter.size, 500);
    limiter.record('late', T0 + 61_000);
    assert.equal(limiter.size, 1);
  });

  test('keeps at most max event times per key, however many are recorded', () => {
    const limiter = new RateLimiter({ max: 3, windowSeconds: 60 }, 100);
    for (let i = 0; i < 10_000; i++) limiter.record('k', T0 + i);
    // Only the last three matter: the oldest of them, at T0 + 9997 ms, leaves the window at T0 + 69.997 s.
    assert.equal(limiter.retryAfter('k', T0 + 10_000), 60);
    assert.equal(limiter.retryAfter('k', T0 + 69_997), 0);
  });

  test('bad limits are refused naming the argument', () => {
    assert.throws(() => new RateLimiter({ max: 0, windowSeconds: 1 }, 1), /limit\.max/);
    assert.throws(() => new RateLimiter({ max: 1, windowSeconds: 0 }, 1), /limit\.windowSeconds/);
    assert.throws(() => new RateLimiter({ max: 1, windowSeconds: 1 }, 0), /maxKeys/);
  });
});
