/** The backoff schedule and Retry-After parsing: the numbers are worked out by hand here. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRetryAfter, retryDelayMs } from '../../../src/transport/retry-policy.js';

const policy = { baseMs: 1000, capMs: 30_000 };

describe('retryDelayMs', () => {
  test('doubles per failure between half and all of base·2^(failures−1): 500…1000, 1000…2000, 2000…4000 ms', () => {
    assert.deepEqual([1, 2, 3].map((f) => retryDelayMs(f, 0, policy)), [500, 1000, 2000]);
    assert.deepEqual([1, 2, 3].map((f) => retryDelayMs(f, 0.999999, policy)), [1000, 2000, 4000]);
  });

  test('never grows past the cap (30 s at most, 15 s at least once there)', () => {
    assert.equal(retryDelayMs(20, 0, policy), 15_000);
    assert.equal(retryDelayMs(20, 0.999999, policy), 30_000);
  });

  test("a server's Retry-After is a floor the jitter never shortens", () => {
    assert.equal(retryDelayMs(1, 0, policy, 7000), 7000);
    assert.equal(retryDelayMs(3, 0.5, policy, 100), 3000);
  });

  test('refuses a failure count below 1 and a random outside [0, 1), naming the argument', () => {
    assert.throws(() => retryDelayMs(0, 0.5, policy), /failures: must be an integer ≥ 1/);
    assert.throws(() => retryDelayMs(1, 1, policy), /random: must be in \[0, 1\)/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  test('reads delay-seconds and HTTP dates, absent or unreadable as undefined', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Fri, 04 Dec 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
  test('a date in the past is 0, and nothing is longer than 10 minutes', () => {
    assert.equal(parseRetryAfter('Fri, 04 Dec 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('86400', now), 600_000);
  });
});
