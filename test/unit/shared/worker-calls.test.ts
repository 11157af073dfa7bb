/** The worker-call bookkeeping on a fake worker: nothing may hang, the worker always ends. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awaitReady, CLOSE_GRACE_MS, WorkerCalls, type StartingWorker } from '../../../src/shared/worker-calls.js';

class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = 0;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated++;
  }
  reply(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}
const asWorker = (w: FakeWorker) => w as unknown as StartingWorker;
const closed = () => new DOMException('closed', 'AbortError');
const never = () => new Error('timeout');
const sendFailed = (cause: unknown) => new Error(`send: ${String(cause)}`);

test('a call settles with its own reply; a second reply for it and replies for unknown ids are dropped', async () => {
  const w = new FakeWorker();
  const calls = new WorkerCalls<string>(asWorker(w), closed);
  const a = calls.call(1000, never, (id) => w.postMessage({ id }), sendFailed);
  const b = calls.call(1000, never, (id) => w.postMessage({ id }), sendFailed);
  calls.resolve(2, 'second');
  calls.resolve(1, 'first');
  calls.resolve(1, 'late');
  calls.resolve(99, 'stray');
  assert.deepEqual(await Promise.all([a, b]), ['first', 'second']);
  assert.deepEqual(w.posted, [{ id: 1 }, { id: 2 }]);
});

test('a call without a reply rejects with the timeout error; one whose send throws rejects with the send error', async () => {
  const w = new FakeWorker();
  const calls = new WorkerCalls<string>(asWorker(w), closed);
  await assert.rejects(calls.call(10, never, () => {}, sendFailed), /timeout/);
  await assert.rejects(calls.call(1000, never, () => { throw new Error('detached'); }, sendFailed), /send: Error: detached/);
});

test('die() rejects what is pending and everything after with its error, and terminates once', async () => {
  const w = new FakeWorker();
  const calls = new WorkerCalls<string>(asWorker(w), closed);
  const pending = calls.call(1000, never, () => {}, sendFailed);
  calls.die(new Error('crashed'));
  calls.die(new Error('again'));
  await assert.rejects(pending, /crashed/);
  await assert.rejects(calls.call(1000, never, () => assert.fail('nothing is sent to a dead worker'), sendFailed), /crashed/);
  assert.equal(w.terminated, 1);
});

test("close() rejects pending calls with the closed error, and terminates on the worker's 'closed' reply", async () => {
  const w = new FakeWorker();
  const calls = new WorkerCalls<string>(asWorker(w), closed);
  const pending = calls.call(1000, never, () => {}, sendFailed);
  calls.close({ type: 'close' });
  await assert.rejects(pending, { name: 'AbortError' });
  assert.deepEqual(w.posted.at(-1), { type: 'close' });
  assert.equal(w.terminated, 0);
  w.reply({ type: 'closed' });
  assert.equal(w.terminated, 1);
  assert.ok(calls.closed);
  await assert.rejects(calls.call(1000, never, () => {}, sendFailed), { name: 'AbortError' });
});

test('close() terminates a worker that never answers after the grace period', async () => {
  const w = new FakeWorker();
  new WorkerCalls<string>(asWorker(w), closed).close({ type: 'close' });
  await new Promise((r) => setTimeout(r, CLOSE_GRACE_MS + 50));
  assert.equal(w.terminated, 1);
});

const readyOptions = (timeoutMs: number, signal?: AbortSignal) => ({
  timeoutMs,
  signal,
  readyOf: (m: unknown) => ((m as { type: string }).type === 'ready' ? 'ready!' : undefined),
  failureOf: (m: unknown) => ((m as { type: string }).type === 'error' ? new Error('failed to start') : undefined),
  timeoutError: () => new Error('start timeout'),
  scriptError: (message: string) => new Error(`script: ${message}`),
});

test('awaitReady resolves on the ready reply and leaves the worker running', async () => {
  const w = new FakeWorker();
  const ready = awaitReady(asWorker(w), { type: 'init' }, readyOptions(1000));
  w.reply({ type: 'progress' });
  w.reply({ type: 'ready' });
  assert.equal(await ready, 'ready!');
  assert.deepEqual(w.posted, [{ type: 'init' }]);
  assert.equal(w.terminated, 0);
});

test('awaitReady terminates the worker on a failure reply, a script error, a timeout and an abort', async () => {
  const failing = new FakeWorker();
  const failed = awaitReady(asWorker(failing), {}, readyOptions(1000));
  failing.reply({ type: 'error' });
  await assert.rejects(failed, /failed to start/);
  const broken = new FakeWorker();
  const script = awaitReady(asWorker(broken), {}, readyOptions(1000));
  broken.dispatchEvent(Object.assign(new Event('error'), { message: 'SyntaxError' }));
  await assert.rejects(script, /script: SyntaxError/);
  const silent = new FakeWorker();
  await assert.rejects(awaitReady(asWorker(silent), {}, readyOptions(10)), /start timeout/);
  const aborted = new FakeWorker();
  const controller = new AbortController();
  const waiting = awaitReady(asWorker(aborted), {}, readyOptions(1000, controller.signal));
  controller.abort(new Error('page left'));
  await assert.rejects(waiting, /page left/);
  assert.deepEqual([failing, broken, silent, aborted].map((w) => w.terminated), [1, 1, 1, 1]);
});
