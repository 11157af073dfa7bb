/** Combining frames' descriptors into one template: unit length, agreement, failure reasons. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineDescriptors, distance, unitVector } from '../../../src/embedding/template.js';

const rules = { minFrames: 3, maxSpread: 0.2 };
/** A 128-vector pointing mostly along axis `axis`, with `tilt` along axis 1. */
const along = (axis: number, length: number, tilt = 0) => Float32Array.from({ length: 128 }, (_, i) => (i === axis ? length : i === 1 ? tilt : 0));

test('frames of one face give their mean direction at unit length, whatever their raw lengths', () => {
  const result = combineDescriptors([along(0, 1.3), along(0, 1.6, 0.1), along(0, 1.4, -0.1)], rules);
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.ok(Math.abs(Math.hypot(...result.template) - 1) < 1e-6);
  // Tilts of ±0.1/1.6 and ±0.1/1.4 nearly cancel: the template points along axis 0.
  assert.ok(result.template[0]! > 0.9999);
  assert.equal(result.frames, 3);
  // Spread: between the two tilted ones, unit vectors ≈ (1, ±0.0625…0.0714) normalised.
  const expected = Math.hypot(0.1 / Math.hypot(1.6, 0.1) + 0.1 / Math.hypot(1.4, 0.1), 1.6 / Math.hypot(1.6, 0.1) - 1.4 / Math.hypot(1.4, 0.1));
  assert.ok(Math.abs(result.spread - expected) < 1e-6, `${result.spread} vs ${expected}`);
});

test('a frame of someone else is a failure (frames-disagree), never averaged in', () => {
  const result = combineDescriptors([along(0, 1.4), along(0, 1.4), along(5, 1.4)], rules);
  assert.deepEqual({ ...result }, { ok: false, reason: 'frames-disagree', frames: 3, spread: Math.SQRT2 });
});

test('too few frames, a zero descriptor and a NaN are failures with their reason', () => {
  assert.equal(combineDescriptors([along(0, 1), along(0, 1)], rules).ok, false);
  assert.equal((combineDescriptors([along(0, 1), along(0, 1)], rules) as { reason: string }).reason, 'too-few-frames');
  assert.equal((combineDescriptors([along(0, 1), along(0, 1), new Float32Array(128)], rules) as { reason: string }).reason, 'not-finite');
  const nan = along(0, 1);
  nan[7] = Number.NaN;
  assert.equal((combineDescriptors([along(0, 1), along(0, 1), nan], rules) as { reason: string }).reason, 'not-finite');
  assert.throws(() => combineDescriptors([new Float32Array(127)], rules), /descriptors\[0\] has 127 numbers, expected 128/);
});

test('unitVector and distance', () => {
  assert.deepEqual([...unitVector([3, 4])!], [0.6000000238418579, 0.800000011920929]);
  assert.equal(unitVector([0, 0]), null);
  assert.equal(distance([0, 0], [3, 4]), 5);
  assert.throws(() => distance([0], [0, 1]), /lengths differ/);
});
