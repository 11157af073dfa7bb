/**
 * Turns the widget's measurements of its camera and picture into named signals, and the operator's
 * policy into what each does. Every one of them can be forged by a client that writes its own
 * evidence; they are here to make feeding a virtual camera or a file into the real widget visible.
 */
import type { SignalResult } from '../shared/liveness-decision.js';
import { SIGNAL_NAMES, type SignalAction, type SignalName, type SignalReport } from '../shared/signals.js';
import type { LivenessFrame } from './frames.js';

/** What each signal does unless the operator says otherwise. */
export const DEFAULT_SIGNAL_POLICY: Readonly<Record<SignalName, SignalAction>> = Object.freeze({
  // A label is trivially renamed, but a default install of OBS, ManyCam or DroidCam says who it is.
  'virtual-camera': 'fail',
  // Browsers and drivers disagree often enough that this alone must not fail a person.
  'settings-inconsistent': 'flag',
  'frame-timing': 'flag',
  // A still picture is exactly the attack the actions exist for; it also fails them.
  'frozen-picture': 'fail',
  // Real sensors never repeat a frame; a looping file does. Flag: a frozen tab can repeat frames too.
  'looping-picture': 'flag',
  'reflection-latency': 'flag',
});

/**
 * Labels of virtual and software cameras (and Chromium's own fake device, which is how a file is
 * injected into a browser started with --use-file-for-fake-video-capture).
 */
export const VIRTUAL_CAMERA_LABEL = /virtual|\bobs\b|manycam|droidcam|v4l2.?loopback|dummy video|snap camera|xsplit|\bndi\b|camtwist|vcam|e2esoft|iriun|epoccam|mmhmm|\bcamo\b|splitcam|youcam|chromacam|fake_device|fake device/i;

/** Below this standard deviation of camera frame intervals (ms), timing is machine-made. */
export const MIN_FRAME_JITTER_MS = 0.05;
/** A face thumbnail changing less than this (mean absolute grey levels) between frames is frozen. */
export const FROZEN_MOTION = 0.2;
/** ...in at least this share of frames. */
export const FROZEN_SHARE = 0.8;
/** At least this share of frames repeating earlier ones is a loop. */
export const LOOP_SHARE = 0.3;

/** A policy with `overrides` applied. @throws TypeError naming a bad entry. */
export function resolveSignalPolicy(overrides: Partial<Record<string, unknown>> | undefined): Record<SignalName, SignalAction> {
  const policy = { ...DEFAULT_SIGNAL_POLICY };
  for (const [name, action] of Object.entries(overrides ?? {})) {
    if (!SIGNAL_NAMES.includes(name as SignalName)) throw new TypeError(`liveness.signals.${name}: unknown signal; known: ${SIGNAL_NAMES.join(', ')}`);
    if (action !== 'fail' && action !== 'flag' && action !== 'ignore') throw new TypeError(`liveness.signals.${name}: must be 'fail', 'flag' or 'ignore'`);
    policy[name as SignalName] = action;
  }
  return policy;
}

/**
 * Every signal with its value and whether it triggered. `reflectionLagMs` is the colour check's best
 * lag (null when it did not run).
 */
export function evaluateSignals(
  report: SignalReport | undefined,
  frames: readonly LivenessFrame[],
  reflectionLagMs: number | null,
  maxLagMs: number,
  policy: Readonly<Record<SignalName, SignalAction>>,
): SignalResult[] {
  const results: SignalResult[] = [];
  const add = (name: SignalName, value: unknown, triggered: boolean): void => {
    results.push({ name, value, triggered, action: policy[name] });
  };
  const label = typeof report?.camera?.label === 'string' ? report.camera.label : '';
  add('virtual-camera', label, VIRTUAL_CAMERA_LABEL.test(label));
  const mismatches = settingsMismatches(report?.camera?.settings, report?.camera?.capabilities);
  add('settings-inconsistent', mismatches, mismatches.length > 0);
  const timing = report?.frameTiming ?? null;
  add('frame-timing', timing, timing !== null && timing.intervals >= 30 && (timing.sdMs < MIN_FRAME_JITTER_MS || timing.sdMs > timing.meanMs));
  const motions = frames.map((f) => f.motion).filter((m): m is number => m !== null);
  const frozenShare = motions.length ? motions.filter((m) => m < FROZEN_MOTION).length / motions.length : null;
  add('frozen-picture', frozenShare === null ? null : round(frozenShare), frozenShare !== null && frozenShare >= FROZEN_SHARE);
  const repeat = typeof report?.repeatShare === 'number' ? report.repeatShare : null;
  add('looping-picture', repeat, repeat !== null && repeat >= LOOP_SHARE);
  // The lag search stops at maxLagMs: a best lag at its very end means the response came later still.
  add('reflection-latency', reflectionLagMs, reflectionLagMs !== null && reflectionLagMs >= maxLagMs - 33);
  return results;
}

/** Settings outside the track's own capabilities (numbers against {min, max}, strings against lists). */
export function settingsMismatches(settings: Record<string, unknown> | undefined, capabilities: Record<string, unknown> | null | undefined): string[] {
  if (!settings || !capabilities) return [];
  const out: string[] = [];
  for (const key of ['width', 'height', 'frameRate', 'aspectRatio'] as const) {
    const value = settings[key];
    const range = capabilities[key] as { min?: unknown; max?: unknown } | undefined;
    if (typeof value !== 'number') continue;
    if (!range || typeof range !== 'object' || Array.isArray(range)) {
      out.push(`${key}: set to ${value} but the camera states no range`);
      continue;
    }
    const { min, max } = range;
    if ((typeof min === 'number' && value < min - 1e-6) || (typeof max === 'number' && value > max + 1e-6)) out.push(`${key}: ${value} outside ${String(min)}…${String(max)}`);
  }
  for (const key of ['facingMode', 'resizeMode'] as const) {
    const value = settings[key];
    const allowed = capabilities[key];
    if (typeof value === 'string' && Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(value)) out.push(`${key}: "${value}" not among ${allowed.join(', ')}`);
  }
  return out;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
