/**
 * The chip geometry (a least-squares similarity onto dlib's 5-point template) and the resampler.
 * Expected values are worked out by hand from the template's numbers, not by the code under test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { warpToCrop } from '../../../src/vision/chip-warp.js';
import {
  affineScale, alignmentPoints, ALIGNMENT_POINTS, applyAffine, CHIP_SIDE, chipTemplate, cropFootprint, cropToFrame, fitSimilarity, type Affine,
} from '../../../src/vision/face-chip-geometry.js';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('the template puts dlib\'s mean-face points at (v + 0.25) / 1.5 of the chip', () => {
  const t = chipTemplate(150);
  // Eye corner 36 of dlib's mean face: x 0.121737 → (0.371737 / 1.5) · 150 = 37.1737.
  close(t[0]!.x, 37.1737);
  close(t[0]!.y, 46.6423);
  // Under the nose (33): x 0.490127 → 74.0127, the chip's centre line.
  close(t[4]!.x, 74.0127);
  close(t[4]!.y, 87.8106);
});

test('fitSimilarity recovers a known rotation, scale and shift exactly', () => {
  const from = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 5 }, { x: 3, y: 7 }];
  // 30°, scale 2, shift (5, -3): x' = 2cos·x − 2sin·y + 5, y' = 2sin·x + 2cos·y − 3.
  const c = 2 * Math.cos(Math.PI / 6);
  const s = 2 * Math.sin(Math.PI / 6);
  const to = from.map((p) => ({ x: c * p.x - s * p.y + 5, y: s * p.x + c * p.y - 3 }));
  const m = fitSimilarity(from, to)!;
  [c, -s, 5, s, c, -3].forEach((v, i) => close(m[i]!, v));
  close(affineScale(m), 2);
  assert.equal(fitSimilarity([{ x: 1, y: 1 }, { x: 1, y: 1 }], [{ x: 0, y: 0 }, { x: 1, y: 1 }]), null, 'no spread');
});

test('a face whose points sit exactly on the template maps the chip onto itself; one twice as large and turned 90° maps accordingly', () => {
  const template = chipTemplate();
  const identity = cropToFrame(template)!;
  [1, 0, 0, 0, 1, 0].forEach((v, i) => close(identity[i]!, v));
  // Frame points: the template scaled ×2 and turned a quarter (x, y) → (−2y, 2x), shifted by (400, 10).
  const turned = template.map((p) => ({ x: 400 - 2 * p.y, y: 10 + 2 * p.x }));
  const m = cropToFrame(turned)!;
  close(affineScale(m), 2);
  const p = applyAffine(m, { x: 75, y: 75 });
  close(p.x, 400 - 150);
  close(p.y, 10 + 150);
});

test('alignmentPoints reads the five landmarks in frame pixels, and refuses a missing one', () => {
  const landmarks = Array.from({ length: 478 }, (_, i) => ({ x: i / 1000, y: 0.5 }));
  const points = alignmentPoints(landmarks, 640, 480)!;
  assert.equal(points.length, 5);
  close(points[0]!.x, (ALIGNMENT_POINTS[0]!.landmark / 1000) * 640);
  close(points[0]!.y, 240);
  assert.equal(alignmentPoints(landmarks.slice(0, 300), 640, 480), null, 'landmark 362 missing');
  landmarks[2] = { x: Number.NaN, y: 0 };
  assert.equal(alignmentPoints(landmarks, 640, 480), null);
});

test('cropFootprint covers the mapped corners plus one pixel, clipped to the frame', () => {
  const m: Affine = [2, 0, 100, 0, 2, 50];
  // Corners at x 100…400, y 50…350.
  assert.deepEqual(cropFootprint(m, CHIP_SIDE, 640, 480), { x: 99, y: 49, w: 302, h: 302 });
  assert.deepEqual(cropFootprint(m, CHIP_SIDE, 300, 200), { x: 99, y: 49, w: 201, h: 151 });
  assert.equal(cropFootprint([1, 0, 1000, 0, 1, 0], CHIP_SIDE, 640, 480), null, 'wholly right of the frame');
});

function rgbaRegion(width: number, height: number, at: (x: number, y: number) => [number, number, number]) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgba.set([...at(x, y), 255], (y * width + x) * 4);
  return rgba;
}

test('warpToCrop: the identity map reproduces the pixels; a shift by whole pixels moves them; outside the frame is black', () => {
  const at = (x: number, y: number): [number, number, number] => [x * 3 % 256, y * 5 % 256, (x + y) % 256];
  const rgba = rgbaRegion(20, 20, at);
  const same = warpToCrop({ x: 0, y: 0, width: 20, height: 20, rgba }, [1, 0, 0, 0, 1, 0], 10);
  assert.deepEqual([...same.subarray((3 * 10 + 4) * 3, (3 * 10 + 4) * 3 + 3)], at(4, 3));
  const shifted = warpToCrop({ x: 0, y: 0, width: 20, height: 20, rgba }, [1, 0, 5, 0, 1, 2], 10);
  assert.deepEqual([...shifted.subarray((3 * 10 + 4) * 3, (3 * 10 + 4) * 3 + 3)], at(9, 5));
  // The region placed at (100, 100) of the frame: the chip reads frame (0..10) — outside it.
  const outside = warpToCrop({ x: 100, y: 100, width: 20, height: 20, rgba }, [1, 0, 0, 0, 1, 0], 10);
  assert.ok(outside.every((v) => v === 0));
});

test('warpToCrop filters when shrinking: a one-pixel checkerboard shrunk 4× is flat grey, not aliased', () => {
  const rgba = rgbaRegion(40, 40, (x, y) => ((x + y) % 2 === 0 ? [255, 255, 255] : [0, 0, 0]));
  const chip = warpToCrop({ x: 0, y: 0, width: 40, height: 40, rgba }, [4, 0, 0, 0, 4, 0], 10);
  for (let i = 0; i < chip.length; i++) assert.ok(Math.abs(chip[i]! - 127.5) <= 1, `byte ${i} is ${chip[i]}`);
  assert.throws(() => warpToCrop({ x: 0, y: 0, width: 40, height: 40, rgba: rgba.subarray(4) }, [1, 0, 0, 0, 1, 0], 10), /expected 6400/);
});
