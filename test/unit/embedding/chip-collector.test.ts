/** Collecting chips during a capture: when one is asked for, which are kept, and which the template is made from. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChipCollector, type CollectorFrame } from '../../../src/embedding/chip-collector.js';
import { templateBindingProblems } from '../../../src/shared/template-binding.js';
import { buildTrace, type FrameSample } from '../../../src/shared/trace.js';

const chip = (tag: number) => ({ rgb: new Uint8Array([tag]), framePxPerChipPx: 1.5 });
const good = (t: number, over: Partial<CollectorFrame> = {}): CollectorFrame => ({ t, faces: 1, yaw: 0, pitch: -5, blinkL: 0.1, blinkR: 0.1, sharp: 300, ...over });
const sample = (f: CollectorFrame): FrameSample => ({
  t: f.t, faces: f.faces, box: { x: 0.3, y: 0.2, w: 0.4, h: 0.5 }, yaw: f.yaw, pitch: f.pitch, roll: 0, blinkL: f.blinkL, blinkR: f.blinkR, luma: 120, sharp: f.sharp,
});
const choice = { count: 5, minGapMs: 150, colourPhase: null };

test('a chip is asked for only after a good frame, and at most once per interval', () => {
  const c = new ChipCollector({ intervalMs: 200, capacity: 10 });
  assert.equal(c.wantsChip(0), false, 'no frame seen yet');
  c.observe(good(0));
  assert.equal(c.wantsChip(10), true);
  assert.equal(c.wantsChip(100), false, '90 ms after the last request');
  assert.equal(c.wantsChip(210), true, '200 ms after it');
  c.observe(good(220, { yaw: 40 }));
  assert.equal(c.wantsChip(500), false, 'after a turned head');
});

test('only good frames\' chips are kept, and the least good goes first when full', () => {
  const c = new ChipCollector({ intervalMs: 0, capacity: 3 });
  c.observe(good(0, { chip: chip(1), blinkL: 0.9 }));
  assert.equal(c.size, 0, 'closed eyes: not kept');
  c.observe(good(0, { chip: chip(1), sharp: 900 }));
  c.observe(good(200, { chip: chip(2), sharp: 10 }));
  c.observe(good(400, { chip: chip(3), sharp: 800 }));
  c.observe(good(600, { chip: chip(4), sharp: 700 }));
  assert.equal(c.size, 3);
  const trace = buildTrace([0, 200, 400, 600].map((t) => sample(good(t, { sharp: t === 200 ? 10 : 800 }))));
  assert.deepEqual(c.choose(trace, choice).map((x) => x.chip.rgb[0]), [1, 3, 4], 'the blurred 200-ms chip was dropped');
});

test('choice reads the trace\'s rounded numbers: a blink of 0.4996 rounds to 0.5 and is refused, as the server would', () => {
  const c = new ChipCollector({ intervalMs: 0, capacity: 10 });
  const frames = [good(0.4), good(200.6), good(400.2), good(600.7, { blinkL: 0.4996 })];
  for (const [i, f] of frames.entries()) c.observe({ ...f, chip: chip(i) });
  const trace = buildTrace(frames.map(sample));
  const chosen = c.choose(trace, choice);
  assert.deepEqual(chosen.map((x) => x.t), [0, 201, 400], 'times are the trace rows\' rounded t');
  assert.deepEqual(templateBindingProblems({ frames: chosen.map((x) => x.t) }, trace), [], 'the server accepts what was chosen');
});

test('a frame whose chip was never kept is not a candidate, and clear() drops everything', () => {
  const c = new ChipCollector({ intervalMs: 0, capacity: 10 });
  c.observe({ ...good(0), chip: chip(0) });
  c.observe(good(200));
  const trace = buildTrace([good(0), good(200)].map(sample));
  assert.deepEqual(c.choose(trace, choice).map((x) => x.t), [0]);
  c.clear();
  assert.equal(c.size, 0);
  assert.deepEqual(c.choose(trace, choice), []);
  assert.equal(c.wantsChip(1000), false, 'clear() also forgets the last good frame');
});

test('a capacity below the fewest frames a template needs is refused, naming both options', () => {
  assert.throws(() => new ChipCollector({ intervalMs: 100, capacity: 2 }), /intervalMs must be ≥ 0 and capacity ≥ 3, got 100 and 2/);
});
