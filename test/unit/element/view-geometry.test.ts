import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FRAME, ovalIn, viewfinderBox } from '../../../src/element/view-geometry.js';

const PHONE = { width: 360, height: 640 };
const PHONE_LANDSCAPE = { width: 640, height: 360 };
const LANDSCAPE_FRAME = { width: 640, height: 480 };
const PORTRAIT_FRAME = { width: 480, height: 640 };

describe('ovalIn', () => {
  it('places the tuned oval in a 640×480 frame: centre (320, 235), radii 130 × 172', () => {
    assert.deepEqual(ovalIn(LANDSCAPE_FRAME), { cx: 320, cy: 235, rx: 130, ry: 172 });
  });

  it('keeps the same radii in a portrait 480×640 frame (same shorter side), centred horizontally', () => {
    const oval = ovalIn(PORTRAIT_FRAME);
    assert.equal(oval.cx, 240);
    assert.equal(oval.rx, 130);
    assert.equal(oval.ry, 172);
  });

  it('scales with the shorter side and keeps its height/width proportion (1280×720: ×1.5)', () => {
    const oval = ovalIn({ width: 1280, height: 720 });
    assert.equal(oval.rx, 195);
    assert.equal(oval.ry, 258);
    assert.equal(oval.ry / oval.rx, 172 / 130);
  });

  it('falls back to the 640×480 oval for a frame of zero size (before the first frame)', () => {
    assert.deepEqual(ovalIn({ width: 0, height: 0 }), ovalIn(DEFAULT_FRAME));
  });
});

describe('viewfinderBox', () => {
  it('is portrait (aspect < 1) with a portrait frame, whatever the screen', () => {
    assert.equal(viewfinderBox(PHONE, PORTRAIT_FRAME).aspect, 0.75);
    assert.equal(viewfinderBox({ width: 1280, height: 800 }, PORTRAIT_FRAME).aspect, 0.75);
  });

  it('is portrait 3:4 on a portrait screen even when the frame is landscape', () => {
    assert.equal(viewfinderBox(PHONE, LANDSCAPE_FRAME).aspect, 0.75);
  });

  it('follows a landscape frame (4:3) on a landscape screen', () => {
    assert.equal(viewfinderBox({ width: 1280, height: 800 }, LANDSCAPE_FRAME).aspect, 4 / 3);
    assert.equal(viewfinderBox(PHONE_LANDSCAPE, LANDSCAPE_FRAME).aspect, 4 / 3);
  });

  it('never crops into the oval: a very wide frame on a portrait screen gets a box at least as wide as the oval plus margin', () => {
    const frame = { width: 1920, height: 480 };
    const { aspect } = viewfinderBox(PHONE, frame);
    // The visible part of the frame is 480 × aspect px wide; the oval is 260 px wide.
    assert.ok(480 * aspect >= 260, `visible width ${480 * aspect} px must hold the 260 px oval`);
    assert.ok(aspect < 1920 / 480, 'still cropped, not the full frame');
  });

  it('limits the height to 60 % of the viewport: 640 px tall portrait phone → 384 px tall box, 288 px wide', () => {
    assert.equal(viewfinderBox(PHONE, LANDSCAPE_FRAME).maxWidth, 288);
  });

  it('on a landscape phone (640×360) the 4:3 box is at most 216 px tall, so 288 px wide', () => {
    assert.equal(viewfinderBox(PHONE_LANDSCAPE, LANDSCAPE_FRAME).maxWidth, 288);
  });

  it('390×844: the 3:4 box may grow to 379 px wide (506 px tall), wider than the phone, so CSS 100 % limits it', () => {
    assert.equal(viewfinderBox({ width: 390, height: 844 }, LANDSCAPE_FRAME).maxWidth, 379);
  });
});
