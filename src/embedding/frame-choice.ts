/**
 * Which frames of the liveness capture the template is made from. Only frames the server will
 * accept (shared/template-binding.ts: one face, frontal, eyes open), preferring the sharpest and
 * most frontal, spread over the capture so one blurred moment or expression cannot dominate, and
 * outside the colour phase, whose tinted light shifts the descriptor. Pure: the capture controller
 * keeps the candidates' chips and asks this which to keep.
 */
import { TEMPLATE_FRAME_RULES } from '../shared/template-binding.js';
import type { LivenessReport } from '../shared/liveness-script.js';
import type { FrameSample } from '../shared/trace.js';

/**
 * What is known of a candidate frame when it is analysed: its trace sample (the same numbers the
 * server will read back) and how its chip was made.
 */
export type FrameCandidate = Pick<FrameSample, 't' | 'faces' | 'yaw' | 'pitch' | 'blinkL' | 'blinkR' | 'sharp'> & {
  /** Frame pixels per chip pixel: below 1 the chip was upscaled from a small face. */
  framePxPerChipPx: number;
};

export interface FrameChoiceOptions {
  /** How many frames to keep (at most TEMPLATE_FRAME_RULES.maxFrames). */
  count: number;
  /** Least time between two chosen frames, ms. */
  minGapMs: number;
  /** Times during which the screen showed colours (first onset … end plus the camera's lag). */
  colourPhase: { from: number; to: number } | null;
}

/** Sensible defaults: five frames at least 150 ms apart. */
export const DEFAULT_FRAME_CHOICE = Object.freeze({ count: 5, minGapMs: 150 });

/**
 * When the screen's colours may light the face: from the first colour's onset to the end of the
 * colours (or of the take, when they ran to its end) plus the camera's lag. Null without colours
 * (the reduced path).
 */
export function colourPhaseOf(report: Pick<LivenessReport, 'colourOnsets' | 'coloursEndAt'>, durationMs: number, colourLagMs: number): FrameChoiceOptions['colourPhase'] {
  const first = report.colourOnsets[0];
  return first === undefined ? null : { from: first, to: (report.coloursEndAt ?? durationMs) + colourLagMs };
}

/** True when the server would accept `c` as a template frame. */
export function isTemplateFrame(c: FrameCandidate): boolean {
  const r = TEMPLATE_FRAME_RULES;
  return c.faces === 1 && c.yaw !== null && c.pitch !== null && Math.abs(c.yaw) <= r.maxYawDeg && Math.abs(c.pitch) <= r.maxPitchDeg
    && c.blinkL !== null && c.blinkR !== null && c.blinkL < r.maxBlink && c.blinkR < r.maxBlink;
}

/**
 * A frame's quality: sharpness (log, so one very sharp frame does not swamp the rest), less for a
 * turned head, less for a chip upscaled from a small face.
 */
export function frameQuality(c: FrameCandidate): number {
  const sharp = Math.log1p(Math.max(0, c.sharp ?? 0));
  const turn = Math.hypot(c.yaw ?? 90, (c.pitch ?? 90) / 2) / TEMPLATE_FRAME_RULES.maxYawDeg;
  return sharp - turn - Math.max(0, 1 - c.framePxPerChipPx) * 2;
}

/**
 * The frames to describe, in time order: the best acceptable ones, greedily, at least `minGapMs`
 * apart; frames outside the colour phase first, those inside only when too few are left.
 * @returns fewer than `count` (possibly none) when the capture has too few good frames.
 */
export function chooseTemplateFrames(candidates: readonly FrameCandidate[], options: FrameChoiceOptions): FrameCandidate[] {
  const count = Math.min(options.count, TEMPLATE_FRAME_RULES.maxFrames);
  const inColours = (c: FrameCandidate) => options.colourPhase !== null && c.t >= options.colourPhase.from && c.t <= options.colourPhase.to;
  const ranked = candidates.filter(isTemplateFrame).sort((a, b) => Number(inColours(a)) - Number(inColours(b)) || frameQuality(b) - frameQuality(a));
  const chosen: FrameCandidate[] = [];
  for (const c of ranked) {
    if (chosen.length >= count) break;
    if (chosen.every((k) => Math.abs(k.t - c.t) >= options.minGapMs)) chosen.push(c);
  }
  return chosen.sort((a, b) => a.t - b.t);
}
