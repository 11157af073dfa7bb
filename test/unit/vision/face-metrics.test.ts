import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendshapeScore, boxFromLandmarks, clipToFrame, distinctFaces, iou, meanLuma, orderBySize } from '../../../src/vision/face-metrics.js';
import { mediapipeBase, modelUrl, resolveAssetsBase } from '../../../src/vision/assets.js';

test('boxFromLandmarks spans all points and is not clamped to the frame', () => {
  assert.deepEqual(boxFromLandmarks([{ x: 0.4, y: 0.2 }, { x: 0.6, y: 0.5 }, { x: 0.5, y: 0.3 }]), { x: 0.4, y: 0.2, w: 0.6 - 0.4, h: 0.5 - 0.2 });
  const off = boxFromLandmarks([{ x: -0.1, y: 0.2 }, { x: 0.2, y: 1.1 }])!;
  assert.equal(off.x, -0.1);
  assert.ok(Math.abs(off.y + off.h - 1.1) < 1e-12);
  assert.equal(boxFromLandmarks([]), null);
  assert.equal(boxFromLandmarks([{ x: Number.NaN, y: 0 }]), null);
});

test('orderBySize puts the largest face first and skips missing boxes', () => {
  const small = { x: 0, y: 0, w: 0.1, h: 0.1 };
  const large = { x: 0, y: 0, w: 0.3, h: 0.4 };
  assert.deepEqual(orderBySize([small, null, large]), [2, 0]);
  assert.deepEqual(orderBySize([small, small]), [0, 1], 'ties keep MediaPipe order');
  assert.deepEqual(orderBySize([]), []);
});

test('blendshapeScore finds a category by name', () => {
  const categories = [
    { categoryName: '_neutral', score: 0.1 },
    { categoryName: 'eyeBlinkLeft', score: 0.7 },
  ];
  assert.equal(blendshapeScore(categories, 'eyeBlinkLeft'), 0.7);
  assert.equal(blendshapeScore(categories, 'eyeBlinkRight'), null);
  assert.equal(blendshapeScore(undefined, 'eyeBlinkLeft'), null);
});

test('meanLuma uses BT.601 weights', () => {
  assert.equal(meanLuma([255, 255, 255, 255, 0, 0, 0, 255]), 127.5);
  assert.ok(Math.abs(meanLuma([255, 0, 0, 255])! - 0.299 * 255) < 1e-9);
  assert.ok(Math.abs(meanLuma([0, 255, 0, 255])! - 0.587 * 255) < 1e-9);
  assert.ok(Math.abs(meanLuma([0, 0, 255, 255])! - 0.114 * 255) < 1e-9);
  assert.equal(meanLuma([]), null);
});

test('clipToFrame clips to whole pixels inside the frame', () => {
  assert.deepEqual(clipToFrame({ x: 0.25, y: 0.5, w: 0.5, h: 0.25 }, 640, 480), { sx: 160, sy: 240, sw: 320, sh: 120 });
  assert.deepEqual(clipToFrame({ x: -0.1, y: -0.1, w: 0.3, h: 0.3 }, 100, 100), { sx: 0, sy: 0, sw: 20, sh: 20 });
  assert.equal(clipToFrame({ x: 1.2, y: 0, w: 0.1, h: 0.1 }, 100, 100), null);
});

test('resolveAssetsBase makes an absolute folder URL', () => {
  assert.equal(resolveAssetsBase('/fv-assets/', 'https://shop.example/signup/page.html'), 'https://shop.example/fv-assets/');
  // A missing trailing slash would make models/ resolve in the parent folder: it is added.
  assert.equal(resolveAssetsBase('/fv-assets', 'https://shop.example/'), 'https://shop.example/fv-assets/');
  assert.equal(resolveAssetsBase('assets/', 'https://shop.example/signup/page.html'), 'https://shop.example/signup/assets/');
  assert.equal(resolveAssetsBase(new URL('https://cdn.shop.example/fv/?v=1#x')), 'https://cdn.shop.example/fv/');
  assert.throws(() => resolveAssetsBase('/relative-without-base'), TypeError);
});

test('asset URLs follow the layout', () => {
  const base = 'https://shop.example/fv-assets/';
  assert.equal(modelUrl(base), 'https://shop.example/fv-assets/models/face_landmarker.task');
  assert.equal(mediapipeBase(base), 'https://shop.example/fv-assets/mediapipe');
});

test('iou', () => {
  const a = { x: 0, y: 0, w: 0.2, h: 0.2 };
  assert.equal(iou(a, a), 1);
  assert.equal(iou(a, { x: 0.3, y: 0, w: 0.2, h: 0.2 }), 0);
  assert.ok(Math.abs(iou(a, { x: 0.1, y: 0, w: 0.2, h: 0.2 }) - 1 / 3) < 1e-12);
});

test('distinctFaces drops a duplicate of a larger face but keeps separate people', () => {
  // The duplicate measured on still_face after an abrupt frame change (IoU 0.74).
  const face = { x: 0.4117, y: 0.1841, w: 0.2589, h: 0.4348 };
  const duplicate = { x: 0.4043, y: 0.2421, w: 0.2683, h: 0.3302 };
  assert.ok(iou(face, duplicate) > 0.7);
  assert.deepEqual(distinctFaces([duplicate, face]), [1]);
  // two_faces.mjpeg: two people side by side.
  const left = { x: 0.1, y: 0.12, w: 0.175, h: 0.28 };
  const right = { x: 0.754, y: 0.108, w: 0.174, h: 0.279 };
  assert.deepEqual(distinctFaces([right, left]), [1, 0]);
  // A face partly behind another (IoU below 0.5) still counts.
  const behind = { x: 0.55, y: 0.2, w: 0.25, h: 0.43 };
  assert.deepEqual(distinctFaces([face, behind]).length, 2);
  assert.deepEqual(distinctFaces([null, face]), [1]);
});
