/**
 * README "Liveness decision" is implementable from its text: test/interop/independent-liveness.ts was
 * written from README alone, and on every one of a few hundred seeded cases — cooperative people,
 * photos, puppets, wrong movements, tampered reports, unsteady or faceless still phases, every
 * injection signal under several policies, stricter and looser thresholds — it and `decideLiveness`
 * reach the same level, the same reason codes (with the same actions and signals), the same flags and
 * the same colour scores, with no exception.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideLiveness, DEFAULT_LIVENESS_THRESHOLDS, DEFAULT_SIGNAL_POLICY, drawScript, framesOfTrace } from '../../../src/liveness/index.js';
import type { LivenessAction, LivenessScript } from '../../../src/shared/liveness-script.js';
import type { SignalAction, SignalName } from '../../../src/shared/signals.js';
import { buildTrace } from '../../../src/shared/trace.js';
import { decideIndependently, README_POLICY, README_THRESHOLDS, SIGNALS, type IndependentLivenessInput } from '../../interop/independent-liveness.js';
import { liveTrace, STANDARD_SCRIPT, type LiveTrace, type LiveTraceOptions } from '../../fixtures/live-trace.js';

type Thresholds = typeof DEFAULT_LIVENESS_THRESHOLDS;
type SignalPolicy = typeof DEFAULT_SIGNAL_POLICY;

// ---- a seeded source ----------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = mulberry32(0x5eed1234);
const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rng();
const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const chance = (p: number): boolean => rng() < p;

// ---- cases --------------------------------------------------------------------------------------
interface Case {
  name: string;
  category: string;
  script: LivenessScript;
  live: LiveTrace;
  thresholds: Thresholds;
  policy: SignalPolicy;
}

const ACTIONS: readonly LivenessAction[] = ['turn-left', 'turn-right', 'look-up', 'nod', 'blink', 'smile'];
const POOLS: readonly (readonly LivenessAction[])[] = [
  ['turn-left', 'turn-right', 'look-up', 'nod', 'blink'], ACTIONS, ['blink', 'smile'], ['turn-left', 'turn-right'], ['look-up', 'nod'], ['smile'],
];

function randomScript(path: 'standard' | 'reduced' = 'standard'): LivenessScript {
  if (path === 'standard' && chance(0.1)) return structuredClone(STANDARD_SCRIPT);
  return drawScript({ path, pool: pick(POOLS), actionCount: pick([[2, 3], [1, 4], [3, 3], [1, 1]] as const), colourCount: int(6, 8) }, (n) => Math.floor(rng() * n));
}

function cooperativeOptions(): LiveTraceOptions {
  return {
    fps: int(6, 30), lagMs: int(0, 300), noise: uniform(0, 8), reflection: uniform(0, 0.2),
    amplitude: pick([uniform(8, 16), uniform(16, 35)]), reactionMs: int(150, 1500),
    neutral: { yaw: uniform(-8, 8), pitch: uniform(-15, 5) }, seed: int(1, 1e6),
    skin: [int(90, 220), int(60, 170), int(40, 150)],
  };
}

const LABELS = [
  'Integrated Camera', 'FaceTime HD Camera', 'Logitech BRIO (046d:085e)', 'USB2.0 HD UVC WebCam', 'Cameo HD', 'Jobs Camera',
  'OBS Virtual Camera', 'ManyCam Virtual Webcam', 'fake_device_0', 'Fake Device', 'DroidCam Source 3', 'e2eSoft iVCam', 'NDI Webcam Input',
  'Snap Camera', 'v4l2loopback', 'Dummy video device (0x0000)', 'Camo', 'XSplit VCam', 'mmhmm Camera', 'Iriun Webcam',
];

type Camera = LiveTrace['signals']['camera'];
function cameraVariant(camera: Camera): string {
  const caps = { width: { min: 1, max: 1280 }, height: { min: 1, max: 720 }, frameRate: { min: 1, max: 30 }, aspectRatio: { min: 0.001, max: 1280 }, facingMode: ['user'], resizeMode: ['none', 'crop-and-scale'] };
  const settings: Record<string, number | string | boolean> = { width: 640, height: 480, frameRate: 30, aspectRatio: 4 / 3, facingMode: 'user', resizeMode: 'none' };
  const variant = int(0, 14);
  const c = camera as { settings: Record<string, unknown>; capabilities: Record<string, unknown> | null };
  c.settings = settings;
  c.capabilities = caps;
  switch (variant) {
    case 0: return 'settings within capabilities';
    case 1: settings['width'] = 1920; return 'width over its max';
    case 2: settings['frameRate'] = 30 + 5e-7; return 'frameRate over its max by less than 1e-6';
    case 3: settings['frameRate'] = 30.01; return 'frameRate over its max by 0.01';
    case 4: delete (caps as Record<string, unknown>)['aspectRatio']; return 'aspectRatio with no capability';
    case 5: settings['facingMode'] = 'environment'; return 'facingMode not in its list';
    case 6: settings['resizeMode'] = 'crop-and-scale'; return 'resizeMode in its list';
    case 7: c.capabilities = null; settings['width'] = 99999; return 'capabilities null (never inconsistent)';
    case 8: settings['height'] = 0.5; return 'height under its min';
    case 9: c.capabilities = { ...caps, facingMode: [] }; settings['facingMode'] = 'user'; return 'facingMode with an empty list';
    case 10: delete settings['facingMode']; delete settings['resizeMode']; delete settings['aspectRatio']; return 'only width, height, frameRate';
    case 11: c.capabilities = { ...caps, width: { min: 1 } }; return 'width capability with a min and no max';
    case 12: delete (caps as Record<string, unknown>)['facingMode']; return 'facingMode set, with no capability list';
    case 13: c.capabilities = { ...caps, width: [1, 1280] }; return 'width capability given as an array';
    default: settings['deviceLabelHint'] = 'x'; settings['brightness'] = 99999; return 'a setting README does not name';
  }
}

function frameTimingVariant(): LiveTrace['signals']['frameTiming'] {
  return pick([
    null, { intervals: 200, meanMs: 33.3, sdMs: 1.8 }, { intervals: 200, meanMs: 33.3, sdMs: 0.01 }, { intervals: 29, meanMs: 33.3, sdMs: 0 },
    { intervals: 30, meanMs: 33.3, sdMs: 0.049 }, { intervals: 30, meanMs: 33.3, sdMs: 0.05 }, { intervals: 120, meanMs: 40, sdMs: 41 },
    { intervals: 120, meanMs: 40, sdMs: 40 }, { intervals: 10, meanMs: 40, sdMs: 400 },
  ]);
}

function randomPolicy(): SignalPolicy {
  const p = { ...DEFAULT_SIGNAL_POLICY } as Record<SignalName, SignalAction>;
  for (const s of Object.keys(p) as SignalName[]) if (chance(0.6)) p[s] = pick(['fail', 'flag', 'ignore'] as const);
  return p as SignalPolicy;
}

function randomThresholds(): Thresholds {
  const t = { ...DEFAULT_LIVENESS_THRESHOLDS } as Record<string, number>;
  const vary: Record<string, () => number> = {
    turnDeg: () => uniform(8, 25), lookUpDeg: () => uniform(7, 22), nodDeg: () => uniform(7, 22), returnDeg: () => uniform(4, 12),
    blinkClosed: () => uniform(0.4, 0.9), blinkOpen: () => uniform(0.05, 0.35), smileOn: () => uniform(0.4, 0.9), smileOff: () => uniform(0.03, 0.35),
    steadyDeg: () => uniform(2, 15), colourMinFrames: () => int(5, 50), colourMinCorrelation: () => uniform(0.3, 0.9), colourMinLead: () => uniform(0.02, 0.4),
    colourMaxLagMs: () => int(100, 700), colourTimingToleranceMs: () => int(40, 350), promptToleranceMs: () => int(100, 900),
  };
  for (const key of Object.keys(vary)) if (chance(0.4)) t[key] = vary[key]!();
  return t as Thresholds;
}

/** The still phase's end as the fixture lays it out (colours end, or the first prompt on the reduced path). */
const stillEnd = (live: LiveTrace): number => live.report.coloursEndAt ?? live.report.actions[0]?.promptAt ?? 800;

function noFace(s: LiveTrace['samples'][number]): void {
  Object.assign(s, { faces: 0, box: null, yaw: null, pitch: null, roll: null, blinkL: null, blinkR: null, luma: null, skin: null, smile: null, sharp: null, motion: null });
}

function makeCase(index: number, category: string): Case {
  const details: string[] = [];
  let thresholds = { ...DEFAULT_LIVENESS_THRESHOLDS };
  let policy = { ...DEFAULT_SIGNAL_POLICY };
  const reducedShare = category === 'reduced' ? 1 : 0.08;
  const script = randomScript(chance(reducedShare) ? 'reduced' : 'standard');
  const options = cooperativeOptions();
  const n = script.actions.length;
  switch (category) {
    case 'wrong-movement': {
      const i = int(0, n - 1);
      options.perform = script.actions.map((a) => a.action);
      options.perform[i] = pick(ACTIONS.filter((a) => a !== script.actions[i]!.action));
      options.amplitude = uniform(14, 35);
      details.push(`step ${i} performs ${options.perform[i]} for ${script.actions[i]!.action}`);
      break;
    }
    case 'no-movement': {
      options.perform = script.actions.map((a) => (chance(0.6) ? 'nothing' : a.action));
      if (chance(0.5)) options.reflection = 0;
      details.push(`perform ${options.perform.join(',')}`);
      break;
    }
    case 'no-reflection': options.reflection = chance(0.7) ? 0 : uniform(0, 0.02); break;
    case 'late-reflection':
      options.lagMs = int(250, 900);
      if (chance(0.4)) { policy = { ...policy, 'reflection-latency': 'fail' }; details.push('reflection-latency fails'); }
      break;
    default: break;
  }
  details.unshift(`fps ${options.fps} lag ${options.lagMs} noise ${options.noise!.toFixed(1)} reflection ${options.reflection!.toFixed(3)} amplitude ${options.amplitude!.toFixed(1)} reaction ${options.reactionMs}`);
  const live = liveTrace(script, options);
  if (chance(0.5)) live.samples[0]!.motion = null;
  const n2 = live.report.actions.length;

  switch (category) {
    case 'tampered-report': {
      const kind = pick(['shift-onset', 'shift-all-onsets', 'shift-end', 'null-end', 'drop-onset', 'null-onset', 'swap-prompts', 'reverse-prompts', 'done-early', 'done-late',
        'done-null', 'drop-prompt', 'extra-prompt', 'path', 'short-recording', 'short-recording-last-undone', 'swap-onsets', 'prompt-early', 'prompt-late-ok'] as const);
      const r = live.report;
      const i = int(0, Math.max(0, n2 - 1));
      const colours = r.colourOnsets.length;
      if (colours === 0 && ['shift-onset', 'shift-all-onsets', 'shift-end', 'null-end', 'drop-onset', 'null-onset', 'swap-onsets'].includes(kind)) {
        r.coloursEndAt = int(500, 1500);
        details.push('reduced path report given a coloursEndAt');
        break;
      }
      details.push(kind);
      if (kind === 'shift-onset') { const k = int(0, colours - 1); const d = pick([-1, 1]) * int(50, 400); r.colourOnsets[k]! += d; details.push(`onset ${k} by ${d}`); }
      if (kind === 'shift-all-onsets') { const d = int(-500, 300); r.colourOnsets = r.colourOnsets.map((o) => o + d); r.coloursEndAt! += d; details.push(`by ${d}`); }
      if (kind === 'shift-end') { const d = pick([-1, 1]) * int(100, 400); r.coloursEndAt! += d; details.push(`by ${d}`); }
      if (kind === 'null-end') r.coloursEndAt = null;
      if (kind === 'drop-onset') { const k = int(0, colours - 1); r.colourOnsets.splice(k, 1); details.push(`onset ${k}`); }
      if (kind === 'null-onset') { const k = int(0, colours - 1); (r.colourOnsets as (number | null)[])[k] = null; details.push(`onset ${k}`); }
      if (kind === 'swap-prompts' && n2 >= 2) { const j = (i + 1) % n2; [r.actions[i]!.action, r.actions[j]!.action] = [r.actions[j]!.action, r.actions[i]!.action]; details.push(`names of ${i} and ${j}`); }
      if (kind === 'reverse-prompts') r.actions.reverse();
      if (kind === 'done-early' && r.actions[i]) { r.actions[i]!.doneAt = r.actions[i]!.promptAt - int(1, 300); details.push(`step ${i}`); }
      if (kind === 'done-late' && r.actions[i]) { r.actions[i]!.doneAt = r.actions[i]!.promptAt + script.actions[i]!.limitMs + int(-50, 800); details.push(`step ${i}`); }
      if (kind === 'done-null' && r.actions[i]) { r.actions[i]!.doneAt = null; details.push(`step ${i}`); }
      if (kind === 'drop-prompt') r.actions.pop();
      if (kind === 'extra-prompt') { const last = r.actions[n2 - 1]!; r.actions.push({ action: pick(ACTIONS), promptAt: (last.doneAt ?? last.promptAt) + 100, doneAt: null }); }
      if (kind === 'path') r.path = r.path === 'standard' ? 'reduced' : 'standard';
      if (kind === 'short-recording') { const last = [...r.actions].reverse().find((a) => a.doneAt !== null)?.doneAt ?? live.durationMs; live.durationMs = last - int(-30, 400); details.push(`durationMs ${live.durationMs}`); }
      if (kind === 'swap-onsets') { const k = int(0, colours - 2); [r.colourOnsets[k], r.colourOnsets[k + 1]] = [r.colourOnsets[k + 1]!, r.colourOnsets[k]!]; details.push(`onsets ${k} and ${k + 1}`); }
      if (kind === 'short-recording-last-undone' && n2 >= 2) {
        // The last doneAt that is set is an earlier step's: the recording must still reach it.
        r.actions[n2 - 1]!.doneAt = null;
        const last = r.actions[n2 - 2]!.doneAt ?? live.durationMs;
        live.durationMs = last - int(1, 300);
        details.push(`last step undone, durationMs ${live.durationMs}`);
      }
      if (kind === 'prompt-early' && r.actions[i]) { const d = int(50, 700); r.actions[i]!.promptAt -= d; details.push(`step ${i} by ${d}`); }
      if (kind === 'prompt-late-ok' && r.actions[i]) { const d = int(0, 400); r.actions[i]!.promptAt += d; details.push(`step ${i} later by ${d}`); }
      break;
    }
    case 'no-return': {
      const i = int(0, n2 - 1);
      const step = live.report.actions[i]!;
      const action = script.actions[i]!.action;
      const amp = options.amplitude!;
      const from = step.promptAt + options.reactionMs! + int(300, 700);
      const to = step.promptAt + script.actions[i]!.limitMs + (chance(0.5) ? 2000 : 0);
      for (const s of live.samples) {
        if (s.t < from || s.t > to) continue;
        if (action === 'turn-left') s.yaw = options.neutral!.yaw + amp;
        if (action === 'turn-right') s.yaw = options.neutral!.yaw - amp;
        if (action === 'look-up') s.pitch = options.neutral!.pitch - amp;
        if (action === 'nod') s.pitch = options.neutral!.pitch + amp;
        if (action === 'blink') s.blinkL = s.blinkR = 0.85;
        if (action === 'smile') s.smile = 0.8;
      }
      details.push(`step ${i} (${action}) held from ${from} to ${to}`);
      break;
    }
    case 'diagonal': {
      // A turn added on top of another movement, at the same frames: asked and wrong movement together.
      const i = int(0, n2 - 1);
      const step = live.report.actions[i]!;
      const start = step.promptAt + options.reactionMs!;
      const extra = pick([-1, 1]) * uniform(12, 30);
      for (const s of live.samples) {
        const phase = (s.t - start) / 1000;
        if (phase >= 0 && phase <= 1) s.yaw = s.yaw! + extra * Math.sin(Math.PI * phase);
      }
      details.push(`step ${i} (${script.actions[i]!.action}) with a yaw of ${extra.toFixed(1)} on top`);
      break;
    }
    case 'unsteady': {
      const end = stillEnd(live);
      const from = uniform(0, Math.max(0, end - 400));
      const width = uniform(50, 600);
      const d = pick([-1, 1]) * uniform(4, 25);
      const axis = pick(['yaw', 'pitch'] as const);
      for (const s of live.samples) if (s.t >= from && s.t < from + width) s[axis] = s[axis]! + d;
      details.push(`${axis} ${d.toFixed(1)}° from ${from.toFixed(0)} for ${width.toFixed(0)} ms (still phase ends ${end})`);
      break;
    }
    case 'even-still': {
      // An even number of still frames in two halves: README's median (the mean of the two middle
      // values) is between them, so neither half is more than steadyDeg from it; either middle value
      // alone would make the other half not-steady.
      const end = stillEnd(live);
      const still = live.samples.filter((s) => s.t < end);
      const keep = 2 * int(2, 4);
      const kept = new Set(Array.from({ length: keep }, (_, k) => Math.floor(((k + 0.5) * still.length) / keep)));
      const gap = uniform(1.1, 1.9) * thresholds.steadyDeg;
      const axis = pick(['yaw', 'pitch'] as const);
      let half = 0;
      still.forEach((s) => { if (!kept.has(still.indexOf(s))) noFace(s); else s[axis] = options.neutral![axis] + (half++ < keep / 2 ? -gap / 2 : gap / 2); });
      details.push(`${keep} still frames, ${axis} in two halves ${gap.toFixed(1)}° apart`);
      break;
    }
    case 'few-frames': {
      const end = stillEnd(live);
      const keep = int(0, 5);
      const still = live.samples.filter((s) => s.t < end);
      const kept = new Set(Array.from({ length: keep }, () => int(0, still.length - 1)));
      still.forEach((s, k) => { if (!kept.has(k)) noFace(s); });
      if (chance(0.3)) live.samples.filter((s) => s.t >= end && chance(0.5)).forEach((s) => (s.faces = 2));
      details.push(`${kept.size} face frames kept before ${end}`);
      break;
    }
    case 'faceless-rows': {
      const share = uniform(0.05, 0.6);
      live.samples.forEach((s) => { if (chance(share)) { if (chance(0.5)) noFace(s); else s.faces = 2; } });
      details.push(`about ${(share * 100).toFixed(0)} % rows with 0 or 2 faces`);
      break;
    }
    case 'signals':
    case 'signals-strict':
    case 'signals-lenient': {
      const label = pick(LABELS);
      live.signals.camera.label = label;
      details.push(`label "${label}"`, cameraVariant(live.signals.camera));
      live.signals.frameTiming = frameTimingVariant();
      details.push(`frameTiming ${JSON.stringify(live.signals.frameTiming)}`);
      live.signals.repeatShare = pick([null, 0, 0.1, 0.29, 0.3, 0.31, 0.6, 1]);
      details.push(`repeatShare ${live.signals.repeatShare}`);
      const frozen = pick([0, 0.5, 0.79, 0.8, 0.81, 0.95, 1]);
      if (frozen > 0) {
        const rows = live.samples.filter((s) => s.motion !== null);
        const still = Math.round(frozen * rows.length);
        rows.forEach((s, k) => (s.motion = k < still ? pick([0, 0.1, 0.19]) : pick([0.2, 1.4])));
        details.push(`motion < 0.2 in ${still}/${rows.length} rows`);
      }
      if (chance(0.3)) { live.samples.forEach((s) => (s.motion = null)); details.push('no motion values'); }
      if (category === 'signals-strict') { policy = Object.fromEntries(SIGNALS.map((s) => [s, 'fail'])) as SignalPolicy; details.push('every signal fails'); }
      else if (category === 'signals-lenient') { policy = Object.fromEntries(SIGNALS.map((s) => [s, 'flag'])) as SignalPolicy; details.push('every signal is a flag'); }
      else if (chance(0.7)) { policy = randomPolicy(); details.push(`policy ${JSON.stringify(policy)}`); }
      break;
    }
    case 'thresholds': {
      thresholds = randomThresholds();
      if (chance(0.3)) policy = randomPolicy();
      details.push(`thresholds ${JSON.stringify(Object.fromEntries(Object.entries(thresholds).filter(([k, v]) => (DEFAULT_LIVENESS_THRESHOLDS as Record<string, number>)[k] !== v)))}`);
      break;
    }
    default: break;
  }
  if (!category.startsWith('signals') && chance(0.15)) { policy = randomPolicy(); details.push(`policy ${JSON.stringify(policy)}`); }
  const steps = script.actions.map((a) => a.action).join(',');
  return { name: `#${index} ${category} ${script.path} [${steps}] ${details.join('; ')}`, category, script, live, thresholds, policy };
}

const MIX: [string, number][] = [
  ['cooperative', 70], ['reduced', 25], ['wrong-movement', 25], ['no-movement', 20], ['no-reflection', 15], ['late-reflection', 15],
  ['tampered-report', 90], ['no-return', 20], ['diagonal', 12], ['unsteady', 25], ['few-frames', 15], ['even-still', 10], ['faceless-rows', 12],
  ['signals', 60], ['signals-strict', 20], ['signals-lenient', 15], ['thresholds', 30],
];
const CASES: Case[] = [];
for (const [category, count] of MIX) for (let k = 0; k < count; k++) CASES.push(makeCase(CASES.length, category));

// ---- running both ----------------------------------------------------------------------------------
interface Outcome { level: string; codes: string[]; actions: string[]; signals: string[]; flags: string[] }

const ACTION_CODES = new Set(['action-missed', 'action-wrong', 'no-return']);
function summarise(d: { level: string; reasons: readonly { code: string; action?: string; signal?: string }[]; flags: readonly string[] }): Outcome {
  return {
    level: d.level,
    codes: [...new Set(d.reasons.map((r) => r.code))].sort(),
    actions: d.reasons.filter((r) => ACTION_CODES.has(r.code)).map((r) => `${r.code}:${r.action}`).sort(),
    signals: d.reasons.filter((r) => r.code === 'signal').map((r) => r.signal!).sort(),
    flags: [...d.flags].sort(),
  };
}

interface Run {
  project: Outcome;
  independent: Outcome;
  /** Where the two disagree (empty when they agree). */
  problems: string[];
  /** The colour check's numbers were compared (both sides had a score). */
  colourCompared: boolean;
}

type Independent = ReturnType<typeof decideIndependently>;
type Project = ReturnType<typeof decideLiveness>;

/** Best lags that differ only because two equal scores were computed with different rounding. */
const floatTies: string[] = [];

/** The project reports its colour numbers rounded to 3 decimals; the independent side must round to them. */
function colourProblems(project: Project, independent: Independent): string[] {
  const p = project.colour, i = independent.colour;
  if (!p || !i || i.score === null || i.bestReordering === null || i.bestLagMs === null) return [];
  const problems: string[] = [];
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 0.0005 + 1e-9;
  if (!close(p.correlation, i.score)) problems.push(`colour correlation ${p.correlation} vs ${i.score}`);
  if (!close(p.shuffledMax, i.bestReordering)) problems.push(`best reordering ${p.shuffledMax} vs ${i.bestReordering}`);
  if (p.lagMs !== i.bestLagMs) {
    // Two lags with the same frames give the same score up to rounding; either may then come out best.
    const atProjectLag = i.byLag.find((x) => x.lagMs === p.lagMs)?.score;
    const floatTie = atProjectLag != null && Math.abs(atProjectLag - i.score) <= 1e-12 * Math.max(1, Math.abs(i.score));
    if (floatTie) floatTies.push(`${p.lagMs} vs ${i.bestLagMs}`);
    else problems.push(`best lag ${p.lagMs} vs ${i.bestLagMs}`);
  }
  if (p.frames !== i.frames) problems.push(`colour frames ${p.frames} vs ${i.frames}`);
  return problems;
}

function runBoth(c: Case): Run {
  const trace = buildTrace(c.live.samples);
  const project = decideLiveness({
    script: c.script, report: c.live.report, frames: framesOfTrace(trace), signals: c.live.signals,
    durationMs: c.live.durationMs, thresholds: c.thresholds, policy: c.policy,
  });
  // The independent side gets the very same data as plain JSON, the way it would travel.
  const input = JSON.parse(JSON.stringify({
    script: c.script, report: c.live.report, trace, durationMs: c.live.durationMs, signals: c.live.signals, thresholds: c.thresholds, policy: c.policy,
  })) as IndependentLivenessInput;
  const projectOutcome = summarise(project);
  const problemsOf = (d: Independent): string[] => {
    const o = summarise(d);
    return [...(JSON.stringify(o) === JSON.stringify(projectOutcome) ? [] : [`outcome ${JSON.stringify(o)} vs ${JSON.stringify(projectOutcome)}`]), ...colourProblems(project, d)];
  };
  const independent = decideIndependently(input);
  const colourCompared = !!(project.colour && independent.colour && independent.colour.score !== null && independent.colour.bestReordering !== null);
  return { project: projectOutcome, independent: summarise(independent), problems: problemsOf(independent), colourCompared };
}

const results = CASES.map((c) => ({ c, ...runBoth(c) }));

describe('README "Liveness decision" implemented twice: the project and test/interop/independent-liveness.ts', () => {
  test('the project defaults are README\'s "Liveness thresholds" table and "Injection signals" default column', () => {
    assert.deepEqual({ ...DEFAULT_LIVENESS_THRESHOLDS }, README_THRESHOLDS);
    assert.deepEqual({ ...DEFAULT_SIGNAL_POLICY }, README_POLICY);
  });

  test(`at least 300 seeded cases are generated (${CASES.length})`, () => {
    assert.ok(CASES.length >= 300);
  });

  for (const { c, problems } of results) {
    test(`${c.name}: both give the same level, reason codes (with actions and signals), flags and colour scores (to 3 decimals)`, () => {
      assert.deepEqual(problems, []);
    });
  }

  test('the colour scores were compared on most standard-path cases', () => {
    const compared = results.filter((r) => r.colourCompared).length;
    const standard = results.filter((r) => r.c.script.path === 'standard').length;
    assert.ok(compared >= 0.8 * standard, `${compared} of ${standard}`);
  });

  test('equal scores at two lags were told apart by float rounding in only a few cases', () => {
    console.log(JSON.stringify({ bestLagFloatTies: floatTies.length }));
    assert.ok(floatTies.length <= 0.05 * results.length, floatTies.join(', '));
  });

  test('the case mix exercises every level, every reason code, every signal as a reason and as a flag', () => {
    const count = (f: (o: Outcome) => boolean): number => results.filter((r) => f(r.project)).length;
    const levels = Object.fromEntries(['passed', 'passed-lower-assurance', 'failed'].map((l) => [l, count((o) => o.level === l)]));
    const codes = Object.fromEntries(['report-mismatch', 'colour-timing', 'action-timing', 'trace-unusable', 'not-steady', 'colour-no-response',
      'action-missed', 'action-wrong', 'no-return', 'signal', 'reduced-path'].map((code) => [code, count((o) => o.codes.includes(code))]));
    const asReason = Object.fromEntries(SIGNALS.map((s) => [s, count((o) => o.signals.includes(s))]));
    const asFlag = Object.fromEntries(SIGNALS.map((s) => [s, count((o) => o.flags.includes(s))]));
    const actions = Object.fromEntries(ACTIONS.map((a) => [a, count((o) => o.actions.some((x) => x.endsWith(`:${a}`)))]));
    const only = Object.fromEntries(Object.keys(codes).map((code) => [code, count((o) => o.codes.length === 1 && o.codes[0] === code)]));
    const table = { levels, codes, onlyReason: only, signalAsReason: asReason, signalAsFlag: asFlag, failedActions: actions };
    console.log(JSON.stringify(table));
    for (const [name, group] of Object.entries({ levels, codes, asReason, asFlag, actions })) {
      for (const [key, n] of Object.entries(group)) assert.ok(n >= 3, `${name} ${key} occurs only ${n} times`);
    }
    // Each step-1/2/3 code also occurs alone, so a code is not only ever seen riding on another one.
    for (const code of ['report-mismatch', 'colour-timing', 'action-timing', 'not-steady', 'colour-no-response', 'action-missed', 'action-wrong', 'no-return', 'signal']) {
      assert.ok(only[code]! >= 1, `${code} never occurs as the only reason`);
    }
  });
});
