/**
 * The template of a completed take (embedding mode): which of its collected chips to describe —
 * the best frames, the colour phase avoided while the camera may still show its tinted light —
 * then the template made from them by the widget's rules.
 */
import type { ChipCollector } from '../embedding/chip-collector.js';
import { colourPhaseOf, DEFAULT_FRAME_CHOICE } from '../embedding/frame-choice.js';
import { makeTemplate, type ChipDescriber, type MakeTemplateResult } from '../embedding/make-template.js';
import { DEFAULT_TEMPLATE_RULES } from '../embedding/template.js';
import type { LivenessReport } from '../shared/liveness-script.js';
import { buildTrace, type FrameSample } from '../shared/trace.js';

/**
 * @param samples - the take's trace rows (the frames are chosen from the values the server reads back).
 * @param colourLagMs - how long after the last colour the camera may still show it.
 */
export function templateOfTake(describer: ChipDescriber, chips: ChipCollector, samples: FrameSample[], report: LivenessReport, durationMs: number, colourLagMs: number): Promise<MakeTemplateResult> {
  const colourPhase = colourPhaseOf(report, durationMs, colourLagMs);
  const chosen = chips.choose(buildTrace(samples), { ...DEFAULT_FRAME_CHOICE, colourPhase });
  return makeTemplate(describer, chosen, DEFAULT_TEMPLATE_RULES);
}
