import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameSample } from '../../../src/shared/trace.js';
import {
  DEFAULT_GUIDANCE,
  GuidanceHold,
  MAX_BLINK_MS,
  assessFrame,
  type GuidanceAssessment,
  type GuidanceInput,
} from '../../../src/vision/guidance.js';
import type { FaceBox } from '../../../src/vision/protocol.js';

/** A frame that passes: the numbers measured on fakecam/still_face.mjpeg. */
function good(overrides: Partial<GuidanceInput> = {}): GuidanceInput {
  const box = { x: 0.41, y: 0.187, w: 0.26, h: 0.429 };
  return {
    t: 0, faces: 1, box, yaw: 1.4, pitch: 0.6, roll: 1.1, blinkL: 0.3, blinkR: 0.28, luma: 154,
    faceBoxes: [box], frameLuma: 94,
    ...overrides,
  };
}

/** A good frame whose face is centred at (cx, cy) with width w (height keeps the 4:3 ratio). */
function faceAt(cx: number, cy: number, w = 0.26): GuidanceInput {
  const h = w * 1.65;
  const box = { x: cx - w / 2, y: cy - h / 2, w, h };
  return good({ box, faceBoxes: [box] });
}

const issueOf = (sample: GuidanceInput): string | null => assessFrame(sample).issue;

describe('assessFrame', () => {
  test('the still_face, still_face_other and webcam fixtures pass as measured', () => {
    assert.deepEqual(assessFrame(good()), { ok: true, issue: null });
    // still_face_other (larger face, lower)
    const other = { x: 0.347, y: 0.213, w: 0.381, h: 0.587 };
    assert.deepEqual(assessFrame(good({ box: other, faceBoxes: [other], luma: 139 })), { ok: true, issue: null });
    // moving_face_webcam: a real webcam, pitch -10 from the camera angle, face lower in the frame
    const webcam = { x: 0.389, y: 0.392, w: 0.246, h: 0.402 };
    assert.deepEqual(assessFrame(good({ box: webcam, faceBoxes: [webcam], luma: 99, pitch: -10.9 })), { ok: true, issue: null });
  });

  test('no face', () => {
    assert.equal(issueOf(good({ faces: 0, box: null, faceBoxes: [], luma: null, yaw: null, pitch: null })), 'no-face');
    // The no_face fixture (a coffee cup) has frame luma 99: still 'no-face'.
    assert.equal(issueOf(good({ faces: 0, box: null, faceBoxes: [], luma: null, frameLuma: 99 })), 'no-face');
    // Defensive: a count without a box is treated as no face.
    assert.equal(issueOf(good({ faces: 1, box: null })), 'no-face');
  });

  test('no face in a near-black or blown-out frame says what to fix instead', () => {
    const empty = { faces: 0, box: null, faceBoxes: [], luma: null };
    assert.equal(issueOf(good({ ...empty, frameLuma: 12 })), 'too-dark');
    assert.equal(issueOf(good({ ...empty, frameLuma: 250 })), 'too-bright');
    assert.equal(issueOf(good({ ...empty, frameLuma: DEFAULT_GUIDANCE.minFrameLuma })), 'no-face');
    assert.equal(issueOf(good({ ...empty, frameLuma: null })), 'no-face');
  });

  test('two faces of similar size (the two_faces fixture) → multiple-faces, before anything else', () => {
    const a: FaceBox = { x: 0.754, y: 0.108, w: 0.174, h: 0.279 };
    const b: FaceBox = { x: 0.1, y: 0.12, w: 0.175, h: 0.28 };
    // The primary face is off-centre, small and dark too: multiple-faces still wins.
    assert.equal(issueOf(good({ faces: 2, box: b, faceBoxes: [b, a], luma: 20 })), 'multiple-faces');
  });

  test('a second face counts only when plausibly sized', () => {
    const main = good().box!;
    const tiny: FaceBox = { x: 0.05, y: 0.05, w: 0.05, h: 0.08 }; // below secondFaceMinWidth
    const small: FaceBox = { x: 0.05, y: 0.05, w: 0.08, h: 0.13 }; // ≥ 0.06 but < 0.33 × 0.26
    const plausible: FaceBox = { x: 0.05, y: 0.05, w: 0.09, h: 0.15 }; // ≥ 0.33 × 0.26 = 0.0858
    assert.equal(issueOf(good({ faces: 2, faceBoxes: [main, tiny] })), null);
    assert.equal(issueOf(good({ faces: 2, faceBoxes: [main, small] })), null);
    assert.equal(issueOf(good({ faces: 2, faceBoxes: [main, plausible] })), 'multiple-faces');
    // Without boxes there is nothing to judge size by: the count is trusted.
    assert.equal(issueOf(good({ faces: 2, faceBoxes: undefined })), 'multiple-faces');
  });

  test('lighting on the face', () => {
    assert.equal(issueOf(good({ luma: 30 })), 'too-dark');
    assert.equal(issueOf(good({ luma: 230 })), 'too-bright');
    assert.equal(issueOf(good({ luma: 87 })), null, 'the darkest well-lit fixture face (vox2) must pass');
    // Lighting is reported before distance: a dark, far face hears "too dark" first.
    const far = faceAt(0.5, 0.5, 0.1);
    assert.equal(issueOf({ ...far, luma: 30 }), 'too-dark');
  });

  test('distance', () => {
    assert.equal(issueOf(faceAt(0.5, 0.5, 0.1)), 'move-closer');
    // The face must be tall enough for the embedding crop: minFaceHeight, not only minFaceWidth.
    assert.equal(issueOf(faceAt(0.5, 0.5, DEFAULT_GUIDANCE.minFaceWidth)), 'move-closer');
    assert.equal(issueOf(faceAt(0.5, 0.5, (DEFAULT_GUIDANCE.minFaceHeight + 0.001) / 1.65)), null);
    assert.equal(issueOf(faceAt(0.5, 0.5, 0.58)), null);
    assert.equal(issueOf(faceAt(0.5, 0.5, 0.7)), 'move-back');
    // Distance comes before position: a far face off to the side first hears "move closer".
    assert.equal(issueOf(faceAt(0.2, 0.5, 0.1)), 'move-closer');
  });

  test('left/right are the person’s own: raw x < 0.5 is their right side, so they move to their left', () => {
    // Face in the left part of the raw (unmirrored) camera image.
    assert.equal(issueOf(faceAt(0.25, 0.5)), 'move-left');
    // Face in the right part of the raw image = the person's own left side → move to their right.
    assert.equal(issueOf(faceAt(0.8, 0.5)), 'move-right');
    // Mirroring the sample (what the person sees) flips the raw x, and so the prompt.
    const mirror = (s: GuidanceInput): GuidanceInput => {
      const b = s.box!;
      const flipped = { ...b, x: 1 - b.x - b.w };
      return { ...s, box: flipped, faceBoxes: [flipped] };
    };
    assert.equal(issueOf(mirror(faceAt(0.25, 0.5))), 'move-right');
    assert.equal(issueOf(faceAt(0.5 - DEFAULT_GUIDANCE.maxOffsetX + 0.01, 0.5)), null);
    assert.equal(issueOf(faceAt(0.5 + DEFAULT_GUIDANCE.maxOffsetX - 0.01, 0.5)), null);
  });

  test('up/down (not mirrored): a face high in the frame moves down', () => {
    assert.equal(issueOf(faceAt(0.5, 0.25)), 'move-down');
    assert.equal(issueOf(faceAt(0.5, 0.78)), 'move-up');
    // Horizontal is reported before vertical.
    assert.equal(issueOf(faceAt(0.2, 0.2)), 'move-left');
  });

  test('face-camera for a start pose that is not frontal (both signs)', () => {
    assert.equal(issueOf(good({ yaw: 20 })), 'face-camera');
    assert.equal(issueOf(good({ yaw: -20 })), 'face-camera');
    assert.equal(issueOf(good({ pitch: 25 })), 'face-camera');
    assert.equal(issueOf(good({ pitch: -25 })), 'face-camera');
    assert.equal(issueOf(good({ yaw: 12 })), 'face-camera', 'frontal within a few degrees');
    assert.equal(issueOf(good({ yaw: 9, pitch: -19 })), null);
    // Missing pose is not held against the person.
    assert.equal(issueOf(good({ yaw: null, pitch: null })), null);
    // Position comes before pose.
    assert.equal(issueOf({ ...faceAt(0.8, 0.5), yaw: 30 }), 'move-right');
  });

  test('a TV-interview framing (a face a third of the frame tall, turned aside) is refused: come closer first, then face the camera', () => {
    const interview = { x: 0.55, y: 0.3, w: 0.18, h: 0.33 };
    assert.equal(issueOf(good({ box: interview, faceBoxes: [interview], yaw: 25 })), 'move-closer');
    assert.equal(issueOf(good({ yaw: 25 })), 'face-camera');
  });

  test('closed eyes and a blurred face are reported after pose', () => {
    assert.equal(issueOf(good({ blinkL: 0.8, blinkR: 0.7 })), 'open-eyes');
    assert.equal(issueOf(good({ blinkL: 0.8, blinkR: 0.1 })), null, 'one eye closed (a wink, a squint) is not closed eyes');
    assert.equal(issueOf(good({ sharp: DEFAULT_GUIDANCE.minSharpness - 1 })), 'too-blurry');
    assert.equal(issueOf(good({ sharp: DEFAULT_GUIDANCE.minSharpness + 1 })), null);
    assert.equal(issueOf(good({ yaw: 30, blinkL: 0.9, blinkR: 0.9 })), 'face-camera');
  });

  test('custom thresholds are used', () => {
    assert.equal(assessFrame(good(), { ...DEFAULT_GUIDANCE, minFaceWidth: 0.3 }).issue, 'move-closer');
    assert.equal(assessFrame(good({ yaw: 10 }), { ...DEFAULT_GUIDANCE, maxYaw: 5 }).issue, 'face-camera');
  });

  test('works on a bare FrameSample (no worker extras)', () => {
    const { faceBoxes: _b, frameLuma: _f, ...bare } = good();
    const sample: FrameSample = bare;
    assert.deepEqual(assessFrame(sample), { ok: true, issue: null });
  });
});

describe('GuidanceHold', () => {
  const OK: GuidanceAssessment = { ok: true, issue: null };
  const NO_FACE: GuidanceAssessment = { ok: false, issue: 'no-face' };
  const LEFT: GuidanceAssessment = { ok: false, issue: 'move-left' };
  const TWO: GuidanceAssessment = { ok: false, issue: 'multiple-faces' };

  /** Pushes `assessment` every `step` ms from `from` to `to` (inclusive); returns the last status. */
  function feed(hold: GuidanceHold, assessment: GuidanceAssessment | null, from: number, to: number, step = 50) {
    let status = hold.status;
    for (let t = from; t <= to; t += step) status = hold.push(assessment, t);
    return status;
  }

  test('starts searching with no issue', () => {
    assert.deepEqual(new GuidanceHold().status, { state: 'searching', progress: 0, issue: null });
  });

  test('a blink does not break the hold; eyes closed longer than MAX_BLINK_MS do', () => {
    const CLOSED: GuidanceAssessment = { ok: false, issue: 'open-eyes' };
    const hold = new GuidanceHold();
    feed(hold, OK, 0, 500);
    feed(hold, CLOSED, 550, 550 + MAX_BLINK_MS - 50);
    assert.equal(feed(hold, OK, 1150, 1250).state, 'steady', 'a blink-long closure kept the hold');
    const long = new GuidanceHold();
    feed(long, OK, 0, 500);
    assert.deepEqual(feed(long, CLOSED, 550, 550 + MAX_BLINK_MS + 100), { state: 'searching', progress: 0, issue: 'open-eyes' });
  });

  test('steady after 1.2 s of continuous good frames, not before', () => {
    const hold = new GuidanceHold();
    assert.deepEqual(hold.push(OK, 1000), { state: 'holding', progress: 0, issue: null });
    const mid = hold.push(OK, 1600);
    assert.equal(mid.state, 'holding');
    assert.ok(Math.abs(mid.progress - 0.5) < 1e-9);
    assert.equal(feed(hold, OK, 1650, 2150).state, 'holding');
    assert.deepEqual(hold.push(OK, 2200), { state: 'steady', progress: 1, issue: null });
    assert.equal(hold.push(OK, 2250).state, 'steady');
  });

  test('tolerates one dropped/failed frame or one lost face', () => {
    for (const glitch of [null, NO_FACE]) {
      const hold = new GuidanceHold();
      feed(hold, OK, 0, 600);
      const during = hold.push(glitch, 650);
      assert.equal(during.state, 'holding', 'a single glitch keeps the hold');
      assert.equal(hold.push(OK, 700).state, 'holding');
      assert.equal(feed(hold, OK, 750, 1200).state, 'steady', 'progress kept its start time');
    }
  });

  test('two glitches in a row reset', () => {
    const hold = new GuidanceHold();
    feed(hold, OK, 0, 1000);
    hold.push(null, 1050);
    assert.deepEqual(hold.push(NO_FACE, 1100), { state: 'searching', progress: 0, issue: 'no-face' });
    assert.equal(hold.push(OK, 1150).progress, 0, 'the hold starts again');
  });

  test('a single glitch does not make a hold steady', () => {
    const hold = new GuidanceHold();
    feed(hold, OK, 0, 1150);
    assert.equal(hold.push(null, 1300).state, 'holding');
    assert.equal(hold.push(OK, 1350).state, 'steady');
  });

  test('any real issue resets at once, even when steady', () => {
    for (const issue of [LEFT, TWO]) {
      const hold = new GuidanceHold();
      assert.equal(feed(hold, OK, 0, 1500).state, 'steady');
      assert.deepEqual(hold.push(issue, 1550), { state: 'searching', progress: 0, issue: issue.issue });
      assert.equal(feed(hold, OK, 1600, 2700).state, 'holding');
      assert.equal(hold.push(OK, 2800).state, 'steady');
    }
  });

  test('while searching, the latest issue is reported at once', () => {
    const hold = new GuidanceHold();
    assert.equal(hold.push(NO_FACE, 0).issue, 'no-face');
    assert.equal(hold.push(LEFT, 50).issue, 'move-left');
    assert.equal(hold.push(null, 100).issue, 'move-left', 'a failed frame says nothing new');
  });

  test('only issues, forever: never steady', () => {
    const hold = new GuidanceHold();
    assert.equal(feed(hold, NO_FACE, 0, 10_000).state, 'searching');
    assert.equal(feed(hold, TWO, 10_050, 20_000).state, 'searching');
  });

  test('a face lost on every other frame still holds (each loss is a single glitch); two in a row reset', () => {
    const hold = new GuidanceHold();
    let status = hold.status;
    for (let t = 0; t <= 1300; t += 100) status = hold.push(t % 200 === 0 ? OK : NO_FACE, t);
    assert.equal(status.state, 'steady');
    // Two in a row between good frames always reset.
    const strict = new GuidanceHold();
    for (let t = 0; t <= 3000; t += 50) status = strict.push(t % 150 === 0 ? OK : NO_FACE, t);
    assert.notEqual(status.state, 'steady');
  });

  test('a long gap between frames breaks continuity', () => {
    const hold = new GuidanceHold({ maxGapMs: 500 });
    feed(hold, OK, 0, 800);
    assert.deepEqual(hold.push(OK, 1500), { state: 'holding', progress: 0, issue: null });
  });

  test('options, reset and time checks', () => {
    const hold = new GuidanceHold({ holdMs: 300 });
    assert.equal(feed(hold, OK, 0, 300).state, 'steady');
    hold.reset();
    assert.deepEqual(hold.status, { state: 'searching', progress: 0, issue: null });
    assert.equal(hold.push(OK, 0).state, 'holding', 'time may restart after reset');
    assert.throws(() => hold.push(OK, -10), RangeError);
    assert.throws(() => hold.push(OK, Number.NaN), RangeError);
    assert.throws(() => new GuidanceHold({ holdMs: 0 }), RangeError);
    assert.throws(() => new GuidanceHold({ maxGapMs: -1 }), RangeError);
  });

  test('status is a copy', () => {
    const hold = new GuidanceHold();
    const status = hold.push(OK, 0);
    status.state = 'steady';
    assert.equal(hold.status.state, 'holding');
  });
});
