/**
 * Resamples an aligned face crop out of a frame's pixels. Pure (no canvas), so the crop the network
 * sees is the same in every browser and in Node.
 *
 * Bilinear, with supersampling when the crop is smaller than the face in the frame: each crop pixel
 * averages n×n bilinear samples spread over its footprint (n = ⌈frame pixels per crop pixel⌉), so a
 * large face is filtered, not aliased, on the way down to 150×150. Outside the frame reads as black,
 * like dlib's own chip extraction.
 */
import { affineScale, type Affine } from './face-chip-geometry.js';

/** RGBA pixels of a rectangle of the frame, placed at `x`, `y` in frame pixels. */
export interface RgbaRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** width·height·4 bytes, row-major. */
  rgba: ArrayLike<number>;
}

/** Most samples per axis per crop pixel (a 1080p face at arm's length needs about 4). */
const MAX_SUPERSAMPLE = 6;

/**
 * @param region - the frame pixels the crop reads (e.g. its footprint, see `cropFootprint`).
 * @param cropToFrame - crop pixel → frame pixel map.
 * @param side - crop side in pixels.
 * @returns side·side·3 RGB bytes, row-major.
 */
export function warpToCrop(region: RgbaRegion, cropToFrame: Affine, side: number): Uint8Array {
  const { width, height, rgba } = region;
  if (rgba.length !== width * height * 4) throw new Error(`warpToCrop: region.rgba has ${rgba.length} bytes, expected ${width * height * 4}`);
  const n = Math.min(MAX_SUPERSAMPLE, Math.max(1, Math.ceil(affineScale(cropToFrame) - 1e-9)));
  const [a, b, c, d, e, f] = cropToFrame;
  const out = new Uint8Array(side * side * 3);
  const sum = [0, 0, 0];
  const sample = (fx: number, fy: number) => {
    // Frame pixel centres sit at integer + 0.5.
    const x = fx - region.x - 0.5;
    const y = fy - region.y - 0.5;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const wx = x - x0;
    const wy = y - y0;
    for (let ch = 0; ch < 3; ch++) {
      const p = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= width || yy >= height ? 0 : rgba[(yy * width + xx) * 4 + ch]!);
      const top = p(x0, y0) * (1 - wx) + p(x0 + 1, y0) * wx;
      const bottom = p(x0, y0 + 1) * (1 - wx) + p(x0 + 1, y0 + 1) * wx;
      sum[ch]! += top * (1 - wy) + bottom * wy;
    }
  };
  for (let v = 0; v < side; v++) {
    for (let u = 0; u < side; u++) {
      sum[0] = sum[1] = sum[2] = 0;
      for (let sy = 0; sy < n; sy++) {
        const cy = v + (sy + 0.5) / n;
        for (let sx = 0; sx < n; sx++) {
          const cx = u + (sx + 0.5) / n;
          sample(a * cx + b * cy + c, d * cx + e * cy + f);
        }
      }
      const o = (v * side + u) * 3;
      for (let ch = 0; ch < 3; ch++) out[o + ch] = Math.round(sum[ch]! / (n * n));
    }
  }
  return out;
}
