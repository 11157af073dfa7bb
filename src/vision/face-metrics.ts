/**
 * Pure per-face measurements the worker derives from MediaPipe's output. Kept free of MediaPipe and
 * canvas types so they run (and are tested) in Node.
 */
import type { FaceBox } from './protocol.js';

/** The landmark fields these helpers read. */
export interface Point2 {
  x: number;
  y: number;
}

/**
 * Bounding box of a face's landmarks, normalised to the frame. Not clamped to 0..1: a box that runs
 * off the frame edge is exactly what guidance needs to see to ask the person to move.
 * Returns null for an empty or non-finite landmark list.
 */
export function boxFromLandmarks(landmarks: readonly Point2[]): FaceBox | null {
  if (landmarks.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of landmarks) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/**
 * Indices of `boxes` ordered by area, largest first. MediaPipe's face order is not by size, and the
 * person being verified is the one nearest the camera.
 */
export function orderBySize(boxes: readonly (FaceBox | null)[]): number[] {
  return boxes
    .map((box, index) => ({ index, area: box ? box.w * box.h : -1 }))
    .filter((entry) => entry.area >= 0)
    .sort((a, b) => b.area - a.area || a.index - b.index)
    .map((entry) => entry.index);
}

/** Intersection over union of two boxes (0 when they do not overlap). */
export function iou(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

/**
 * Above this IoU two detections are one face. MediaPipe's VIDEO mode can keep a tracked face and
 * re-detect it as a second one after an abrupt change (measured: IoU 0.74 on still_face after a
 * jump from a tilted to a darkened frame); two real people's faces overlap far less.
 */
export const DUPLICATE_FACE_IOU = 0.5;

/**
 * Indices of the distinct faces, largest first: like {@link orderBySize}, but a face that overlaps
 * an already kept (larger) face by more than `maxIoU` is dropped as a duplicate.
 */
export function distinctFaces(boxes: readonly (FaceBox | null)[], maxIoU = DUPLICATE_FACE_IOU): number[] {
  const kept: number[] = [];
  for (const index of orderBySize(boxes)) {
    const box = boxes[index]!;
    if (kept.every((k) => iou(boxes[k]!, box) <= maxIoU)) kept.push(index);
  }
  return kept;
}

/** A blendshape score by name (MediaPipe's `categoryName`), or null when absent. */
export function blendshapeScore(
  categories: readonly { categoryName: string; score: number }[] | undefined,
  name: string,
): number | null {
  const found = categories?.find((c) => c.categoryName === name);
  return found && Number.isFinite(found.score) ? found.score : null;
}

/**
 * Mean luma (BT.601: 0.299 R + 0.587 G + 0.114 B, 0..255) of RGBA pixels. Webcams deliver BT.601
 * video, so these weights match what the sensor measured. Returns null for no pixels.
 */
export function meanLuma(rgba: ArrayLike<number>): number | null {
  const pixels = Math.floor(rgba.length / 4);
  if (pixels === 0) return null;
  let sum = 0;
  for (let i = 0; i < pixels * 4; i += 4) {
    sum += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
  }
  return sum / pixels;
}

/**
 * The pixel rectangle of a normalised box clipped to a `width`×`height` frame, or null when less
 * than one pixel of it is inside the frame.
 */
export function clipToFrame(
  box: FaceBox,
  width: number,
  height: number,
): { sx: number; sy: number; sw: number; sh: number } | null {
  const x0 = Math.max(0, Math.floor(box.x * width));
  const y0 = Math.max(0, Math.floor(box.y * height));
  const x1 = Math.min(width, Math.ceil((box.x + box.w) * width));
  const y1 = Math.min(height, Math.ceil((box.y + box.h) * height));
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { sx: x0, sy: y0, sw: x1 - x0, sh: y1 - y0 };
}
