import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CAPTURE_LOSS_TOLERANCE_MS, MAX_TRACE_HOLE_MS, RecordingTrace } from '../../../src/flow/recording-trace.js';
import type { FrameSample } from '../../../src/shared/trace.js';

const frame = (t: number, faces = 1): FrameSample & { latencyMs: number } => ({
  t, faces, box: faces ? { x: 0.3, y: 0.2, w: 0.3, h: 0.4 } : null, yaw: 0, pitch: 0, roll: 0, blinkL: 0, blinkR: 0, luma: 100, latencyMs: 40,
});

describe('recording trace', () => {
  test('keeps only frames from the recorder start on, timed from it, without extra fields', () => {
    const trace = new RecordingTrace();
    trace.push(frame(900), false);
    trace.start(1000);
    trace.push(frame(990), false);
    trace.push(frame(1040), false);
    assert.deepEqual(trace.samples.map((s) => s.t), [40]);
    assert.equal('latencyMs' in trace.samples[0]!, false);
  });

  test('a face missing for longer than the tolerance is "lost"; a short miss is not', () => {
    const trace = new RecordingTrace();
    trace.start(0);
    assert.equal(trace.push(frame(100, 0), true), 'ok');
    assert.equal(trace.push(frame(100 + CAPTURE_LOSS_TOLERANCE_MS, 0), true), 'ok');
    assert.equal(trace.push(frame(150 + CAPTURE_LOSS_TOLERANCE_MS), false), 'ok', 'the face is back');
    assert.equal(trace.push(frame(2000, 2), true), 'ok');
    assert.equal(trace.push(frame(2001 + CAPTURE_LOSS_TOLERANCE_MS, 2), true), 'lost');
  });

  test('a trace with a hole (the tab was hidden) is not complete; an even one is', () => {
    const even = new RecordingTrace();
    even.start(0);
    for (let t = 50; t < 5000; t += 66) even.push(frame(t), false);
    assert.equal(even.complete(5000), true);

    const holed = new RecordingTrace();
    holed.start(0);
    for (let t = 50; t < 5000; t += 66) if (t < 2000 || t > 2000 + MAX_TRACE_HOLE_MS + 100) holed.push(frame(t), false);
    assert.ok(holed.widestHoleMs(5000) > MAX_TRACE_HOLE_MS);
    assert.equal(holed.complete(5000), false);

    const stopsEarly = new RecordingTrace();
    stopsEarly.start(0);
    for (let t = 50; t < 3000; t += 66) stopsEarly.push(frame(t), false);
    assert.equal(stopsEarly.complete(5000), false, 'no frames in the last 2 s');
    assert.equal(new RecordingTrace().complete(5000), false, 'no frames at all');
  });

  test('a trace the server would refuse (one face in under 80 % of frames, scattered) is not complete', () => {
    const scattered = new RecordingTrace();
    scattered.start(0);
    let i = 0;
    // Every third frame shows no face: never a full second lost, but only 67 % with one face.
    for (let t = 50; t < 5000; t += 66, i++) scattered.push(frame(t, i % 3 === 0 ? 0 : 1), i % 3 === 0);
    assert.ok(scattered.widestHoleMs(5000) <= MAX_TRACE_HOLE_MS);
    assert.equal(scattered.complete(5000), false);

    const sparse = new RecordingTrace();
    sparse.start(0);
    // 8 frames in 5 s: no hole over 800 ms is impossible, and under the server's 2 per second.
    for (let t = 0; t <= 5000; t += 700) sparse.push(frame(t), false);
    assert.equal(sparse.complete(5000), false);
  });
});
