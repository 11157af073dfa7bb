/**
 * The per-frame values the liveness evaluators read, taken from a trace by column name, so the
 * widget (which holds samples) and the server (which opens a trace) feed them the same numbers.
 */
import type { CaptureTrace } from '../shared/trace.js';

/** One analysed frame, as the evaluators see it; null where the trace has no value. */
export interface LivenessFrame {
  /** Ms on the recorder's clock. */
  t: number;
  faces: number;
  yaw: number | null;
  pitch: number | null;
  blinkL: number | null;
  blinkR: number | null;
  smile: number | null;
  skin: [number, number, number] | null;
  motion: number | null;
}

/** The trace's rows as {@link LivenessFrame}s, in order. */
export function framesOfTrace(trace: CaptureTrace): LivenessFrame[] {
  const col = (name: string): number => trace.fields.indexOf(name);
  const idx = {
    t: col('t'), faces: col('faces'), yaw: col('yaw'), pitch: col('pitch'), blinkL: col('blinkL'), blinkR: col('blinkR'),
    smile: col('smile'), r: col('skinR'), g: col('skinG'), b: col('skinB'), motion: col('motion'),
  };
  const at = (row: (number | null)[], i: number): number | null => (i < 0 ? null : (row[i] ?? null));
  return trace.rows.map((row) => {
    const r = at(row, idx.r);
    const g = at(row, idx.g);
    const b = at(row, idx.b);
    return {
      t: at(row, idx.t) ?? 0,
      faces: at(row, idx.faces) ?? 0,
      yaw: at(row, idx.yaw),
      pitch: at(row, idx.pitch),
      blinkL: at(row, idx.blinkL),
      blinkR: at(row, idx.blinkR),
      smile: at(row, idx.smile),
      skin: r === null || g === null || b === null ? null : [r, g, b],
      motion: at(row, idx.motion),
    };
  });
}

/** The median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The person's own resting pose: where "turn" and "back" are measured from. */
export interface NeutralPose {
  yaw: number;
  pitch: number;
  smile: number;
  /** Frames it was taken from. */
  frames: number;
}

/**
 * The median pose of the frames with exactly one face in [from, to) (ms). Medians, so a blink or a
 * glance away in the still phase does not move it.
 * @returns null when no such frame has a pose.
 */
export function neutralPose(frames: readonly LivenessFrame[], from: number, to: number): NeutralPose | null {
  const still = frames.filter((f) => f.t >= from && f.t < to && f.faces === 1 && f.yaw !== null && f.pitch !== null);
  if (still.length === 0) return null;
  const smiles = still.map((f) => f.smile).filter((s): s is number => s !== null);
  return {
    yaw: median(still.map((f) => f.yaw!)),
    pitch: median(still.map((f) => f.pitch!)),
    smile: smiles.length ? median(smiles) : 0,
    frames: still.length,
  };
}
