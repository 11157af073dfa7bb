/** Choosing the template's frames: only frames the server accepts, the best first, spread out, colours avoided. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseTemplateFrames, isTemplateFrame, type FrameCandidate } from '../../../src/embedding/frame-choice.js';
import { templateBindingProblems } from '../../../src/shared/template-binding.js';
import { buildTrace } from '../../../src/shared/trace.js';

const frame = (t: number, over: Partial<FrameCandidate> = {}): FrameCandidate => ({ t, faces: 1, yaw: 0, pitch: -5, blinkL: 0.1, blinkR: 0.1, sharp: 300, framePxPerChipPx: 1.5, ...over });
const options = { count: 5, minGapMs: 150, colourPhase: null };

test('a turned head, closed eyes, two faces or no pose are never chosen', () => {
  assert.equal(isTemplateFrame(frame(0)), true);
  for (const bad of [{ yaw: 16 }, { pitch: -21 }, { blinkL: 0.5 }, { blinkR: 0.9 }, { faces: 2 }, { yaw: null }]) {
    assert.equal(isTemplateFrame(frame(0, bad)), false, JSON.stringify(bad));
  }
  assert.deepEqual(chooseTemplateFrames([frame(0, { yaw: 30 }), frame(200, { blinkL: 0.8 })], options), []);
});

test('the sharpest, most frontal frames win, at least minGapMs apart, returned in time order', () => {
  const candidates = [frame(0, { sharp: 50 }), frame(100, { sharp: 900 }), frame(130, { sharp: 800 }), frame(400, { sharp: 700, yaw: 12 }), frame(600, { sharp: 600 }), frame(900, { sharp: 100 })];
  // Ranked 100, 130, 600, 400 (turned 12°, still allowed), 900, 0; 130 is 30 ms from 100.
  assert.deepEqual(chooseTemplateFrames(candidates, { ...options, count: 3 }).map((c) => c.t), [100, 400, 600]);
  // An upscaled chip (framePxPerChipPx 0.5) loses to an equally sharp one made from real pixels.
  const small = [frame(0, { framePxPerChipPx: 0.5 }), frame(500)];
  assert.deepEqual(chooseTemplateFrames(small, { ...options, count: 1 }).map((c) => c.t), [500]);
});

test('frames lit by the colours are taken only when too few others are left', () => {
  const candidates = [frame(0), frame(200), frame(1000, { sharp: 2000 }), frame(1200, { sharp: 2000 }), frame(3000)];
  const colourPhase = { from: 900, to: 2500 };
  assert.deepEqual(chooseTemplateFrames(candidates, { ...options, count: 3, colourPhase }).map((c) => c.t), [0, 200, 3000]);
  assert.deepEqual(chooseTemplateFrames(candidates, { ...options, count: 5, colourPhase }).map((c) => c.t), [0, 200, 1000, 1200, 3000]);
});

test('what it chooses, the server accepts as the template frames of the same trace', () => {
  const candidates = Array.from({ length: 30 }, (_, i) => frame(i * 100, { yaw: (i % 7) * 4 - 12, blinkL: i % 5 === 0 ? 0.9 : 0.1, sharp: 100 + i * 10 }));
  const chosen = chooseTemplateFrames(candidates, options);
  assert.equal(chosen.length, 5);
  const trace = buildTrace(candidates.map((c) => ({
    t: c.t, faces: c.faces, box: { x: 0.3, y: 0.2, w: 0.4, h: 0.5 }, yaw: c.yaw, pitch: c.pitch, roll: 0, blinkL: c.blinkL, blinkR: c.blinkR,
    luma: 120, skin: [150, 120, 100], smile: 0, sharp: c.sharp, motion: 1,
  })));
  assert.deepEqual(templateBindingProblems({ frames: chosen.map((c) => c.t) }, trace), []);
});
