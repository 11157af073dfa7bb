import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAbortError, RunScope } from '../../../src/flow/run-scope.js';

const later = <T>(value: T, ms = 10): Promise<T> => new Promise((r) => setTimeout(() => r(value), ms));

describe('run scope (the one abort discipline)', () => {
  test('a new run aborts the previous one, whose late result is disposed, never returned', async () => {
    const scope = new RunScope();
    const first = scope.start();
    const disposed: string[] = [];
    const pending = first.settle(later('worker-1'), (v) => disposed.push(v));
    const second = scope.start();
    await assert.rejects(pending, isAbortError);
    assert.deepEqual(disposed, ['worker-1']);
    assert.equal(first.live, false);
    assert.equal(second.live, true);
    assert.equal(await second.settle(later('worker-2')), 'worker-2');
  });

  test('abort() ends the current run; a rejection after the abort is reported as the abort', async () => {
    const scope = new RunScope();
    const run = scope.start();
    const pending = run.settle(new Promise((_, reject) => setTimeout(() => reject(new Error('late failure')), 10)));
    scope.abort();
    await assert.rejects(pending, isAbortError);
  });

  test('run() reports failures of a live run and swallows those of an aborted one', async () => {
    const scope = new RunScope();
    const errors: unknown[] = [];
    await scope.run(async () => {
      throw new Error('camera-denied');
    }, (e) => errors.push(e));
    assert.equal((errors[0] as Error).message, 'camera-denied');

    const superseded = scope.run(async (run) => {
      await run.settle(later(null, 20));
      throw new Error('must not be reported');
    }, (e) => errors.push(e));
    scope.start();
    await superseded;
    assert.equal(errors.length, 1);
  });
});
