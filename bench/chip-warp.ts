/**
 * What cutting a face chip costs in the landmarker worker, per frame, at the face sizes a camera
 * gives (frame pixels per chip pixel 1…4: a face 150…600 px wide): the resampler alone, on
 * synthetic pixels (its cost depends on the sizes, not the picture). Printed as ms per chip and as a
 * share of a 30-fps camera's frame interval, which the chip adds to that frame's landmarking.
 * `node --import tsx bench/chip-warp.ts`
 */
import { warpToCrop } from '../src/vision/chip-warp.js';
import { CHIP_SIDE, cropFootprint, type Affine } from '../src/vision/face-chip-geometry.js';

const FRAME_INTERVAL_MS = 1000 / 30;
const FRAME = { width: 1280, height: 720 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(`chip ${CHIP_SIDE}×${CHIP_SIDE} from a ${FRAME.width}×${FRAME.height} frame, turned 10°; median of 40 runs`);
console.log('scale | footprint | ms per chip | share of a 30-fps frame interval');
for (const scale of [1, 1.5, 2, 3, 4]) {
  const angle = (10 * Math.PI) / 180;
  const a = scale * Math.cos(angle);
  const d = scale * Math.sin(angle);
  const map: Affine = [a, -d, 400, d, a, 100];
  const rect = cropFootprint(map, CHIP_SIDE, FRAME.width, FRAME.height)!;
  const rgba = new Uint8Array(rect.w * rect.h * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 2654435761) >>> 24;
  const region = { x: rect.x, y: rect.y, width: rect.w, height: rect.h, rgba };
  for (let i = 0; i < 5; i++) warpToCrop(region, map, CHIP_SIDE);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    warpToCrop(region, map, CHIP_SIDE);
    times.push(performance.now() - started);
  }
  const ms = median(times);
  console.log(`${scale} | ${rect.w}×${rect.h} | ${ms.toFixed(2)} | ${(ms / FRAME_INTERVAL_MS).toFixed(3)}`);
}
