/**
 * From the chosen chips of a capture to the template that is sealed: their descriptors (in the
 * worker), combined by {@link combineDescriptors}'s rules. Kept apart from the worker client so the
 * rules are tested in Node with any describer.
 */
import type { ChosenChip, CollectedChip } from './chip-collector.js';
import { combineDescriptors, type TemplateRules } from './template.js';

/** What turns chips into raw descriptors: a {@link FaceDescriptorClient} fits. */
export interface ChipDescriber {
  /** The chips are transferred (unusable afterwards). */
  describe(chips: Uint8Array[]): Promise<{ descriptors: Float32Array[]; ms: number }>;
}

/** A template made from a capture. */
export interface FaceTemplateTake {
  /** 128 numbers, unit length: the payload. */
  template: Float32Array;
  /** Trace times of the frames it was made from (evidence.template.frames). */
  frames: number[];
  /** The chips it was made from, for the review (they never leave the device). */
  chips: CollectedChip[];
  /** Largest distance between two of the frames' descriptors. */
  spread: number;
  /** Time the descriptor network took, ms. */
  describeMs: number;
}

export type MakeTemplateResult =
  | { ok: true; take: FaceTemplateTake }
  | { ok: false; reason: 'too-few-frames' | 'frames-disagree' | 'not-finite'; frames: number; spread: number | null };

/**
 * @param chosen - the frames chosen for the template, in time order.
 * @throws what the describer throws (FaceVerifyError 'embedding-failed' from the worker).
 */
export async function makeTemplate(describer: ChipDescriber, chosen: readonly ChosenChip[], rules: TemplateRules): Promise<MakeTemplateResult> {
  if (chosen.length < rules.minFrames) return { ok: false, reason: 'too-few-frames', frames: chosen.length, spread: null };
  // Copies go to the worker: the chips stay here for the review.
  const { descriptors, ms } = await describer.describe(chosen.map((c) => c.chip.rgb.slice()));
  const result = combineDescriptors(descriptors, rules);
  if (!result.ok) return result;
  return {
    ok: true,
    take: { template: result.template, frames: chosen.map((c) => c.t), chips: chosen.map((c) => c.chip), spread: result.spread, describeMs: ms },
  };
}
