/**
 * The weights reader on the real pinned files (from the installed @vladmandic/face-api), and on
 * broken copies of them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { descriptorTensorNames, parseDescriptorWeights } from '../../../src/embedding/descriptor-weights.js';
import { FACE_DESCRIPTOR_MODEL } from '../../../src/shared/version.js';

const dir = new URL(`../../../node_modules/${FACE_DESCRIPTOR_MODEL.package}/model/`, import.meta.url);
const manifest = readFileSync(new URL(FACE_DESCRIPTOR_MODEL.manifest.file, dir), 'utf8');
const bin = new Uint8Array(readFileSync(new URL(FACE_DESCRIPTOR_MODEL.weights.file, dir)));

test('the pinned files hold every tensor the forward pass reads, with dlib ResNet shapes', () => {
  const weights = parseDescriptorWeights(manifest, bin);
  for (const name of descriptorTensorNames()) assert.ok(weights.has(name), name);
  assert.deepEqual(weights.get('conv32_down/conv/filters')!.shape, [7, 7, 3, 32]);
  assert.deepEqual(weights.get('conv256_down_out/conv2/conv/filters')!.shape, [3, 3, 256, 256]);
  assert.deepEqual(weights.get('fc')!.shape, [256, 128]);
  for (const [name, t] of weights) {
    assert.equal(t.values.length, t.shape.reduce((a, b) => a * b, 1), name);
    assert.ok(t.values.every(Number.isFinite), `${name} is finite`);
  }
});

test('uint8 tensors are dequantised as min + scale·q, float32 tensors read as stored', () => {
  const entries = JSON.parse(manifest)[0].weights as { name: string; shape: number[]; quantization?: { min: number; scale: number } }[];
  const weights = parseDescriptorWeights(manifest, bin);
  // The first tensor is quantised and starts the file.
  const first = entries[0]!;
  assert.ok(first.quantization);
  assert.equal(weights.get(first.name)!.values[5], Math.fround(first.quantization.min + first.quantization.scale * bin[5]!));
  // A float32 tensor: find its offset by summing the sizes before it.
  let offset = 0;
  for (const e of entries) {
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (!e.quantization) {
      const expected = new DataView(bin.buffer, bin.byteOffset + offset).getFloat32(0, true);
      assert.equal(weights.get(e.name)!.values[0], expected, e.name);
      return;
    }
    offset += size;
  }
  assert.fail('the pinned manifest has a float32 tensor (conv64_*)');
});

test('a truncated binary, a longer one, a foreign manifest and non-JSON are refused with what is wrong', () => {
  assert.throws(() => parseDescriptorWeights(manifest, bin.subarray(0, bin.length - 1)), /ends inside fc/);
  const longer = new Uint8Array(bin.length + 4);
  longer.set(bin);
  assert.throws(() => parseDescriptorWeights(manifest, longer), /describes 6444032 bytes but the binary has 6444036/);
  const foreign = JSON.stringify([{ paths: ['x.bin'], weights: [{ name: 'dense/kernel', shape: [2], dtype: 'float32' }] }]);
  assert.throws(() => parseDescriptorWeights(foreign, new Uint8Array(8)), /missing conv32_down\/conv\/filters/);
  assert.throws(() => parseDescriptorWeights('<html>', bin), /not JSON/);
  assert.throws(() => parseDescriptorWeights('{}', bin), /one group/);
});
