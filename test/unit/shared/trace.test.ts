import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTrace, LIVENESS_TRACE_FIELDS, TRACE_MAX_FRAMES, TRACE_REQUIRED_FIELDS, traceColumn, traceProblems, type FrameSample } from '../../../src/shared/trace.js';

function sample(t: number, faces = 1): FrameSample {
  return {
    t, faces,
    box: faces ? { x: 0.312345678, y: 0.2, w: 0.35, h: 0.47 } : null,
    yaw: faces ? 3.14159 : null, pitch: faces ? -2 : null, roll: faces ? 0.5 : null,
    blinkL: faces ? 0.12345 : null, blinkR: faces ? 0.2 : null, luma: faces ? 120.44 : null,
    skin: faces ? [150.123, 110, 90.5] : null, smile: faces ? 0.05 : null, sharp: faces ? 321.27 : null, motion: faces ? 1.234 : null,
  };
}

describe('trace', () => {
  test('builds labelled, rounded rows and reads columns back', () => {
    const trace = buildTrace([sample(0), sample(33.3), sample(66, 0)]);
    assert.deepEqual(trace.fields, [...TRACE_REQUIRED_FIELDS, ...LIVENESS_TRACE_FIELDS]);
    assert.deepEqual(traceColumn(trace, 'skinR'), [150.12, 150.12, null]);
    assert.deepEqual(traceColumn(trace, 'sharp'), [321.3, 321.3, null]);
    assert.equal(trace.rows.length, 3);
    assert.deepEqual(traceColumn(trace, 'x'), [0.3123, 0.3123, null]);
    assert.deepEqual(traceColumn(trace, 'yaw'), [3.14, 3.14, null]);
    assert.deepEqual(traceColumn(trace, 't'), [0, 33, 66]);
    assert.deepEqual(traceProblems(trace), []);
  });

  test('is bounded in rows', () => {
    const trace = buildTrace(Array.from({ length: TRACE_MAX_FRAMES + 50 }, (_, i) => sample(i * 10)));
    assert.equal(trace.rows.length, TRACE_MAX_FRAMES);
    assert.ok(JSON.stringify(trace).length < 60_000, 'a full trace stays small');
  });

  test('extra columns after the required ones are allowed', () => {
    const trace = buildTrace([sample(0)]);
    trace.fields.push('jaw');
    trace.rows[0]!.push(0.7);
    assert.deepEqual(traceProblems(trace), []);
    assert.deepEqual(traceColumn(trace, 'jaw'), [0.7]);
  });

  const bad: [string, (t: any) => void, RegExp][] = [
    ['wrong version', (t) => (t.v = 2), /trace\.v/],
    ['missing required column', (t) => t.fields.splice(3, 1), /trace\.fields\[3\]/],
    ['too many rows', (t) => (t.rows = Array.from({ length: TRACE_MAX_FRAMES + 1 }, (_, i) => t.rows[0].map((v: number, j: number) => (j === 0 ? i : v)))), /at most/],
    ['short row', (t) => t.rows[1].pop(), /rows\[1\]/],
    ['non-finite value', (t) => (t.rows[1][4] = 'x'), /finite/],
    ['time going back', (t) => (t.rows[1][0] = -5), /back in time/],
    ['too many columns', (t) => (t.fields = [...t.fields, ...Array.from({ length: 20 }, (_, i) => `f${i}`)]), /at most 32/],
  ];
  for (const [name, breakIt, expected] of bad) {
    test(`rejects ${name}`, () => {
      const trace = buildTrace([sample(0), sample(40)]);
      breakIt(trace);
      assert.ok(traceProblems(trace).some((p) => expected.test(p)), JSON.stringify(traceProblems(trace)));
    });
  }
});
