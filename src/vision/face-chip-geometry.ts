/**
 * Where the face chip comes from: a similarity transform (rotation, uniform scale, shift) from the
 * frame to the 150×150 descriptor input, computed from MediaPipe's landmarks. It lives with vision,
 * not embedding, because the chip is cut in the landmarker worker, the one place that holds both the
 * frame and its landmarks; the embedding worker receives finished chips.
 *
 * The chip reproduces the one dlib's network was trained on: dlib's `get_face_chip_details` with
 * its 5-point shape (the four eye corners and the point under the nose) fitted by least squares to
 * its mean face, with a padding of 0.25 (so a template coordinate v lands at (v + 0.25) / 1.5 of the
 * chip). research.md's summary of that placement (eye-to-mouth 0.45 of the chip, centroid at
 * (0.5, 0.43)) matches the centroid but not the scale; dlib's own template gives 0.38, and on the
 * shared photos 0.45 (too tight, the chin and brows cut off) put different people closer than 0.38
 * did (eval/README.md "Alignment").
 *
 * Pure. Points are in frame pixels (landmarks are normalised: x by width, y by height, so they are
 * scaled first; a non-square frame would otherwise skew the angle).
 */
import type { Point2 } from './face-metrics.js';

/** Side of the face chip, px: the descriptor network's input. */
export const CHIP_SIDE = 150;

/**
 * The five alignment points as MediaPipe face-mesh indices, with where dlib's mean face puts the
 * matching point of its 68-point scheme (36, 39, 42, 45: the eye corners from the image's left;
 * 33: under the nose), in dlib's unpadded template units.
 */
export const ALIGNMENT_POINTS: readonly { landmark: number; template: Point2 }[] = Object.freeze([
  { landmark: 33, template: { x: 0.121737, y: 0.216423 } },
  { landmark: 133, template: { x: 0.334606, y: 0.231733 } },
  { landmark: 362, template: { x: 0.645647, y: 0.231733 } },
  { landmark: 263, template: { x: 0.858516, y: 0.216423 } },
  { landmark: 2, template: { x: 0.490127, y: 0.628106 } },
]);

/** dlib's chip padding: the template's unit square grows by this much on every side. */
export const CHIP_PADDING = 0.25;

/**
 * An affine map `[a, b, c, d, e, f]`: x' = a·x + b·y + c, y' = d·x + e·y + f. Here: crop pixel →
 * frame pixel (the direction a resampler reads in).
 */
export type Affine = readonly [number, number, number, number, number, number];

/** The alignment points of a face in frame pixels, in ALIGNMENT_POINTS order; null when one is missing or not finite. */
export function alignmentPoints(landmarks: readonly Point2[], width: number, height: number): Point2[] | null {
  const points: Point2[] = [];
  for (const { landmark } of ALIGNMENT_POINTS) {
    const p = landmarks[landmark];
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return null;
    points.push({ x: p.x * width, y: p.y * height });
  }
  return points;
}

/** Where each alignment point belongs in a chip of `side` pixels. */
export function chipTemplate(side = CHIP_SIDE): Point2[] {
  const scale = side / (1 + 2 * CHIP_PADDING);
  return ALIGNMENT_POINTS.map(({ template }) => ({ x: (template.x + CHIP_PADDING) * scale, y: (template.y + CHIP_PADDING) * scale }));
}

/**
 * The least-squares similarity (no reflection) taking `from` onto `to`.
 * @returns null when `from` has no spread (all points on top of each other).
 */
export function fitSimilarity(from: readonly Point2[], to: readonly Point2[]): Affine | null {
  if (from.length !== to.length || from.length < 2) return null;
  const n = from.length;
  const mean = (ps: readonly Point2[]) => ({ x: ps.reduce((s, p) => s + p.x, 0) / n, y: ps.reduce((s, p) => s + p.y, 0) / n });
  const mf = mean(from);
  const mt = mean(to);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const px = from[i]!.x - mf.x;
    const py = from[i]!.y - mf.y;
    const qx = to[i]!.x - mt.x;
    const qy = to[i]!.y - mt.y;
    dot += px * qx + py * qy;
    cross += px * qy - py * qx;
    norm += px * px + py * py;
  }
  if (!(norm > 1e-9)) return null;
  const a = dot / norm;
  const b = cross / norm;
  return [a, -b, mt.x - a * mf.x + b * mf.y, b, a, mt.y - b * mf.x - a * mf.y];
}

/** The crop → frame map of a face's alignment points; null when they are degenerate. */
export function cropToFrame(points: readonly Point2[], side = CHIP_SIDE): Affine | null {
  const map = fitSimilarity(chipTemplate(side), points);
  return map && affineScale(map) > 1e-6 ? map : null;
}

/** Applies an affine map to a point. */
export function applyAffine(m: Affine, p: Point2): Point2 {
  return { x: m[0] * p.x + m[1] * p.y + m[2], y: m[3] * p.x + m[4] * p.y + m[5] };
}

/** Frame pixels per crop pixel of a similarity map (its scale). */
export function affineScale(m: Affine): number {
  return Math.sqrt(Math.abs(m[0] * m[4] - m[1] * m[3]));
}

/**
 * The frame rectangle (whole pixels, clipped to the frame) a crop reads from: the bounding box of
 * the crop's corners mapped into the frame, one pixel wider for the bilinear neighbours.
 * @returns null when the crop lies wholly outside the frame.
 */
export function cropFootprint(m: Affine, side: number, width: number, height: number): { x: number; y: number; w: number; h: number } | null {
  const corners = [[0, 0], [side, 0], [0, side], [side, side]].map(([x, y]) => applyAffine(m, { x: x!, y: y! }));
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))) - 1);
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))) - 1);
  const x1 = Math.min(width, Math.ceil(Math.max(...corners.map((c) => c.x))) + 1);
  const y1 = Math.min(height, Math.ceil(Math.max(...corners.map((c) => c.y))) + 1);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}
