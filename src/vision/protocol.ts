/**
 * Types shared by the landmarker worker and its main-thread client. Only plain data and transferable
 * bitmaps cross the boundary, so both sides can be written and tested without the other.
 */
import type { FrameSample } from '../shared/trace.js';

/** Where MediaPipe runs its inference. CPU is the default: GPU falls back to SwiftShader on many CI boxes. */
export type LandmarkerDelegate = 'CPU' | 'GPU';

/** Error codes the vision layer reports (a subset of the widget's codes). */
export type VisionErrorCode = 'model-missing' | 'model-integrity' | 'vision-failed';

/** A face box normalised to the frame: x, w by frame width; y, h by frame height. */
export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * One analysed frame: the trace sample plus what guidance and diagnostics need.
 * `box`, pose, blinks and `luma` describe the primary (largest) face.
 */
export type FrameAnalysis = FrameSample & {
  /** Time the worker spent on this frame (landmarking + metrics), in ms. */
  latencyMs: number;
  /** Size of the analysed frame in pixels. */
  width: number;
  height: number;
  /**
   * Boxes of every distinct face found, largest first (so `faceBoxes[0]` equals `box`, and there are
   * `faces` of them); a detection overlapping a larger one by IoU > 0.5 is the same face, dropped.
   */
  faceBoxes: FaceBox[];
  /** Number of landmarks the primary face's box was computed from (478 for this model); 0 without a face. */
  landmarkCount: number;
  /** Mean luma (0..255) of the whole frame, so guidance can say "too dark" when no face is found. */
  frameLuma: number;
  /** The face repeats an earlier, non-adjacent frame near-exactly (a looping picture); false without a face. */
  repeat: boolean;
  /**
   * The primary face's aligned 150×150 chip, when the frame was sent with `chip: true` and one could
   * be cut (the embedding mode's input; it never leaves the device).
   */
  chip?: FaceChip;
};

/** An aligned face chip (see `face-chip-geometry.ts`). */
export interface FaceChip {
  /** 150·150·3 RGB bytes, row-major. */
  rgb: Uint8Array;
  /** Frame pixels per chip pixel: below 1 the face was upscaled and the chip holds less detail than it shows. */
  framePxPerChipPx: number;
}

/** How long each step of starting the landmarker took, in ms. */
export interface LandmarkerInitTimings {
  /** Downloading the model file. */
  modelFetchMs: number;
  /** SHA-256 of the model. */
  modelVerifyMs: number;
  /** Loading the wasm runtime and building the landmarker graph. */
  landmarkerCreateMs: number;
}

/** Messages the client sends to the worker. */
export type WorkerRequest =
  | { type: 'init'; assetsBase: string; delegate: LandmarkerDelegate }
  /** `chip`: also cut the primary face's aligned chip (embedding mode). */
  | { type: 'frame'; id: number; bitmap: ImageBitmap; t: number; chip?: boolean }
  | { type: 'close' };

/** Messages the worker sends back. */
export type WorkerResponse =
  | { type: 'ready'; timings: LandmarkerInitTimings }
  | { type: 'result'; id: number; analysis: FrameAnalysis }
  /**
   * `id` names the frame that failed; null for init failures and crashes. `fatal` means the worker
   * cannot analyse any more frames.
   */
  | { type: 'error'; id: number | null; fatal: boolean; code: VisionErrorCode; message: string }
  | { type: 'closed' };
