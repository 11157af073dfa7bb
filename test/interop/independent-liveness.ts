/**
 * A second implementation of README "Liveness decision" (with "Trace", "Liveness script", "Liveness
 * report", "Injection signals" and "Liveness thresholds"), written from the README alone. It imports
 * NOTHING from src/ (not even its types) and reads the trace by its field names, as a backend in
 * another language would: if the project and this file disagree, README is either ambiguous or not
 * followed. Where README leaves a choice open, the choice made here is marked "README:" below.
 *
 * An earlier version of this file found six points where README was silent or the project departed
 * from it (a missing `coloursEndAt`, onsets of the wrong count or not numbers, a still phase of one
 * or two frames, the timing of a misnamed prompt, capability shapes); README now states each, and
 * this file follows its words. Where README still leaves a choice open, the choice made here is
 * marked "README:" below.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Level = 'passed' | 'passed-lower-assurance' | 'failed';
export type Policy = 'fail' | 'flag' | 'ignore';
export const SIGNALS = ['virtual-camera', 'settings-inconsistent', 'frame-timing', 'frozen-picture', 'looping-picture', 'reflection-latency'] as const;
export type SignalName = (typeof SIGNALS)[number];

/** README "Liveness thresholds", by the names README gives them. */
export interface Thresholds {
  turnDeg: number; lookUpDeg: number; nodDeg: number; returnDeg: number;
  blinkClosed: number; blinkOpen: number; smileOn: number; smileOff: number;
  steadyDeg: number; colourMinFrames: number; colourMinCorrelation: number; colourMinLead: number;
  colourMaxLagMs: number; colourTimingToleranceMs: number; promptToleranceMs: number;
}

export const README_THRESHOLDS: Thresholds = {
  turnDeg: 12, lookUpDeg: 10, nodDeg: 10, returnDeg: 8, blinkClosed: 0.5, blinkOpen: 0.3, smileOn: 0.5, smileOff: 0.3,
  steadyDeg: 10, colourMinFrames: 12, colourMinCorrelation: 0.5, colourMinLead: 0.1, colourMaxLagMs: 400,
  colourTimingToleranceMs: 200, promptToleranceMs: 400,
};

/** README "Injection signals", column "default". */
export const README_POLICY: Record<SignalName, Policy> = {
  'virtual-camera': 'fail', 'settings-inconsistent': 'flag', 'frame-timing': 'flag',
  'frozen-picture': 'fail', 'looping-picture': 'flag', 'reflection-latency': 'flag',
};

/**
 * The input, all plain JSON, each member exactly as README's formats give it:
 * - `script`: the challenge's `liveness` claim `{ v, path, leadMs, colours: [{ rgb, ms }], actions: [{ action, limitMs }], tailMs }`;
 * - `report`: the evidence's `liveness` member `{ path, colourOnsets, coloursEndAt, actions: [{ action, promptAt, doneAt }] }`;
 * - `trace`: the evidence's `trace` `{ v, fields, rows }` (read by field name; unknown fields ignored);
 * - `durationMs`: the attestation's `capture.durationMs`;
 * - `signals`: the evidence's `signals` member `{ camera: { label, settings, capabilities }, frameTiming, repeatShare }`;
 * - `thresholds`: optional overrides of README "Liveness thresholds";
 * - `policy`: optional overrides of the signal policy `{ [signal]: 'fail' | 'flag' | 'ignore' }`.
 */
export interface IndependentLivenessInput {
  script: { path: string; leadMs: number; tailMs: number; colours: { rgb: number[]; ms: number }[]; actions: { action: string; limitMs: number }[] };
  report: { path: string; colourOnsets: (number | null)[]; coloursEndAt: number | null; actions: { action: string; promptAt: number; doneAt: number | null }[] };
  trace: { fields: string[]; rows: (number | null)[][] };
  durationMs: number;
  signals: {
    camera: { label: string; settings: Record<string, Json>; capabilities: Record<string, Json> | null };
    frameTiming: { intervals: number; meanMs: number; sdMs: number } | null;
    repeatShare: number | null;
  };
  thresholds?: Partial<Thresholds>;
  policy?: Partial<Record<SignalName, Policy>>;
}

export interface IndependentReason { code: string; message: string; step?: number; action?: string; signal?: SignalName }
export interface IndependentDecision {
  level: Level;
  reasons: IndependentReason[];
  /** Signals whose policy is `flag`, in README's table order. */
  flags: SignalName[];
  /** Every signal that triggered, whatever its policy ("`ignore` only records it"). */
  triggered: SignalName[];
  /** Step 3's numbers: S(identity), the best reordering's S, the lag of S(identity), the frames counted, and the identity score at each lag searched. */
  colour: { score: number | null; bestReordering: number | null; bestLagMs: number | null; frames: number; byLag: { lagMs: number; score: number | null }[] } | null;
}

interface Row { t: number; faces: number | null; yaw: number | null; pitch: number | null; blinkL: number | null; blinkR: number | null; smile: number | null; skin: [number, number, number] | null; motion: number | null }
/** A README "frame": a row with one face and a yaw and pitch. */
interface Frame extends Row { yaw: number; pitch: number }

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readRows(trace: IndependentLivenessInput['trace']): Row[] {
  const at = (name: string): number => trace.fields.indexOf(name);
  const [it, iFaces, iYaw, iPitch, iBl, iBr, iSmile, iR, iG, iB, iMotion] =
    ['t', 'faces', 'yaw', 'pitch', 'blinkL', 'blinkR', 'smile', 'skinR', 'skinG', 'skinB', 'motion'].map(at) as number[];
  const get = (row: (number | null)[], i: number): number | null => (i < 0 ? null : num(row[i]));
  return trace.rows.map((row) => {
    const r = get(row, iR!), g = get(row, iG!), b = get(row, iB!);
    return {
      t: get(row, it!) ?? NaN, faces: get(row, iFaces!), yaw: get(row, iYaw!), pitch: get(row, iPitch!),
      blinkL: get(row, iBl!), blinkR: get(row, iBr!), smile: get(row, iSmile!),
      skin: r !== null && g !== null && b !== null ? [r, g, b] : null, motion: get(row, iMotion!),
    };
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  // README: "median" of an even count is taken as the mean of the two middle values.
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Pearson correlation; null when either side has zero variance. */
function pearson(a: number[], b: number[]): number | null {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return sab / Math.sqrt(saa * sbb);
}

/** y minus its least-squares line over x. */
function detrend(x: number[], y: number[]): number[] {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i]! - mx) * (y[i]! - my); sxx += (x[i]! - mx) ** 2; }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return y.map((v, i) => v - (my + slope * (x[i]! - mx)));
}

/** The reorderings of README step 3: n−1 rotations, then the kept xorshift32 Fisher–Yates shuffles. */
function reorderings(n: number): number[][] {
  const out: number[][] = [];
  for (let r = 1; r < n; r++) out.push(Array.from({ length: n }, (_, k) => (k + r) % n));
  let x = 0x9e3779b9 >>> 0;
  const u = (): number => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
  // README: "40 shuffles … keeping only shuffles with at most two fixed points" is read as: draw 40
  // shuffles, each of the identity, from one xorshift32 stream, and drop those with > 2 fixed points.
  for (let s = 0; s < 40; s++) {
    const p = Array.from({ length: n }, (_, k) => k);
    for (let i = n - 1; i >= 1; i--) {
      const j = Math.floor(u() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    if (p.filter((v, k) => v === k).length <= 2) out.push(p);
  }
  return out;
}

/** Step 3, with onsets already known to be one finite number per colour, and E. */
function colourCheck(input: IndependentLivenessInput, rows: Row[], th: Thresholds, end: number) {
  const { colours } = input.script;
  const n = colours.length;
  const onsets = input.report.colourOnsets as number[];
  const onset0 = onsets[0]!;
  const skinFrames = rows.filter((r): r is Row & { skin: [number, number, number] } => r.faces === 1 && r.skin !== null && Number.isFinite(r.t));
  const counted = skinFrames.filter((r) => onset0 <= r.t && r.t <= end).length;
  const lags: number[] = [];
  for (let L = 0; L <= th.colourMaxLagMs; L += 33) lags.push(L);

  const score = (sigma: number[], L: number): number | null => {
    const ts: number[] = [], stim: number[][] = [[], [], []], skin: number[][] = [[], [], []];
    for (const f of skinFrames) {
      const s = f.t - L;
      if (!(onset0 <= s && s < end)) continue;
      // README: "the last onset ≤ t − L" is read as the one of highest index (onsets out of order are
      // already colour-timing, but the score is still reported).
      let k = -1;
      for (let i = 0; i < onsets.length; i++) if (onsets[i]! <= s) k = i;
      if (k < 0) continue;
      const rgb = colours[sigma[k]!]!.rgb;
      ts.push(f.t);
      for (let c = 0; c < 3; c++) { stim[c]!.push(rgb[c]!); skin[c]!.push(f.skin[c]); }
    }
    if (ts.length < 3) return null;
    const rs: number[] = [];
    for (let c = 0; c < 3; c++) {
      const r = pearson(stim[c]!, detrend(ts, skin[c]!));
      if (r !== null) rs.push(r);
    }
    return rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : null;
  };
  const best = (sigma: number[]): { s: number | null; lag: number | null } => {
    let s: number | null = null, lag: number | null = null;
    for (const L of lags) {
      const v = score(sigma, L);
      // README: S(σ) is "the best score over L" and does not say which lag a tie keeps; here (and for
      // reflection-latency's "best lag") the first, smallest one.
      if (v !== null && (s === null || v > s)) { s = v; lag = L; }
    }
    return { s, lag };
  };
  const identityOrder = Array.from({ length: n }, (_, k) => k);
  const identity = best(identityOrder);
  const byLag = lags.map((L) => ({ lagMs: L, score: score(identityOrder, L) }));
  let bestOther: number | null = null;
  for (const p of reorderings(n)) {
    const v = best(p).s;
    if (v !== null && (bestOther === null || v > bestOther)) bestOther = v;
  }
  const passed = counted >= th.colourMinFrames && identity.s !== null && identity.s >= th.colourMinCorrelation &&
    identity.s >= (bestOther ?? -Infinity) + th.colourMinLead;
  return { passed, score: identity.s, bestReordering: bestOther, bestLagMs: identity.lag, frames: counted, byLag };
}

type Detector = 'waiting' | 'reached' | 'done' | 'wrong';

function judgeAction(action: string, frames: Frame[], neutral: { yaw: number; pitch: number; smile: number }, th: Thresholds): { state: Detector; saw?: string } {
  const dy = (f: Frame) => f.yaw - neutral.yaw;
  const dp = (f: Frame) => f.pitch - neutral.pitch;
  const moved: Record<string, (f: Frame) => boolean> = {
    'turn-left': (f) => dy(f) >= th.turnDeg,
    'turn-right': (f) => -dy(f) >= th.turnDeg,
    'look-up': (f) => -dp(f) >= th.lookUpDeg,
    nod: (f) => dp(f) >= th.nodDeg,
    blink: (f) => f.blinkL !== null && f.blinkR !== null && Math.min(f.blinkL, f.blinkR) >= th.blinkClosed,
    smile: (f) => f.smile !== null && f.smile >= th.smileOn,
  };
  const atRest = (f: Frame): boolean => {
    switch (action) {
      case 'turn-left': case 'turn-right': return Math.abs(dy(f)) <= th.returnDeg;
      case 'look-up': case 'nod': return Math.abs(dp(f)) <= th.returnDeg;
      case 'blink': return f.blinkL !== null && f.blinkR !== null && Math.max(f.blinkL, f.blinkR) <= th.blinkOpen;
      case 'smile': return f.smile !== null && f.smile <= Math.max(th.smileOff, neutral.smile);
      default: return false;
    }
  };
  const wrongOnes: Record<string, string[]> = {
    'turn-left': ['turn-right'], 'turn-right': ['turn-left'],
    'look-up': ['nod', 'turn-left', 'turn-right'], nod: ['look-up', 'turn-left', 'turn-right'],
    blink: ['turn-left', 'turn-right', 'look-up', 'nod'], smile: ['turn-left', 'turn-right', 'look-up', 'nod'],
  };
  const reached = moved[action];
  if (!reached) return { state: 'waiting' };
  const needsRest = action === 'blink' || action === 'smile';
  let seenRest = false;
  let state: Detector = 'waiting';
  for (const f of frames) {
    if (state === 'waiting') {
      // README: a frame with both the asked and a wrong movement (a diagonal) is read as wrong:
      // "while waiting, a wrong movement ends it".
      const wrong = wrongOnes[action]!.find((w) => moved[w]!(f));
      if (wrong) return { state: 'wrong', saw: wrong };
      if ((!needsRest || seenRest) && reached(f)) { state = 'reached'; continue; }
      if (needsRest && atRest(f)) seenRest = true;
    } else if (state === 'reached') {
      if (atRest(f) && Math.abs(dy(f)) <= th.returnDeg && Math.abs(dp(f)) <= th.returnDeg) return { state: 'done' };
    }
  }
  return { state };
}

function settingsInconsistent(camera: IndependentLivenessInput['signals']['camera']): boolean {
  const caps = camera.capabilities;
  if (caps === null || caps === undefined) return false;
  const settings = camera.settings ?? {};
  for (const key of ['width', 'height', 'frameRate', 'aspectRatio']) {
    const v = settings[key];
    if (typeof v !== 'number') continue;
    const range = caps[key];
    // README: "its capability is not a JSON object (missing, null or an array)".
    if (range === undefined || range === null || typeof range !== 'object' || Array.isArray(range)) return true;
    const { min, max } = range as { min?: Json; max?: Json };
    if (typeof min === 'number' && v < min - 1e-6) return true;
    if (typeof max === 'number' && v > max + 1e-6) return true;
  }
  for (const key of ['facingMode', 'resizeMode']) {
    const v = settings[key];
    if (typeof v !== 'string') continue;
    const list = caps[key];
    if (Array.isArray(list) && list.length > 0 && !list.includes(v)) return true;
  }
  return false;
}

const VIRTUAL = /virtual|\bobs\b|manycam|droidcam|v4l2.?loopback|dummy video|snap camera|xsplit|\bndi\b|camtwist|vcam|e2esoft|iriun|epoccam|mmhmm|\bcamo\b|splitcam|youcam|chromacam|fake_device|fake device/i;

/** README "Liveness decision", steps 1–5 and the level. */
export function decideIndependently(input: IndependentLivenessInput): IndependentDecision {
  const th: Thresholds = { ...README_THRESHOLDS, ...input.thresholds };
  const policy: Record<SignalName, Policy> = { ...README_POLICY, ...input.policy };
  const { script, report } = input;
  const tol = th.colourTimingToleranceMs;
  const reasons: IndependentReason[] = [];
  const add = (code: string, message: string, extra: Partial<IndependentReason> = {}): void => { reasons.push({ code, message, ...extra }); };
  const reduced = script.path === 'reduced';

  // 1. Report against script.
  const prompts = report.actions ?? [];
  const onsets = report.colourOnsets ?? [];
  const onsetsWellFormed = onsets.length === script.colours.length && onsets.every((o) => num(o) !== null);
  if (report.path !== script.path) {
    add('report-mismatch', `report path ${report.path} ≠ script path ${script.path}`);
  } else {
    if (!onsetsWellFormed) add('report-mismatch', `${onsets.length} onsets for ${script.colours.length} colours`);
    if (reduced && report.coloursEndAt !== null) add('report-mismatch', `coloursEndAt ${report.coloursEndAt} on the reduced path`);
    if (onsetsWellFormed && !reduced) {
      const o = onsets as number[];
      if (o[0]! < script.leadMs - tol) add('colour-timing', `first onset ${o[0]} before leadMs`);
      for (let i = 1; i < o.length; i++) {
        if (Math.abs(o[i]! - (o[i - 1]! + script.colours[i - 1]!.ms)) > tol) add('colour-timing', `onset ${i} off schedule`);
      }
      const last = o[o.length - 1]! + script.colours[o.length - 1]!.ms;
      const end = num(report.coloursEndAt);
      if (end === null || Math.abs(end - last) > tol) add('colour-timing', `coloursEndAt ${report.coloursEndAt} ≠ ${last}`);
    }
  }
  // README's E.
  const E = num(report.coloursEndAt) ?? script.leadMs + script.colours.reduce((sum, c) => sum + c.ms, 0);
  const named = (i: number): boolean => prompts[i]?.action === script.actions[i]?.action;
  if (report.path === script.path) {
    if (prompts.length > script.actions.length) add('report-mismatch', `${prompts.length} prompts for ${script.actions.length} actions`);
    let lastDone: number | null = null;
    for (let i = 0; i < Math.min(prompts.length, script.actions.length); i++) {
      const p = prompts[i]!, step = script.actions[i]!;
      if (!named(i)) add('report-mismatch', `prompt ${i} names ${p.action}, step is ${step.action}`, { step: i, action: step.action });
      const done = num(p.doneAt);
      if (done !== null) lastDone = done;
      const prev = prompts[i - 1];
      const after = i === 0 ? (reduced ? script.leadMs : E) : (num(prev!.doneAt) ?? prev!.promptAt + script.actions[i - 1]!.limitMs);
      if (p.promptAt < after - tol) add('action-timing', `prompt ${i} at ${p.promptAt} before ${after}`, { step: i, action: step.action });
      if (done !== null && (done < p.promptAt || done > p.promptAt + step.limitMs)) add('action-timing', `step ${i} done at ${done} outside its window`, { step: i, action: step.action });
    }
    if (lastDone !== null && input.durationMs < lastDone) add('action-timing', `recording of ${input.durationMs} ms ends before the last doneAt ${lastDone}`);
  }

  // 2. Neutral pose and stillness.
  const rows = readRows(input.trace);
  const frames = rows.filter((r): r is Frame => r.faces === 1 && r.yaw !== null && r.pitch !== null && Number.isFinite(r.t));
  const stillEnd = reduced ? (prompts[0] ? prompts[0].promptAt : script.leadMs) : E;
  const still = frames.filter((f) => 0 <= f.t && f.t < stillEnd);
  let neutral: { yaw: number; pitch: number; smile: number } | null = null;
  if (still.length < 3) {
    add('trace-unusable', `${still.length} frames in the still phase`);
  } else {
    neutral = { yaw: median(still.map((f) => f.yaw))!, pitch: median(still.map((f) => f.pitch))!, smile: median(still.flatMap((f) => (f.smile === null ? [] : [f.smile]))) ?? 0 };
    if (still.some((f) => Math.abs(f.yaw - neutral!.yaw) > th.steadyDeg || Math.abs(f.pitch - neutral!.pitch) > th.steadyDeg)) add('not-steady', 'the head moved in the still phase');
  }

  // 3. Colour response.
  let colour: IndependentDecision['colour'] = null;
  if (!reduced && onsetsWellFormed) {
    const c = colourCheck(input, rows, th, E);
    colour = { score: c.score, bestReordering: c.bestReordering, bestLagMs: c.bestLagMs, frames: c.frames, byLag: c.byLag };
    if (!c.passed) add('colour-no-response', `S=${c.score} best reordering ${c.bestReordering} frames ${c.frames}`);
  }

  // 4. Actions: only with a neutral pose.
  if (neutral) {
    script.actions.forEach((step, i) => {
      const p = prompts[i];
      // README: "a step never prompted is action-missed" — a prompt that named another action (already
      // report-mismatch) did not prompt this step's action, so the step was never prompted.
      if (!p || !named(i)) { add('action-missed', `step ${i} (${step.action}) was never prompted`, { step: i, action: step.action }); return; }
      const next = prompts[i + 1];
      const until = Math.min(p.promptAt + step.limitMs, next ? next.promptAt + th.promptToleranceMs : Infinity);
      const result = judgeAction(step.action, frames.filter((f) => p.promptAt <= f.t && f.t <= until), neutral!, th);
      if (result.state === 'waiting') add('action-missed', `${step.action} not seen`, { step: i, action: step.action });
      if (result.state === 'reached') add('no-return', `${step.action} did not come back`, { step: i, action: step.action });
      if (result.state === 'wrong') add('action-wrong', `saw ${result.saw} for ${step.action}`, { step: i, action: step.action });
    });
  }

  // 5. Signals.
  const triggered: SignalName[] = [];
  if (VIRTUAL.test(input.signals.camera.label ?? '')) triggered.push('virtual-camera');
  if (settingsInconsistent(input.signals.camera)) triggered.push('settings-inconsistent');
  const ft = input.signals.frameTiming;
  if (ft && ft.intervals >= 30 && (ft.sdMs < 0.05 || ft.sdMs > ft.meanMs)) triggered.push('frame-timing');
  const motions = rows.flatMap((r) => (r.motion === null ? [] : [r.motion]));
  // README: with no row that has a motion value there is nothing to call frozen. "At least 80 %" is
  // compared in whole numbers (5·count ≥ 4·rows), so exactly 80 % counts whatever the rounding.
  if (motions.length > 0 && 5 * motions.filter((m) => m < 0.2).length >= 4 * motions.length) triggered.push('frozen-picture');
  const rs = input.signals.repeatShare;
  if (typeof rs === 'number' && rs >= 0.3) triggered.push('looping-picture');
  if (colour && colour.bestLagMs !== null && colour.bestLagMs >= th.colourMaxLagMs - 33) triggered.push('reflection-latency');
  const flags: SignalName[] = [];
  for (const s of triggered) {
    if (policy[s] === 'fail') add('signal', `${s} (policy fail)`, { signal: s });
    else if (policy[s] === 'flag') flags.push(s);
  }

  // The level.
  let level: Level = 'passed';
  if (reasons.length > 0) level = 'failed';
  else if (script.path === 'reduced') { level = 'passed-lower-assurance'; add('reduced-path', 'the reduced path'); }
  return { level, reasons, flags, triggered, colour };
}
