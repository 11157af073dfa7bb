/**
 * The delivery loop against a scripted backend (each attempt's outcome given in advance) and a
 * connectivity the test switches: retries until acknowledged, waits for the network, stops for good
 * on a refusal or past the deadline, and never outlives a Cancel.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deliver, type Connectivity, type DeliveryStatus } from '../../../src/transport/delivery.js';
import { UploadFailedError, UploadRejectedError } from '../../../src/transport/upload.js';
import type { SubmissionReceipt } from '../../../src/shared/wire.js';

const receipt = { receiptId: 'sub-1' } as SubmissionReceipt;
const fast = { baseMs: 20, capMs: 80 };

function switchable(initially = true): Connectivity & { set(online: boolean): void } {
  let online = initially;
  const listeners = new Set<() => void>();
  return {
    online: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(value) {
      online = value;
      for (const l of [...listeners]) l();
    },
  };
}

/** Attempts that fail with `outcomes` in turn ('fail', 'reject' or a Retry-After in ms), then succeed. */
function backend(outcomes: (string | number)[]) {
  const calls: number[] = [];
  return {
    calls,
    attempt: async (): Promise<SubmissionReceipt> => {
      calls.push(Date.now());
      const next = outcomes.shift();
      if (next === undefined) return receipt;
      if (next === 'reject') throw new UploadRejectedError(422, 'liveness-failed', 'no');
      throw new UploadFailedError('HTTP 503', typeof next === 'number' ? { retryAfterMs: next } : {});
    },
  };
}

describe('deliver', () => {
  test('retries network failures with the backoff until acknowledged, reporting each wait', async () => {
    const server = backend(['fail', 'fail', 'fail']);
    const statuses: DeliveryStatus[] = [];
    const d = deliver({ attempt: server.attempt, expiresAt: Date.now() + 60_000, signal: new AbortController().signal, onStatus: (s) => statuses.push(s), connectivity: switchable(), policy: fast, random: () => 0 });
    assert.equal(await d.receipt, receipt);
    assert.equal(server.calls.length, 4);
    assert.deepEqual(statuses.map((s) => `${s.state}:${s.failures}`), ['sending:0', 'waiting:1', 'sending:1', 'waiting:2', 'sending:2', 'waiting:3', 'sending:3']);
    // random 0: half of 20, 40, 80 ms.
    const gaps = server.calls.slice(1).map((t, i) => t - server.calls[i]!);
    assert.ok(gaps[0]! >= 9 && gaps[1]! >= 19 && gaps[2]! >= 39, `gaps ${gaps.join(', ')} ms`);
  });

  test("waits at least the server's Retry-After", async () => {
    const server = backend([150]);
    const d = deliver({ attempt: server.attempt, expiresAt: Date.now() + 60_000, signal: new AbortController().signal, onStatus: () => {}, connectivity: switchable(), policy: fast, random: () => 0 });
    await d.receipt;
    assert.ok(server.calls[1]! - server.calls[0]! >= 145, `waited ${server.calls[1]! - server.calls[0]!} ms`);
  });

  test('offline: no attempt until the device is back online, then one at once', async () => {
    const net = switchable(false);
    const server = backend([]);
    const statuses: string[] = [];
    const d = deliver({ attempt: server.attempt, expiresAt: Date.now() + 60_000, signal: new AbortController().signal, onStatus: (s) => statuses.push(s.state), connectivity: net, policy: { baseMs: 20, capMs: 5_000 } });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.calls.length, 0, 'no attempt while offline');
    assert.deepEqual(statuses, ['offline']);
    const back = Date.now();
    net.set(true);
    await d.receipt;
    assert.ok(server.calls[0]! - back < 50, 'the attempt follows the online event');
  });

  test('a nudge ("Try now") ends the wait at once', async () => {
    const server = backend(['fail']);
    let nudge = (): void => {};
    const d = deliver({
      attempt: server.attempt, expiresAt: Date.now() + 60_000, signal: new AbortController().signal, connectivity: switchable(),
      policy: { baseMs: 10_000, capMs: 10_000 },
      onStatus: (s) => s.state === 'waiting' && setTimeout(() => nudge(), 10),
    });
    nudge = d.nudge;
    await d.receipt;
    assert.ok(server.calls[1]! - server.calls[0]! < 1000, 'did not wait the 5–10 s backoff');
  });

  test('a refusal is final: no further attempt, the refusal itself is thrown', async () => {
    const server = backend(['fail', 'reject']);
    const d = deliver({ attempt: server.attempt, expiresAt: Date.now() + 60_000, signal: new AbortController().signal, onStatus: () => {}, connectivity: switchable(), policy: fast });
    await assert.rejects(d.receipt, (e: unknown) => e instanceof UploadRejectedError && e.serverCode === 'liveness-failed');
    assert.equal(server.calls.length, 2);
  });

  test('past expiresAt it stops with challenge-expired instead of trying again', async () => {
    const server = backend(['fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
    const d = deliver({ attempt: server.attempt, expiresAt: Date.now() + 100, signal: new AbortController().signal, onStatus: () => {}, connectivity: switchable(), policy: { baseMs: 60, capMs: 60 } });
    await assert.rejects(d.receipt, (e: Error & { code?: string }) => e.code === 'challenge-expired' && /removed/.test(e.message));
    assert.ok(server.calls.length <= 3, `${server.calls.length} attempts in 100 ms`);
  });

  test('an abort during a wait ends it with the abort reason, and no attempt follows', async () => {
    const server = backend(['fail']);
    const controller = new AbortController();
    const d = deliver({ attempt: server.attempt, expiresAt: Date.now() + 60_000, signal: controller.signal, connectivity: switchable(), policy: { baseMs: 200, capMs: 200 }, onStatus: (s) => s.state === 'waiting' && controller.abort(new Error('cancelled by the person')) });
    await assert.rejects(d.receipt, /cancelled by the person/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.calls.length, 1);
  });
});
