/**
 * Cuts the aligned 150×150 face chip the descriptor network reads (worker side, OffscreenCanvas):
 * only the frame rectangle the chip covers is read back, at full resolution, and resampled in
 * JavaScript (`chip-warp.ts`), so the chip does not depend on a browser's canvas filtering.
 */
import { warpToCrop } from './chip-warp.js';
import { affineScale, alignmentPoints, CHIP_SIDE, cropFootprint, cropToFrame } from './face-chip-geometry.js';
import type { Point2 } from './face-metrics.js';
import type { FaceChip } from './protocol.js';

let context: OffscreenCanvasRenderingContext2D | null = null;

/**
 * @returns the chip as CHIP_SIDE²·3 RGB bytes, and how many frame pixels each chip pixel was made
 *   from (below 1: the face was upscaled, so the chip has less detail than it shows); null when the
 *   landmarks are unusable or the chip lies outside the frame.
 */
export function faceChip(bitmap: ImageBitmap, landmarks: readonly Point2[]): FaceChip | null {
  const points = alignmentPoints(landmarks, bitmap.width, bitmap.height);
  const map = points && cropToFrame(points);
  const rect = map && cropFootprint(map, CHIP_SIDE, bitmap.width, bitmap.height);
  if (!points || !map || !rect) return null;
  if (!context || context.canvas.width < rect.w || context.canvas.height < rect.h) {
    context = new OffscreenCanvas(Math.max(rect.w, context?.canvas.width ?? 0), Math.max(rect.h, context?.canvas.height ?? 0)).getContext('2d', { willReadFrequently: true });
    if (!context) return null;
  }
  context.clearRect(0, 0, rect.w, rect.h);
  context.drawImage(bitmap, rect.x, rect.y, rect.w, rect.h, 0, 0, rect.w, rect.h);
  const rgba = context.getImageData(0, 0, rect.w, rect.h).data;
  return {
    rgb: warpToCrop({ x: rect.x, y: rect.y, width: rect.w, height: rect.h, rgba }, map, CHIP_SIDE),
    framePxPerChipPx: affineScale(map),
  };
}
