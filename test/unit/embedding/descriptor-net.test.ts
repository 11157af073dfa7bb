/**
 * The forward pass on tfjs's cpu backend and on its wasm backend (the one the worker runs), in Node,
 * with the real pinned weights. What it computes is checked against face-api's own implementation
 * in the browser (test/browser/embedding/descriptor.test.ts); here: shapes, batching, both backends
 * agreeing, errors and freeing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { memory, ready, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { DescriptorNet, DESCRIPTOR_INPUT_SIZE, DESCRIPTOR_LENGTH } from '../../../src/embedding/descriptor-net.js';
import { parseDescriptorWeights } from '../../../src/embedding/descriptor-weights.js';
import { FACE_DESCRIPTOR_MODEL } from '../../../src/shared/version.js';

const dir = new URL(`../../../node_modules/${FACE_DESCRIPTOR_MODEL.package}/model/`, import.meta.url);
const weights = parseDescriptorWeights(readFileSync(new URL(FACE_DESCRIPTOR_MODEL.manifest.file, dir), 'utf8'), new Uint8Array(readFileSync(new URL(FACE_DESCRIPTOR_MODEL.weights.file, dir))));

/** A smooth synthetic picture (a face-sized blob on a gradient), seeded so each call differs. */
function chip(seed: number): Uint8Array {
  const side = DESCRIPTOR_INPUT_SIZE;
  const out = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.hypot(x - 75 - seed, y - 70) / 60;
      for (let c = 0; c < 3; c++) out[(y * side + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(200 * Math.exp(-r * r) + 30 + ((x * (c + 1) + y * seed) % 40))));
    }
  }
  return out;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('the descriptor forward pass', () => {
  let cpu: Float32Array[];
  before(async () => {
    await setBackend('cpu');
    await ready();
  });
  after(async () => {
    await setBackend('cpu');
  });

  test('one finite 128-number descriptor per chip, and a batch gives what single chips give', async () => {
    const net = new DescriptorNet(weights);
    try {
      const chips = [chip(1), chip(7), chip(13)];
      cpu = await net.describe(chips);
      assert.equal(cpu.length, 3);
      for (const d of cpu) {
        assert.equal(d.length, DESCRIPTOR_LENGTH);
        assert.ok(d.every(Number.isFinite));
      }
      const single = await net.describe([chips[1]!]);
      assert.ok(maxDiff(single[0]!, cpu[1]!) < 1e-5, `batch vs single differ by ${maxDiff(single[0]!, cpu[1]!)}`);
      // Different pictures, different descriptors.
      assert.ok(maxDiff(cpu[0]!, cpu[2]!) > 1e-3);
    } finally {
      net.dispose();
    }
  });

  test('the wasm backend (the worker\'s) agrees with the cpu backend to 1e-4', async () => {
    await setBackend('wasm');
    await ready();
    const net = new DescriptorNet(weights);
    try {
      const wasm = await net.describe([chip(1), chip(7), chip(13)]);
      wasm.forEach((d, i) => assert.ok(maxDiff(d, cpu[i]!) < 1e-4, `chip ${i}: ${maxDiff(d, cpu[i]!)}`));
    } finally {
      net.dispose();
      await setBackend('cpu');
    }
  });

  test('a chip of the wrong size is refused with its index and the size expected', async () => {
    const net = new DescriptorNet(weights);
    try {
      await assert.rejects(net.describe([chip(1), new Uint8Array(100)]), /crops\[1\] has 100 bytes, expected 67500 \(150×150 RGB\)/);
      assert.deepEqual(await net.describe([]), []);
    } finally {
      net.dispose();
    }
  });

  test('dispose() frees every tensor it made, and describe() afterwards is refused', async () => {
    const before = memory().numTensors;
    const net = new DescriptorNet(weights);
    assert.ok(memory().numTensors > before + 100, 'the weights are on the backend');
    await net.describe([chip(3)]);
    net.dispose();
    assert.equal(memory().numTensors, before);
    await assert.rejects(net.describe([chip(3)]), /after dispose/);
  });
});
