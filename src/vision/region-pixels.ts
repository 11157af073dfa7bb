/**
 * Reads a region of a frame back as a small square of RGBA pixels (worker side, OffscreenCanvas).
 * 'high' smoothing makes the browser filter (average) while shrinking instead of picking sparse
 * pixels, so means taken from the square are stable from frame to frame.
 */
import { clipToFrame } from './face-metrics.js';
import type { FaceBox } from './protocol.js';

const contexts = new Map<number, OffscreenCanvasRenderingContext2D>();

/** The region as it was cut out of the frame, and its pixels scaled to `size`×`size`. */
export interface RegionPixels {
  rect: { sx: number; sy: number; sw: number; sh: number };
  rgba: Uint8ClampedArray;
}

/** `box` (normalised) of `bitmap` scaled to `size`×`size`; null when the box is outside the frame. */
export function regionPixels(bitmap: ImageBitmap, box: FaceBox, size: number): RegionPixels | null {
  const rect = clipToFrame(box, bitmap.width, bitmap.height);
  if (!rect) return null;
  let context = contexts.get(size);
  if (!context) {
    const created = new OffscreenCanvas(size, size).getContext('2d', { willReadFrequently: true });
    if (!created) return null;
    created.imageSmoothingQuality = 'high';
    contexts.set(size, created);
    context = created;
  }
  context.drawImage(bitmap, rect.sx, rect.sy, rect.sw, rect.sh, 0, 0, size, size);
  return { rect, rgba: context.getImageData(0, 0, size, size).data };
}
