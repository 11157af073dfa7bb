/**
 * The per-frame landmark summary kept while a clip is recorded. It is small (numbers, not images),
 * column-labelled so later issues can add fields (smile, colour-flash response) without breaking old
 * readers, and bounded so a hostile client cannot make the server parse megabytes.
 */

/** Fields every trace carries, in this order, at the start of `fields`. */
export const TRACE_REQUIRED_FIELDS = [
  /** Milliseconds since recording started. */
  't',
  /** Number of faces found in the frame. */
  'faces',
  /** Face box (normalised 0..1 of the frame): left, top, width, height. */
  'x',
  'y',
  'w',
  'h',
  /** Head pose in degrees, from the facial transformation matrix (raw camera image, not mirrored). */
  'yaw',
  'pitch',
  'roll',
  /** Blendshape scores 0..1. */
  'blinkL',
  'blinkR',
  /** Mean luma of the face region, 0..255. */
  'luma',
] as const;

/**
 * Columns the liveness checks read, after the required ones. A trace without them is valid as a
 * trace but fails the colour and sharpness checks.
 */
export const LIVENESS_TRACE_FIELDS = [
  /** Mean colour of the face's skin (cheeks and forehead, from landmarks), 0..255 per channel. */
  'skinR',
  'skinG',
  'skinB',
  /** Smile blendshape, mean of both sides, 0..1. */
  'smile',
  /** Sharpness of the face: variance of the Laplacian of a 64×64 grey face crop. */
  'sharp',
  /** Mean absolute change of a 16×16 grey face thumbnail since the previous analysed frame, 0..255. */
  'motion',
] as const;

export type TraceField = (typeof TRACE_REQUIRED_FIELDS)[number] | (typeof LIVENESS_TRACE_FIELDS)[number];

/** At most this many rows: 5 s at 60 fps with margin. */
export const TRACE_MAX_FRAMES = 600;
/** At most this many columns, so extensions stay bounded too. */
export const TRACE_MAX_FIELDS = 32;

export interface CaptureTrace {
  /** Trace format version. */
  v: 1;
  /** Column names; starts with {@link TRACE_REQUIRED_FIELDS}. */
  fields: string[];
  /** One row per analysed frame; `rows[i][j]` is field `fields[j]`, or null when no face was found. */
  rows: (number | null)[][];
}

/** One analysed frame, as the vision worker reports it. */
export interface FrameSample {
  t: number;
  faces: number;
  box: { x: number; y: number; w: number; h: number } | null;
  yaw: number | null;
  pitch: number | null;
  roll: number | null;
  blinkL: number | null;
  blinkR: number | null;
  luma: number | null;
  /** Mean skin colour [r, g, b] 0..255 (see {@link LIVENESS_TRACE_FIELDS}); null without a face. */
  skin?: [number, number, number] | null;
  smile?: number | null;
  sharp?: number | null;
  motion?: number | null;
}

const DECIMALS: Record<TraceField, number> = {
  t: 0, faces: 0, x: 4, y: 4, w: 4, h: 4, yaw: 2, pitch: 2, roll: 2, blinkL: 3, blinkR: 3, luma: 1,
  skinR: 2, skinG: 2, skinB: 2, smile: 3, sharp: 1, motion: 2,
};

function round(value: number | null, decimals: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Builds a bounded trace from frame samples; rows past {@link TRACE_MAX_FRAMES} are dropped. */
export function buildTrace(samples: readonly FrameSample[]): CaptureTrace {
  const fields: TraceField[] = [...TRACE_REQUIRED_FIELDS, ...LIVENESS_TRACE_FIELDS];
  const rows = samples.slice(0, TRACE_MAX_FRAMES).map((s) => {
    const values: Record<TraceField, number | null> = {
      t: s.t, faces: s.faces,
      x: s.box?.x ?? null, y: s.box?.y ?? null, w: s.box?.w ?? null, h: s.box?.h ?? null,
      yaw: s.yaw, pitch: s.pitch, roll: s.roll, blinkL: s.blinkL, blinkR: s.blinkR, luma: s.luma,
      skinR: s.skin?.[0] ?? null, skinG: s.skin?.[1] ?? null, skinB: s.skin?.[2] ?? null,
      smile: s.smile ?? null, sharp: s.sharp ?? null, motion: s.motion ?? null,
    };
    return fields.map((f) => round(values[f], DECIMALS[f]));
  });
  return { v: 1, fields, rows };
}

/**
 * Checks a trace's shape: required columns first, bounded size, finite numbers, time that only moves
 * forward. Returns the problems found (empty when valid).
 */
export function traceProblems(trace: unknown): string[] {
  const problems: string[] = [];
  if (typeof trace !== 'object' || trace === null) return ['trace: must be an object'];
  const t = trace as Partial<CaptureTrace>;
  if (t.v !== 1) problems.push('trace.v: must be 1');
  if (!Array.isArray(t.fields) || !t.fields.every((f) => typeof f === 'string')) {
    return [...problems, 'trace.fields: must be an array of names'];
  }
  if (t.fields.length > TRACE_MAX_FIELDS) problems.push(`trace.fields: at most ${TRACE_MAX_FIELDS}`);
  TRACE_REQUIRED_FIELDS.forEach((f, i) => {
    if (t.fields![i] !== f) problems.push(`trace.fields[${i}]: must be "${f}"`);
  });
  if (!Array.isArray(t.rows)) return [...problems, 'trace.rows: must be an array'];
  if (t.rows.length > TRACE_MAX_FRAMES) problems.push(`trace.rows: at most ${TRACE_MAX_FRAMES} rows`);
  let last = -Infinity;
  for (let i = 0; i < Math.min(t.rows.length, TRACE_MAX_FRAMES); i++) {
    const row = t.rows[i];
    if (!Array.isArray(row) || row.length !== t.fields.length) {
      problems.push(`trace.rows[${i}]: must have ${t.fields.length} values`);
      break;
    }
    if (!row.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)))) {
      problems.push(`trace.rows[${i}]: values must be finite numbers or null`);
      break;
    }
    const time = row[0];
    if (typeof time !== 'number' || time < last) {
      problems.push(`trace.rows[${i}]: t must be a number that does not go back in time`);
      break;
    }
    last = time;
  }
  return problems;
}

/** Reads one column of a trace by name (null where the value is missing). */
export function traceColumn(trace: CaptureTrace, field: string): (number | null)[] {
  const index = trace.fields.indexOf(field);
  if (index < 0) return trace.rows.map(() => null);
  return trace.rows.map((row) => row[index] ?? null);
}
