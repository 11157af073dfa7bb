/**
 * Whether a trace could come from a real capture of the clip it claims to describe: beyond its
 * shape, it must cover the clip densely, mostly with exactly one face, with values in range.
 * These are plausibility bounds, not liveness decisions; each bound is set from what the widget
 * does (it analyses every frame it can, 5–30 per second on the 2-core CI machine) with wide margins.
 * The server refuses a trace with problems (`trace-invalid`); the widget checks the same rules before
 * the review, so a person never reviews a recording the server would refuse.
 */
import type { CaptureTrace } from './trace.js';
import { traceProblems } from './trace.js';

/** Fewer than this many analysed frames per second of clip is not a real capture (CI measured ≥ 5). */
export const MIN_FRAMES_PER_SECOND = 2;
/** The longest stretch without an analysed frame; a hidden tab or a stalled worker makes longer ones. */
export const MAX_FRAME_GAP_MS = 1000;
/** The first frame must come this soon after recording starts and the last this close to its end. */
export const MAX_EDGE_GAP_MS = 1000;
/** The widget restarts capture after 1 s of no face or two faces; 80 % of frames with one face allows that. */
export const MIN_ONE_FACE_SHARE = 0.8;

const RANGES: Record<string, [number, number]> = {
  faces: [0, 16], x: [-0.5, 1.5], y: [-0.5, 1.5], w: [0, 1.5], h: [0, 1.5],
  yaw: [-180, 180], pitch: [-180, 180], roll: [-180, 180], blinkL: [0, 1], blinkR: [0, 1], luma: [0, 255],
  skinR: [0, 255], skinG: [0, 255], skinB: [0, 255], smile: [0, 1], sharp: [0, 1e6], motion: [0, 255],
};

/**
 * @param frames - the attestation's `capture.frames`; @param durationMs - its `capture.durationMs`.
 * @returns every problem found (empty when the trace is plausible).
 */
export function tracePlausibilityProblems(trace: CaptureTrace, frames: number, durationMs: number): string[] {
  const problems = traceProblems(trace);
  if (problems.length) return problems;
  const rows = trace.rows;
  if (rows.length !== frames) problems.push(`rows: ${rows.length} rows but attestation claim capture.frames says ${frames}`);
  const minRows = Math.ceil((durationMs / 1000) * MIN_FRAMES_PER_SECOND);
  if (rows.length < minRows) problems.push(`rows: ${rows.length} analysed frames for a ${durationMs} ms clip; at least ${minRows} expected`);
  const t = rows.map((r) => r[0] as number);
  if (rows.length > 0) {
    if (t[0]! < 0 || t[0]! > MAX_EDGE_GAP_MS) problems.push(`rows[0].t: ${t[0]} ms; the first frame must be within ${MAX_EDGE_GAP_MS} ms of the start`);
    const last = t[t.length - 1]!;
    if (last < durationMs - MAX_EDGE_GAP_MS || last > durationMs + MAX_EDGE_GAP_MS) {
      problems.push(`rows[${t.length - 1}].t: ${last} ms; the last frame must be within ${MAX_EDGE_GAP_MS} ms of the clip's end (${durationMs} ms)`);
    }
  }
  for (let i = 1; i < t.length; i++) {
    if (!(t[i]! > t[i - 1]!)) {
      problems.push(`rows[${i}].t: timestamps must strictly increase`);
      break;
    }
    if (t[i]! - t[i - 1]! > MAX_FRAME_GAP_MS) {
      problems.push(`rows[${i}].t: a ${t[i]! - t[i - 1]!} ms gap without frames (at most ${MAX_FRAME_GAP_MS} ms)`);
      break;
    }
  }
  const columns = trace.fields.map((f) => RANGES[f]);
  let oneFace = 0;
  rows.forEach((row, i) => {
    const faces = row[1];
    if (faces === 1) oneFace++;
    if (faces === null || !Number.isInteger(faces)) problems.push(`rows[${i}].faces: must be a whole number`);
    row.forEach((value, j) => {
      const range = columns[j];
      if (!range || value === null) return;
      if (value < range[0] || value > range[1]) problems.push(`rows[${i}].${trace.fields[j]}: ${value} is outside ${range[0]}…${range[1]}`);
    });
  });
  if (rows.length > 0 && oneFace / rows.length < MIN_ONE_FACE_SHARE) {
    problems.push(`faces: exactly one face in ${Math.round((100 * oneFace) / rows.length)} % of frames; at least ${100 * MIN_ONE_FACE_SHARE} % expected`);
  }
  return problems;
}
