import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headPoseFromMatrix, matrixFromHeadPose, type HeadPose } from '../../../src/vision/head-pose.js';

const close = (actual: number, expected: number, what: string, tolerance = 1e-6): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);

function assertPose(actual: HeadPose | null, expected: HeadPose, tolerance = 1e-6): void {
  assert.ok(actual, 'expected a pose');
  close(actual.yaw, expected.yaw, 'yaw', tolerance);
  close(actual.pitch, expected.pitch, 'pitch', tolerance);
  close(actual.roll, expected.roll, 'roll', tolerance);
}

/** Rotates vector v by the 3×3 part of a column-major 4×4 matrix. */
function rotate(m: number[], v: [number, number, number]): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (let row = 0; row < 3; row++) out[row] = m[row]! * v[0] + m[4 + row]! * v[1] + m[8 + row]! * v[2];
  return out;
}

test('identity (frontal face) gives zero pose', () => {
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -36, 1];
  assertPose(headPoseFromMatrix(identity), { yaw: 0, pitch: 0, roll: 0 });
});

test('pure yaw, pitch and roll of both signs round-trip', () => {
  for (const angle of [-40, -17, -5, 5, 17, 40]) {
    assertPose(headPoseFromMatrix(matrixFromHeadPose({ yaw: angle, pitch: 0, roll: 0 })), { yaw: angle, pitch: 0, roll: 0 });
    assertPose(headPoseFromMatrix(matrixFromHeadPose({ yaw: 0, pitch: angle, roll: 0 })), { yaw: 0, pitch: angle, roll: 0 });
    assertPose(headPoseFromMatrix(matrixFromHeadPose({ yaw: 0, pitch: 0, roll: angle })), { yaw: 0, pitch: 0, roll: angle });
  }
});

test('combined poses round-trip', () => {
  const poses: HeadPose[] = [
    { yaw: 20, pitch: -12, roll: 5 },
    { yaw: -33, pitch: 9, roll: -14 },
    { yaw: 52, pitch: 18, roll: 28 },
    { yaw: -8, pitch: -28, roll: 3 },
  ];
  for (const pose of poses) assertPose(headPoseFromMatrix(matrixFromHeadPose(pose)), pose, 1e-9);
});

test('matrices are read column-major (translation in data[12..14] does not leak in)', () => {
  const m = matrixFromHeadPose({ yaw: 25, pitch: 0, roll: 0 }, [5, -3, -40]);
  assert.equal(m[12], 5);
  assert.equal(m[14], -40);
  // The transposed matrix is the inverse rotation: it must read as the opposite yaw.
  const transposed = [...m];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) transposed[c * 4 + r] = m[r * 4 + c]!;
  close(headPoseFromMatrix(transposed)!.yaw, -25, 'yaw of transposed');
});

test('sign convention: yaw > 0 when the nose (canonical +z) points to image right (+x)', () => {
  // MediaPipe metric space: x to the right of the raw image, y up, z towards the camera.
  const nose = rotate(matrixFromHeadPose({ yaw: 20, pitch: 0, roll: 0 }), [0, 0, 1]);
  assert.ok(nose[0] > 0.3, `nose x should be to image right, got ${nose[0]}`);
  // And the reverse: a matrix built by hand that turns the nose to image right reads as yaw > 0.
  const a = (20 * Math.PI) / 180;
  const byHand = [Math.cos(a), 0, -Math.sin(a), 0, 0, 1, 0, 0, Math.sin(a), 0, Math.cos(a), 0, 0, 0, -36, 1];
  assert.ok(rotate(byHand, [0, 0, 1])[0] > 0);
  close(headPoseFromMatrix(byHand)!.yaw, 20, 'yaw');
});

test('sign convention: pitch < 0 when the nose points up (+y, looking up)', () => {
  const a = (15 * Math.PI) / 180;
  // Rotation about x that tips the nose (0,0,1) towards +y: (0, sin a, cos a).
  const lookUp = [1, 0, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, 0, Math.sin(a), Math.cos(a), 0, 0, 0, -36, 1];
  assert.ok(rotate(lookUp, [0, 0, 1])[1] > 0, 'nose points up');
  close(headPoseFromMatrix(lookUp)!.pitch, -15, 'pitch');
  close(headPoseFromMatrix(lookUp)!.yaw, 0, 'yaw');
});

test('sign convention: roll > 0 when the head tilts counter-clockwise in the raw image', () => {
  const up = rotate(matrixFromHeadPose({ yaw: 0, pitch: 0, roll: 10 }), [0, 1, 0]);
  // Top of the head (canonical +y) moves towards image left (-x), the person's own right.
  assert.ok(up[0] < 0, `top of head should move to image left, got x=${up[0]}`);
});

test('a uniform scale in the matrix does not change the angles', () => {
  const pose = { yaw: -18, pitch: 7, roll: 4 };
  const scaled = matrixFromHeadPose(pose).map((v, i) => (i < 12 && i % 4 !== 3 ? v * 2.5 : v));
  assertPose(headPoseFromMatrix(scaled), pose, 1e-9);
});

test('looking straight up (gimbal lock) still gives pitch -90 and finite angles', () => {
  const pose = headPoseFromMatrix(matrixFromHeadPose({ yaw: 30, pitch: -90, roll: 0 }));
  assert.ok(pose);
  close(pose.pitch, -90, 'pitch', 1e-4);
  close(pose.yaw, 30, 'yaw', 1e-4);
  assert.equal(pose.roll, 0);
});

test('missing, short, non-finite or degenerate matrices give null', () => {
  assert.equal(headPoseFromMatrix(undefined), null);
  assert.equal(headPoseFromMatrix(null), null);
  assert.equal(headPoseFromMatrix([1, 0, 0]), null);
  assert.equal(headPoseFromMatrix(new Array(16).fill(0)), null);
  const nan = matrixFromHeadPose({ yaw: 0, pitch: 0, roll: 0 });
  nan[5] = Number.NaN;
  assert.equal(headPoseFromMatrix(nan), null);
});
