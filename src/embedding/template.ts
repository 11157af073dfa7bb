/**
 * One face template from several frames' descriptors. Each descriptor is scaled to unit length
 * (their raw lengths vary with contrast, not identity), the frames must agree with each other (all
 * of one face), and the template is their mean, scaled to unit length again. Frames that disagree
 * are a failure, never averaged: a mean of two people matches neither and would hide a swap during
 * the capture.
 *
 * Pure; distances are Euclidean between unit vectors (so 0…2; √(2 − 2·cos)).
 */
import { TEMPLATE_FRAME_RULES } from '../shared/template-binding.js';
import { TEMPLATE_DIMENSIONS } from '../shared/face-template.js';

/** Rules for combining frames into a template. */
export interface TemplateRules {
  /** Fewest frames a template is made from. */
  minFrames: number;
  /** Largest distance allowed between any two of the frames. */
  maxSpread: number;
}

export type TemplateResult =
  | { ok: true; template: Float32Array; frames: number; spread: number }
  | { ok: false; reason: 'too-few-frames' | 'frames-disagree' | 'not-finite'; frames: number; spread: number | null };

/** Scales a vector to unit length; null for a zero or non-finite one. */
export function unitVector(v: ArrayLike<number>): Float32Array | null {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (!Number.isFinite(norm) || norm === 0) return null;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

/** Euclidean distance of two equal-length vectors. */
export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`distance: lengths differ (${a.length} and ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

/**
 * The rules the widget makes its templates by. minFrames is the server's own binding minimum.
 *
 * maxSpread 0.34 sits halfway across the gap `npm run eval:template-spread` measured (eval/README.md)
 * between one person's capture — at most 0.265 between two chosen frames, 0.331 between any two
 * acceptable frames of a whole clip — and a capture where another person took over halfway (0.416
 * at the closest, 0.484 at 5 %). It is also under the match threshold (0.40): no template averages
 * two frames that would not match each other.
 */
export const DEFAULT_TEMPLATE_RULES: Readonly<TemplateRules> = Object.freeze({ minFrames: TEMPLATE_FRAME_RULES.minFrames, maxSpread: 0.34 });

/** @param descriptors - raw descriptors of the chosen frames, each TEMPLATE_DIMENSIONS long. */
export function combineDescriptors(descriptors: readonly ArrayLike<number>[], rules: TemplateRules): TemplateResult {
  for (const [i, d] of descriptors.entries()) {
    if (d.length !== TEMPLATE_DIMENSIONS) throw new Error(`combineDescriptors: descriptors[${i}] has ${d.length} numbers, expected ${TEMPLATE_DIMENSIONS}`);
  }
  const units = descriptors.map(unitVector);
  if (units.some((u) => u === null)) return { ok: false, reason: 'not-finite', frames: descriptors.length, spread: null };
  const vectors = units as Float32Array[];
  let spread = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) spread = Math.max(spread, distance(vectors[i]!, vectors[j]!));
  }
  if (vectors.length < rules.minFrames) return { ok: false, reason: 'too-few-frames', frames: vectors.length, spread: vectors.length > 1 ? spread : null };
  if (spread > rules.maxSpread) return { ok: false, reason: 'frames-disagree', frames: vectors.length, spread };
  const mean = new Float32Array(TEMPLATE_DIMENSIONS);
  for (const v of vectors) for (let i = 0; i < TEMPLATE_DIMENSIONS; i++) mean[i]! += v[i]! / vectors.length;
  return { ok: true, template: unitVector(mean)!, frames: vectors.length, spread };
}
