import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FACE_DESCRIPTOR_MODEL, FACE_LANDMARKER_MODEL, MEDIAPIPE_VERSION, TFJS_VERSION, WIDGET_VERSION } from '../../../src/shared/version.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

test('the widget version travels as package.json says', () => {
  assert.equal(WIDGET_VERSION, pkg.version);
});

test('the pinned MediaPipe version is the installed one', () => {
  assert.equal(pkg.dependencies['@mediapipe/tasks-vision'], MEDIAPIPE_VERSION);
});

test('the pinned model hash matches the checksum file shipped with the model', () => {
  const sums = readFileSync(new URL('../../../../shared/models/SHA256SUMS', import.meta.url), 'utf8');
  assert.match(sums, new RegExp(`^${FACE_LANDMARKER_MODEL.sha256}\\s+${FACE_LANDMARKER_MODEL.file}$`, 'm'));
  const model = readFileSync(new URL('../../../.cache/models/face_landmarker.task', import.meta.url));
  assert.equal(createHash('sha256').update(model).digest('hex'), FACE_LANDMARKER_MODEL.sha256);
  assert.equal(model.length, FACE_LANDMARKER_MODEL.bytes);
});

test('the pinned tfjs build is the installed one, core and wasm backend alike', () => {
  assert.equal(pkg.dependencies['@tensorflow/tfjs-core'], TFJS_VERSION);
  assert.equal(pkg.dependencies['@tensorflow/tfjs-backend-wasm'], TFJS_VERSION);
});

test('the descriptor weights come from the pinned face-api package, and both files hash to their pins', () => {
  assert.equal(pkg.devDependencies[FACE_DESCRIPTOR_MODEL.package], FACE_DESCRIPTOR_MODEL.packageVersion);
  for (const file of [FACE_DESCRIPTOR_MODEL.manifest, FACE_DESCRIPTOR_MODEL.weights]) {
    const bytes = readFileSync(new URL(`../../../node_modules/${FACE_DESCRIPTOR_MODEL.package}/model/${file.file}`, import.meta.url));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), file.sha256, file.file);
  }
  assert.equal(readFileSync(new URL(`../../../node_modules/${FACE_DESCRIPTOR_MODEL.package}/model/${FACE_DESCRIPTOR_MODEL.weights.file}`, import.meta.url)).length, FACE_DESCRIPTOR_MODEL.weights.bytes);
});
