/** Chosen chips → template: too few frames never reach the worker; what it gets are copies; the result is the unit mean. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTemplate, type ChipDescriber } from '../../../src/embedding/make-template.js';

const rules = { minFrames: 3, maxSpread: 0.3 };
const chosen = (n: number) => Array.from({ length: n }, (_, i) => ({ t: i * 200, chip: { rgb: new Uint8Array([i + 1, 0, 0]), framePxPerChipPx: 1 } }));
/** A descriptor that is 1 on axis `k` and `off` on axis k+1. */
const axis = (k: number, off = 0) => {
  const d = new Float32Array(128);
  d[k] = 1;
  d[k + 1] = off;
  return d;
};

function describer(descriptors: Float32Array[]): ChipDescriber & { received: Uint8Array[][] } {
  const received: Uint8Array[][] = [];
  return {
    received,
    async describe(chips) {
      received.push(chips);
      // What a transfer does to the sender's copy.
      for (const c of chips) structuredClone(c.buffer, { transfer: [c.buffer] });
      return { descriptors, ms: 7 };
    },
  };
}

test('fewer chosen frames than minFrames fail as too-few-frames without calling the worker', async () => {
  const d = describer([]);
  assert.deepEqual(await makeTemplate(d, chosen(2), rules), { ok: false, reason: 'too-few-frames', frames: 2, spread: null });
  assert.equal(d.received.length, 0);
});

test('the worker gets copies, so the chips stay whole for the review; the template is the unit mean with the frames named', async () => {
  // Three descriptors along axis 0, two tilted ±0.1 towards axis 1: mean (1, 0) after scaling.
  const d = describer([axis(0, 0.1), axis(0), axis(0, -0.1)]);
  const input = chosen(3);
  const result = await makeTemplate(d, input, rules);
  assert.ok(result.ok);
  assert.deepEqual(input.map((c) => c.chip.rgb[0]), [1, 2, 3], 'the review\'s chips are intact');
  assert.deepEqual(result.take.frames, [0, 200, 400]);
  assert.ok(Math.abs(result.take.template[0]! - 1) < 1e-6 && Math.abs(result.take.template[1]!) < 1e-6);
  // Spread: between the ±0.1 ones, unit-scaled: 2·0.1/√1.01 = 0.1990.
  assert.ok(Math.abs(result.take.spread - 0.2 / Math.sqrt(1.01)) < 1e-6, String(result.take.spread));
  assert.equal(result.take.describeMs, 7);
});

test('frames of two different faces fail as frames-disagree, never averaged', async () => {
  const d = describer([axis(0), axis(0), axis(5)]);
  const result = await makeTemplate(d, chosen(3), rules);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, 'frames-disagree');
  assert.ok(!result.ok && Math.abs(result.spread! - Math.SQRT2) < 1e-6);
});
