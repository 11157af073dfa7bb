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
  const samples = n * n;
  // One flat loop with the bilinear tap inlined: a closure per sample made a chip of a 300-px face
  // cost ~230 ms (bench/chip-warp.ts), far more than the frame's landmarking.
  for (let v = 0; v < side; v++) {
    for (let u = 0; u < side; u++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      for (let sy = 0; sy < n; sy++) {
        const cy = v + (sy + 0.5) / n;
        for (let sx = 0; sx < n; sx++) {
          const cx = u + (sx + 0.5) / n;
          // Frame pixel centres sit at integer + 0.5.
          const x = a * cx + b * cy + c - region.x - 0.5;
          const y = d * cx + e * cy + f - region.y - 0.5;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const wx = x - x0;
          const wy = y - y0;
          const w00 = (1 - wx) * (1 - wy);
          const w10 = wx * (1 - wy);
          const w01 = (1 - wx) * wy;
          const w11 = wx * wy;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
            const i00 = (y0 * width + x0) * 4;
            const i01 = i00 + width * 4;
            r += rgba[i00]! * w00 + rgba[i00 + 4]! * w10 + rgba[i01]! * w01 + rgba[i01 + 4]! * w11;
            g += rgba[i00 + 1]! * w00 + rgba[i00 + 5]! * w10 + rgba[i01 + 1]! * w01 + rgba[i01 + 5]! * w11;
            bl += rgba[i00 + 2]! * w00 + rgba[i00 + 6]! * w10 + rgba[i01 + 2]! * w01 + rgba[i01 + 6]! * w11;
          } else {
            // At the region's edge: taps outside it read as black.
            for (let k = 0; k < 4; k++) {
              const xx = x0 + (k & 1);
              const yy = y0 + (k >> 1);
              if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
              const w = k === 0 ? w00 : k === 1 ? w10 : k === 2 ? w01 : w11;
              const i = (yy * width + xx) * 4;
              r += rgba[i]! * w;
              g += rgba[i + 1]! * w;
              bl += rgba[i + 2]! * w;
            }
          }
        }
      }
      const o = (v * side + u) * 3;
      out[o] = Math.round(r / samples);
      out[o + 1] = Math.round(g / samples);
      out[o + 2] = Math.round(bl / samples);
    }
  }
  return out;
}
