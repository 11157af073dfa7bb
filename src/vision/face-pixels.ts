/**
 * Pure measurements on a small square crop of the face (RGBA, `size`×`size`), which the worker draws
 * once per frame: mean luma, the skin's colour at three landmark patches (for the colour-reflection
 * check), sharpness, and a grey thumbnail to compare frames with (motion, repeats). No canvas here,
 * so they are tested in Node on hand-made pixels.
 */
import type { Point2 } from './face-metrics.js';

/**
 * Landmarks of the face mesh whose surroundings are bare skin on nearly every face: mid-forehead
 * (151) and the two cheeks (50, 280), away from eyes, brows, beard and lips.
 */
export const SKIN_LANDMARKS = [151, 50, 280] as const;

/** BT.601 grey levels of RGBA pixels. */
export function greyOf(rgba: ArrayLike<number>): Float32Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
  return out;
}

/**
 * Mean RGB of square patches (half-width `radius` pixels) centred on `points`, given in crop pixels.
 * Points outside the crop are skipped; null when none is inside.
 */
export function patchColour(rgba: ArrayLike<number>, size: number, points: readonly Point2[], radius: number): [number, number, number] | null {
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (const p of points) {
    const cx = Math.round(p.x);
    const cy = Math.round(p.y);
    if (cx < 0 || cy < 0 || cx >= size || cy >= size) continue;
    for (let y = Math.max(0, cy - radius); y <= Math.min(size - 1, cy + radius); y++) {
      for (let x = Math.max(0, cx - radius); x <= Math.min(size - 1, cx + radius); x++) {
        const i = (y * size + x) * 4;
        r += rgba[i]!;
        g += rgba[i + 1]!;
        b += rgba[i + 2]!;
        n++;
      }
    }
  }
  return n === 0 ? null : [r / n, g / n, b / n];
}

/**
 * Variance of the 4-neighbour Laplacian over the crop's interior: high for a sharp face (edges of
 * eyes, brows, nostrils), low for a blurred one.
 */
export function laplacianVariance(grey: ArrayLike<number>, size: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      const l = 4 * grey[i]! - grey[i - 1]! - grey[i + 1]! - grey[i - size]! - grey[i + size]!;
      sum += l;
      sumSq += l * l;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** A `side`×`side` grey thumbnail: block means of a `size`×`size` grey crop (size a multiple of side). */
export function thumbnail(grey: ArrayLike<number>, size: number, side: number): Float32Array {
  const block = Math.floor(size / side);
  const out = new Float32Array(side * side);
  for (let ty = 0; ty < side; ty++) {
    for (let tx = 0; tx < side; tx++) {
      let s = 0;
      for (let y = ty * block; y < (ty + 1) * block; y++) for (let x = tx * block; x < (tx + 1) * block; x++) s += grey[y * size + x]!;
      out[ty * side + tx] = s / (block * block);
    }
  }
  return out;
}

/** Mean absolute difference of two equal-length arrays. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return a.length ? s / a.length : 0;
}

/** Below this mean difference (grey levels) two thumbnails are the same picture: a sensor's noise alone exceeds it. */
export const REPEAT_MAD = 0.25;
/** Frames this close in time are neighbours, not a repeat. */
export const REPEAT_MIN_AGE_MS = 300;

/** Remembers recent thumbnails and says whether a new one repeats an older, non-adjacent frame. */
export class RepeatDetector {
  readonly #history: { t: number; thumb: Float32Array }[] = [];

  constructor(private readonly capacity = 120) {}

  /** @returns true when `thumb` (taken at `t`) matches a frame at least {@link REPEAT_MIN_AGE_MS} older. */
  push(t: number, thumb: Float32Array): boolean {
    const repeat = this.#history.some((h) => t - h.t >= REPEAT_MIN_AGE_MS && meanAbsDiff(h.thumb, thumb) < REPEAT_MAD);
    this.#history.push({ t, thumb });
    if (this.#history.length > this.capacity) this.#history.shift();
    return repeat;
  }
}
