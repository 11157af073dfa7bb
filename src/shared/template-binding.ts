/**
 * What ties an embedding-mode template to the liveness-checked capture: the evidence names the
 * frames (by the trace's `t`) the template was made from, and each must be a good frame of that
 * very trace — one face, frontal, eyes open. The widget picks frames by these rules and the server
 * checks them, so the same numbers live here. A server cannot see the pixels: this binds the
 * template to the capture's timeline and its measured quality, not to the pixels themselves
 * (README "Threat model").
 */
import { traceColumn, type CaptureTrace } from './trace.js';

/** The evidence's `template` member (embedding mode). */
export interface TemplateEvidence {
  /** `t` of each trace row the template was made from, strictly increasing. */
  frames: number[];
}

/** The rules a template frame meets. */
export const TEMPLATE_FRAME_RULES = Object.freeze({
  /** Fewest frames combined: one frame's descriptor varies with its blur and expression. */
  minFrames: 3,
  /** Most frames named. */
  maxFrames: 8,
  /** |yaw| at most this, degrees: the descriptor is trained on near-frontal chips. */
  maxYawDeg: 15,
  /** |pitch| at most this, degrees (a webcam above the screen reads about −10 already). */
  maxPitchDeg: 20,
  /** Both eye-blink scores under this: closed eyes change the descriptor. */
  maxBlink: 0.5,
});

/** Problems with `template` against `trace` (empty when it binds). */
export function templateBindingProblems(template: unknown, trace: CaptureTrace): string[] {
  const r = TEMPLATE_FRAME_RULES;
  const frames = (template as { frames?: unknown } | null)?.frames;
  if (!Array.isArray(frames) || frames.length < r.minFrames || frames.length > r.maxFrames || !frames.every((t) => typeof t === 'number' && Number.isFinite(t))) {
    return [`evidence.template.frames: must list ${r.minFrames}…${r.maxFrames} trace times (numbers)`];
  }
  if (frames.some((t, i) => i > 0 && !(t > (frames[i - 1] as number)))) return ['evidence.template.frames: must be strictly increasing'];
  const times = traceColumn(trace, 't');
  const columns = { faces: traceColumn(trace, 'faces'), yaw: traceColumn(trace, 'yaw'), pitch: traceColumn(trace, 'pitch'), blinkL: traceColumn(trace, 'blinkL'), blinkR: traceColumn(trace, 'blinkR') };
  const problems: string[] = [];
  for (const t of frames as number[]) {
    const row = times.indexOf(t);
    if (row < 0) {
      problems.push(`evidence.template.frames: ${t} is not the time of a trace row`);
      continue;
    }
    const at = (c: keyof typeof columns) => columns[c][row];
    const yaw = at('yaw');
    const pitch = at('pitch');
    const blinkL = at('blinkL');
    const blinkR = at('blinkR');
    if (at('faces') !== 1) problems.push(`evidence.template.frames: at ${t} the trace has ${at('faces')} faces, not 1`);
    else if (yaw === null || pitch === null || Math.abs(yaw) > r.maxYawDeg || Math.abs(pitch) > r.maxPitchDeg) problems.push(`evidence.template.frames: at ${t} the head is not frontal (yaw ${yaw}, pitch ${pitch}; at most ${r.maxYawDeg}° and ${r.maxPitchDeg}°)`);
    else if (blinkL === null || blinkR === null || blinkL >= r.maxBlink || blinkR >= r.maxBlink) problems.push(`evidence.template.frames: at ${t} the eyes are not open (blink ${blinkL}, ${blinkR})`);
  }
  return problems.slice(0, 4);
}
