/**
 * The liveness decision over one recording: the same function on the device (before the review) and
 * on the server (on the sealed trace, with the server's thresholds and policy). It checks, in order:
 * that the widget's report describes this script; that the head was still and frontal while the
 * colours were shown; that the skin followed the colours; that each action was done, in order,
 * within its limit and back to neutral; and the injection signals.
 */
import type { ActionResult, ColourResult, LivenessDecision, LivenessReason } from '../shared/liveness-decision.js';
import { scheduledColoursEndMs, type LivenessReport, type LivenessScript } from '../shared/liveness-script.js';
import type { SignalAction, SignalName, SignalReport } from '../shared/signals.js';
import { ActionDetector } from './action-detector.js';
import { colourResponse } from './colour-response.js';
import { neutralPose, type LivenessFrame, type NeutralPose } from './frames.js';
import { evaluateSignals } from './injection-signals.js';
import type { LivenessThresholds } from './thresholds.js';

export interface LivenessInput {
  script: LivenessScript;
  report: LivenessReport;
  frames: readonly LivenessFrame[];
  signals: SignalReport | undefined;
  /** The recording's length, ms. */
  durationMs: number;
  thresholds: LivenessThresholds;
  policy: Readonly<Record<SignalName, SignalAction>>;
}

export function decideLiveness(input: LivenessInput): LivenessDecision {
  const { script, report, frames, thresholds: th } = input;
  const reasons: LivenessReason[] = [];
  const reason = (r: LivenessReason): void => {
    reasons.push(r);
  };
  const reduced = script.path === 'reduced';
  const coloursEnd = coloursEndOf(script, report);
  reportProblems(script, report, coloursEnd, input.durationMs, th).forEach(reason);

  const firstPrompt = report.actions?.[0]?.promptAt;
  const stillUntil = reduced ? (typeof firstPrompt === 'number' ? firstPrompt : script.leadMs) : coloursEnd;
  const found = neutralPose(frames, 0, stillUntil);
  // Two frames are not a resting pose: without three, neither stillness nor the actions can be judged.
  const neutral = found && found.frames >= 3 ? found : null;
  if (!neutral) {
    reason({ code: 'trace-unusable', message: `the still phase (0–${Math.round(stillUntil)} ms) has ${found?.frames ?? 0} frames with one face; at least 3 are needed to know the neutral pose` });
  } else {
    steadiness(frames, neutral, stillUntil, th).forEach(reason);
  }

  let colour: ColourResult | null = null;
  // Onsets that are not one number per colour were refused in step 1 and cannot be laid on the schedule.
  if (!reduced && onsetsWellFormed(script, report)) {
    colour = colourResponse(frames, { colours: script.colours.map((c) => c.rgb), onsets: report.colourOnsets as number[], endAt: coloursEnd }, th);
    if (!colour) {
      reason({ code: 'colour-timing', message: 'the colour onsets cannot be matched to the schedule' });
    } else if (!colour.passed) {
      reason({
        code: 'colour-no-response',
        message: `skin colour vs the colours shown: correlation ${colour.correlation} (needs ≥ ${colour.threshold} and ≥ ${Math.round((colour.shuffledMax + th.colourMinLead) * 1000) / 1000}, the best reordered schedule + ${th.colourMinLead}) over ${colour.frames} frames (needs ≥ ${th.colourMinFrames})`,
      });
    }
  }

  const actions = neutral ? judgeActions(script, report, frames, neutral, th, reason) : script.actions.map((a) => ({ action: a.action, passed: false, doneAt: null, peak: 0, threshold: 0 }));

  const signals = evaluateSignals(input.signals, frames, colour?.lagMs ?? null, th.colourMaxLagMs, input.policy);
  for (const s of signals) {
    if (s.triggered && s.action === 'fail') reason({ code: 'signal', signal: s.name, message: `injection signal ${s.name}: ${JSON.stringify(s.value)}` });
  }
  const flags = signals.filter((s) => s.triggered && s.action === 'flag').map((s) => s.name);

  if (reasons.length > 0) return { level: 'failed', reasons, flags, actions, colour, signals };
  if (reduced) {
    return { level: 'passed-lower-assurance', reasons: [{ code: 'reduced-path', message: 'no colour check and blinks only: the person chose the path without flashes and head movements' }], flags, actions, colour, signals };
  }
  return { level: 'passed', reasons: [], flags, actions, colour, signals };
}

/** One finite onset per colour of the script. */
function onsetsWellFormed(script: LivenessScript, report: LivenessReport): boolean {
  const onsets = report?.colourOnsets;
  return Array.isArray(onsets) && onsets.length === script.colours.length && onsets.every((t) => typeof t === 'number' && Number.isFinite(t));
}

/** README's E: when the colours ended, or, when the report does not say, when the schedule ends them. */
function coloursEndOf(script: LivenessScript, report: LivenessReport): number {
  const end = report?.coloursEndAt;
  return typeof end === 'number' && Number.isFinite(end) ? end : scheduledColoursEndMs(script);
}

/** The report must describe this script: same path, one onset per colour on its durations, prompts in order and in time. */
function reportProblems(script: LivenessScript, report: LivenessReport, coloursEnd: number, durationMs: number, th: LivenessThresholds): LivenessReason[] {
  const out: LivenessReason[] = [];
  if (!report || report.path !== script.path) return [{ code: 'report-mismatch', message: `the report's path ${JSON.stringify(report?.path)} is not the challenge's "${script.path}"` }];
  const onsets = Array.isArray(report.colourOnsets) ? report.colourOnsets : [];
  if (script.path === 'reduced' && report.coloursEndAt !== null) {
    out.push({ code: 'report-mismatch', message: `the reduced path shows no colours, but the report says they ended at ${JSON.stringify(report.coloursEndAt)} ms` });
  }
  if (!onsetsWellFormed(script, report)) {
    out.push({ code: 'report-mismatch', message: `${onsets.length} colour onsets reported for a schedule of ${script.colours.length}, each a number of ms` });
  } else if (script.colours.length > 0) {
    let expected = onsets[0]!;
    if (onsets[0]! < script.leadMs - th.colourTimingToleranceMs) out.push({ code: 'colour-timing', message: `the first colour came at ${onsets[0]} ms, before the ${script.leadMs} ms lead was over` });
    script.colours.forEach((c, i) => {
      if (Math.abs(onsets[i]! - expected) > th.colourTimingToleranceMs) {
        out.push({ code: 'colour-timing', message: `colour ${i} was painted at ${onsets[i]} ms; its schedule puts it at ${Math.round(expected)} ms (± ${th.colourTimingToleranceMs})` });
      }
      expected = onsets[i]! + c.ms;
    });
    const end = report.coloursEndAt;
    if (typeof end !== 'number' || Math.abs(end - expected) > th.colourTimingToleranceMs) {
      out.push({ code: 'colour-timing', message: `the colours ended at ${String(end)} ms; the schedule says ${Math.round(expected)} ms` });
    }
  }
  const actions = Array.isArray(report.actions) ? report.actions : [];
  if (actions.length > script.actions.length) out.push({ code: 'report-mismatch', message: `${actions.length} prompts reported for ${script.actions.length} actions` });
  let previousDone = script.path === 'reduced' ? script.leadMs : coloursEnd;
  let lastDone: number | null = null;
  script.actions.forEach((step, i) => {
    const a = actions[i];
    if (!a) return;
    if (a.action !== step.action) {
      // Still timed below: a misnamed prompt must not also open a gap in the schedule.
      out.push({ code: 'report-mismatch', step: i, action: step.action, message: `prompt ${i} reported as ${JSON.stringify(a.action)}, the challenge asked for ${step.action}` });
    }
    if (typeof a.doneAt === 'number') lastDone = a.doneAt;
    if (typeof a.promptAt !== 'number' || a.promptAt < previousDone - th.colourTimingToleranceMs) {
      out.push({ code: 'action-timing', step: i, action: step.action, message: `prompt ${i} shown at ${String(a.promptAt)} ms, before the previous phase ended (${Math.round(previousDone)} ms)` });
    }
    if (a.doneAt !== null && (typeof a.doneAt !== 'number' || a.doneAt < a.promptAt || a.doneAt - a.promptAt > step.limitMs)) {
      out.push({ code: 'action-timing', step: i, action: step.action, message: `action ${i} reported done at ${String(a.doneAt)} ms, outside its ${step.limitMs} ms after the prompt at ${a.promptAt} ms` });
    }
    previousDone = typeof a.doneAt === 'number' ? a.doneAt : a.promptAt + step.limitMs;
  });
  if (lastDone !== null && durationMs < lastDone) {
    out.push({ code: 'action-timing', message: `the recording (${durationMs} ms) ends before the last action was done (${lastDone} ms)` });
  }
  return out;
}

function steadiness(frames: readonly LivenessFrame[], neutral: NeutralPose, until: number, th: LivenessThresholds): LivenessReason[] {
  let worst = 0;
  for (const f of frames) {
    if (f.t >= until || f.faces !== 1 || f.yaw === null || f.pitch === null) continue;
    worst = Math.max(worst, Math.abs(f.yaw - neutral.yaw), Math.abs(f.pitch - neutral.pitch));
  }
  return worst > th.steadyDeg
    ? [{ code: 'not-steady', message: `the head moved ${Math.round(worst * 10) / 10}° from its resting pose while it had to hold still (at most ${th.steadyDeg}°)` }]
    : [];
}

function judgeActions(
  script: LivenessScript, report: LivenessReport, frames: readonly LivenessFrame[], neutral: NeutralPose, th: LivenessThresholds,
  reason: (r: LivenessReason) => void,
): ActionResult[] {
  return script.actions.map((step, i) => {
    const reported = report.actions?.[i];
    const detector = new ActionDetector(step.action, neutral, th);
    if (!reported || reported.action !== step.action || typeof reported.promptAt !== 'number') {
      reason({ code: 'action-missed', step: i, action: step.action, message: `action ${i} (${step.action}) was never prompted` });
      return detector.result();
    }
    const next = report.actions?.[i + 1];
    // Movements after the next prompt answer that prompt, not this one.
    const nextPrompt = next && typeof next.promptAt === 'number' ? next.promptAt + th.promptToleranceMs : Infinity;
    const until = Math.min(reported.promptAt + step.limitMs, nextPrompt);
    for (const f of frames) {
      if (f.t < reported.promptAt || f.t > until) continue;
      const state = detector.push(f);
      if (state === 'done' || state === 'wrong') break;
    }
    const result = detector.result();
    if (detector.state === 'wrong') {
      reason({ code: 'action-wrong', step: i, action: step.action, message: `asked for ${step.action}, saw ${detector.wrong!.seen} first (at ${detector.wrong!.at} ms)` });
    } else if (detector.state === 'reached') {
      reason({ code: 'no-return', step: i, action: step.action, message: `${step.action} reached ${result.peak} (≥ ${result.threshold}) but the head did not come back to neutral within ${step.limitMs} ms` });
    } else if (detector.state === 'waiting') {
      reason({ code: 'action-missed', step: i, action: step.action, message: `${step.action} not seen within ${Math.round(until - reported.promptAt)} ms of its prompt (its limit, or the next prompt): the largest movement was ${result.peak} (needs ${result.threshold})` });
    }
    return result;
  });
}
