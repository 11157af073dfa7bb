/**
 * Framing guidance: is this frame good enough to start the check, and if not, what should the person
 * do? Pure functions over {@link FrameSample}s, so they are tested in Node and reused unchanged by
 * the element (which words the prompts) and the flow (which waits for a steady hold).
 */
import type { FrameSample } from '../shared/trace.js';
import type { FaceBox } from './protocol.js';

/** What the person should fix first; null when the frame is fine. */
export type GuidanceIssue =
  | 'no-face'
  | 'multiple-faces'
  | 'too-dark'
  | 'too-bright'
  | 'move-closer'
  | 'move-back'
  /** Move towards the person's OWN left (see {@link assessFrame} for the mapping). */
  | 'move-left'
  /** Move towards the person's OWN right. */
  | 'move-right'
  | 'move-up'
  | 'move-down'
  | 'face-camera'
  /** Both eyes closed for longer than a blink. */
  | 'open-eyes'
  /** The face is blurred (camera or head moving, or a dirty lens). */
  | 'too-blurry';

/** The result of {@link assessFrame}. */
export interface GuidanceAssessment {
  ok: boolean;
  issue: GuidanceIssue | null;
}

/** Limits used by {@link assessFrame}. Widths are fractions of frame width; luma is 0..255. */
export interface GuidanceThresholds {
  /** Face box narrower than this → 'move-closer'. */
  minFaceWidth: number;
  /** Face box wider than this → 'move-back'. */
  maxFaceWidth: number;
  /** Face box shorter than this (fraction of frame height) → 'move-closer'. */
  minFaceHeight: number;
  /** Face centre further than this from the frame centre, horizontally (fraction of width). */
  maxOffsetX: number;
  /** Face centre further than this from the frame centre, vertically (fraction of height). */
  maxOffsetY: number;
  /** Mean luma of the face below this → 'too-dark'. */
  minFaceLuma: number;
  /** Mean luma of the face above this → 'too-bright'. */
  maxFaceLuma: number;
  /** With no face found: a whole frame darker than this says 'too-dark' instead of 'no-face'. */
  minFrameLuma: number;
  /** With no face found: a whole frame brighter than this says 'too-bright' instead of 'no-face'. */
  maxFrameLuma: number;
  /** |yaw| above this (degrees) → 'face-camera'. */
  maxYaw: number;
  /** |pitch| above this (degrees) → 'face-camera'. */
  maxPitch: number;
  /** Both eye-blink scores at or above this → the eyes are closed. */
  eyesClosed: number;
  /** Face sharpness (variance of the Laplacian of a 64×64 grey crop) below this → 'too-blurry'. */
  minSharpness: number;
  /** A second face counts only if at least this fraction of the primary face's width... */
  secondFaceMinRatio: number;
  /** ...and at least this wide (fraction of frame width). */
  secondFaceMinWidth: number;
}

/**
 * Defaults. Measured on the 640×480 fake cameras (landmark box, worker output): still_face w 0.26,
 * centre (0.54, 0.40), face luma 154; still_face_other w 0.38, centre (0.54, 0.51); a real webcam
 * recording (moving_face_webcam) w 0.24, centre (0.51, 0.59), pitch about -10 (camera below the
 * eyes), luma 99; vox2 (darker skin, ordinary light) luma 87-100; two_faces two faces of w 0.17.
 */
export const DEFAULT_GUIDANCE: Readonly<GuidanceThresholds> = Object.freeze({
  // ≈ 90 px at 640: a face at a long arm's length (≈ 70 cm) from a 70°-wide webcam, whose landmark
  // box (≈ 14.5 cm across) spans about 0.15 of the frame. Smaller faces give coarse landmarks.
  minFaceWidth: 0.14,
  // The landmark box is ≈ 1.65× taller than wide in 4:3 normalised units, so past 0.6 the chin or
  // forehead leaves a landscape frame.
  maxFaceWidth: 0.6,
  // The zero-upload mode aligns the face into a 150×150 crop whose face (brow to chin) spans about
  // two thirds of it: a landmark box under ~150 px tall would be upsampled, not real pixels. 0.35 of
  // a 480-px frame is 168 px (252 px at 720p). A TV-interview framing (a small face in a wide shot)
  // is refused here; the fixtures' faces are 0.40–0.6 tall.
  minFaceHeight: 0.35,
  // Leaves room for the ±20-30° head turns of the liveness actions without the face leaving the
  // frame; vertical is looser because webcams naturally frame faces high or low.
  maxOffsetX: 0.15,
  maxOffsetY: 0.2,
  // Far below the darkest well-lit face measured (87), so darker skin in ordinary light is never told
  // "too dark"; what it catches is a face in a dim room or against a window (not measured here).
  minFaceLuma: 40,
  // Above it, skin clips to white and blink/landmark detail is lost; the brightest fixture face is 154.
  maxFaceLuma: 215,
  // Only for frames without a face: the darkest fixture frame (moving_face_profile) is 39.
  minFrameLuma: 30,
  maxFrameLuma: 235,
  // Start pose: frontal within a few degrees, so the turns are measured from a neutral head and a
  // face turned aside (an interview shot) is not taken as facing the camera. Talking heads sway up to
  // 9° (hdtf-aoc), so 10° is the tightest that does not nag a person who faces the screen. Pitch is
  // looser because it includes the camera's angle (-10° on the webcam recording).
  maxYaw: 10,
  maxPitch: 20,
  // The liveness blink threshold: both eyes this closed, for longer than a blink, means closed eyes.
  eyesClosed: 0.5,
  // The measure is taken on a 64×64 crop of the face box, so it tracks blur relative to the face.
  // Seven photos zoomed to a 45 % face and blurred by 3 % of the face height (eyelid and lip lines
  // gone) read 4–26 (test/browser/vision/sharpness.test.ts); in focus they read 600–1500, upscaled
  // 250 px LFW faces 96–420, and the softest fixture video (moving_face_webcam, a real webcam, while
  // moving) 54 at its lowest frame, 85 at its 5th percentile.
  minSharpness: 35,
  // A face under a third of the primary's width is ≥ 3× further away: background, not a second
  // participant. Below ≈ 38 px (0.06 × 640) the short-range detector is unreliable anyway.
  secondFaceMinRatio: 0.33,
  secondFaceMinWidth: 0.06,
});

/** A frame sample, optionally with the extras the worker reports ({@link FrameAnalysis} fits). */
export type GuidanceInput = FrameSample & {
  /** Every face's box, largest first; without it every counted face is taken as a real one. */
  faceBoxes?: readonly FaceBox[];
  /** Mean luma of the whole frame. */
  frameLuma?: number | null;
};

/**
 * Assesses one frame. Issues are checked in this order, the first one found wins:
 *  1. 'no-face' (or 'too-dark'/'too-bright' when the whole frame is so dark/bright that this is
 *     the likely reason no face was found);
 *  2. 'multiple-faces': a second face of plausible size (tiny detections are ignored: the detector
 *     is unreliable there and they are background, not a second participant);
 *  3. 'too-dark' / 'too-bright' on the face: bad light degrades every landmark, so the size,
 *     position and pose below are not worth prompting until it is fixed;
 *  4. 'move-closer' / 'move-back': changing distance also moves the face in the frame;
 *  5. 'move-left' / 'move-right', then 'move-up' / 'move-down';
 *  6. 'face-camera': the start pose must be frontal within a few degrees (|yaw|, |pitch|);
 *  7. 'too-blurry', then 'open-eyes' (which {@link GuidanceHold} lets pass for the length of a blink).
 *
 * Left/right are in the PERSON's frame. The sample is in raw camera coordinates (not mirrored):
 * the camera faces the person, so the left half of the raw image (x < 0.5) is the person's own
 * RIGHT side. A face centred at raw x < 0.5 must therefore move towards the person's own LEFT →
 * 'move-left'. In the mirrored preview they see the face on the right of the screen and moving to
 * their left brings it to the centre, as in a mirror. Up/down are not mirrored: a face high in the
 * frame (small y) → 'move-down'.
 */
export function assessFrame(
  sample: GuidanceInput,
  thresholds: Readonly<GuidanceThresholds> = DEFAULT_GUIDANCE,
): GuidanceAssessment {
  const th = thresholds;
  const box = sample.box;
  if (sample.faces < 1 || !box) {
    const frameLuma = sample.frameLuma;
    if (frameLuma != null && frameLuma < th.minFrameLuma) return issue('too-dark');
    if (frameLuma != null && frameLuma > th.maxFrameLuma) return issue('too-bright');
    return issue('no-face');
  }
  if (countPlausibleFaces(sample, th) > 1) return issue('multiple-faces');
  if (sample.luma != null && sample.luma < th.minFaceLuma) return issue('too-dark');
  if (sample.luma != null && sample.luma > th.maxFaceLuma) return issue('too-bright');
  if (box.w < th.minFaceWidth || box.h < th.minFaceHeight) return issue('move-closer');
  if (box.w > th.maxFaceWidth) return issue('move-back');
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  if (cx < 0.5 - th.maxOffsetX) return issue('move-left');
  if (cx > 0.5 + th.maxOffsetX) return issue('move-right');
  if (cy < 0.5 - th.maxOffsetY) return issue('move-down');
  if (cy > 0.5 + th.maxOffsetY) return issue('move-up');
  if ((sample.yaw != null && Math.abs(sample.yaw) > th.maxYaw) || (sample.pitch != null && Math.abs(sample.pitch) > th.maxPitch)) {
    return issue('face-camera');
  }
  if (sample.sharp != null && sample.sharp < th.minSharpness) return issue('too-blurry');
  if (sample.blinkL != null && sample.blinkR != null && Math.min(sample.blinkL, sample.blinkR) >= th.eyesClosed) return issue('open-eyes');
  return { ok: true, issue: null };
}

function issue(which: GuidanceIssue): GuidanceAssessment {
  return { ok: false, issue: which };
}

/**
 * Faces that plausibly belong to people in front of the camera. Note what size cannot catch: the
 * detector's known false face on a logo was large, so a second face is always reported when big.
 */
function countPlausibleFaces(sample: GuidanceInput, th: Readonly<GuidanceThresholds>): number {
  const boxes = sample.faceBoxes;
  if (!boxes || boxes.length === 0) return sample.faces;
  const primaryWidth = Math.max(...boxes.map((b) => b.w));
  const minWidth = Math.max(th.secondFaceMinWidth, th.secondFaceMinRatio * primaryWidth);
  return boxes.filter((b, i) => i === 0 || b.w >= minWidth).length;
}

/** Longest eye closure taken as a blink (blinks last 100–400 ms, research.md). */
export const MAX_BLINK_MS = 600;

/** Where the person is in holding still: see {@link GuidanceHold}. */
export type GuidanceState = 'searching' | 'holding' | 'steady';

/** The status {@link GuidanceHold.push} reports. */
export interface GuidanceStatus {
  state: GuidanceState;
  /** 0..1 of the hold time completed (1 when steady). */
  progress: number;
  /** The latest issue while searching; null while holding or steady. */
  issue: GuidanceIssue | null;
}

/** Options of {@link GuidanceHold}. */
export interface GuidanceHoldOptions {
  /** Continuous good framing needed before 'steady', in ms. Default 1200. */
  holdMs?: number;
  /**
   * A gap between updates longer than this (ms) breaks continuity (e.g. the tab was hidden): the
   * hold starts again. Default 1000.
   */
  maxGapMs?: number;
}

/**
 * Turns per-frame assessments into "hold still" progress: 'steady' after `holdMs` of continuous
 * good frames. One bad frame in a row is tolerated if it is a dropped/failed analysis (`null`) or a
 * 'no-face' (the landmarker briefly losing a face that is still there); two in a row, or any other
 * issue (someone else entering, moving off-centre), reset the hold at once.
 */
export class GuidanceHold {
  readonly #holdMs: number;
  readonly #maxGapMs: number;
  #holdStart: number | null = null;
  #lastT: number | null = null;
  #misses = 0;
  #eyesClosedSince: number | null = null;
  #status: GuidanceStatus = { state: 'searching', progress: 0, issue: null };

  constructor(options: GuidanceHoldOptions = {}) {
    this.#holdMs = options.holdMs ?? 1200;
    this.#maxGapMs = options.maxGapMs ?? 1000;
    if (!(this.#holdMs > 0)) throw new RangeError('GuidanceHold: `holdMs` must be a positive number of ms');
    if (!(this.#maxGapMs > 0)) throw new RangeError('GuidanceHold: `maxGapMs` must be a positive number of ms');
  }

  /** The latest status. */
  get status(): GuidanceStatus {
    return { ...this.#status };
  }

  /**
   * Feeds one frame's assessment (`null` for a frame that was dropped or failed) at time `t` (ms).
   * @throws RangeError when `t` goes back in time.
   */
  push(assessment: GuidanceAssessment | null, t: number): GuidanceStatus {
    if (!Number.isFinite(t) || (this.#lastT !== null && t < this.#lastT)) {
      throw new RangeError(`GuidanceHold.push: \`t\` must be finite and must not go back (got ${t} after ${this.#lastT})`);
    }
    if (this.#lastT !== null && t - this.#lastT > this.#maxGapMs) this.#startOver(this.#status.issue);
    this.#lastT = t;

    // A blink is not a problem: closed eyes only count once they stay closed longer than one.
    if (assessment?.issue === 'open-eyes') {
      this.#eyesClosedSince ??= t;
      if (t - this.#eyesClosedSince <= MAX_BLINK_MS) return this.status;
    } else {
      this.#eyesClosedSince = null;
    }
    if (assessment?.ok) {
      this.#misses = 0;
      this.#holdStart ??= t;
      const progress = Math.min(1, (t - this.#holdStart) / this.#holdMs);
      this.#status = { state: progress >= 1 ? 'steady' : 'holding', progress, issue: null };
      return this.status;
    }

    const tolerable = assessment === null || assessment.issue === 'no-face';
    this.#misses++;
    if (this.#holdStart !== null && tolerable && this.#misses === 1) {
      // Keep the hold (and its status) as it is; the next good frame carries the progress on.
      return this.status;
    }
    this.#startOver(assessment?.issue ?? this.#status.issue);
    return this.status;
  }

  /** Forgets everything, e.g. when the camera changes. */
  reset(): void {
    this.#startOver(null);
    this.#lastT = null;
  }

  #startOver(issue: GuidanceIssue | null): void {
    this.#holdStart = null;
    this.#misses = 0;
    this.#status = { state: 'searching', progress: 0, issue };
  }
}
